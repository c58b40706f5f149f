/**
 * The review side of an open plan, shared by the grid, the header and the review page: the
 * plan's people (names for the user ids in comments and reviews), every row's review mark, the
 * comment panel (which row it is open on), what this person has not read yet, and the notices
 * an editor gets when a comment — or a reviewer's «Yêu cầu sửa» with its reason — lands on one
 * of its rows (the domain's `reviewNoticesFor`). Writes (comments, review states) go
 * through the domain's helpers with LOCAL_ORIGIN, like every local edit; the server checks them.
 */
import {
  type Actor,
  type ReviewState,
  type UnitDirectory,
  permissionCanComment,
  permissionCanReview,
  planDocChangesRequest,
  planDocCommentAdd,
  planDocCommentResolve,
  planDocComments,
  planDocCommentsById,
  planDocReadTable,
  planDocReviewSet,
  reviewNoticesFor,
  tableRowCite,
} from '@phuluc/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { navigate, PATHS } from '../app/router.ts';
import { toast } from '../app/toasts.tsx';
import { type TFunction, useT } from '../i18n/strings.ts';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { type ApiMember, apiMembers } from './review-api.ts';
import { type RowMarks, rowMarksRead } from './row-marks.ts';
import { RowPanel } from './row-panel.tsx';
import { type SeenMap, seenLoad, seenMark, seenSave } from './unread.ts';
import './review.css';

/** A row the comment panel is open on. */
export interface RowTarget {
  tableId: string;
  rowId: string;
  /** The panel opens asking what to change in these rows (a reviewer's «Yêu cầu sửa» from the row menu). */
  request?: readonly string[];
}

export interface ReviewContextValue {
  planId: string;
  doc: Y.Doc;
  actor: Actor;
  units: UnitDirectory;
  members: ReadonlyMap<string, ApiMember>;
  marks: RowMarks;
  /** Reviewers and the coordinator set review states. */
  canReview: boolean;
  /** Everyone but viewers comments. */
  canComment: boolean;
  panel: RowTarget | null;
  /** Opens the comment panel on a row (and, with `jump`, shows the row in the grid; `target.request`: asking for a request for changes). */
  openRow: (target: RowTarget, options?: { jump?: boolean }) => void;
  closePanel: () => void;
  /** The row's thread is seen up to its newest comment. */
  markSeen: (rowId: string) => void;
  /** The grid of `tableId` offers to show a row; returns the function that withdraws it. */
  registerJump: (tableId: string, jump: (rowId: string) => void) => () => void;
  /** "Võ Văn Lãnh" or "Trần Văn Kinh (Phòng Kinh tế)". */
  personLabel: (userId: string) => string;
  /** "dòng II.3" (or "dòng đã xoá"). */
  rowCite: (tableId: string, rowId: string) => string;
  /** Sets the review state of rows (or a table, by its id), in one change. */
  reviewSet: (ids: string | readonly string[], state: ReviewState) => void;
  /** «Yêu cầu sửa» on rows with what to change: the state and the reason as a comment on each row (it reaches their units), in one change. */
  changesRequest: (rowIds: readonly string[], text: string) => void;
  commentAdd: (rowId: string, text: string, replyTo?: string) => void;
  commentResolve: (rowId: string, commentId: string, resolved: boolean) => void;
}

const ReviewContext = createContext<ReviewContextValue | null>(null);

/** The review context, or null outside an open plan. */
export function useReview(): ReviewContextValue | null {
  return useContext(ReviewContext);
}

const NOTICE_TEXT_MAX = 90;
/** More new comments than this at once make one summary notice. */
const NOTICES_AT_ONCE = 3;

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > NOTICE_TEXT_MAX ? `${line.slice(0, NOTICE_TEXT_MAX - 1)}…` : line;
}

export interface ReviewProviderProps {
  planId: string;
  /** The plan's document once loaded (null: nothing is provided yet). */
  doc: Y.Doc | null;
  actor: Actor | null;
  units: UnitDirectory | null;
  /** Whether the server's copy has arrived (notices wait for it: no flood on opening). */
  syncedOnce: () => boolean;
  /** The route shows the review page (a jump to a row then opens the grid). */
  onReviewPage: boolean;
  children: ReactNode;
}

