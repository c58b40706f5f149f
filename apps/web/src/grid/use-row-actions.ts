/**
 * The row actions of the toolbar, the row menu and the keys: insert a row, add a section,
 * delete or move the selected rows — each one undo step, the new or next row then selected, a
 * refusal said to the person.
 */
import { useCallback, useMemo } from 'react';
import type { Actor, RowModel, UnitDirectory, Verdict } from '@phuluc/domain';
import type * as Y from 'yjs';
import type { TFunction } from '../i18n/strings.ts';
import { rowInsert, rowsDelete, rowsDeleteVerdict, rowsMoveBy, rowsMoveVerdict, sectionInsert } from './row-ops.ts';
import type { OpResult } from './row-ops.ts';
import type { CellPos, CellRange } from './selection.ts';
import type { CellRef } from './use-grid-selection.ts';

/** The row actions over the selection, and whether each may be done now. */
export interface RowActions {
  selectedRows: readonly RowModel[];
  /** Says a refusal; true when the operation was done. */
  report: (result: OpResult) => result is { ok: true; rowIds: string[] };
  insertRow: (where: 'above' | 'below') => void;
  addSection: () => void;
  deleteRows: () => void;
  moveRows: (by: -1 | 1) => void;
  moveVerdict: (by: -1 | 1) => Verdict;
  deleteVerdict: Verdict;
}

/** The row actions of a grid showing `rows` with `range` selected. */
export function useRowActions(opts: {
  doc: Y.Doc;
  tableId: string;
  actor: Actor;
  units: UnitDirectory;
  rows: readonly RowModel[];
  fields: readonly string[];
  range: CellRange | null;
  focus: CellPos | null;
  focusField: string | undefined;
  t: TFunction;
  onNotice: (message: string) => void;
  step: <T>(fn: () => T) => T;
  selectRef: (anchor: CellRef, focus?: CellRef, startEdit?: boolean) => void;
  inputFocus: () => void;
}): RowActions {
  const { doc, tableId, actor, units, rows, fields, range, focus, focusField, t, onNotice, step, selectRef, inputFocus } = opts;
  const selectedRows = useMemo(() => (range ? rows.slice(range.top, range.bottom + 1) : []), [range, rows]);
  const report = useCallback((result: OpResult): result is { ok: true; rowIds: string[] } => {
    if (!result.ok && result.reason) onNotice(result.reason);
    return result.ok;
  }, [onNotice]);

  const insertRow = useCallback(
    (where: 'above' | 'below') => {
      const anchor = where === 'above' ? rows[range?.top ?? 0] : rows[range?.bottom ?? rows.length - 1];
      const result = step(() => rowInsert(doc, tableId, actor, units, anchor?.id ?? null, where));
      if (report(result) && result.rowIds[0]) selectRef({ rowId: result.rowIds[0], field: focusField ?? fields[0] ?? '' });
      inputFocus();
    },
    [rows, range, step, doc, tableId, actor, units, report, selectRef, focusField, fields, inputFocus],
  );

  const addSection = useCallback(() => {
    const anchor = rows[range?.top ?? 0];
    const result = step(() => sectionInsert(doc, tableId, actor, anchor?.id ?? null, 'above'));
    if (report(result) && result.rowIds[0]) selectRef({ rowId: result.rowIds[0], field: focusField ?? fields[0] ?? '' }, undefined, true);
    inputFocus();
  }, [rows, range, step, doc, tableId, actor, report, selectRef, focusField, fields, inputFocus]);

  const deleteRows = useCallback(() => {
    if (selectedRows.length === 0) return;
    const result = step(() => rowsDelete(doc, tableId, actor, selectedRows));
    if (report(result)) {
      onNotice(t('grid.row.deleted', { count: selectedRows.length }));
      const pos = { row: Math.min(range?.top ?? 0, rows.length - 1 - selectedRows.length), col: focus?.col ?? 0 };
      const next = rows[range && range.bottom + 1 < rows.length ? range.bottom + 1 : Math.max(0, (range?.top ?? 0) - 1)];
      if (next?.id && fields[pos.col]) selectRef({ rowId: next.id, field: fields[pos.col] as string });
    }
    inputFocus();
  }, [selectedRows, step, doc, tableId, actor, report, onNotice, t, range, rows, focus, fields, selectRef, inputFocus]);

  const moveRows = useCallback(
    (by: -1 | 1) => {
      if (!range) return;
      report(step(() => rowsMoveBy(doc, tableId, actor, rows, range.top, range.bottom, by)));
      inputFocus();
    },
    [range, report, step, doc, tableId, actor, rows, inputFocus],
  );

  const span = range ? { top: range.top, bottom: range.bottom, total: rows.length } : null;
  return {
    selectedRows,
    report,
    insertRow,
    addSection,
    deleteRows,
    moveRows,
    moveVerdict: (by) => rowsMoveVerdict(actor, selectedRows, span, by),
    deleteVerdict: rowsDeleteVerdict(actor, selectedRows),
  };
}
