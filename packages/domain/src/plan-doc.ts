/**
 * The plan document: one `Y.Doc` per plan, laid out as DESIGN.md "The plan document (Yjs)" says,
 * and the helpers every side reads and writes it with (the grid in the browser; sync, permission
 * checks, persistence and exports on the server).
 *
 * ```
 * meta      Y.Map  schemaVersion, commune, province, year, title, planNumber, issuedOn
 * tables    Y.Map  tableId -> Y.Map { title: Y.Text, template, order, numbering: {items, sections, label},
 *                                     numberWidth, columns: Y.Array<{field, label, width}>,
 *                                     rows: Y.Map<rowId, Row> }
 * Row       Y.Map  item:    kind, order, owners: string[], createdBy, and one Y.Text per column field;
 *                           carriedFrom ("2026", plain) on a row the server carried over from last year's plan
 *                  section: kind, order, label: Y.Text (and createdBy when known)
 * comments  Y.Map  rowId -> Y.Array<{id, author, text, at, resolved}>
 * reviews   Y.Map  rowId -> {state, by, at}
 * ```
 *
 * Rules the helpers keep (so the CRDT merges what people mean):
 * - Every Y.Text of a row, and the row's comment list, is created with the row in one transaction:
 *   two people creating the same missing Y.Text at once would overwrite each other.
 * - Inserting or moving a row writes only that row's `order` (fractional key, ties by id).
 * - STT and section numbers are computed on read (`numberingCompute`), never stored.
 * - Removing a column only removes it from `columns`: the rows keep its texts, so undoing the
 *   removal, or adding the same field again, brings the content back.
 * - Writes aimed at a row that no longer exists (someone deleted it a moment ago) do nothing; a
 *   missing table, a missing anchor row or an invalid field is a caller error (`PlanDocError`).
 * - Reads are defensive: a value of the wrong shape reads as empty or as the template's default.
 */
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { numberingCompute } from './numbering.ts';
import { numberingSchema } from './table-model.ts';
import type { Column, ItemRow, RowModel, TableModel } from './table-model.ts';
import { TEMPLATES, templateColumnsForYear, templateIsKnown, templateTitleForYear } from './templates.ts';
import type { Numbering, TemplateId } from './templates.ts';
import { textApply } from './text-diff.ts';
import { columnsCheck, columnsRead, fieldInvalid } from './plan-doc-columns.ts';
import {
  PLAN_SCHEMA_VERSION,
  PlanDocError,
  planDocFieldIsValid,
  planDocId,
  progressPeriodsEnsure,
  rootMap,
  rowMapGet,
  rowsMapOf,
  stringArrayOf,
  stringOr,
  tableMapGet,
  tableMapRequire,
} from './plan-doc-layout.ts';
import { orderCompare, orderIndexOf, orderPlace } from './plan-doc-order.ts';
import type { OrderEntry, RowPosition } from './plan-doc-order.ts';

export {
  PLAN_SCHEMA_VERSION,
  PLAN_ROOTS,
  PLAN_DOC_ERROR_CODES,
  PlanDocError,
  planDocFieldIsValid,
  planDocId,
  planDocRandomSource,
} from './plan-doc-layout.ts';
export type { PlanDocErrorCode, PlanRoot, TablePart } from './plan-doc-layout.ts';
export { orderCompare, orderKeyIsValid } from './plan-doc-order.ts';
export type { OrderEntry, RowPosition } from './plan-doc-order.ts';
export { planDocLocate } from './plan-doc-locate.ts';
export type { PlanDocLocation } from './plan-doc-locate.ts';
export { PLAN_DOC_MIGRATIONS, planDocMigrate } from './plan-doc-migrate.ts';
export type { PlanDocMigration } from './plan-doc-migrate.ts';
export * from './plan-doc-comments.ts';
export {
  planDocAddColumn,
  planDocColumns,
  planDocMoveColumn,
  planDocRemoveColumn,
  planDocRenameColumn,
  planDocResizeColumn,
} from './plan-doc-columns.ts';

// ---------------------------------------------------------------------------------------------
// Meta

/** The plan's identity, kept in the `meta` map. */
export interface PlanMeta {
  commune: string;
  province: string;
  year: number;
  title: string;
  planNumber: string;
  /** 'YYYY-MM-DD', or '' before the plan is issued. */
  issuedOn: string;
}

