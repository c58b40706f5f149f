/**
 * Multi-cell edits of the grid — paste, clear — planned first and applied in one transaction:
 * a plan is checked cell by cell against the domain's permission rules before anything is
 * written, so a paste touching a cell the person may not write is refused whole (never half
 * applied), and a clear skips such cells and says how many.
 */
import type * as Y from 'yjs';
import {
  permissionCanAddRow,
  permissionCanEditCell,
  permissionCanEditStructure,
  permissionIsManager,
  planDocInsertRows,
  planDocRowInfo,
  planDocSetCell,
  planDocSetOwners,
  tableImportGrid,
  rowOwnersForLead,
  rowLeadForNew,
  rowOwnersForNew,
} from '@phuluc/domain';
import type { Actor, RowInit, RowModel, TableModel, UnitDirectory } from '@phuluc/domain';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import type { StringKey } from '../i18n/strings.ts';
import { rangeSize } from './selection.ts';
import type { CellRange } from './selection.ts';

/** A message for the person, translated by the grid. */
export interface GridMessage {
  key: StringKey;
  params?: Record<string, string | number>;
}

export interface CellWrite {
  rowId: string;
  field: string;
  text: string;
}

/** What an edit writes: cell texts, row owners (from the lead, for the coordinator), new rows. */
export interface EditPlan {
  writes: CellWrite[];
  owners: Array<{ rowId: string; owners: string[] }>;
  insert: RowInit[];
  /** Where new rows go: after this row, or at the end when null. */
  insertAfter: string | null;
}

export type PastePlanResult = { ok: true; plan: EditPlan; notes: GridMessage[] } | { ok: false; message: GridMessage };

/** The grid as the person sees it, with who they are. */
export interface EditContext {
  /** Visible rows, in order. */
  rows: readonly RowModel[];
  /** Their computed numbers (for messages). */
  numbers: readonly string[];
  /** Visible data columns: field and header label. */
  columns: ReadonlyArray<{ field: string; label: string }>;
  /** The selection the edit applies to. */
  range: CellRange;
  actor: Actor;
  units: UnitDirectory;
}

const SECTION = { kind: 'section', owners: [] } as const;

function emptyPlan(insertAfter: string | null = null): EditPlan {
  return { writes: [], owners: [], insert: [], insertAfter };
}

/** How a row is cited in messages: its STT or section number, else its position. */
export function rowCite(ctx: Pick<EditContext, 'numbers'>, index: number): string {
  const n = ctx.numbers[index];
  return n ? n : String(index + 1);
}

/**
 * A pasted item row as the actor adds it: an editor's row is his unit's, and an empty lead names
 * his unit (`rowLeadForNew`); the coordinator's row follows its lead.
 */
function itemNew(ctx: EditContext, cells: Record<string, string>): Extract<RowInit, { kind: 'item' }> {
  const lead = rowLeadForNew(ctx.actor, ctx.units, cells.lead ?? '');
  const withLead = lead === (cells.lead ?? '') ? cells : { ...cells, lead };
  return { kind: 'item', cells: withLead, owners: rowOwnersForNew(ctx.actor, ctx.units, lead), createdBy: ctx.actor.userId };
}

/** Records a cell write, and the owners that follow from a coordinator's lead. */
function planWrite(plan: EditPlan, ctx: EditContext, row: RowModel, field: string, text: string): void {
  plan.writes.push({ rowId: row.id as string, field, text });
  if (field === 'lead' && row.kind === 'item' && permissionIsManager(ctx.actor)) {
    const owners = rowOwnersForLead(ctx.units, text, row.owners ?? []);
    if (owners) plan.owners.push({ rowId: row.id as string, owners });
  }
}

/**
 * Plans a paste of a cell grid at the selection. A grid with a recognised header row (a table
 * copied with its headers) is inserted as new rows below the focus, its columns matched by field;
 * otherwise the block is written cell by cell from the selection's top-left corner (a single
 * value fills the whole selection), rows beyond the last one appended. Cells whose text does
 * not change are not written and need no right.
 */
export function pastePlan(grid: readonly (readonly string[])[], ctx: EditContext, allColumns: ReadonlyArray<{ field: string; label: string }>): PastePlanResult {
  if (grid.length === 0 || grid.every((r) => r.every((c) => c === ''))) return { ok: false, message: { key: 'grid.paste.empty' } };
  const imported = grid.length > 1 ? tableImportGrid(grid) : null;
  if (imported?.ok) return pasteTablePlan(imported.value.table, ctx, allColumns);
  return pasteBlockPlan(grid, ctx);
}

