/**
 * Who owns a row (DESIGN.md, "owners"): the units its lead cell names, set by the coordinator;
 * the creator's unit when an editor adds a row. The grid, the paste planner, the importers and
 * the server's plan store all decide a row's owners here.
 */
import { permissionIsManager } from './permissions.ts';
import type { Actor } from './permissions.ts';
import { unitById, unitsLeading, unitsSplit } from './units.ts';
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

/** What committing a lead would take from a row's owners (see `rowOwnersLossForLead`). */
export interface RowOwnersLoss {
  /** The owners the new lead no longer names, in the row's order. */
  dropped: string[];
  /** The acting person's own unit is dropped: they would lose the right to edit the row. */
  own: boolean;
  /** Parts of the new lead that name no unit (a unit typed in a way the directory does not know). */
  unmatched: string[];
  /** Ask before committing: the person's own unit goes, or units go while something typed matched nothing. */
  confirm: boolean;
}

/**
 * The owners an edit of a row's lead would drop, before it is committed; null when it drops none.
 * Nobody should lose a row silently because a name was not recognised.
 */
export function rowOwnersLossForLead(actor: Actor, units: UnitDirectory, leadText: string, previous: readonly string[]): RowOwnersLoss | null {
  const next = new Set(unitsLeading(units, leadText));
  const dropped = previous.filter((id) => !next.has(id));
  if (dropped.length === 0) return null;
  const own = actor.unitId !== null && dropped.includes(actor.unitId);
  const unmatched = unitsSplit(units, leadText).unknown;
  return { dropped, own, unmatched, confirm: own || unmatched.length > 0 };
}

/**
 * The lead cell of an item row `actor` adds: an editor's row is led by his unit (it is his row:
 * owners = his unit), so an empty lead gets his unit's name, which the coordinator may change;
 * anything else stays as given.
 */
export function rowLeadForNew(actor: Actor, units: UnitDirectory, leadText = ''): string {
  if (permissionIsManager(actor) || leadText.trim() !== '' || actor.unitId === null) return leadText;
  return unitById(units, actor.unitId)?.name ?? leadText;
}

/**
 * The owners of an item row `actor` adds: the coordinator's row follows its lead (none while the
 * lead is empty); an editor's row is its own unit's.
 */
export function rowOwnersForNew(actor: Actor, units: UnitDirectory, leadText = ''): string[] {
  if (permissionIsManager(actor)) return rowOwnersForLead(units, leadText);
  return actor.unitId ? [actor.unitId] : [];
}
