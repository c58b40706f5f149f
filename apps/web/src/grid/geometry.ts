/**
 * Where columns are on screen and how tall rows are. Columns keep the proportions of their
 * stored widths (millimetres of the A4 page, so what the clerk sees looks like the printed
 * appendix) but share the grid's width: the table fills the window and is never wider than it,
 * except when every column is already at its narrowest. A cell shows at most
 * `CELL_CLAMP_LINES` lines; the typography here is the one grid.css draws with (as CSS
 * variables, `gridCssVars`), so a row's estimated height is what is drawn. Also the scroll
 * arithmetic that keeps the active cell in view.
 */
import { COLUMN_MIN_MM, columnMm, columnPx } from './row-ops.ts';

/** The narrowest row-number gutter (it also holds the drag handle). */
export const GUTTER_MIN_PX = 52;
/** No column is drawn narrower than this: a date like «Quý I–IV/2026» or a word still fits. */
export const COLUMN_MIN_PX = 76;

/** A cell's font size, line height and padding, in pixels (grid.css reads them as variables). */
export const CELL_FONT_PX = 13;
export const CELL_LINE_PX = 18;
export const CELL_PAD_Y_PX = 3;
export const CELL_PAD_X_PX = 6;
/** Lines a cell shows before it is cut with «…»; the whole text shows on focus and on hover. */
export const CELL_CLAMP_LINES = 3;
/** A row's bottom border (the cells', drawn inside their height). */
const ROW_BORDER_PX = 1;
/** Average width of a character of Vietnamese text at CELL_FONT_PX, for estimates only. */
const CHAR_PX = 6.6;

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

/** The custom properties grid.css draws cells with (set on the grid's root). */
export function gridCssVars(): Record<string, string> {
  return {
    '--pg-font': `${CELL_FONT_PX}px`,
    '--pg-line-h': `${CELL_LINE_PX}px`,
    '--pg-pad-y': `${CELL_PAD_Y_PX}px`,
    '--pg-pad-x': `${CELL_PAD_X_PX}px`,
    '--pg-clamp': String(CELL_CLAMP_LINES),
  };
}

/** The narrowest a column may be drawn: its header's longest word must fit, and never under COLUMN_MIN_PX. */
export function columnMinPx(label: string): number {
  const longest = Math.max(0, ...label.split(/\s+/).map((w) => [...w].length));
  return Math.max(COLUMN_MIN_PX, Math.ceil(longest * CHAR_PX) + 2 * CELL_PAD_X_PX + 14);
}

/**
 * Widths that share `room` pixels in proportion to `natural`, none under its `min` (those at
 * their minimum are set aside and the rest share what is left), rounded to whole pixels that
 * add up to `room` exactly. When even the minimums do not fit, the minimums.
 */
function widthsShare(natural: readonly number[], mins: readonly number[], room: number): number[] {
  const fixed = natural.map(() => false);
  let widths = natural.map((_, i) => mins[i] ?? 0);
  const minSum = widths.reduce((a, b) => a + b, 0);
  if (minSum >= room) return widths;
  for (let pass = 0; pass <= natural.length; pass += 1) {
    const fixedPx = widths.reduce((sum, w, i) => (fixed[i] ? sum + w : sum), 0);
    const share = natural.reduce((sum, n, i) => (fixed[i] ? sum : sum + n), 0);
    const scale = share > 0 ? (room - fixedPx) / share : 0;
    let changed = false;
    widths = natural.map((n, i) => {
      if (fixed[i]) return widths[i] ?? 0;
      const w = n * scale;
      const min = mins[i] ?? 0;
      if (w < min) {
        fixed[i] = true;
        changed = true;
        return min;
      }
      return w;
    });
    if (!changed) break;
  }
  // Whole pixels: floor each, then give the pixels left to the largest remainders.
  const floors = widths.map((w) => Math.floor(w));
  let left = room - floors.reduce((a, b) => a + b, 0);
  const order = widths.map((w, i) => ({ i, r: w - Math.floor(w) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

/**
 * Lays columns out in `available` pixels (the grid's inner width; 0: at 4 px per millimetre,
 * not fitted). `override` is a column being resized: it keeps the width under the mouse and
 * the others share the rest.
 */
export function gridLayout(
  columns: ReadonlyArray<{ field: string; width: number; label?: string }>,
  numberWidthMm: number,
  override: { field: string; px: number } | null = null,
  available = 0,
): GridLayout {
  const gutter = Math.max(GUTTER_MIN_PX, columnPx(numberWidthMm));
  const natural = columns.map((c) => columnPx(c.width));
  const mins = columns.map((c) => columnMinPx(c.label ?? ''));
  let widths: number[];
  if (available <= gutter) {
    widths = columns.map((c, i) => (override && override.field === c.field ? override.px : (natural[i] ?? 0)));
  } else {
    const room = available - gutter;
    const at = override ? columns.findIndex((c) => c.field === override.field) : -1;
    if (override && at >= 0) {
      const othersMin = mins.reduce((sum, m, i) => (i === at ? sum : sum + m), 0);
      const px = Math.max(mins[at] ?? 0, Math.min(override.px, room - othersMin));
      const rest = widthsShare(natural.filter((_, i) => i !== at), mins.filter((_, i) => i !== at), room - px);
      widths = [...rest.slice(0, at), px, ...rest.slice(at)];
    } else {
      widths = widthsShare(natural, mins, room);
    }
  }
  const lefts: number[] = [];
  let x = gutter;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  return { gutter, widths, lefts, total: x };
}

/**
 * The width to store (mm) for a column dragged to `px` on a fitted grid, such that once the
 * columns share `available` again it is drawn `px` wide (the others keep their stored widths).
 */
export function layoutColumnMm(
  columns: ReadonlyArray<{ field: string; width: number }>,
  numberWidthMm: number,
  field: string,
  px: number,
  available: number,
): number {
  const gutter = Math.max(GUTTER_MIN_PX, columnPx(numberWidthMm));
  const room = available - gutter;
  const others = columns.reduce((sum, c) => (c.field === field ? sum : sum + c.width), 0);
  if (available <= gutter || px >= room || others <= 0) return columnMm(px);
  return Math.max(COLUMN_MIN_MM, Math.round(((px * others) / (room - px)) * 2) / 2);
}

/** Lines `text` takes in a column `width` pixels wide (an estimate: characters of average width). */
export function textLines(text: string, width: number): number {
  if (text === '') return 1;
  const perLine = Math.max(1, Math.floor((width - 2 * CELL_PAD_X_PX) / CHAR_PX));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / perLine)), 0);
}

/** Height of a row whose tallest cell takes `lines` lines: never more than CELL_CLAMP_LINES are drawn. */
export function rowHeight(lines: number): number {
  return Math.min(Math.max(1, lines), CELL_CLAMP_LINES) * CELL_LINE_PX + 2 * CELL_PAD_Y_PX + ROW_BORDER_PX;
}

/** The tallest a row is drawn. */
export const ROW_MAX_PX = rowHeight(CELL_CLAMP_LINES);

/**
 * A row's height before it is measured, from the text and width of each of its cells (a
 * section has one, spanning the table). The grid measures rows once drawn; this keeps the
 * scroll bar and PageUp/PageDown close before that.
 */
export function rowHeightEstimate(cells: ReadonlyArray<{ text: string; width: number }>): number {
  return rowHeight(cells.reduce((lines, c) => Math.max(lines, textLines(c.text, c.width)), 1));
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
