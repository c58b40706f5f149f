/**
 * What the grid and the review page show beside a row: its review state (and whether an edit put
 * it back to pending), how many comments and open threads it has, and how many of them this
 * person has not seen. Read from the plan document's `reviews` and `comments`; rows with
 * neither have no mark. Marks keep their identity while they do not change, so memoised grid rows
 * do not render again.
 */
import {
  type Actor,
  type PlanComment,
  type PlanReview,
  type ReviewState,
  commentThreads,
  planDocCommentedRowIds,
  planDocComments,
  planDocReviews,
  planDocRowInfo,
  planDocRowTableId,
  reviewIsReset,
  reviewRowConcerns,
  reviewStateOf,
} from '@phuluc/domain';
import type * as Y from 'yjs';
import { type SeenMap, unreadOf } from './unread.ts';

export interface RowMark {
  state: ReviewState;
  review: PlanReview | undefined;
  /** Pending again because an approved row was edited. */
  reset: boolean;
  comments: number;
  /** Threads not resolved. */
  openThreads: number;
  /** Comments by others this person has not seen, on a row that is their business. */
  unread: number;
  /** The newest unread comment. */
  lastUnread: PlanComment | undefined;
}

export type RowMarks = ReadonlyMap<string, RowMark>;

const NO_MARKS: RowMarks = new Map();

function sameMark(a: RowMark, b: RowMark): boolean {
  return (
    a.state === b.state &&
    a.reset === b.reset &&
    a.comments === b.comments &&
    a.openThreads === b.openThreads &&
    a.unread === b.unread &&
    a.lastUnread?.id === b.lastUnread?.id &&
    a.review?.by === b.review?.by &&
    a.review?.at === b.review?.at
  );
}

/** The marks of every reviewed or commented row (keeping `prev`'s objects that did not change). */
export function rowMarksRead(doc: Y.Doc, actor: Actor, seen: SeenMap, prev: RowMarks = NO_MARKS): RowMarks {
  const reviews = planDocReviews(doc);
  const next = new Map<string, RowMark>();
  const base = (rowId: string): RowMark => {
    const review = reviews.get(rowId);
    return { state: reviewStateOf(review), review, reset: reviewIsReset(review), comments: 0, openThreads: 0, unread: 0, lastUnread: undefined };
  };
  for (const rowId of reviews.keys()) next.set(rowId, base(rowId));
  for (const rowId of planDocCommentedRowIds(doc)) {
    const comments = planDocComments(doc, rowId);
    if (comments.length === 0) continue;
    const mark = next.get(rowId) ?? base(rowId);
    mark.comments = comments.length;
    mark.openThreads = commentThreads(comments).filter((t) => !t.resolved).length;
    const tableId = planDocRowTableId(doc, rowId);
    const owners = tableId ? (planDocRowInfo(doc, tableId, rowId)?.owners ?? null) : null;
    if (reviewRowConcerns(actor, owners, comments)) {
      const unread = unreadOf(comments, seen[rowId], actor.userId);
      mark.unread = unread.length;
      mark.lastUnread = unread[unread.length - 1];
    }
    next.set(rowId, mark);
  }
  let same = next.size === prev.size;
  for (const [rowId, mark] of next) {
    const old = prev.get(rowId);
    if (old && sameMark(old, mark)) next.set(rowId, old);
    else same = false;
  }
  return same ? prev : next;
}

/** Total unread comments over the marks. */
export function rowMarksUnread(marks: RowMarks): number {
  let n = 0;
  for (const mark of marks.values()) n += mark.unread;
  return n;
}
