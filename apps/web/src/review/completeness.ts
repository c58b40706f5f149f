/**
 * How complete each department's part of a table is: of the rows a unit leads (its `owners`),
 * how many have no error. A row led by two units counts for both; rows nobody leads yet are
 * counted apart (unitId null). The rule lives in the domain (`reviewByUnit`); this is the
 * validation panel's view of it.
 */
import { reviewByUnit, reviewPercent } from '@phuluc/domain';
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
  return reviewByUnit(rows, findings).map((u) => ({ unitId: u.unitId, rows: u.rows, complete: u.complete }));
}

/** A percentage for display (rounded down, so 99.6% never shows as 100%). */
export function completenessPercent(u: UnitCompleteness): number {
  return reviewPercent(u.complete, u.rows);
}
