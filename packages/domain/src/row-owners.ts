/**
 * Who owns a row (DESIGN.md, "owners"): the units its lead cell names, set by the coordinator;
 * the creator's unit when an editor adds a row. The grid, the paste planner, the importers and
 * the server's plan store all decide a row's owners here.
 */
import { permissionIsManager } from './permissions.ts';
import type { Actor } from './permissions.ts';
import { unitsLeading } from './units.ts';
import type { UnitDirectory } from './units.ts';

/**
 * The owners a row's lead cell gives it: every unit it names, except those in parentheses
 * (`unitsLeading`). With `previous` (the row's owners now): null when they would not change.
 */
export function rowOwnersForLead(units: UnitDirectory, leadText: string): string[];
export function rowOwnersForLead(units: UnitDirectory, leadText: string, previous: readonly string[]): string[] | null;
export function rowOwnersForLead(units: UnitDirectory, leadText: string, previous?: readonly string[]): string[] | null {
  const owners = unitsLeading(units, leadText);
  if (previous && owners.length === previous.length && owners.every((id, i) => id === previous[i])) return null;
  return owners;
}

/**
 * The owners of an item row `actor` adds: the coordinator's row follows its lead (none while the
 * lead is empty); an editor's row is its own unit's.
 */
export function rowOwnersForNew(actor: Actor, units: UnitDirectory, leadText = ''): string[] {
  if (permissionIsManager(actor)) return rowOwnersForLead(units, leadText);
  return actor.unitId ? [actor.unitId] : [];
}
