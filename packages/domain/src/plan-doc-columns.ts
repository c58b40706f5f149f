/**
 * A table's columns: a Y.Array of plain {field, label, width} entries. Every change replaces whole
 * entries, so two people changing one column at once can leave two entries for it; reads keep the
 * first and the next change removes both (see `columnsRead`).
 */
import * as Y from 'yjs';
import { columnSchema } from './table-model.ts';
import type { Column } from './table-model.ts';
import { PlanDocError, columnsArrayOf, planDocFieldIsValid, rowsMapOf, tableMapRequire } from './plan-doc-layout.ts';

/** Checks columns about to be stored: valid, distinct fields and positive widths. */
export function columnsCheck(columns: readonly Column[]): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (!planDocFieldIsValid(column.field)) throw fieldInvalid(column.field);
    if (seen.has(column.field)) {
      throw new PlanDocError('column-exists', `Cột "${column.field}" xuất hiện hai lần trong bảng.`);
    }
    seen.add(column.field);
    columnWidthCheck(column.width);
  }
}

/** A width must be a positive number of millimetres. */
export function columnWidthCheck(width: number): void {
  if (!(Number.isFinite(width) && width > 0)) {
    throw new PlanDocError('column-invalid', `Độ rộng cột phải là số dương (nhận được ${width}).`);
  }
}

/** The error for a field a column (or a cell write) may not use. */
export function fieldInvalid(field: string): PlanDocError {
  return new PlanDocError('field-invalid', `"${field}" không dùng được làm tên trường của cột.`);
}

/** A column and where its entry sits in the raw array. */
export interface RawColumn extends Column {
  rawIndex: number;
}

/**
 * The columns in order, one per field. Two people adding (or renaming) the same column at once
 * leave two entries for one field; the first one counts, and the next change to it removes both.
 */
export function columnsRead(table: Y.Map<unknown>): RawColumn[] {
  const out: RawColumn[] = [];
  const seen = new Set<string>();
  columnsArrayOf(table)?.forEach((value, rawIndex) => {
    const parsed = columnSchema.safeParse(value);
    if (!parsed.success || seen.has(parsed.data.field)) return;
    seen.add(parsed.data.field);
    out.push({ ...parsed.data, rawIndex });
  });
  return out;
}

/** A table's columns in order. */
export function planDocColumns(doc: Y.Doc, tableId: string): Column[] {
  return columnsRead(tableMapRequire(doc, tableId)).map(({ field, label, width }) => ({ field, label, width }));
}

function columnsArrayRequire(table: Y.Map<unknown>): Y.Array<unknown> {
  let columns = columnsArrayOf(table);
  if (!columns) {
    columns = new Y.Array<unknown>();
    table.set('columns', columns);
  }
  return columns;
}

/** Deletes every entry of `field`; returns the raw index of the first one (-1 when none). */
function columnEntriesDelete(columns: Y.Array<unknown>, field: string): number {
  let first = -1;
  for (let i = columns.length - 1; i >= 0; i -= 1) {
    const value = columns.get(i);
    if (typeof value === 'object' && value !== null && (value as { field?: unknown }).field === field) {
      columns.delete(i, 1);
      first = i;
    }
  }
  return first;
}

/**
 * Adds a column at `index` (default: last) and, in the same transaction, an empty Y.Text for it
 * in every item row that lacks one (a row that already has one from a removed column keeps it).
 */
export function planDocAddColumn(doc: Y.Doc, tableId: string, column: Column, index?: number): void {
  const table = tableMapRequire(doc, tableId);
  if (!planDocFieldIsValid(column.field)) throw fieldInvalid(column.field);
  columnWidthCheck(column.width);
  const current = columnsRead(table);
  if (current.some((c) => c.field === column.field)) {
    throw new PlanDocError('column-exists', `Bảng đã có cột "${column.field}".`);
  }
  doc.transact(() => {
    const columns = columnsArrayRequire(table);
    const at = index !== undefined && index >= 0 && index < current.length ? (current[index] as RawColumn).rawIndex : columns.length;
    columns.insert(at, [{ field: column.field, label: column.label, width: column.width }]);
    rowsMapOf(table)?.forEach((row) => {
      if (row instanceof Y.Map && row.get('kind') !== 'section' && !(row.get(column.field) instanceof Y.Text)) {
        row.set(column.field, new Y.Text());
      }
    });
  });
}

/** Removes a column from `columns`; the rows keep its texts (see the module comment). */
export function planDocRemoveColumn(doc: Y.Doc, tableId: string, field: string): void {
  const table = tableMapRequire(doc, tableId);
  const columns = columnsArrayOf(table);
  if (columns) doc.transact(() => void columnEntriesDelete(columns, field));
}

/** Replaces a column's entry in place (rename, resize). A column removed meanwhile stays removed. */
function columnUpdate(doc: Y.Doc, tableId: string, field: string, patch: Partial<Pick<Column, 'label' | 'width'>>): void {
  const table = tableMapRequire(doc, tableId);
  const column = columnsRead(table).find((c) => c.field === field);
  const columns = columnsArrayOf(table);
  if (!column || !columns) return;
  const next = { field, label: patch.label ?? column.label, width: patch.width ?? column.width };
  if (next.label === column.label && next.width === column.width) return;
  doc.transact(() => {
    const at = columnEntriesDelete(columns, field);
    columns.insert(at, [next]);
  });
}

/** Renames a column (its header label). */
export function planDocRenameColumn(doc: Y.Doc, tableId: string, field: string, label: string): void {
  columnUpdate(doc, tableId, field, { label });
}

/** Sets a column's width in millimetres. */
export function planDocResizeColumn(doc: Y.Doc, tableId: string, field: string, width: number): void {
  columnWidthCheck(width);
  columnUpdate(doc, tableId, field, { width });
}

/** Moves a column so it ends up at `toIndex` among the columns. */
export function planDocMoveColumn(doc: Y.Doc, tableId: string, field: string, toIndex: number): void {
  const table = tableMapRequire(doc, tableId);
  const current = columnsRead(table);
  const from = current.findIndex((c) => c.field === field);
  const columns = columnsArrayOf(table);
  const column = current[from];
  if (!column || !columns) return;
  const to = Math.max(0, Math.min(current.length - 1, Math.trunc(toIndex)));
  if (to === from) return;
  doc.transact(() => {
    columnEntriesDelete(columns, field);
    const others = columnsRead(table);
    const at = to < others.length ? (others[to] as RawColumn).rawIndex : columns.length;
    columns.insert(at, [{ field, label: column.label, width: column.width }]);
  });
}