export function ReviewProvider({ planId, doc, actor, units, syncedOnce, onReviewPage, children }: ReviewProviderProps) {
  const t = useT();
  const [members, setMembers] = useState<ReadonlyMap<string, ApiMember>>(new Map());
  const [seen, setSeen] = useState<SeenMap>({});
  const [marks, setMarks] = useState<RowMarks>(new Map());
  const [panel, setPanel] = useState<RowTarget | null>(null);
  const jumps = useRef(new Map<string, (rowId: string) => void>());
  const pendingJump = useRef<RowTarget | null>(null);
  const userId = actor?.userId ?? '';

  useEffect(() => {
    let live = true;
    apiMembers(planId).then(
      (list) => live && setMembers(new Map(list.map((m) => [m.id, m]))),
      () => undefined, // offline: ids stay unnamed until the next open
    );
    return () => {
      live = false;
    };
  }, [planId]);

  useEffect(() => {
    if (userId) setSeen(seenLoad(planId, userId));
  }, [planId, userId]);

  // Marks follow the reviews, the comments and what was read.
  useEffect(() => {
    if (!doc || !actor) return;
    const read = (): void => setMarks((prev) => rowMarksRead(doc, actor, seen, prev));
    read();
    const reviews = doc.getMap<unknown>('reviews');
    const comments = doc.getMap<unknown>('comments');
    reviews.observe(read);
    comments.observeDeep(read);
    return () => {
      reviews.unobserve(read);
      comments.unobserveDeep(read);
    };
  }, [doc, actor, seen]);

  const personLabel = useCallback(
    (id: string): string => {
      const m = members.get(id);
      if (!m) return id === userId ? t('review.you') : t('review.someone');
      return m.unit ? `${m.name} (${m.unit.name})` : m.name;
    },
    [members, userId, t],
  );

  const rowCite = useCallback(
    (tableId: string, rowId: string): string => {
      if (!doc) return '';
      try {
        return tableRowCite(planDocReadTable(doc, tableId), rowId).cite;
      } catch {
        return tableRowCite(null, rowId).cite;
      }
    },
    [doc],
  );

  // Notices: a comment (or a request for changes) by someone else on a row that is my business, once the server's copy is here.
  const noticeRef = useRef({ t, personLabel, rowCite, syncedOnce });
  noticeRef.current = { t, personLabel, rowCite, syncedOnce };
  useEffect(() => {
    if (!doc || !actor) return;
    let known = planDocCommentsById(doc);
    const comments = doc.getMap<unknown>('comments');
    const onChange = (_events: unknown, transaction: Y.Transaction): void => {
      const now = planDocCommentsById(doc);
      const fresh = [...now.entries()].filter(([id]) => !known.has(id)).map(([, v]) => v);
      known = now;
      if (transaction.origin === LOCAL_ORIGIN || !noticeRef.current.syncedOnce()) return;
      const mine = reviewNoticesFor(doc, actor, fresh);
      if (mine.length === 0) return;
      const { t: tr, personLabel: who, rowCite: cite } = noticeRef.current;
      if (mine.length > NOTICES_AT_ONCE) {
        toast(tr('review.notice.many', { count: mine.length }));
        return;
      }
      for (const { kind, rowId, tableId, comment } of mine) {
        const words = { who: who(comment.author), row: tableId ? cite(tableId, rowId) : '', text: snippet(comment.text) };
        toast(tr(kind === 'changesRequested' ? 'review.notice.changesRequested' : 'review.notice.comment', words));
      }
    };
    comments.observeDeep(onChange);
    return () => comments.unobserveDeep(onChange);
  }, [doc, actor]);

  const markSeen = useCallback(
    (rowId: string) => {
      if (!doc || !userId) return;
      setSeen((prev) => {
        const next = seenMark(prev, rowId, planDocComments(doc, rowId));
        if (next !== prev) seenSave(planId, userId, next);
        return next;
      });
    },
    [doc, planId, userId],
  );

  const registerJump = useCallback((tableId: string, jump: (rowId: string) => void) => {
    jumps.current.set(tableId, jump);
    const pending = pendingJump.current;
    if (pending && pending.tableId === tableId) {
      pendingJump.current = null;
      // The grid has just mounted: let it lay its rows out first.
      setTimeout(() => jump(pending.rowId), 50);
    }
    return () => {
      if (jumps.current.get(tableId) === jump) jumps.current.delete(tableId);
    };
  }, []);

  const openRow = useCallback(
    (target: RowTarget, options: { jump?: boolean } = {}) => {
      setPanel(target);
      if (!options.jump) return;
      const jump = onReviewPage ? undefined : jumps.current.get(target.tableId);
      if (jump) jump(target.rowId);
      else {
        pendingJump.current = target;
        navigate(PATHS.plan(planId, target.tableId));
      }
    },
    [planId, onReviewPage],
  );
  const closePanel = useCallback(() => setPanel(null), []);

  const value = useMemo<ReviewContextValue | null>(() => {
    if (!doc || !actor || !units) return null;
    const write = (fn: () => void): void => doc.transact(fn, LOCAL_ORIGIN);
    return {
      planId,
      doc,
      actor,
      units,
      members,
      marks,
      canReview: permissionCanReview(actor, 'approved', null).ok,
      canComment: permissionCanComment(actor).ok,
      panel,
      openRow,
      closePanel,
      markSeen,
      registerJump,
      personLabel,
      rowCite,
      changesRequest: (rowIds, text) => {
        const at = new Date().toISOString();
        write(() => {
          for (const rowId of rowIds) planDocChangesRequest(doc, rowId, { by: actor.userId, text, at });
        });
      },
      reviewSet: (ids, state) => {
        const at = new Date().toISOString();
        write(() => {
          for (const id of typeof ids === 'string' ? [ids] : ids) planDocReviewSet(doc, id, { state, by: actor.userId, at });
        });
      },
      commentAdd: (rowId, text, replyTo) =>
        write(() => {
          planDocCommentAdd(doc, rowId, { author: actor.userId, text, ...(replyTo ? { replyTo } : {}) });
        }),
      commentResolve: (rowId, commentId, resolved) => write(() => planDocCommentResolve(doc, rowId, commentId, resolved)),
    };
  }, [doc, actor, units, planId, members, marks, panel, openRow, closePanel, markSeen, registerJump, personLabel, rowCite]);

  return (
    <ReviewContext.Provider value={value}>
      {children}
      {value && panel ? <RowPanel key={`${panel.rowId}${panel.request ? ':request' : ''}`} review={value} target={panel} t={t} /> : null}
    </ReviewContext.Provider>
  );
}

/** For components handed `t` by their parent. */
export type { TFunction };
