/**
 * Cell positions and rectangular selections of the grid, in visible coordinates: `row` is the
 * index among the rows shown (after filters), `col` the index among the data columns (the
 * computed STT column is not selectable). The grid keeps the selection by row id and field so a
 * row inserted above by someone else does not move it; these helpers work on the indices.
 */

export interface CellPos {
  row: number;
  col: number;
}

/** Inclusive bounds of a rectangular selection. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Where the selection started (anchor) and the active cell (focus, where the editor sits). */
export interface GridSelection {
  anchor: CellPos;
  focus: CellPos;
}

/** The grid's size in visible rows and data columns. */
export interface GridSize {
  rows: number;
  cols: number;
}

/** A position kept inside the grid (row/col 0 when the grid is empty in that direction). */
export function posClamp(pos: CellPos, size: GridSize): CellPos {
  return {
    row: Math.max(0, Math.min(size.rows - 1, pos.row)),
    col: Math.max(0, Math.min(size.cols - 1, pos.col)),
  };
}

export function posEquals(a: CellPos, b: CellPos): boolean {
  return a.row === b.row && a.col === b.col;
}

/** The rectangle spanned by two corners. */
export function rangeOf(a: CellPos, b: CellPos): CellRange {
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

/** The rectangle of a selection. */
export function selectionRange(sel: GridSelection): CellRange {
  return rangeOf(sel.anchor, sel.focus);
}

export function rangeContains(range: CellRange, pos: CellPos): boolean {
  return pos.row >= range.top && pos.row <= range.bottom && pos.col >= range.left && pos.col <= range.right;
}

/** Number of cells in a range. */
export function rangeSize(range: CellRange): number {
  return (range.bottom - range.top + 1) * (range.right - range.left + 1);
}

/** A selection of one cell. */
export function selectionAt(pos: CellPos): GridSelection {
  return { anchor: pos, focus: pos };
}

/** Moves the focus; with `extend` the anchor stays (Shift+arrows), otherwise it follows. */
export function selectionMoveTo(sel: GridSelection, to: CellPos, extend: boolean): GridSelection {
  return extend ? { anchor: sel.anchor, focus: to } : selectionAt(to);
}

/**
 * The whole grid selected (Ctrl+A). The active cell is a corner of the selection: it goes to the
 * first cell, where the person can see it.
 */
export function selectionAll(sel: GridSelection, size: GridSize): GridSelection {
  if (size.rows === 0 || size.cols === 0) return sel;
  return { anchor: { row: size.rows - 1, col: size.cols - 1 }, focus: { row: 0, col: 0 } };
}

/** Each selected row's index, one per row (for row actions on a selection). */
export function rangeRows(range: CellRange): number[] {
  const out: number[] = [];
  for (let r = range.top; r <= range.bottom; r += 1) out.push(r);
  return out;
}

/**
 * Where the cursor goes when an editor closes moving `move`: down/up a row, right/left a cell
 * (wrapping to the next or previous row); null for no move.
 */
export function posAfterEditorMove(focus: CellPos, move: 'down' | 'up' | 'right' | 'left' | 'none', size: { rows: number; cols: number }): CellPos | null {
  const last = size.cols - 1;
  switch (move) {
    case 'down':
      return { row: focus.row + 1, col: focus.col };
    case 'up':
      return { row: focus.row - 1, col: focus.col };
    case 'right':
      return focus.col < last ? { row: focus.row, col: focus.col + 1 } : { row: Math.min(focus.row + 1, size.rows - 1), col: focus.row + 1 < size.rows ? 0 : last };
    case 'left':
      return focus.col > 0 ? { row: focus.row, col: focus.col - 1 } : { row: Math.max(0, focus.row - 1), col: focus.row > 0 ? last : 0 };
    case 'none':
      return null;
  }
}
