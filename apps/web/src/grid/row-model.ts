/**
 * The grid's model of one table of the plan document: the rows in order with their computed
 * numbers, kept up to date from Yjs events without re-reading the whole table on every keystroke.
 *
 * Each row is read once into a plain `RowModel` and cached by row id; an event inside a row
 * (a keystroke in one of its texts, its owners) re-reads that row only, and only a change of
 * order, kind or the set of rows sorts again and recomputes the numbers. A cached row object
 * keeps its identity until its row changes, so the React rows can be memoised on it.
 */
import * as Y from 'yjs';
import {
  TEMPLATES,
  numberingCompute,
  numberingSchema,
  orderCompare,
  planDocCellText,
  planDocColumns,
  planDocHasTable,
  planDocRowInfo,
  templateIsKnown,
} from '@phuluc/domain';
import type { Column, Numbering, OrderEntry, RowModel, TableModel, TemplateId } from '@phuluc/domain';

/** What the grid knows about the table itself (changes rarely). */
export interface GridTableInfo {
  title: string;
  template: TemplateId;
  numbering: Numbering;
  /** Width of the computed number column in millimetres (0: the layout has none). */
  numberWidth: number;
  columns: readonly Column[];
}

/** One consistent reading of the table. */
export interface GridSnapshot {
  /** Increases with every change the grid has to show. */
  version: number;
  info: GridTableInfo;
  /** Rows in display order; an unchanged row keeps its object from one snapshot to the next. */
  rows: readonly RowModel[];
  /** The computed STT / section label of each row (same index as `rows`). */
  numbers: readonly string[];
  /** Row id → index in `rows`. */
  indexOf: ReadonlyMap<string, number>;
}

function tableMap(doc: Y.Doc, tableId: string): Y.Map<unknown> | undefined {
  const table = doc.getMap<unknown>('tables').get(tableId);
  return table instanceof Y.Map ? table : undefined;
}

/** Reads the table-level values the way `planDocReadTable` does (defensively). */
export function gridTableInfoRead(doc: Y.Doc, tableId: string): GridTableInfo {
  const table = tableMap(doc, tableId);
  if (!table) return { title: '', template: 'tasks-basic', numbering: { ...TEMPLATES['tasks-basic'].numbering }, numberWidth: 0, columns: [] };
  const rawTemplate = table.get('template');
  const template: TemplateId = typeof rawTemplate === 'string' && templateIsKnown(rawTemplate) ? rawTemplate : 'tasks-basic';
  const parsed = numberingSchema.safeParse(table.get('numbering'));
  const numbering = parsed.success ? parsed.data : { ...TEMPLATES[template].numbering };
  const rawWidth = table.get('numberWidth');
  const numberWidth = typeof rawWidth === 'number' && rawWidth >= 0 ? rawWidth : TEMPLATES[template].numberWidth;
  const title = table.get('title');
  return {
    title: title instanceof Y.Text ? title.toString() : '',
    template,
    numbering,
    numberWidth,
    columns: planDocColumns(doc, tableId),
  };
}

/** Reads one row as a plain model, or undefined when it is gone. */
export function gridRowRead(doc: Y.Doc, tableId: string, rowId: string, columns: readonly Column[]): { row: RowModel; order: string } | undefined {
  const info = planDocRowInfo(doc, tableId, rowId);
  if (!info) return undefined;
  const textOf = (field: string): string => planDocCellText(doc, tableId, rowId, field)?.toString() ?? '';
  if (info.kind === 'section') return { row: { id: rowId, kind: 'section', label: textOf('label') }, order: info.order };
  const cells: Record<string, string> = {};
  for (const column of columns) cells[column.field] = textOf(column.field);
  const row: RowModel = { id: rowId, kind: 'item', owners: info.owners, cells, ...(info.carriedFrom ? { carriedFrom: info.carriedFrom } : {}) };
  return { row, order: info.order };
}

/**
 * A live reading of one table. Feed it the events of `observeDeep` on the table's Y.Map
 * (`gridModelApply`) and ask for a `snapshot()` when rendering; it re-reads only what changed.
 */
export class GridModel {
  readonly doc: Y.Doc;
  readonly tableId: string;
  private info: GridTableInfo;
  private cache = new Map<string, RowModel>();
  private order = new Map<string, string>();
  private sortedIds: string[] = [];
  private dirtyRows = new Set<string>();
  private dirtyAll = true;
  private dirtyInfo = false;
  private dirtyOrder = true;
  private version = 0;
  private last: GridSnapshot | null = null;

  constructor(doc: Y.Doc, tableId: string) {
    this.doc = doc;
    this.tableId = tableId;
    this.info = gridTableInfoRead(doc, tableId);
  }

  /** Notes what a batch of events (from `observeDeep` on the table's map) changed; true if anything. */
  apply(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): boolean {
    let changed = false;
    for (const event of events) {
      const path = event.path;
      const head = path[0];
      if (path.length === 0) {
        // The table map itself: template, numbering, columns or rows replaced.
        const keys = (event as Y.YMapEvent<unknown>).keysChanged;
        this.dirtyInfo = true;
        if (keys.has('rows') || keys.has('columns')) this.dirtyAll = true;
        changed = true;
      } else if (head === 'columns') {
        this.dirtyInfo = true;
        this.dirtyAll = true;
        changed = true;
      } else if (head === 'title') {
        this.dirtyInfo = true;
        changed = true;
      } else if (head === 'rows') {
        if (path.length === 1) {
          // Rows added or removed.
          for (const id of (event as Y.YMapEvent<unknown>).keysChanged as Set<string>) this.dirtyRows.add(id);
          this.dirtyOrder = true;
        } else {
          const rowId = String(path[1]);
          this.dirtyRows.add(rowId);
          if (path.length === 2) {
            const keys = (event as Y.YMapEvent<unknown>).keysChanged;
            if (keys.has('order') || keys.has('kind')) this.dirtyOrder = true;
          }
        }
        changed = true;
      }
    }
    return changed;
  }