const META_STRING_KEYS = ['commune', 'province', 'title', 'planNumber', 'issuedOn'] as const;

/** Writes a new plan's meta and schema version into `doc` (a fresh Y.Doc by default). */
export function planDocCreate(meta: PlanMeta, doc: Y.Doc = new Y.Doc()): Y.Doc {
  doc.transact(() => {
    const map = rootMap(doc, 'meta');
    map.set('schemaVersion', PLAN_SCHEMA_VERSION);
    for (const key of META_STRING_KEYS) map.set(key, meta[key]);
    map.set('year', meta.year);
    // Empty root maps write nothing; getting them defines their types on this doc.
    rootMap(doc, 'tables');
    rootMap(doc, 'comments');
    rootMap(doc, 'reviews');
  });
  return doc;
}

/** The plan's meta; a missing value reads as "" (or 0 for year and schemaVersion). */
export function planDocReadMeta(doc: Y.Doc): PlanMeta & { schemaVersion: number } {
  const map = rootMap(doc, 'meta');
  const numberOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    schemaVersion: numberOf(map.get('schemaVersion')),
    commune: stringOr(map.get('commune'), ''),
    province: stringOr(map.get('province'), ''),
    year: numberOf(map.get('year')),
    title: stringOr(map.get('title'), ''),
    planNumber: stringOr(map.get('planNumber'), ''),
    issuedOn: stringOr(map.get('issuedOn'), ''),
  };
}

/** Changes some meta values (unchanged ones are not rewritten, so they make no update). */
export function planDocSetMeta(doc: Y.Doc, patch: Partial<PlanMeta>): void {
  const map = rootMap(doc, 'meta');
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && map.get(key) !== value) map.set(key, value);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Tables

function orderEntriesOf(map: Y.Map<unknown>): OrderEntry[] {
  const entries: OrderEntry[] = [];
  map.forEach((value, id) => {
    if (value instanceof Y.Map) entries.push({ id, order: stringOr(value.get('order'), '') });
  });
  return entries.sort(orderCompare);
}

/** The ids of the plan's tables, in table order. */
export function planDocTableIds(doc: Y.Doc): string[] {
  return orderEntriesOf(rootMap(doc, 'tables')).map((e) => e.id);
}

/** True when the plan has a table by that id (it may have been removed by someone else). */
export function planDocHasTable(doc: Y.Doc, tableId: string): boolean {
  return tableMapGet(doc, tableId) !== undefined;
}

interface TableInit {
  title: string;
  template: TemplateId;
  numbering: Numbering;
  numberWidth: number;
  columns: Column[];
}

/** Creates an empty table at the end of the table order; returns its rows map. */
function tableCreate(doc: Y.Doc, id: string, init: TableInit): Y.Map<unknown> {
  const tables = rootMap(doc, 'tables');
  if (tables.has(id)) throw new PlanDocError('table-exists', `Kế hoạch đã có bảng "${id}".`);
  columnsCheck(init.columns);
  const sorted = orderEntriesOf(tables);
  const [order] = orderPlace(sorted, sorted.length, 1).keys;
  const table = new Y.Map<unknown>();
  tables.set(id, table);
  table.set('title', new Y.Text(init.title));
  table.set('template', init.template);
  table.set('order', order);
  table.set('numbering', { ...init.numbering });
  table.set('numberWidth', init.numberWidth);
  const columns = new Y.Array<unknown>();
  table.set('columns', columns);
  columns.push(init.columns.map((c) => ({ field: c.field, label: c.label, width: c.width })));
  const rows = new Y.Map<unknown>();
  table.set('rows', rows);
  return rows;
}

/** Adds an empty table laid out by `template` (columns and title for the plan's year); returns its id. */
export function planDocAddTable(doc: Y.Doc, options: { template: TemplateId; title?: string; id?: string }): string {
  const id = options.id ?? planDocId();
  const year = planDocReadMeta(doc).year;
  const template = TEMPLATES[options.template];
  doc.transact(() => {
    tableCreate(doc, id, {
      title: options.title ?? templateTitleForYear(template.id, year),
      template: template.id,
      numbering: { ...template.numbering },
      numberWidth: template.numberWidth,
      columns: templateColumnsForYear(template.id, year),
    });
  });
  return id;
}

