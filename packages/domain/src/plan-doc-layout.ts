/**
 * The names and shapes of the plan document (DESIGN.md "The plan document (Yjs)"), shared by
 * the read/write helpers, the migrations and `planDocLocate`. Nothing here writes.
 */
import * as Y from 'yjs';
import { idFromBytes } from './id.ts';

/** The layout version written in `meta.schemaVersion`; older documents are migrated on load. */
export const PLAN_SCHEMA_VERSION = 2;

/**
 * Root names (`doc.getMap(name)`). `progress` (the year after signing) maps a row id to a Y.Map
 * of reporting period id ("2026-03", "2026-Q2") to a Y.Map record (`plan-doc-progress.ts`); a
 * document written before it simply lacks it, so no migration is needed.
 */
export const PLAN_ROOTS = ['meta', 'tables', 'comments', 'reviews', 'progress'] as const;
export type PlanRoot = (typeof PLAN_ROOTS)[number];

/** Keys of a table's Y.Map. */
export const TABLE_PARTS = ['title', 'template', 'order', 'numbering', 'numberWidth', 'columns', 'rows'] as const;
export type TablePart = (typeof TABLE_PARTS)[number];

/**
 * Keys of a row's Y.Map that are not cell texts. A column's field may not be one of them, nor
 * `label` (a section row's title text).
 */
export const ROW_META_KEYS = ['kind', 'order', 'owners', 'createdBy', 'carriedFrom'] as const;
export const SECTION_LABEL_KEY = 'label';

/** Codes of `PlanDocError`: misuse of the helpers, or a document they cannot work on. */
export const PLAN_DOC_ERROR_CODES = {
  tableMissing: 'table-missing',
  tableExists: 'table-exists',
  rowMissing: 'row-missing',
  positionInvalid: 'position-invalid',
  columnExists: 'column-exists',
  columnInvalid: 'column-invalid',
  fieldInvalid: 'field-invalid',
  schemaTooNew: 'schema-too-new',
  periodInvalid: 'period-invalid',
} as const;
export type PlanDocErrorCode = (typeof PLAN_DOC_ERROR_CODES)[keyof typeof PLAN_DOC_ERROR_CODES];

/** Thrown by the plan document helpers; `message` is Vietnamese, `code` is stable. */
export class PlanDocError extends Error {
  readonly code: PlanDocErrorCode;
  constructor(code: PlanDocErrorCode, message: string) {
    super(message);
    this.name = 'PlanDocError';
    this.code = code;
  }
}

let randomFill: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};

/**
 * Replaces the source of random bytes behind ids and order-key jitter, so a test run with a
 * seeded generator reproduces exactly; `null` restores `crypto.getRandomValues`.
 */
export function planDocRandomSource(fill: ((bytes: Uint8Array<ArrayBuffer>) => void) | null): void {
  randomFill = fill ?? ((bytes) => void globalThis.crypto.getRandomValues(bytes));
}

/** `count` random bytes from the current source. */
export function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  randomFill(bytes);
  return bytes;
}

const ID_LENGTH = 12;

/** A random id of 12 characters (71 bits; see `idFromBytes`): table, row and comment ids. */
export function planDocId(): string {
  return idFromBytes(randomBytes(ID_LENGTH));
}

/** True when `field` can name a column: not empty and not a key the row uses for itself. */
export function planDocFieldIsValid(field: string): boolean {
  return (
    field.length > 0 &&
    field !== SECTION_LABEL_KEY &&
    !(ROW_META_KEYS as readonly string[]).includes(field)
  );
}

/** A root map of the layout. */
export function rootMap(doc: Y.Doc, name: PlanRoot): Y.Map<unknown> {
  return doc.getMap<unknown>(name);
}

/**
 * The map of an item row's progress reports (`progress` root: row id → Y.Map of period id →
 * record), created when missing. It is created with the row (and by the migration to layout 2
 * for rows made before), so two people reporting different periods of a row for the first time at
 * once never each create it and overwrite the other's. Call inside a transaction.
 */
export function progressPeriodsEnsure(doc: Y.Doc, rowId: string): Y.Map<unknown> {
  const root = rootMap(doc, 'progress');
  const periods = root.get(rowId);
  if (periods instanceof Y.Map) return periods;
  const created = new Y.Map<unknown>();
  root.set(rowId, created);
  return created;
}

/** A table's Y.Map, or undefined when there is none by that id. */
export function tableMapGet(doc: Y.Doc, tableId: string): Y.Map<unknown> | undefined {
  const table = rootMap(doc, 'tables').get(tableId);
  return table instanceof Y.Map ? table : undefined;
}

/** The table's Y.Map, or a `table-missing` error. */
export function tableMapRequire(doc: Y.Doc, tableId: string): Y.Map<unknown> {
  const table = tableMapGet(doc, tableId);
  if (!table) throw new PlanDocError('table-missing', `Không tìm thấy bảng "${tableId}" trong kế hoạch.`);
  return table;
}

/** A table's `rows` map (undefined only in a malformed document). */
export function rowsMapOf(table: Y.Map<unknown>): Y.Map<unknown> | undefined {
  const rows = table.get('rows');
  return rows instanceof Y.Map ? rows : undefined;
}

/** A table's `columns` array (undefined only in a malformed document). */
export function columnsArrayOf(table: Y.Map<unknown>): Y.Array<unknown> | undefined {
  const columns = table.get('columns');
  return columns instanceof Y.Array ? columns : undefined;
}

/** A row's Y.Map, or undefined when the table or the row is gone. */
export function rowMapGet(doc: Y.Doc, tableId: string, rowId: string): Y.Map<unknown> | undefined {
  const table = tableMapGet(doc, tableId);
  const row = table && rowsMapOf(table)?.get(rowId);
  return row instanceof Y.Map ? row : undefined;
}

/** `value` when it is a string: documents are read defensively (any client may write). */
export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** The strings of an array value; anything else reads as []. */
export function stringArrayOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
