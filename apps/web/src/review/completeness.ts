/**
 * How complete each department's part of a table is: of the rows a unit leads (its `owners`),
 * how many have no error. A row led by two units counts for both; rows nobody leads yet are
 * counted apart (unitId null).
 */
import type { Finding, RowModel } from '@phuluc/domain';

export interface UnitCompleteness {
  /** The unit, or null for rows without an owner. */
  unitId: string | null;
  rows: number;
  /** Rows without any error. */
  complete: number;
}

/** Completeness per unit, the least complete first (then by unit id), unassigned rows last. */
export function completenessByUnit(rows: readonly RowModel[], findings: readonly Finding[]): UnitCompleteness[] {
  const withErrors = new Set<string>();
  for (const f of findings) if (f.severity === 'error' && f.rowId !== null) withErrors.add(f.rowId);
  const byUnit = new Map<string | null, UnitCompleteness>();
  const count = (unitId: string | null, ok: boolean): void => {
    const entry = byUnit.get(unitId) ?? { unitId, rows: 0, complete: 0 };
    entry.rows += 1;
    if (ok) entry.complete += 1;
    byUnit.set(unitId, entry);
  };
  for (const row of rows) {
    if (row.kind !== 'item') continue;
    const ok = !withErrors.has(row.id ?? '');
    const owners = row.owners ?? [];
    if (owners.length === 0) count(null, ok);
    for (const unit of new Set(owners)) count(unit, ok);
  }
  const ratio = (u: UnitCompleteness): number => (u.rows === 0 ? 1 : u.complete / u.rows);
  return [...byUnit.values()].sort((a, b) => {
    if ((a.unitId === null) !== (b.unitId === null)) return a.unitId === null ? 1 : -1;
    return ratio(a) - ratio(b) || String(a.unitId).localeCompare(String(b.unitId));
  });
}

/** A percentage for display (rounded down, so 99.6% never shows as 100%). */
export function completenessPercent(u: UnitCompleteness): number {
  return u.rows === 0 ? 100 : Math.floor((u.complete / u.rows) * 100);
}
