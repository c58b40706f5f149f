/**
 * Pointer helpers of the grid: which cell an element belongs to (rows and cells carry their
 * visible indices in data attributes) and a drag that follows the pointer until it is released.
 */
import type { CellPos } from './selection.ts';

/** The cell (or the row-number gutter) under an element, from the data attributes of the rows. */
export function gridCellAt(target: EventTarget | null): { pos: CellPos; gutter: boolean } | null {
  if (!(target instanceof Element)) return null;
  const rowEl = target.closest<HTMLElement>('[data-row]');
  if (!rowEl) return null;
  const row = Number(rowEl.dataset.row);
  if (target.closest('[data-gutter]')) return { pos: { row, col: 0 }, gutter: true };
  const cellEl = target.closest<HTMLElement>('[data-col]');
  if (!cellEl) return null;
  return { pos: { row, col: Number(cellEl.dataset.col) }, gutter: false };
}

/** Follows the pointer over the window until the button is released. */
export function pointerDrag(onMove: (e: PointerEvent) => void, onUp: (e: PointerEvent) => void): void {
  const move = (e: PointerEvent): void => onMove(e);
  const up = (e: PointerEvent): void => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', up);
    onUp(e);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
  window.addEventListener('pointercancel', up);
}

/** Scrolls a container when the pointer is near its top (below `inset`) or bottom edge. */
export function pointerAutoScroll(el: HTMLElement, clientY: number, inset: number): void {
  const r = el.getBoundingClientRect();
  if (clientY < r.top + inset + 24) el.scrollTop -= 24;
  else if (clientY > r.bottom - 24) el.scrollTop += 24;
}
