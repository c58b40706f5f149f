/**
 * Who is online and where, for the review page: each other person once (however many tabs),
 * with the place their most telling tab is at — typing in a cell, on a cell, on the review page.
 * Identity comes from the server-written `user` of each awareness state (presence.ts); the rest
 * is read defensively (any client may write anything into its own state).
 */
import { type PresencePerson, presencePeople } from '../app/presence.ts';

export interface OnlinePerson extends PresencePerson {
  /** The cell their cursor is on, if any. */
  where: { tableId: string; rowId: string; field: string } | null;
  editing: boolean;
  /** On the review page. */
  reviewing: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function placeOf(state: unknown): { where: OnlinePerson['where']; editing: boolean; reviewing: boolean } {
  if (!isObject(state)) return { where: null, editing: false, reviewing: false };
  const cell = state.cell;
  const where =
    isObject(cell) && typeof cell.tableId === 'string' && typeof cell.rowId === 'string' && typeof cell.field === 'string'
      ? { tableId: cell.tableId, rowId: cell.rowId, field: cell.field }
      : null;
  return { where, editing: where !== null && state.editing === true, reviewing: state.view === 'review' };
}

const rank = (p: ReturnType<typeof placeOf>): number => (p.editing ? 3 : p.where ? 2 : p.reviewing ? 1 : 0);

/** The other people online with where they are, by name. */
export function onlinePeople(states: ReadonlyMap<number, unknown>, selfClientId: number, selfUserId: string | null): OnlinePerson[] {
  return presencePeople(states, selfClientId, selfUserId).map((person) => {
    let best = placeOf(undefined);
    for (const id of person.clientIds) {
      const place = placeOf(states.get(id));
      if (rank(place) > rank(best)) best = place;
    }
    return { ...person, ...best };
  });
}
