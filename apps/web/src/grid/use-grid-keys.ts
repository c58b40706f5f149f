/**
 * The grid's keys (keyboard.ts decides what a key means): moves, selection, clear, undo and
 * redo, moving rows. Without a cell (an empty table) only undo and redo.
 */
import { useCallback } from 'react';
import { gridKeyAction } from './keyboard.ts';
import { selectionAll } from './selection.ts';
import type { CellPos, CellRange, GridSelection } from './selection.ts';

/** The grid's key handler: true when it handled the key. */
export function useGridKeys(opts: {
  selection: GridSelection | null;
  range: CellRange | null;
  focus: CellPos | null;
  size: { rows: number; cols: number };
  pageRows: number;
  /** Why the active cell may not be edited, or null. */
  readOnly: string | null;
  moveTo: (to: CellPos, extend: boolean) => void;
  select: (anchor: CellPos, focus: CellPos) => void;
  reveal: (pos: CellPos) => void;
  clearSelection: () => void;
  undo: () => void;
  redo: () => void;
  moveRows: (by: -1 | 1) => void;
}): (e: React.KeyboardEvent<HTMLElement>) => boolean {
  const { selection, range, focus, size, pageRows, readOnly, moveTo, select, reveal, clearSelection, undo, redo, moveRows } = opts;
  return useCallback(
    (e: React.KeyboardEvent<HTMLElement>): boolean => {
      if (!focus || !range) {
        const action = gridKeyAction(e, { focus: { row: 0, col: 0 }, size, pageRows, editable: false, isRange: false });
        if (action?.type === 'undo') undo();
        else if (action?.type === 'redo') redo();
        else return false;
        return true;
      }
      const action = gridKeyAction(e, {
        focus,
        size,
        pageRows,
        editable: readOnly === null,
        isRange: range.top !== range.bottom || range.left !== range.right,
      });
      if (!action) return false;
      switch (action.type) {
        case 'move':
          moveTo(action.to, action.extend);
          return true;
        case 'edit':
          // The cell input opens the editor itself (caret at the end).
          return false;
        case 'clear':
          clearSelection();
          return true;
        case 'undo':
          undo();
          return true;
        case 'redo':
          redo();
          return true;
        case 'selectAll':
          if (selection) {
            const all = selectionAll(selection, size);
            select(all.anchor, all.focus);
            reveal(all.focus);
          }
          return true;
        case 'collapse':
          select(focus, focus);
          return true;
        case 'moveRows':
          moveRows(action.by);
          return true;
      }
    },
    [focus, range, size, pageRows, readOnly, moveTo, clearSelection, undo, redo, selection, select, reveal, moveRows],
  );
}
