/**
 * The audit trail's vocabulary, shared by the server that writes it and whoever reads it back
 * (the activity feed). Each string here is stored as it is in the database: never change one,
 * or the rows already written with it are no longer understood; add a new one instead.
 */
import { z } from 'zod';
import { REVIEW_STATES, type ReviewState } from './plan-doc-comments.ts';

/** What an audit entry records, and the string stored for it. */
export const AUDIT_ACTIONS = {
  /** An update accepted from a person; `changes` says what it touched. */
  update: 'update',
  /** An update the permission check refused; `detail` holds the reason. */
  rejected: 'rejected',
  /** Approved rows or tables put back to pending by the server because someone edited them. */
  reviewReset: 'review.reset',
  login: 'login',
  logout: 'logout',
  planCreate: 'plan.create',
  planDelete: 'plan.delete',
  /** A named version saved; `detail` holds its name. */
  versionCreate: 'version.create',
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

const AUDIT_ACTION_VALUES: readonly string[] = Object.values(AUDIT_ACTIONS);

/** A stored action read back: one of `AUDIT_ACTIONS`, or null for a string this version does not know. */
export function auditActionRead(stored: string): AuditAction | null {
  return AUDIT_ACTION_VALUES.includes(stored) ? (stored as AuditAction) : null;
}

/**
 * The markers written in a change's `field` for what is not a cell, a row key or a table part,
 * as stored. Two carry a payload after their stored form: `(review:<state>)` and `(meta).<key>`.
 */
export const AUDIT_MARKERS = {
  rowCreated: '(row.created)',
  rowDeleted: '(row.deleted)',
  /** A comment written (added, edited, resolved). */
  comment: '(comment)',
  /** A comment removed (a coordinator hid it). */
  commentDeleted: '(comment.deleted)',
  /** A review state set; `(review:<state>)` when the state is known. */
  review: '(review)',
  /** The server put an approved row or table back to pending (with the action `review.reset`). */
  reviewReset: '(review:reset)',
  /** The plan's meta; `(meta).<key>` names the key. */
  meta: '(meta)',
  /** A row's progress record (the year after signing); `(progress).<period id>` names the period. */
  progress: '(progress)',
  /** A change the server could not place. */
  unknown: '(unknown)',
} as const;

/** A marker with its payload. */
export type AuditMarker =
  | { kind: 'rowCreated' }
  | { kind: 'rowDeleted' }
  | { kind: 'comment' }
  | { kind: 'commentDeleted' }
  | { kind: 'review'; state: ReviewState | null }
  | { kind: 'reviewReset' }
  | { kind: 'meta'; key: string | null }
  | { kind: 'progress'; periodId: string | null }
  | { kind: 'unknown' };

/**
 * What a change's `field` names, read back: a marker, a plain name (a cell's field, a row key
 * such as `order` or `label`, or a table part such as `columns`), or — null — the table or row
 * itself (a table added or removed).
 */
export type AuditTouch = AuditMarker | { kind: 'field'; field: string } | { kind: 'itself' };

/** The string stored for a marker. */
export function auditMarkerWrite(marker: AuditMarker): string {
  switch (marker.kind) {
    case 'review':
      return marker.state === null ? AUDIT_MARKERS.review : `(review:${marker.state})`;
    case 'meta':
      return marker.key === null ? AUDIT_MARKERS.meta : `${AUDIT_MARKERS.meta}.${marker.key}`;
    case 'progress':
      return marker.periodId === null ? AUDIT_MARKERS.progress : `${AUDIT_MARKERS.progress}.${marker.periodId}`;
    default:
      return AUDIT_MARKERS[marker.kind];
  }
}

const REVIEW_STATE_PREFIX = '(review:';

/** A stored `field` read back (any string written by any version so far is understood). */
export function auditTouchRead(field: string | null | undefined): AuditTouch {
  if (field === null || field === undefined) return { kind: 'itself' };
  if (!field.startsWith('(')) return { kind: 'field', field };
  if (field === AUDIT_MARKERS.reviewReset) return { kind: 'reviewReset' };
  if (field === AUDIT_MARKERS.review) return { kind: 'review', state: null };
  if (field.startsWith(REVIEW_STATE_PREFIX) && field.endsWith(')')) {
    const state = field.slice(REVIEW_STATE_PREFIX.length, -1);
    return { kind: 'review', state: (REVIEW_STATES as readonly string[]).includes(state) ? (state as ReviewState) : null };
  }
  if (field === AUDIT_MARKERS.meta) return { kind: 'meta', key: null };
  if (field.startsWith(`${AUDIT_MARKERS.meta}.`)) return { kind: 'meta', key: field.slice(AUDIT_MARKERS.meta.length + 1) };
  if (field === AUDIT_MARKERS.progress) return { kind: 'progress', periodId: null };
  if (field.startsWith(`${AUDIT_MARKERS.progress}.`)) return { kind: 'progress', periodId: field.slice(AUDIT_MARKERS.progress.length + 1) };
  switch (field) {
    case AUDIT_MARKERS.rowCreated:
      return { kind: 'rowCreated' };
    case AUDIT_MARKERS.rowDeleted:
      return { kind: 'rowDeleted' };
    case AUDIT_MARKERS.comment:
      return { kind: 'comment' };
    case AUDIT_MARKERS.commentDeleted:
      return { kind: 'commentDeleted' };
    default:
      return { kind: 'unknown' };
  }
}

/** One place an update touched; null parts mean the change is above that level (a table, a row itself, the plan's meta). */
export const auditChangeSchema = z.object({
  tableId: z.string().nullable(),
  rowId: z.string().nullable().optional(),
  /** A cell's field, a row key, a table part, or a marker (`auditMarkerWrite`). */
  field: z.string().nullable().optional(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;