/**
 * Adds a whole table (an import, a copy) in one transaction; returns its id. Rows always get
 * fresh ids (comments and reviews are keyed by row id across the plan, so ids are never reused);
 * owners come from `ownersOf`, else from the row.
 */
export function planDocImportTable(
  doc: Y.Doc,
  table: TableModel,
  options: { id?: string; ownersOf?: (row: ItemRow) => string[]; createdBy?: string; carriedMarks?: boolean } = {},
): string {
  const id = options.id ?? planDocId();
  const fields = table.columns.map((c) => c.field);
  doc.transact(() => {
    const rows = tableCreate(doc, id, {
      title: table.title,
      template: table.template,
      numbering: table.numbering,
      numberWidth: table.numberWidth ?? TEMPLATES[table.template].numberWidth,
      columns: table.columns,
    });
    const keys = generateNKeysBetween(null, null, table.rows.length);
    table.rows.forEach((row, i) => {
      const order = keys[i] as string;
      if (row.kind === 'section') rowCreate(doc, rows, planDocId(), { kind: 'section', label: row.label }, fields, order);
      else {
        const owners = options.ownersOf?.(row) ?? row.owners ?? [];
        // A row's carried mark is the server's own (next year's plan), never taken from an imported file.
        const carriedFrom = options.carriedMarks ? row.carriedFrom : undefined;
        rowCreate(doc, rows, planDocId(), { kind: 'item', cells: row.cells, owners, createdBy: options.createdBy, carriedFrom }, fields, order);
      }
    });
  });
  return id;
}

/** Removes a table; its rows' comments and reviews stay (an undo brings the table back whole). */
export function planDocRemoveTable(doc: Y.Doc, tableId: string): void {
  const tables = rootMap(doc, 'tables');
  if (tables.has(tableId)) tables.delete(tableId);
}

/** Moves a table in the table order (writes only its `order`). */
export function planDocMoveTable(doc: Y.Doc, tableId: string, position: RowPosition): void {
  const table = tableMapRequire(doc, tableId);
  placeEntry(doc, rootMap(doc, 'tables'), tableId, table, position);
}

/** Sets a table's title (a minimal edit of its Y.Text). */
export function planDocSetTableTitle(doc: Y.Doc, tableId: string, title: string): void {
  const table = tableMapRequire(doc, tableId);
  const text = table.get('title');
  if (text instanceof Y.Text) textApply(text, title);
  else table.set('title', new Y.Text(title));
}

/** Sets how a table is numbered, and optionally the width of its number column. */
export function planDocSetNumbering(doc: Y.Doc, tableId: string, numbering: Numbering, numberWidth?: number): void {
  const table = tableMapRequire(doc, tableId);
  doc.transact(() => {
    table.set('numbering', { items: numbering.items, sections: numbering.sections, label: numbering.label });
    if (numberWidth !== undefined) table.set('numberWidth', numberWidth);
  });
}

// ---------------------------------------------------------------------------------------------
// Rows

/** What a new row holds. `owners` defaults to [], `createdBy` to "". */
export type RowInit =
  | { kind: 'section'; label?: string; createdBy?: string }
  | { kind: 'item'; cells?: Record<string, string>; owners?: string[]; createdBy?: string; carriedFrom?: string | undefined };

/** Creates a row with all its texts, its comment list and (an item row) its map of progress reports, in the caller's transaction. */
function rowCreate(doc: Y.Doc, rows: Y.Map<unknown>, id: string, init: RowInit, fields: readonly string[], order: string): void {
  const row = new Y.Map<unknown>();
  rows.set(id, row);
  row.set('kind', init.kind);
  row.set('order', order);
  if (init.kind === 'section') {
    row.set('label', new Y.Text(init.label ?? ''));
    if (init.createdBy) row.set('createdBy', init.createdBy);
  } else {
    row.set('owners', [...(init.owners ?? [])]);
    row.set('createdBy', init.createdBy ?? '');
    if (init.carriedFrom) row.set('carriedFrom', init.carriedFrom);
    for (const field of fields) row.set(field, new Y.Text(init.cells?.[field] ?? ''));
  }
  // Created now for the same reason as the texts: two first comments at once must not collide,
  // nor two first progress reports of an item row (for different periods).
  const comments = rootMap(doc, 'comments');
  if (!(comments.get(id) instanceof Y.Array)) comments.set(id, new Y.Array<unknown>());
  if (init.kind === 'item') progressPeriodsEnsure(doc, id);
}

