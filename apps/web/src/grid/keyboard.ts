/**
 * Spreadsheet keys: what a key pressed while a cell is selected (and not being edited) does.
 * Pure, so every binding is tested without a browser; the grid performs the returned action.
 */
import { posClamp } from './selection.ts';
import type { CellPos, GridSize } from './selection.ts';

/** The parts of a keyboard event the bindings read. */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type GridKeyAction =
  /** Move the focus (and the anchor too unless `extend`). */
  | { type: 'move'; to: CellPos; extend: boolean }
  /** Start editing the focused cell (Enter or F2 on an editable cell). */
  | { type: 'edit' }
  /** Clear the selected cells (Delete, Backspace). */
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'selectAll' }
  /** Shrink a range selection to its focus (Esc). */
  | { type: 'collapse' }
  /** Move the selected rows up or down (Alt+Shift+↑/↓). */
  | { type: 'moveRows'; by: -1 | 1 };

export interface KeyContext {
  focus: CellPos;
  size: GridSize;
  /** Rows that fit in the viewport, for PageUp / PageDown. */
  pageRows: number;
  /** Whether the focused cell may be edited by this person. */
  editable: boolean;
  /** Whether the selection covers more than one cell. */
  isRange: boolean;
}

/** The action for a key, or null when the grid does not use it (the input then may). */
export function gridKeyAction(e: KeyInput, ctx: KeyContext): GridKeyAction | null {
  const { focus, size } = ctx;
  if (size.rows === 0 || size.cols === 0) {
    return isUndo(e) ? { type: 'undo' } : isRedo(e) ? { type: 'redo' } : null;
  }
  const ctrl = e.ctrlKey || e.metaKey;
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const move = (row: number, col: number, extend = e.shiftKey): GridKeyAction => ({
    type: 'move',
    to: posClamp({ row, col }, size),
    extend,
  });

  if (isUndo(e)) return { type: 'undo' };
  if (isRedo(e)) return { type: 'redo' };
  if (ctrl && !e.altKey && e.key.toLowerCase() === 'a') return { type: 'selectAll' };
  if (e.altKey && e.shiftKey && !ctrl && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    return { type: 'moveRows', by: e.key === 'ArrowUp' ? -1 : 1 };
  }
  if (e.altKey) return null;

  switch (e.key) {
    case 'ArrowUp':
      return move(ctrl ? 0 : focus.row - 1, focus.col);
    case 'ArrowDown':
      return move(ctrl ? lastRow : focus.row + 1, focus.col);
    case 'ArrowLeft':
      return move(focus.row, ctrl ? 0 : focus.col - 1);
    case 'ArrowRight':
      return move(focus.row, ctrl ? lastCol : focus.col + 1);
    case 'Home':
      return ctrl ? move(0, 0) : move(focus.row, 0);
    case 'End':
      return ctrl ? move(lastRow, lastCol) : move(focus.row, lastCol);
    case 'PageUp':
      return move(focus.row - Math.max(1, ctx.pageRows), focus.col);
    case 'PageDown':
      return move(focus.row + Math.max(1, ctx.pageRows), focus.col);
    case 'Tab': {
      if (ctrl) return null;
      // Tab runs along the row and wraps to the next (Shift+Tab: back, wrapping up).
      if (e.shiftKey) {
        if (focus.col > 0) return move(focus.row, focus.col - 1, false);
        return focus.row > 0 ? move(focus.row - 1, lastCol, false) : move(0, 0, false);
      }
      if (focus.col < lastCol) return move(focus.row, focus.col + 1, false);
      return focus.row < lastRow ? move(focus.row + 1, 0, false) : move(focus.row, lastCol, false);
    }
    case 'Enter':
      if (ctrl) return null;
      if (e.shiftKey) return move(focus.row - 1, focus.col, false);
      return ctx.editable ? { type: 'edit' } : move(focus.row + 1, focus.col, false);
    case 'F2':
      return ctx.editable ? { type: 'edit' } : null;
    case 'Delete':
    case 'Backspace':
      return ctrl ? null : { type: 'clear' };
    case 'Escape':
      return ctx.isRange ? { type: 'collapse' } : null;
    default:
      return null;
  }
}

function isUndo(e: KeyInput): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z';
}

function isRedo(e: KeyInput): boolean {
  const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
  return ctrl && ((!e.shiftKey && e.key.toLowerCase() === 'y') || (e.shiftKey && e.key.toLowerCase() === 'z'));
}
