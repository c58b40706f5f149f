/**
 * Comments and review states of rows, kept beside the tables: `comments` maps a row id to a
 * Y.Array of plain comments (created with the row, so two first comments at once cannot
 * overwrite each other's list), `reviews` maps a row id (or a table id) to one plain value.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { planDocId, rootMap } from './plan-doc-layout.ts';

export const REVIEW_STATES = ['pending', 'approved', 'changes_requested'] as const;
/** Chờ duyệt, đã duyệt, yêu cầu sửa. */
export type ReviewState = (typeof REVIEW_STATES)[number];

export const planCommentSchema = z.object({
  id: z.string(),
  /** User id of the author. */
  author: z.string(),
  text: z.string(),
  /** ISO 8601 time. */
  at: z.string(),
  resolved: z.boolean(),
  /** The id of the comment this one answers (the first comment of its thread); absent on a thread's first comment. */
  replyTo: z.string().optional(),
  /**
   * What the comment is besides words: 'changesRequested' — the reason a reviewer gave with
   * «Yêu cầu sửa» (written with the review state, so it reaches the row's units like a comment).
   */
  kind: z.enum(['changesRequested']).optional(),
});
/** One comment on a row. */
export type PlanComment = z.infer<typeof planCommentSchema>;

export const planReviewSchema = z.object({
  state: z.enum(REVIEW_STATES),
  /** User id of the reviewer (or of the editor whose change reset it to pending). */
  by: z.string(),
  /** ISO 8601 time. */
  at: z.string(),
  /** Why it changed when nobody chose it: 'edited' — an approved row was changed and is pending again. */
  reason: z.enum(['edited']).optional(),
});
/** The review state of a row or a table. */
export type PlanReview = z.infer<typeof planReviewSchema>;

function commentsArray(doc: Y.Doc, rowId: string): Y.Array<unknown> {
  const comments = rootMap(doc, 'comments');
  const existing = comments.get(rowId);
  if (existing instanceof Y.Array) return existing;
  // Only rows made before comment lists were created with the row get here.
  const created = new Y.Array<unknown>();
  comments.set(rowId, created);
  return created;
}

/** Appends a comment to a row; returns its id. */
export function planDocCommentAdd(
  doc: Y.Doc,
  rowId: string,
  comment: { author: string; text: string; at?: string; id?: string; replyTo?: string; kind?: PlanComment['kind'] },
): string {
  const id = comment.id ?? planDocId();
  const value: PlanComment = { id, author: comment.author, text: comment.text, at: comment.at ?? new Date().toISOString(), resolved: false };
  if (comment.replyTo !== undefined) value.replyTo = comment.replyTo;
  if (comment.kind !== undefined) value.kind = comment.kind;
  doc.transact(() => commentsArray(doc, rowId).push([value]));
  return id;
}

/**
 * A row's comments in order. Two people resolving one comment at once leave two entries with
 * its id: it is listed once, where it first appears, with the later entry's content.
 */
export function planDocComments(doc: Y.Doc, rowId: string): PlanComment[] {
  const list = rootMap(doc, 'comments').get(rowId);
  if (!(list instanceof Y.Array)) return [];
  const byId = new Map<string, PlanComment>();
  for (const value of list.toArray()) {
    const parsed = planCommentSchema.safeParse(value);
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
  }
  return [...byId.values()];
}

/** Marks a comment resolved (or open again); its entries are replaced by one. */
export function planDocCommentResolve(doc: Y.Doc, rowId: string, commentId: string, resolved: boolean): void {
  const list = rootMap(doc, 'comments').get(rowId);
  const comment = planDocComments(doc, rowId).find((c) => c.id === commentId);
  if (!(list instanceof Y.Array) || !comment || comment.resolved === resolved) return;
  doc.transact(() => {
    let first = -1;
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const value: unknown = list.get(i);
      if (typeof value === 'object' && value !== null && (value as { id?: unknown }).id === commentId) {
        list.delete(i, 1);
        first = i;
      }
    }
    list.insert(first, [{ ...comment, resolved }]);
  });
}

/** Sets the review state of a row (or of a whole table, keyed by its table id). */
export function planDocReviewSet(doc: Y.Doc, id: string, review: PlanReview): void {
  rootMap(doc, 'reviews').set(id, { state: review.state, by: review.by, at: review.at, ...(review.reason ? { reason: review.reason } : {}) });
}

/**
 * A reviewer's «Yêu cầu sửa» on a row, with what to change: the state and a comment carrying the
 * text, in one change — the comment is how the request reaches the row's units (notices and
 * inbox, as any comment). Returns the comment's id.
 */
export function planDocChangesRequest(doc: Y.Doc, rowId: string, request: { by: string; text: string; at?: string }): string {
  const at = request.at ?? new Date().toISOString();
  let id = '';
  doc.transact(() => {
    planDocReviewSet(doc, rowId, { state: 'changes_requested', by: request.by, at });
    id = planDocCommentAdd(doc, rowId, { author: request.by, text: request.text, at, kind: 'changesRequested' });
  });
  return id;
}

/** The review state of a row or table, or undefined when it was never reviewed. */
export function planDocReview(doc: Y.Doc, id: string): PlanReview | undefined {
  const parsed = planReviewSchema.safeParse(rootMap(doc, 'reviews').get(id));
  return parsed.success ? parsed.data : undefined;
}

/** Every review state in the plan (rows and tables), by id; malformed values are left out. */
export function planDocReviews(doc: Y.Doc): Map<string, PlanReview> {
  const out = new Map<string, PlanReview>();
  for (const [id, value] of rootMap(doc, 'reviews')) {
    const parsed = planReviewSchema.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}

/** The ids of the rows that have comments (with at least one readable comment or not). */
export function planDocCommentedRowIds(doc: Y.Doc): string[] {
  return [...rootMap(doc, 'comments').keys()];
}