function rowEntries(rows: Y.Map<unknown>): OrderEntry[] {
  return orderEntriesOf(rows);
}

/** The table and its rows map (created if a malformed table lacks one: only writers call this). */
function rowsRequire(doc: Y.Doc, tableId: string): { table: Y.Map<unknown>; rows: Y.Map<unknown> } {
  const table = tableMapRequire(doc, tableId);
  let rows = rowsMapOf(table);
  if (!rows) {
    rows = new Y.Map<unknown>();
    table.set('rows', rows);
  }
  return { table, rows };
}

/** Inserts one row (at the end when no position is given); returns its id. */
export function planDocInsertRow(doc: Y.Doc, tableId: string, row: RowInit, position?: RowPosition): string {
  return planDocInsertRows(doc, tableId, [row], position)[0] as string;
}

/**
 * Inserts several consecutive rows (a paste) in one transaction; returns their ids. Writes only the
 * new rows, except when the neighbours tie on their key (see `orderPlace`).
 */
export function planDocInsertRows(doc: Y.Doc, tableId: string, init: readonly RowInit[], position?: RowPosition): string[] {
  tableMapRequire(doc, tableId);
  if (init.length === 0) return [];
  const ids = init.map(() => planDocId());
  doc.transact(() => {
    const { table, rows } = rowsRequire(doc, tableId);
    const sorted = rowEntries(rows);
    const placement = orderPlace(sorted, orderIndexOf(sorted, position), init.length);
    const fields = columnsRead(table).map((c) => c.field);
    init.forEach((row, i) => rowCreate(doc, rows, ids[i] as string, row, fields, placement.keys[i] as string));
    rekey(rows, placement.rekeyed);
  });
  return ids;
}

function rekey(map: Y.Map<unknown>, entries: readonly OrderEntry[]): void {
  for (const entry of entries) {
    const value = map.get(entry.id);
    if (value instanceof Y.Map) value.set('order', entry.order);
  }
}

/** Gives `entry` (an element of the ordered `map`) a key that puts it at `position`. */
function placeEntry(doc: Y.Doc, map: Y.Map<unknown>, id: string, entry: Y.Map<unknown>, position: RowPosition): void {
  if (position.before === id || position.after === id) return;
  const sorted = orderEntriesOf(map);
  const current = sorted.findIndex((e) => e.id === id);
  const others = sorted.filter((e) => e.id !== id);
  const index = orderIndexOf(others, position);
  if (index === current) return; // already there: write nothing
  const placement = orderPlace(others, index, 1);
  doc.transact(() => {
    entry.set('order', placement.keys[0]);
    rekey(map, placement.rekeyed);
  });
}

/** Moves a row; writes only that row's `order`. A row deleted meanwhile is left alone. */
export function planDocMoveRow(doc: Y.Doc, tableId: string, rowId: string, position: RowPosition): void {
  const rows = rowsMapOf(tableMapRequire(doc, tableId));
  const row = rows?.get(rowId);
  if (rows && row instanceof Y.Map) placeEntry(doc, rows, rowId, row, position);
}

/** Deletes a row (its comments and review stay, for an undo and for the record). */
export function planDocDeleteRow(doc: Y.Doc, tableId: string, rowId: string): void {
  const rows = rowsMapOf(tableMapRequire(doc, tableId));
  if (rows?.has(rowId)) rows.delete(rowId);
}

/** The table's row ids in display order. */
export function planDocOrderedRowIds(doc: Y.Doc, tableId: string): string[] {
  const rows = rowsMapOf(tableMapRequire(doc, tableId));
  return rows ? rowEntries(rows).map((e) => e.id) : [];
}

/**
 * Sets a cell by the smallest edit of its Y.Text (`label` for a section row's title). A text
 * missing because the row and the column were created at the same time is created now.
 */
export function planDocSetCell(doc: Y.Doc, tableId: string, rowId: string, field: string, text: string): void {
  tableMapRequire(doc, tableId);
  const row = rowMapGet(doc, tableId, rowId);
  if (!row) return;
  if (row.get('kind') === 'section' ? field !== 'label' : !planDocFieldIsValid(field)) throw fieldInvalid(field);
  const ytext = row.get(field);
  if (ytext instanceof Y.Text) textApply(ytext, text);
  else if (text !== '') row.set(field, new Y.Text(text));
}

