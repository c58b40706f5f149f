/**
 * What the audit trail keeps of an update: the (table, row, field) places it touched, once each,
 * with the domain's markers (`AUDIT_MARKERS`) for what is not a cell, a row key or a table part.
 */
import { auditMarkerWrite, type PlanChange, REVIEW_STATES, type ReviewState } from '@phuluc/domain';

/** One place as the audit trail keeps it. */
export interface AuditPlace {
  tableId: string | null;
  rowId: string | null;
  field: string | null;
}

/** The review state a change writes, when it is one (so the activity feed can say "duyệt" or "yêu cầu sửa"). */
function reviewStateWritten(change: PlanChange): ReviewState | null {
  if (change.op !== 'write' || typeof change.value !== 'object' || change.value === null) return null;
  const state = (change.value as { state?: unknown }).state;
  return (REVIEW_STATES as readonly unknown[]).includes(state) ? (state as ReviewState) : null;
}

/** The places an update touched, each once, in the order first touched. */
export function changesSummarize(changes: readonly PlanChange[]): AuditPlace[] {
  const seen = new Map<string, AuditPlace>();
  for (const c of changes) {
    const loc = c.location;
    let place: AuditPlace;
    switch (loc.area) {
      case 'tables': {
        let field = loc.rowId ? (loc.field ?? auditMarkerWrite({ kind: c.op === 'delete' ? 'rowDeleted' : 'rowCreated' })) : (loc.part ?? null);
        // Whatever an update writes inside a row it creates is the row's creation.
        if (c.inNewRow) field = auditMarkerWrite({ kind: 'rowCreated' });
        place = { tableId: loc.tableId ?? null, rowId: loc.rowId ?? null, field };
        break;
      }
      case 'comments':
        // A row is created with its (empty) comment list: that list is no comment. Its entries are.
        if (c.commentList && c.op === 'write') continue;
        place = { tableId: null, rowId: loc.rowId ?? null, field: auditMarkerWrite({ kind: c.op === 'delete' && !c.commentList ? 'commentDeleted' : 'comment' }) };
        break;
      case 'reviews':
        place = { tableId: null, rowId: loc.rowId ?? null, field: auditMarkerWrite({ kind: 'review', state: reviewStateWritten(c) }) };
        break;
      case 'meta':
        place = { tableId: null, rowId: null, field: auditMarkerWrite({ kind: 'meta', key: loc.key ? loc.key : null }) };
        break;
      case 'progress':
        // A row's map of periods is created with its first record, which names the period.
        if (c.op === 'write' && loc.periodId === undefined) continue;
        // One place per row and period: typing a report is many small writes of one record.
        place = { tableId: null, rowId: loc.rowId ?? null, field: auditMarkerWrite({ kind: 'progress', periodId: loc.periodId ?? null }) };
        break;
      case 'unknown':
        place = { tableId: null, rowId: null, field: auditMarkerWrite({ kind: 'unknown' }) };
        break;
    }
    seen.set(`${place.tableId}|${place.rowId}|${place.field}`, place);
  }
  return [...seen.values()];
}
