/**
 * Validation off the main thread: the grid sends a worker only what changed since the last
 * snapshot (a keystroke: one row), the worker keeps its own copy of the table and runs the
 * domain's `validateTable` on it. On a 5,000-row table validation takes ~150 ms: run in the page
 * it would freeze typing and delay others' edits on screen. Both sides of the exchange are here,
 * pure, so they are tested without a worker.
 */
import type { RowModel, TableModel } from '@phuluc/domain';
import type { GridSnapshot, GridTableInfo } from './row-model.ts';

/** What changed between two snapshots of a table. */
export interface ValidationDelta {
  seq: number;
  tableId: string;
  planYear: number;
  /** The table's info when it changed (or on the first delta). */
  info: GridTableInfo | null;
  /** The new row order (all ids) when it changed, else null. */
  order: string[] | null;
  /** Rows added or changed. */
  rows: RowModel[];
}

/** The delta that brings a copy of `prev` up to `next` (everything when `prev` is null). */
export function validationDelta(prev: GridSnapshot | null, next: GridSnapshot, ctx: { seq: number; tableId: string; planYear: number }): ValidationDelta {
  const fresh = prev === null;
  const orderChanged = fresh || prev.indexOf !== next.indexOf;
  const rows: RowModel[] = [];
  for (const row of next.rows) {
    if (fresh) {
      rows.push(row);
      continue;
    }
    const at = prev.indexOf.get(row.id ?? '');
    if (at === undefined || prev.rows[at] !== row) rows.push(row);
  }
  return {
    ...ctx,
    info: fresh || prev.info !== next.info ? next.info : null,
    order: orderChanged ? next.rows.map((r) => r.id ?? '') : null,
    rows,
  };
}

/** The worker's copy of the table. */
export interface ValidationCopy {
  tableId: string;
  planYear: number;
  info: GridTableInfo | null;
  order: string[];
  rows: Map<string, RowModel>;
}

export function validationCopyCreate(): ValidationCopy {
  return { tableId: '', planYear: 0, info: null, order: [], rows: new Map() };
}

/** Applies a delta to the copy (rows no longer in the order are dropped). */
export function validationCopyApply(copy: ValidationCopy, delta: ValidationDelta): void {
  copy.tableId = delta.tableId;
  copy.planYear = delta.planYear;
  if (delta.info) copy.info = delta.info;
  for (const row of delta.rows) copy.rows.set(row.id ?? '', row);
  if (delta.order) {
    copy.order = delta.order;
    if (copy.rows.size > copy.order.length) {
      const keep = new Set(copy.order);
      for (const id of copy.rows.keys()) if (!keep.has(id)) copy.rows.delete(id);
    }
  }
}

/** The copy as the table `validateTable` reads, or null before the first full delta. */
export function validationCopyTable(copy: ValidationCopy): TableModel | null {
  const info = copy.info;
  if (!info) return null;
  const rows: RowModel[] = [];
  for (const id of copy.order) {
    const row = copy.rows.get(id);
    if (row) rows.push(row);
  }
  return {
    id: copy.tableId,
    title: info.title,
    template: info.template,
    numbering: info.numbering,
    numberWidth: info.numberWidth,
    columns: [...info.columns],
    rows,
  };
}
