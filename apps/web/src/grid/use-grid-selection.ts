/**
 * The grid's selection, kept by row id and field so that others' inserts and deletes above leave
 * it where it is; resolved to indices among the visible rows at each render.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Dispatch, MutableRefObject, SetStateAction } from 'react';
import { planDocRowInfo } from '@phuluc/domain';
import type { RowModel } from '@phuluc/domain';
import type * as Y from 'yjs';
import { posClamp, rangeOf } from './selection.ts';
import type { CellPos, CellRange, GridSelection } from './selection.ts';

/** A cell by identity: a selection corner, the cell being edited. */
export interface CellRef {
  rowId: string;
  field: string;
}

/** A selection by identity, with where it was when set (used when its row disappears). */
export interface SelState {
  anchor: CellRef;
  focus: CellRef;
  hint: GridSelection;
}

/** The selection of a grid showing `rows` (by index) with `fields` as columns. */
export interface GridSelectionState {
  selection: GridSelection | null;
  range: CellRange | null;
  focus: CellPos | null;
  setSel: Dispatch<SetStateAction<SelState | null>>;
  /** The selection now, for handlers that outlive a render (undo saves it with each step). */
  selRef: MutableRefObject<SelState | null>;
  /** Set when the selection should be scrolled into view once rendered. */
  revealPending: MutableRefObject<boolean>;
  refAt: (pos: CellPos) => CellRef | null;
  /** Selects from `anchor` to `focus` (indices), ending any edit. */
  select: (anchor: CellPos, focus: CellPos) => void;
  /** Selects cells by row id and field (rows just inserted, a finding's cell), editing the focus with `startEdit`. */
  selectRef: (anchor: CellRef, focus?: CellRef, startEdit?: boolean) => void;
}

/** The selection state of a grid, and the ways to set it. */
export function useGridSelection(opts: {
  doc: Y.Doc;
  tableId: string;
  rows: readonly RowModel[];
  fields: readonly string[];
  visibleIndex: ReadonlyMap<string, number>;
  size: { rows: number; cols: number };
  setEdit: (edit: CellRef | null) => void;
}): GridSelectionState {
  const { doc, tableId, rows, fields, visibleIndex, size, setEdit } = opts;
  const [sel, setSel] = useState<SelState | null>(null);
  const resolve = useCallback(
    (ref: CellRef, hint: CellPos): CellPos => {
      const row = visibleIndex.get(ref.rowId);
      const col = fields.indexOf(ref.field);
      return posClamp({ row: row ?? hint.row, col: col >= 0 ? col : hint.col }, size);
    },
    [visibleIndex, fields, size],
  );
  const selection = useMemo<GridSelection | null>(() => {
    if (size.rows === 0 || size.cols === 0) return null;
    if (!sel) return { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } };
    return { anchor: resolve(sel.anchor, sel.hint.anchor), focus: resolve(sel.focus, sel.hint.focus) };
  }, [sel, resolve, size]);

  const refAt = useCallback((pos: CellPos): CellRef | null => {
    const row = rows[pos.row];
    const field = fields[pos.col];
    return row?.id && field ? { rowId: row.id, field } : null;
  }, [rows, fields]);

  const select = useCallback(
    (anchor: CellPos, focusPos: CellPos) => {
      const a = refAt(posClamp(anchor, size));
      const f = refAt(posClamp(focusPos, size));
      if (!a || !f) return;
      setSel({ anchor: a, focus: f, hint: { anchor, focus: focusPos } });
      setEdit(null);
    },
    [refAt, size, setEdit],
  );

  const revealPending = useRef(false);
  const selectRef = useCallback((anchor: CellRef, focusRef: CellRef = anchor, startEdit = false) => {
    setSel({ anchor, focus: focusRef, hint: { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } } });
    const section = planDocRowInfo(doc, tableId, focusRef.rowId)?.kind === 'section';
    setEdit(startEdit ? { rowId: focusRef.rowId, field: section ? 'label' : focusRef.field } : null);
    revealPending.current = true;
  }, [doc, tableId, setEdit]);

  const selRef = useRef(sel);
  selRef.current = sel;
  return {
    selection,
    range: selection ? rangeOf(selection.anchor, selection.focus) : null,
    focus: selection?.focus ?? null,
    setSel,
    selRef,
    revealPending,
    refAt,
    select,
    selectRef,
  };
}
