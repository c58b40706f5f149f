/**
 * Short notices at the bottom of the screen (the grid's `onNotice`, refused changes, errors).
 * Announced to screen readers; each closes by itself after a while or with its button.
 */
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/strings.ts';

export type ToastKind = 'info' | 'error';

interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

const SHOW_MS = 6000;
const MAX_SHOWN = 4;
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(next: readonly Toast[]): void {
  toasts = next;
  for (const cb of listeners) cb();
}

/** Shows a notice; the same message shown twice in a row is not repeated. */
export function toast(message: string, kind: ToastKind = 'info', showMs = SHOW_MS): void {
  const last = toasts[toasts.length - 1];
  if (last && last.message === message) return;
  const id = nextId++;
  emit([...toasts, { id, message, kind }].slice(-MAX_SHOWN));
  setTimeout(() => toastDismiss(id), kind === 'error' ? showMs * 2 : showMs);
}

export function toastDismiss(id: number): void {
  if (toasts.some((t) => t.id === id)) emit(toasts.filter((t) => t.id !== id));
}

export function Toasts() {
  const t = useT();
  const shown = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => toasts,
  );
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {shown.map((item) => (
        <div key={item.id} className={`toast toast-${item.kind}`}>
          <span className="toast-message">{item.message}</span>
          <button type="button" className="toast-close" aria-label={t('app.toast.close')} onClick={() => toastDismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