function pasteBlockPlan(grid: readonly (readonly string[])[], ctx: EditContext): PastePlanResult {
  const { range, rows, columns, actor } = ctx;
  const fill = grid.length === 1 && (grid[0]?.length ?? 0) === 1 && rangeSize(range) > 1;
  const height = fill ? range.bottom - range.top + 1 : grid.length;
  const width = fill ? range.right - range.left + 1 : Math.max(...grid.map((r) => r.length));
  const valueAt = (r: number, c: number): string => (fill ? (grid[0]?.[0] ?? '') : (grid[r]?.[c] ?? ''));
  const plan = emptyPlan(rows.length > 0 ? (rows[rows.length - 1]?.id ?? null) : null);
  const notes: GridMessage[] = [];
  const dropped = Math.max(0, range.left + width - columns.length);
  if (dropped > 0) notes.push({ key: 'grid.paste.droppedCells', params: { count: dropped } });

  for (let r = 0; r < height; r += 1) {
    const at = range.top + r;
    const row = rows[at];
    if (row) {
      if (row.kind === 'section') {
        const text = Array.from({ length: width }, (_, c) => valueAt(r, c).trim())
          .filter((v) => v !== '')
          .join(' ');
        if (text === '' || text === row.label) continue;
        const verdict = permissionCanEditCell(actor, SECTION, 'label');
        if (!verdict.ok) return refuse(ctx, at, null, verdict.reason);
        plan.writes.push({ rowId: row.id as string, field: 'label', text });
        continue;
      }
      for (let c = 0; c < width; c += 1) {
        const column = columns[range.left + c];
        if (!column) continue;
        const text = valueAt(r, c);
        if (text === (row.cells[column.field] ?? '')) continue;
        const verdict = permissionCanEditCell(actor, { kind: 'item', owners: row.owners ?? [] }, column.field);
        if (!verdict.ok) return refuse(ctx, at, column.label, verdict.reason);
        planWrite(plan, ctx, row, column.field, text);
      }
    } else {
      const verdict = permissionCanAddRow(actor);
      if (!verdict.ok) return { ok: false, message: { key: 'grid.paste.refusedAppend', params: { reason: verdict.reason } } };
      const cells: Record<string, string> = {};
      for (let c = 0; c < width; c += 1) {
        const column = columns[range.left + c];
        if (column) cells[column.field] = valueAt(r, c);
      }
      plan.insert.push(itemNew(ctx, cells));
    }
  }
  if (plan.insert.length > 0) notes.push({ key: 'grid.paste.appended', params: { count: plan.insert.length } });
  return { ok: true, plan, notes };
}

function refuse(ctx: EditContext, index: number, column: string | null, reason: string): PastePlanResult {
  return {
    ok: false,
    message: column
      ? { key: 'grid.paste.refused', params: { row: rowCite(ctx, index), column, reason } }
      : { key: 'grid.paste.refusedSection', params: { row: rowCite(ctx, index), reason } },
  };
}

function pasteTablePlan(table: TableModel, ctx: EditContext, allColumns: ReadonlyArray<{ field: string; label: string }>): PastePlanResult {
  const { actor } = ctx;
  const add = permissionCanAddRow(actor);
  if (!add.ok) return { ok: false, message: { key: 'grid.paste.refusedAppend', params: { reason: add.reason } } };
  if (table.rows.some((r) => r.kind === 'section')) {
    const structure = permissionCanEditStructure(actor);
    if (!structure.ok) return { ok: false, message: { key: 'grid.paste.refusedSections', params: { reason: structure.reason } } };
  }
  const fields = new Set(allColumns.map((c) => c.field));
  const notes: GridMessage[] = [];
  const droppedColumns = table.columns.filter((c) => !fields.has(c.field)).map((c) => `«${c.label}»`);
  if (droppedColumns.length > 0) notes.push({ key: 'grid.paste.droppedColumns', params: { columns: droppedColumns.join(', ') } });
  const focusRow = ctx.rows[ctx.range.bottom] ?? ctx.rows[ctx.rows.length - 1];
  const plan = emptyPlan(focusRow?.id ?? null);
  for (const row of table.rows) {
    if (row.kind === 'section') {
      plan.insert.push({ kind: 'section', label: row.label, createdBy: actor.userId });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const column of allColumns) {
      const text = row.cells[column.field];
      if (text !== undefined) cells[column.field] = text;
    }
    plan.insert.push(itemNew(ctx, cells));
  }
  notes.push({ key: 'grid.paste.tableInserted', params: { count: plan.insert.length } });
  return { ok: true, plan, notes };
}

/** Plans clearing the selection: cells the person may not edit are skipped and counted. */
export function clearPlan(ctx: EditContext): { plan: EditPlan; skipped: number; reason: string | null } {
  const plan = emptyPlan();
  let skipped = 0;
  let reason: string | null = null;
  const { range, rows, columns, actor } = ctx;
  for (let at = range.top; at <= range.bottom; at += 1) {
    const row = rows[at];
    if (!row) continue;
    if (row.kind === 'section') {
      if (row.label === '') continue;
      const verdict = permissionCanEditCell(actor, SECTION, 'label');
      if (verdict.ok) plan.writes.push({ rowId: row.id as string, field: 'label', text: '' });
      else {
        skipped += 1;
        reason ??= verdict.reason;
      }
      continue;
    }
    for (let c = range.left; c <= range.right; c += 1) {
      const column = columns[c];
      if (!column || (row.cells[column.field] ?? '') === '') continue;
      const verdict = permissionCanEditCell(actor, { kind: 'item', owners: row.owners ?? [] }, column.field);
      if (verdict.ok) planWrite(plan, ctx, row, column.field, '');
      else {
        skipped += 1;
        reason ??= verdict.reason;
      }
    }
  }
  return { plan, skipped, reason };
}

/** True when the plan changes nothing. */
export function editPlanIsEmpty(plan: EditPlan): boolean {
  return plan.writes.length === 0 && plan.owners.length === 0 && plan.insert.length === 0;
}

/** Applies a plan in one local transaction (one undo step); returns the ids of inserted rows. */
export function editPlanApply(doc: Y.Doc, tableId: string, plan: EditPlan): string[] {
  let inserted: string[] = [];
  doc.transact(() => {
    for (const w of plan.writes) planDocSetCell(doc, tableId, w.rowId, w.field, w.text);
    for (const o of plan.owners) planDocSetOwners(doc, tableId, o.rowId, o.owners);
    if (plan.insert.length > 0) {
      // The anchor row may have been deleted by someone a moment ago: then append at the end.
      const anchor = plan.insertAfter && planDocRowInfo(doc, tableId, plan.insertAfter) ? { after: plan.insertAfter } : undefined;
      inserted = planDocInsertRows(doc, tableId, plan.insert, anchor);
    }
  }, LOCAL_ORIGIN);
  return inserted;
}
