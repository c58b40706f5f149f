/**
 * Short notices (the grid's `onNotice`, refused changes, errors). Announced to screen readers;
 * each closes by itself after a while or with its button. At most two are on screen at once;
 * the others wait their turn (none is dropped), and a notice's time starts when it shows. On the
 * plan page they lie over its header line, never over the table's cells (styles.css).
 */
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/strings.ts';

export type ToastKind = 'info' | 'error';

interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
  showMs: number;
  /** Its timer runs (it is on screen). */
  timed: boolean;
}

const SHOW_MS = 6000;
/** Notices on screen at once. */
export const TOASTS_SHOWN = 2;
/** Every notice not yet closed, oldest first; the first TOASTS_SHOWN are on screen. */
let queue: Toast[] = [];
let shown: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const item of queue.slice(0, TOASTS_SHOWN)) {
    if (item.timed) continue;
    item.timed = true;
    setTimeout(() => toastDismiss(item.id), item.showMs);
  }
  shown = queue.slice(0, TOASTS_SHOWN);
  for (const cb of listeners) cb();
}

/** Shows a notice (errors twice as long); a message already shown or waiting is not repeated. */
export function toast(message: string, kind: ToastKind = 'info', showMs = SHOW_MS): void {
  if (queue.some((item) => item.message === message)) return;
  queue = [...queue, { id: nextId++, message, kind, showMs: kind === 'error' ? showMs * 2 : showMs, timed: false }];
  emit();
}

/** The notices on screen now, oldest first. */
export function toastsShown(): ReadonlyArray<{ id: number; message: string; kind: ToastKind }> {
  return shown;
}

/** Closes a notice; the next one waiting shows. */
export function toastDismiss(id: number): void {
  if (!queue.some((item) => item.id === id)) return;
  queue = queue.filter((item) => item.id !== id);
  emit();
}

export function Toasts() {
  const t = useT();
  const items = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => shown,
  );
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {items.map((item) => (
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
