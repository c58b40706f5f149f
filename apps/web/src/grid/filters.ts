/**
 * Which rows the grid shows: filters by lead unit (the row's owners), by validation state, "my
 * rows", and a search across cells that ignores diacritics and case ("phong kinh te" finds
 * "Phòng Kinh tế"). A section row stays visible while any row under it is, so the context of
 * what is shown is kept.
 */
import { textKey, unitById } from '@phuluc/domain';
import type { RowModel, UnitDirectory } from '@phuluc/domain';
import { rowOwners } from './row-model.ts';
import type { RowState } from './validation-index.ts';

/** Stands for "rows without an owner" in the owners filter. */
export const OWNER_NONE = '';

export interface GridFilter {
  /** Unit ids (OWNER_NONE for unassigned rows); empty: any. */
  owners: readonly string[];
  state: 'all' | RowState;
  /** Only rows owned by the person's unit. */
  mine: boolean;
  search: string;
}

export const FILTER_NONE: GridFilter = { owners: [], state: 'all', mine: false, search: '' };

/** True when the filter hides nothing. */
export function filterIsEmpty(filter: GridFilter): boolean {
  return filter.owners.length === 0 && filter.state === 'all' && !filter.mine && textKey(filter.search) === '';
}

const searchKeys = new WeakMap<RowModel, string>();

/** All the row's text folded for search (cached per row object: rows are immutable snapshots). */
export function rowSearchKey(row: RowModel): string {
  let key = searchKeys.get(row);
  if (key === undefined) {
    key = textKey(row.kind === 'section' ? row.label : Object.values(row.cells).join('\n'));
    searchKeys.set(row, key);
  }
  return key;
}

export interface FilterContext {
  /** The person's unit (for "my rows"). */
  unitId: string | null;
  stateOf: (rowId: string) => RowState;
}

/**
 * The indices of the rows to show, in order; null when the filter hides nothing (then every
 * row is shown and no list is built).
 */
export function filterRows(rows: readonly RowModel[], filter: GridFilter, ctx: FilterContext): number[] | null {
  if (filterIsEmpty(filter)) return null;
  const query = textKey(filter.search);
  const owners = new Set(filter.owners);
  const itemMatches = (row: RowModel & { kind: 'item' }): boolean => {
    const rowOwners = row.owners ?? [];
    if (owners.size > 0 && !(rowOwners.length === 0 ? owners.has(OWNER_NONE) : rowOwners.some((o) => owners.has(o)))) return false;
    if (filter.mine && !(ctx.unitId !== null && rowOwners.includes(ctx.unitId))) return false;
    if (filter.state !== 'all' && ctx.stateOf(row.id ?? '') !== filter.state) return false;
    return query === '' || rowSearchKey(row).includes(query);
  };
  // Only a filter by text or state can pick a section row for itself.
  const sectionMatches = (row: RowModel & { kind: 'section' }): boolean =>
    owners.size === 0 &&
    !filter.mine &&
    (query !== '' || filter.state !== 'all') &&
    (query === '' || rowSearchKey(row).includes(query)) &&
    (filter.state === 'all' || ctx.stateOf(row.id ?? '') === filter.state);

  const out: number[] = [];
  let section = -1;
  let sectionShown = false;
  rows.forEach((row, i) => {
    if (row.kind === 'section') {
      section = i;
      sectionShown = sectionMatches(row);
      if (sectionShown) out.push(i);
      return;
    }
    if (!itemMatches(row)) return;
    if (section >= 0 && !sectionShown) {
      out.push(section);
      sectionShown = true;
    }
    out.push(i);
  });
  return out;
}

/** The units owning some row, for the owner filter: by name, in Vietnamese order. */
export function filterOwnerOptions(rows: readonly RowModel[], units: UnitDirectory): Array<{ id: string; name: string }> {
  const ids = new Set<string>();
  for (const row of rows) for (const o of rowOwners(row)) ids.add(o);
  return [...ids].map((id) => ({ id, name: unitById(units, id)?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** How many item rows (not sections) a list holds. */
export function rowsItemCount(rows: readonly RowModel[]): number {
  return rows.reduce((n, r) => (r.kind === 'item' ? n + 1 : n), 0);
}
