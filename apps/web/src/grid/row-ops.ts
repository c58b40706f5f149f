/**
 * Row and column actions of the grid (toolbar, context menu, drag and drop), each checked with
 * the domain's permission rules first and written in one local transaction (one undo step).
 * They return a verdict the grid shows as a notice when the action is refused.
 */
import * as Y from 'yjs';
import {
  FIELDS,
  TEMPLATES,
  fieldLabelForYear,
  permissionCanAddRow,
  permissionCanDeleteRow,
  permissionCanEditStructure,
  permissionCanMoveRow,
  rowLeadForNew,
  rowOwnersForNew,
  planDocAddColumn,
  planDocColumns,
  planDocDeleteRow,
  planDocFieldIsValid,
  planDocInsertRow,
  planDocMoveColumn,
  planDocMoveRow,
  planDocRemoveColumn,
  planDocRenameColumn,
  planDocResizeColumn,
  planDocRowInfo,
  planDocSetNumbering,
  planDocSetTableTitle,
  templateColumnsForYear,
  templateTitleForYear,
  textSlug,
} from '@phuluc/domain';
import type { Actor, FieldKey, RowModel, TemplateId, UnitDirectory, Verdict } from '@phuluc/domain';
import { LOCAL_ORIGIN } from '../sync/origins.ts';

export type OpResult = { ok: true; rowIds: string[] } | { ok: false; reason: string };

const done = (rowIds: string[] = []): OpResult => ({ ok: true, rowIds });
const refused = (v: Verdict): OpResult => ({ ok: false, reason: v.ok ? '' : v.reason });

function owned(row: RowModel): { kind: 'section' | 'item'; owners: readonly string[] } {
  return { kind: row.kind, owners: row.kind === 'item' ? (row.owners ?? []) : [] };
}

