/**
 * Where columns are on screen: the row-number gutter, then each data column at its stored width
 * (millimetres of the A4 page, ~4 px each), so what the clerk sees has the proportions of the
 * printed appendix. Also the scroll arithmetic that keeps the active cell in view.
 */
import { columnPx } from './row-ops.ts';

/** The narrowest row-number gutter (it also holds the drag handle). */
export const GUTTER_MIN_PX = 52;

export interface GridLayout {
  /** Width of the row-number gutter. */
  gutter: number;
  /** Width of each data column. */
  widths: number[];
  /** Left edge of each data column, from the row's left edge (gutter included). */
  lefts: number[];
  /** Width of a whole row. */
  total: number;
}

/** Lays columns out; `override` is a column being resized (its width follows the mouse). */
export function gridLayout(
  columns: ReadonlyArray<{ field: string; width: number }>,
  numberWidthMm: number,
  override: { field: string; px: number } | null = null,
): GridLayout {
  const gutter = Math.max(GUTTER_MIN_PX, columnPx(numberWidthMm));
  const widths = columns.map((c) => (override && override.field === c.field ? override.px : columnPx(c.width)));
  const lefts: number[] = [];
  let x = gutter;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  return { gutter, widths, lefts, total: x };
}

/**
 * The scroll offset that brings [start, end) into a viewport of `size` starting at `offset`,
 * where the first `inset` pixels are covered (a sticky header or gutter); `offset` itself when
 * it is already in view. A span larger than the viewport is aligned at its start.
 */
export function scrollToShow(offset: number, size: number, inset: number, start: number, end: number): number {
  const visibleStart = offset + inset;
  const visibleEnd = offset + size;
  if (start < visibleStart) return Math.max(0, start - inset);
  if (end > visibleEnd) return Math.max(0, Math.min(start - inset, end - size));
  return offset;
}
