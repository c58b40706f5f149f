/**
 * The grid's small pop-ups: a menu of actions (context menu, column menu, "add column") and a
 * one-field form (rename a column, name a new one). Fixed at a screen point, closed by Esc or a
 * click elsewhere; the menu is keyboard-operable (arrows, Enter, Esc) as a WAI-ARIA menu.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why it is disabled (or a hint). */
  title?: string;
  danger?: boolean;
  /** Draws a separator above the item. */
  separated?: boolean;
}

function useDismiss(ref: React.RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [ref, onClose]);
}

/** Keeps a pop-up inside the window. */
function useFit(ref: React.RefObject<HTMLElement | null>, x: number, y: number): { left: number; top: number } {
  const [pos, setPos] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(x, window.innerWidth - r.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - r.height - 4)),
    });
  }, [ref, x, y]);
  return pos;
}

export function GridMenu({ x, y, label, items, onClose }: { x: number; y: number; label: string; items: readonly MenuItem[]; onClose: () => void }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, onClose);
  const pos = useFit(ref, x, y);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (at + 1) % buttons.length;
    else if (e.key === 'ArrowUp') next = (at - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else if (e.key === 'Tab') {
      e.preventDefault();
      onClose();
      return;
    }
    if (next >= 0) {
      e.preventDefault();
      buttons[next]?.focus();
    }
  };
  return (
    <div ref={ref} className="pg-menu" role="menu" aria-label={label} style={{ left: pos.left, top: pos.top }} onKeyDown={onKeyDown}>
      {items.map((item, i) => (
        <button
          key={i}
          type="button"
          role="menuitem"
          className={`pg-menu-item${item.danger ? ' pg-menu-item--danger' : ''}${item.separated ? ' pg-menu-item--sep' : ''}`}
          disabled={item.disabled}
          title={item.title}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

export function GridPrompt({
  x,
  y,
  label,
  initial,
  saveLabel,
  cancelLabel,
  onSave,
  onClose,
}: {
  x: number;
  y: number;
  label: string;
  initial: string;
  saveLabel: string;
  cancelLabel: string;
  onSave: (value: string) => void;
  onClose: () => void;
}): ReactNode {
  const ref = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState(initial);
  useDismiss(ref, onClose);
  const pos = useFit(ref, x, y);
  return (
    <form
      ref={ref}
      className="pg-menu pg-prompt"
      style={{ left: pos.left, top: pos.top }}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) {
          onClose();
          onSave(value.trim());
        }
      }}
    >
      <label className="pg-prompt-label">
        {label}
        <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="pg-prompt-actions">
        <button type="submit" disabled={!value.trim()}>
          {saveLabel}
        </button>
        <button type="button" onClick={onClose}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