/** The first refusal among rows, or ok. */
function checkAll(rows: readonly RowModel[], check: (row: { kind: 'section' | 'item'; owners: readonly string[] }) => Verdict): Verdict {
  for (const row of rows) {
    const verdict = check(owned(row));
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}

function anchorOf(doc: Y.Doc, tableId: string, anchorId: string | null, where: 'above' | 'below'): { before?: string; after?: string } | undefined {
  if (!anchorId || !planDocRowInfo(doc, tableId, anchorId)) return undefined;
  return where === 'above' ? { before: anchorId } : { after: anchorId };
}

/**
 * Inserts an item row next to `anchorId` (at the end without one), owned as a new row
 * (`rowOwnersForNew`): an editor's row is his unit's and its lead cell names his unit
 * (`rowLeadForNew`), so it needs no one else to fill it in; the coordinator's row starts empty.
 */
export function rowInsert(doc: Y.Doc, tableId: string, actor: Actor, units: UnitDirectory, anchorId: string | null, where: 'above' | 'below'): OpResult {
  const verdict = permissionCanAddRow(actor);
  if (!verdict.ok) return refused(verdict);
  const lead = rowLeadForNew(actor, units);
  const owners = rowOwnersForNew(actor, units, lead);
  const cells: Record<string, string> = lead === '' ? {} : { lead };
  let id = '';
  doc.transact(() => {
    id = planDocInsertRow(doc, tableId, { kind: 'item', cells, owners, createdBy: actor.userId }, anchorOf(doc, tableId, anchorId, where));
  }, LOCAL_ORIGIN);
  return done([id]);
}

/** Inserts a section (heading) row next to `anchorId`; the coordinator only. */
export function sectionInsert(doc: Y.Doc, tableId: string, actor: Actor, anchorId: string | null, where: 'above' | 'below', label = ''): OpResult {
  const verdict = permissionCanEditStructure(actor);
  if (!verdict.ok) return refused(verdict);
  let id = '';
  doc.transact(() => {
    id = planDocInsertRow(doc, tableId, { kind: 'section', label, createdBy: actor.userId }, anchorOf(doc, tableId, anchorId, where));
  }, LOCAL_ORIGIN);
  return done([id]);
}

/** Deletes rows, all or none: refused whole when one of them may not be deleted. */
export function rowsDelete(doc: Y.Doc, tableId: string, actor: Actor, rows: readonly RowModel[]): OpResult {
  const verdict = checkAll(rows, (row) => permissionCanDeleteRow(actor, row));
  if (!verdict.ok) return refused(verdict);
  doc.transact(() => {
    for (const row of rows) if (row.id) planDocDeleteRow(doc, tableId, row.id);
  }, LOCAL_ORIGIN);
  return done();
}

/**
 * Moves a block of consecutive visible rows one place up or down, past the neighbouring visible
 * row. `block` are indices into `rows` (the visible rows), in order.
 */
export function rowsMoveBy(doc: Y.Doc, tableId: string, actor: Actor, rows: readonly RowModel[], first: number, last: number, by: -1 | 1): OpResult {
  const block = rows.slice(first, last + 1);
  const verdict = checkAll(block, (row) => permissionCanMoveRow(actor, row));
  if (!verdict.ok) return refused(verdict);
  const neighbour = by < 0 ? rows[first - 1] : rows[last + 1];
  if (!neighbour?.id) return done();
  return rowsMoveTo(doc, tableId, actor, block, neighbour.id, by < 0 ? 'before' : 'after');
}

/** Moves rows (in their order) right before or after `targetId` (drag and drop). */
export function rowsMoveTo(doc: Y.Doc, tableId: string, actor: Actor, block: readonly RowModel[], targetId: string, side: 'before' | 'after'): OpResult {
  const verdict = checkAll(block, (row) => permissionCanMoveRow(actor, row));
  if (!verdict.ok) return refused(verdict);
  const ids = block.map((r) => r.id).filter((id): id is string => !!id && id !== targetId);
  if (!planDocRowInfo(doc, tableId, targetId)) return done();
  doc.transact(() => {
    // Each row goes right next to the target: before it in order, after it in reverse order.
    if (side === 'before') for (const id of ids) planDocMoveRow(doc, tableId, id, { before: targetId });
    else for (const id of [...ids].reverse()) planDocMoveRow(doc, tableId, id, { after: targetId });
  }, LOCAL_ORIGIN);
  return done(ids);
}

// ---------------------------------------------------------------------------------------------
// Columns (the coordinator)

/** Fields a column could be added for: the known fields the table does not have yet. */
export function columnsAddable(present: readonly string[]): FieldKey[] {
  return (Object.keys(FIELDS) as FieldKey[]).filter((f) => !present.includes(f));
}

/** A `custom:` field for a new column named `label`, distinct from `present`. */
export function columnCustomField(label: string, present: readonly string[]): string {
  const base = `custom:${textSlug(label) || 'cot'}`;
  let field = base;
  for (let n = 2; present.includes(field) || !planDocFieldIsValid(field); n += 1) field = `${base}-${n}`;
  return field;
}

function structure(doc: Y.Doc, actor: Actor, fn: () => void): OpResult {
  const verdict = permissionCanEditStructure(actor);
  if (!verdict.ok) return refused(verdict);
  doc.transact(fn, LOCAL_ORIGIN);
  return done();
}

/** Adds a column: a known field (its usual label for the plan's year) or a custom one named `label`. */
export function columnAdd(doc: Y.Doc, tableId: string, actor: Actor, spec: { field?: FieldKey; label?: string; index?: number; year: number }): OpResult {
  const present = planDocColumns(doc, tableId).map((c) => c.field);
  const field = spec.field ?? columnCustomField(spec.label ?? '', present);
  const label = spec.label?.trim() || (spec.field ? fieldLabelForYear(FIELDS[spec.field].label, spec.year) : field);
  return structure(doc, actor, () => planDocAddColumn(doc, tableId, { field, label, width: 30 }, spec.index));
}

export function columnRemove(doc: Y.Doc, tableId: string, actor: Actor, field: string): OpResult {
  return structure(doc, actor, () => planDocRemoveColumn(doc, tableId, field));
}

export function columnRename(doc: Y.Doc, tableId: string, actor: Actor, field: string, label: string): OpResult {
  const text = label.trim();
  if (!text) return { ok: false, reason: '' };
  return structure(doc, actor, () => planDocRenameColumn(doc, tableId, field, text));
}

export function columnMove(doc: Y.Doc, tableId: string, actor: Actor, field: string, toIndex: number): OpResult {
  return structure(doc, actor, () => planDocMoveColumn(doc, tableId, field, toIndex));
}

/** Pixels per millimetre of column width on screen (widths are stored in mm of the A4 page). */
export const PX_PER_MM = 4;
/** Narrowest column, in millimetres. */
export const COLUMN_MIN_MM = 8;

/** Screen width of a column stored as `mm`. */
export function columnPx(mm: number): number {
  return Math.round(mm * PX_PER_MM);
}

/** Stored width for a column dragged to `px` on screen (half-millimetre steps, never too narrow). */
export function columnMm(px: number): number {
  return Math.max(COLUMN_MIN_MM, Math.round((px / PX_PER_MM) * 2) / 2);
}

export function columnResize(doc: Y.Doc, tableId: string, actor: Actor, field: string, mm: number): OpResult {
  return structure(doc, actor, () => planDocResizeColumn(doc, tableId, field, Math.max(COLUMN_MIN_MM, mm)));
}

/**
 * Lays an EMPTY table out by another template: its columns, numbering and (when the title was
 * the old template's default) its title. Refused once the table has rows.
 */
export function templateApply(doc: Y.Doc, tableId: string, actor: Actor, template: TemplateId, year: number, rowCount: number): OpResult {
  if (rowCount > 0) return { ok: false, reason: 'Chỉ chọn được mẫu cho bảng chưa có dòng nào.' };
  const table = doc.getMap<unknown>('tables').get(tableId);
  if (!(table instanceof Y.Map)) return { ok: false, reason: '' };
  return structure(doc, actor, () => {
    const before: unknown = (table as Y.Map<unknown>).get('template');
    const title: unknown = (table as Y.Map<unknown>).get('title');
    const titleText = title instanceof Y.Text ? title.toString() : '';
    const oldDefault = typeof before === 'string' && before in TEMPLATES ? templateTitleForYear(before as TemplateId, year) : '';
    table.set('template', template);
    planDocSetNumbering(doc, tableId, { ...TEMPLATES[template].numbering }, TEMPLATES[template].numberWidth);
    for (const column of planDocColumns(doc, tableId)) planDocRemoveColumn(doc, tableId, column.field);
    for (const column of templateColumnsForYear(template, year)) planDocAddColumn(doc, tableId, column);
    if (titleText === '' || titleText === oldDefault) planDocSetTableTitle(doc, tableId, templateTitleForYear(template, year));
  });
}

/** Whether the selected rows (`selected`, rows `top`..`bottom` of `total`) may move one place up or down. */
export function rowsMoveVerdict(actor: Actor, selected: readonly RowModel[], span: { top: number; bottom: number; total: number } | null, by: -1 | 1): Verdict {
  if (!span || selected.length === 0) return { ok: false, reason: '' };
  const verdict = checkAll(selected, (row) => permissionCanMoveRow(actor, row));
  if (!verdict.ok) return verdict;
  const edge = by < 0 ? span.top > 0 : span.bottom < span.total - 1;
  return edge ? { ok: true } : { ok: false, reason: '' };
}

/** Whether the selected rows may be deleted. */
export function rowsDeleteVerdict(actor: Actor, selected: readonly RowModel[]): Verdict {
  if (selected.length === 0) return { ok: false, reason: '' };
  return checkAll(selected, (row) => permissionCanDeleteRow(actor, row));
}