/** A cell's Y.Text (for the cell editor to bind to), or undefined when there is none. */
export function planDocCellText(doc: Y.Doc, tableId: string, rowId: string, field: string): Y.Text | undefined {
  const value = rowMapGet(doc, tableId, rowId)?.get(field);
  return value instanceof Y.Text ? value : undefined;
}

/** Sets the units that may edit a row (one plain value: concurrent sets resolve to one of them). */
export function planDocSetOwners(doc: Y.Doc, tableId: string, rowId: string, owners: string[]): void {
  tableMapRequire(doc, tableId);
  const row = rowMapGet(doc, tableId, rowId);
  if (!row) return;
  const current = stringArrayOf(row.get('owners'));
  if (current.length === owners.length && current.every((o, i) => o === owners[i])) return;
  row.set('owners', [...owners]);
}

/** A row's metadata, for permission checks and audits; undefined when the row is gone. */
export function planDocRowInfo(
  doc: Y.Doc,
  tableId: string,
  rowId: string,
): { kind: 'section' | 'item'; order: string; owners: string[]; createdBy: string; carriedFrom?: string } | undefined {
  const row = rowMapGet(doc, tableId, rowId);
  if (!row) return undefined;
  const carriedFrom = stringOr(row.get('carriedFrom'), '');
  return {
    kind: row.get('kind') === 'section' ? 'section' : 'item',
    order: stringOr(row.get('order'), ''),
    owners: stringArrayOf(row.get('owners')),
    createdBy: stringOr(row.get('createdBy'), ''),
    ...(carriedFrom ? { carriedFrom } : {}),
  };
}

/** The id of the table holding a row (comments and reviews name only the row), or undefined. */
export function planDocRowTableId(doc: Y.Doc, rowId: string): string | undefined {
  for (const [tableId, table] of rootMap(doc, 'tables').entries()) {
    if (table instanceof Y.Map && rowsMapOf(table)?.has(rowId)) return tableId;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading a table

/**
 * A table as a plain `TableModel` (the shape `tableModelSchema` validates): rows in order with
 * their ids, computed numbers, owners, and one cell per column ("" when the row has no text).
 */
export function planDocReadTable(doc: Y.Doc, tableId: string): TableModel {
  const table = tableMapRequire(doc, tableId);
  const rawTemplate = table.get('template');
  const template: TemplateId = typeof rawTemplate === 'string' && templateIsKnown(rawTemplate) ? rawTemplate : 'tasks-basic';
  const numberingParsed = numberingSchema.safeParse(table.get('numbering'));
  const numbering = numberingParsed.success ? numberingParsed.data : { ...TEMPLATES[template].numbering };
  const rawWidth = table.get('numberWidth');
  const numberWidth = typeof rawWidth === 'number' && rawWidth >= 0 ? rawWidth : TEMPLATES[template].numberWidth;
  const columns = columnsRead(table).map(({ field, label, width }) => ({ field, label, width }));
  const title = table.get('title');

  const rowsMap = rowsMapOf(table);
  const rows: RowModel[] = [];
  if (rowsMap) {
    for (const { id } of rowEntries(rowsMap)) {
      const row = rowsMap.get(id) as Y.Map<unknown>;
      const textOf = (field: string): string => {
        const value = row.get(field);
        return value instanceof Y.Text ? value.toString() : '';
      };
      if (row.get('kind') === 'section') rows.push({ id, kind: 'section', label: textOf('label') });
      else {
        const cells: Record<string, string> = {};
        for (const column of columns) cells[column.field] = textOf(column.field);
        const carriedFrom = row.get('carriedFrom');
        const item: ItemRow = { id, kind: 'item', owners: stringArrayOf(row.get('owners')), cells };
        if (typeof carriedFrom === 'string' && carriedFrom !== '') item.carriedFrom = carriedFrom;
        rows.push(item);
      }
    }
  }
  const numbers = numberingCompute(
    rows.map((r) => r.kind),
    numbering,
  );
  rows.forEach((row, i) => {
    row.number = numbers[i];
  });

  return {
    id: tableId,
    title: title instanceof Y.Text ? title.toString() : '',
    template,
    numbering,
    numberWidth,
    columns,
    rows,
  };
}
