/**
 * Showing a row (a finding's cell, a row from the review's panel or unread list): it is
 * selected and scrolled to the middle. A row the filter hides clears the filter first, and the
 * jump is made once it is in view again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CellPos } from './selection.ts';
import type { CellRef } from './use-grid-selection.ts';

/** The grid's jump to a row (and field), also offered through `registerJump`. */
export function useGridJump(opts: {
  visibleIndex: ReadonlyMap<string, number>;
  /** Whether the table has the row (shown or filtered out). */
  hasRow: (rowId: string) => boolean;
  fields: readonly string[];
  focus: CellPos | null;
  clearFilter: () => void;
  select: (anchor: CellPos, focus: CellPos) => void;
  reveal: (pos: CellPos, align: 'auto' | 'center') => void;
  inputFocus: () => void;
  registerJump: ((jump: (rowId: string) => void) => () => void) | undefined;
}): (rowId: string, field: string | null) => void {
  const { visibleIndex, hasRow, fields, focus, clearFilter, select, reveal, inputFocus, registerJump } = opts;
  const [pendingJump, setPendingJump] = useState<CellRef | null>(null);
  const jumpTo = useCallback(
    (rowId: string, field: string | null) => {
      const index = visibleIndex.get(rowId);
      if (index === undefined) {
        if (hasRow(rowId)) {
          clearFilter();
          setPendingJump({ rowId, field: field ?? '' });
        }
        return;
      }
      const col = field ? fields.indexOf(field) : -1;
      const pos = { row: index, col: col >= 0 ? col : (focus?.col ?? 0) };
      select(pos, pos);
      reveal(pos, 'center');
      inputFocus();
    },
    [visibleIndex, hasRow, clearFilter, fields, focus, select, reveal, inputFocus],
  );
  const jumpRef = useRef(jumpTo);
  jumpRef.current = jumpTo;
  useEffect(() => registerJump?.((rowId) => jumpRef.current(rowId, null)), [registerJump]);

  useEffect(() => {
    if (pendingJump && visibleIndex.has(pendingJump.rowId)) {
      setPendingJump(null);
      jumpTo(pendingJump.rowId, pendingJump.field || null);
    }
  }, [pendingJump, visibleIndex, jumpTo]);
  return jumpTo;
}
