/**
 * "A change to an approved row puts it back to pending and says so" (issue 5), enforced by the
 * server so it holds whatever client made the change: after an update from a person is
 * accepted, the rows whose content it edits and that were approved get the review
 * `{ state: 'pending', by: <who edited>, at, reason: 'edited' }` — and so does an approved table
 * whose rows or columns it changes — written by the server as an update of its own: committed,
 * relayed to everyone and audited as 'review.reset' (a table as { tableId, rowId: null }).
 */
import {
  AUDIT_ACTIONS,
  auditMarkerWrite,
  planDocHasTable,
  planDocReview,
  planDocReviewSet,
  planDocRowTableId,
  reviewResetsFor,
} from '@phuluc/domain';
import type { DocHub } from '../sync/doc-hub.ts';

/** The audit action of a reset (the activity feed tells it in words). */
export const REVIEW_RESET_ACTION = AUDIT_ACTIONS.reviewReset;
/** The field recorded for each reset row in the audit entry. */
export const REVIEW_RESET_FIELD = auditMarkerWrite({ kind: 'reviewReset' });

/** Makes `hub` put edited approved rows back to pending; returns the function that stops it. */
export function reviewResetInstall(hub: DocHub, now: () => number = Date.now): () => void {
  return hub.onAccepted(({ room, actor, changes }) => {
    const ids = reviewResetsFor(changes, actor, (id) => planDocReview(room.doc, id));
    if (ids.length === 0) return;
    const time = now();
    const at = new Date(time).toISOString();
    const audited = ids.map((id) =>
      planDocHasTable(room.doc, id)
        ? { tableId: id, rowId: null, field: REVIEW_RESET_FIELD }
        : { tableId: planDocRowTableId(room.doc, id) ?? null, rowId: id, field: REVIEW_RESET_FIELD },
    );
    hub.applyLocal(
      room,
      (doc) => {
        for (const id of ids) planDocReviewSet(doc, id, { state: 'pending', by: actor.userId, at, reason: 'edited' });
      },
      { userId: actor.userId, at: time, action: REVIEW_RESET_ACTION, changes: audited },
    );
  });
}