  /** Forgets everything read so far (the table map was replaced). */
  reset(): void {
    this.dirtyAll = true;
    this.dirtyInfo = true;
    this.dirtyOrder = true;
  }

  /** The current reading; the same object as last time when nothing changed. */
  snapshot(): GridSnapshot {
    if (this.last && !this.dirtyAll && !this.dirtyInfo && !this.dirtyOrder && this.dirtyRows.size === 0) return this.last;
    const { doc, tableId } = this;
    const present = planDocHasTable(doc, tableId);
    if (this.dirtyInfo || this.dirtyAll) {
      const next = gridTableInfoRead(doc, tableId);
      if (!this.last || !infoEquals(next, this.info)) this.info = next;
    }
    let rowsChanged = false;
    if (this.dirtyAll) {
      this.cache.clear();
      this.order.clear();
      const table = present ? tableMap(doc, tableId) : undefined;
      const rowsMap = table?.get('rows');
      if (rowsMap instanceof Y.Map) {
        for (const id of rowsMap.keys()) this.readRow(id);
      }
      this.dirtyOrder = true;
      rowsChanged = true;
    } else {
      for (const id of this.dirtyRows) {
        const before = this.cache.get(id);
        this.readRow(id);
        const after = this.cache.get(id);
        if (before?.kind !== after?.kind || (before === undefined) !== (after === undefined)) this.dirtyOrder = true;
        rowsChanged = true;
      }
    }
    this.dirtyRows.clear();
    this.dirtyAll = false;
    this.dirtyInfo = false;

    let numbers = this.last?.numbers ?? [];
    let indexOf = this.last?.indexOf ?? new Map<string, number>();
    if (this.dirtyOrder) {
      const entries: OrderEntry[] = [];
      for (const [id, order] of this.order) entries.push({ id, order });
      entries.sort(orderCompare);
      this.sortedIds = entries.map((e) => e.id);
      const map = new Map<string, number>();
      this.sortedIds.forEach((id, i) => map.set(id, i));
      indexOf = map;
      rowsChanged = true;
    }
    const rows = rowsChanged || !this.last ? this.sortedIds.map((id) => this.cache.get(id) as RowModel) : this.last.rows;
    if (this.dirtyOrder || !this.last || this.last.info.numbering !== this.info.numbering) {
      numbers = numberingCompute(
        rows.map((r) => r.kind),
        this.info.numbering,
      );
    }
    this.dirtyOrder = false;
    this.version += 1;
    this.last = { version: this.version, info: this.info, rows, numbers, indexOf };
    return this.last;
  }

  /** The table as `validateTable` and the exports read it (rows without numbers). */
  tableModel(snapshot: GridSnapshot = this.snapshot()): TableModel {
    const { info } = snapshot;
    return {
      id: this.tableId,
      title: info.title,
      template: info.template,
      numbering: info.numbering,
      numberWidth: info.numberWidth,
      columns: [...info.columns],
      rows: [...snapshot.rows],
    };
  }

  private readRow(id: string): void {
    const read = gridRowRead(this.doc, this.tableId, id, this.info.columns);
    if (!read) {
      this.cache.delete(id);
      this.order.delete(id);
      return;
    }
    const before = this.cache.get(id);
    this.cache.set(id, before && rowEquals(before, read.row) ? before : read.row);
    this.order.set(id, read.order);
  }
}

function infoEquals(a: GridTableInfo, b: GridTableInfo): boolean {
  return (
    a.title === b.title &&
    a.template === b.template &&
    a.numberWidth === b.numberWidth &&
    a.numbering.items === b.numbering.items &&
    a.numbering.sections === b.numbering.sections &&
    a.numbering.label === b.numbering.label &&
    a.columns.length === b.columns.length &&
    a.columns.every((c, i) => {
      const d = b.columns[i];
      return d !== undefined && c.field === d.field && c.label === d.label && c.width === d.width;
    })
  );
}

function rowEquals(a: RowModel, b: RowModel): boolean {
  if (a.kind === 'section' || b.kind === 'section') return a.kind === b.kind && a.kind === 'section' && b.kind === 'section' && a.label === b.label;
  const ao = a.owners ?? [];
  const bo = b.owners ?? [];
  if (ao.length !== bo.length || ao.some((o, i) => o !== bo[i])) return false;
  const ak = Object.keys(a.cells);
  if (ak.length !== Object.keys(b.cells).length) return false;
  return ak.every((k) => a.cells[k] === b.cells[k]);
}

/** The owners of a row model ([] for sections). */
export function rowOwners(row: RowModel): readonly string[] {
  return row.kind === 'item' ? (row.owners ?? []) : [];
}

/** The text the grid shows in a cell: a section's label for any field, an item's cell otherwise. */
export function rowCellText(row: RowModel, field: string): string {
  return row.kind === 'section' ? row.label : (row.cells[field] ?? '');
}
