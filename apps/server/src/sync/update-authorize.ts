/**
 * The decision on one incoming update: inspected against the server's document, every change
 * checked against the sender's rights, and its client ids checked to be the sender's own. A
 * Yjs client id writes for one person: content forged under someone else's id would take the
 * clocks their next edits need, and Yjs would then drop those edits as already known.
 */
import { type Actor, type PlanChange, permissionCheckChanges } from '@phuluc/domain';
import type * as Y from 'yjs';
import { SyncError } from './sync-error.ts';
import { updateInspect } from './update-inspect.ts';

export type UpdateDecision =
  | { ok: true; changes: PlanChange[]; empty: boolean; clients: number[] }
  | { ok: false; error: SyncError; changes: readonly PlanChange[] };

/** Who writes under which client id of a plan's document. */
export type ClientAuthors = ReadonlyMap<number, string>;

/** Decides whether `actor` may apply `update` to `doc`; nothing is applied here. */
export function updateAuthorize(doc: Y.Doc, update: Uint8Array, actor: Actor, clientAuthors: ClientAuthors): UpdateDecision {
  const inspection = updateInspect(doc, update);
  if (!inspection.ok) return { ...inspection, changes: [] };
  for (const client of inspection.clients) {
    const author = clientAuthors.get(client);
    if (author !== undefined && author !== actor.userId) {
      return { ok: false, error: new SyncError('foreignClient'), changes: inspection.changes };
    }
  }
  if (inspection.empty) return inspection;
  const verdict = permissionCheckChanges(actor, inspection.changes);
  if (!verdict.ok) return { ok: false, error: new SyncError('forbidden', { detail: verdict.reason }), changes: inspection.changes };
  return inspection;
}
