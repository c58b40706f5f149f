/**
 * The side panel of one row: its review state with who set it and when (reviewers and the
 * coordinator change it here; «Yêu cầu sửa» asks what to change, and that text reaches the row's
 * units as a comment marked as the request), and its comment threads — replies, resolve and reopen — with a
 * composer for everyone who may comment. Opened from the grid's row gutter, the row menu, the
 * review page or the unread list; reading it marks the row's comments seen.
 */
import {
  type CommentThread,
  type PlanComment,
  REVIEW_RESET_MESSAGE,
  type ReviewState,
  commentThreads,
  planDocCellText,
  planDocColumns,
  planDocComments,
  planDocRowInfo,
  planDocRowTableId,
  planDocTableIds,
} from '@phuluc/domain';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { presenceInitials } from '../app/presence.ts';
import type { StringKey, TFunction } from '../i18n/strings.ts';
import { CommentComposer } from './comment-composer.tsx';
import type { ReviewContextValue, RowTarget } from './review-context.tsx';
import { timeLabel } from './time-label.ts';

export const REVIEW_STATE_KEYS: Readonly<Record<ReviewState, StringKey>> = {
  pending: 'review.state.pending',
  changes_requested: 'review.state.changesRequested',
  approved: 'review.state.approved',
};

/** What a reviewer's button does, in the order shown. */
const ACTION_KEYS: Readonly<Record<ReviewState, StringKey>> = {
  approved: 'review.action.approve',
  changes_requested: 'review.action.requestChanges',
  pending: 'review.action.pending',
};
const ACTIONS: readonly ReviewState[] = ['approved', 'changes_requested', 'pending'];

/** The comments of a row, live. */
function useRowComments(review: ReviewContextValue, rowId: string): PlanComment[] {
  const { doc } = review;
  const [comments, setComments] = useState(() => planDocComments(doc, rowId));
  useEffect(() => {
    const map = doc.getMap<unknown>('comments');
    const read = (): void => setComments(planDocComments(doc, rowId));
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc, rowId]);
  return comments;
}

/** The row's first text (task, indicator, section title) to say which row this is. */
function rowHeadline(review: ReviewContextValue, target: RowTarget): string {
  const info = planDocRowInfo(review.doc, target.tableId, target.rowId);
  if (!info) return '';
  if (info.kind === 'section') return planDocCellText(review.doc, target.tableId, target.rowId, 'label')?.toString() ?? '';
  try {
    for (const column of planDocColumns(review.doc, target.tableId)) {
      const text = planDocCellText(review.doc, target.tableId, target.rowId, column.field)?.toString().trim();
      if (text) return text;
    }
  } catch {
    // the table is gone: no headline
  }
  return '';
}

function Comment({ comment, review, reply, t }: { comment: PlanComment; review: ReviewContextValue; reply?: boolean; t: TFunction }) {
  const name = review.members.get(comment.author)?.name ?? review.personLabel(comment.author);
  const unit = review.members.get(comment.author)?.unit?.name ?? null;
  const mine = comment.author === review.actor.userId;
  return (
    <article className={`rv-comment${reply ? ' rv-comment--reply' : ''}`} data-comment-id={comment.id}>
      <span className={`rv-avatar${mine ? ' rv-avatar--me' : ''}`} aria-hidden="true">
        {presenceInitials(name)}
      </span>
      <div className="rv-comment-body">
        <p className="rv-comment-head">
          <span className="rv-comment-author">{name}</span>
          {comment.kind === 'changesRequested' ? (
            <span className="rv-chip rv-chip--changes_requested rv-comment-request" data-testid="comment-request-tag">
              {t('review.request.tag')}
            </span>
          ) : null}
          {unit ? <span className="rv-comment-unit">{unit}</span> : null}
          <time className="rv-comment-time" dateTime={comment.at} title={new Date(comment.at).toLocaleString('vi-VN')}>
            {timeLabel(comment.at)}
          </time>
        </p>
        <p className="rv-comment-text">{comment.text}</p>
      </div>
    </article>
  );
}

function Thread({ thread, review, rowId, t }: { thread: CommentThread; review: ReviewContextValue; rowId: string; t: TFunction }) {
  const [replying, setReplying] = useState(false);
  return (
    <li className={`rv-thread${thread.resolved ? ' rv-thread--resolved' : ''}`} data-testid="comment-thread">
      <Comment comment={thread.root} review={review} t={t} />
      {thread.replies.length > 0 ? (
        <ol className="rv-replies" aria-label={t('review.comment.replies', { count: thread.replies.length })}>
          {thread.replies.map((c) => (
            <li key={c.id}>
              <Comment comment={c} review={review} reply t={t} />
            </li>
          ))}
        </ol>
      ) : null}
      {review.canComment ? (
        <div className="rv-thread-actions">
          {!thread.resolved && !replying ? (
            <button type="button" className="rv-link" onClick={() => setReplying(true)}>
              {t('review.comment.reply')}
            </button>
          ) : null}
          <button type="button" className="rv-link" onClick={() => review.commentResolve(rowId, thread.root.id, !thread.resolved)}>
            {thread.resolved ? t('review.comment.reopen') : t('review.comment.resolve')}
          </button>
          {thread.resolved ? <span className="rv-resolved-tag">✓ {t('review.comment.resolvedTag')}</span> : null}
        </div>
      ) : null}
      {replying ? (
        <CommentComposer
          t={t}
          placeholder={t('review.comment.replyPlaceholder')}
          submitLabel={t('review.comment.sendReply')}
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={(text) => {
            review.commentAdd(rowId, text, thread.root.id);
            setReplying(false);
          }}
        />
      ) : null}
    </li>
  );
}

/** "Đã duyệt · Võ Văn Lãnh · 10:42", or the reset notice, or "Chưa ai duyệt". */
export function ReviewStateLine({ review, id, t }: { review: ReviewContextValue; id: string; t: TFunction }) {
  const mark = review.marks.get(id);
  const state = mark?.state ?? 'pending';
  const who = mark?.review ? review.personLabel(mark.review.by) : null;
  return (
    <p className={`rv-state-line rv-state-line--${state}${mark?.reset ? ' rv-state-line--reset' : ''}`} data-testid="review-state-line" data-state={state}>
      <span className={`rv-chip rv-chip--${state}${mark?.reset ? ' rv-chip--reset' : ''}`}>{t(REVIEW_STATE_KEYS[state])}</span>
      {mark?.reset ? <span className="rv-reset">↺ {REVIEW_RESET_MESSAGE}</span> : null}
      {who && mark?.review ? (
        <span className="rv-state-who">
          {t(mark.reset ? 'review.state.editedBy' : 'review.state.by', { who })} · <time dateTime={mark.review.at}>{timeLabel(mark.review.at)}</time>
        </span>
      ) : (
        <span className="rv-state-who">{t('review.state.never')}</span>
      )}
    </p>
  );
}

/**
 * The buttons that set a review state (reviewers and the coordinator): approve, request changes
 * and back to pending; `compact` (lists) leaves the last one to the row's panel. «Yêu cầu sửa» on
 * a row first asks what to change (sent to the row's units with the state); a whole table (no
 * row to comment on) is set at once. `asking`: the rows the question is open for on arrival.
 */
export function ReviewButtons({
  review,
  id,
  t,
  compact,
  asking: askingFirst,
}: {
  review: ReviewContextValue;
  id: string;
  t: TFunction;
  compact?: boolean;
  asking?: readonly string[];
}) {
  const [asking, setAsking] = useState<readonly string[] | null>(askingFirst && askingFirst.length > 0 ? askingFirst : null);
  if (!review.canReview) return null;
  const state = review.marks.get(id)?.state ?? 'pending';
  const isRow = planDocRowTableId(review.doc, id) !== undefined;
  const choose = (s: ReviewState): void => {
    if (s === 'changes_requested' && isRow) setAsking([id]);
    else if (state !== s) review.reviewSet(id, s);
  };
  return (
    <>
      <div className={`rv-actions${compact ? ' rv-actions--compact' : ''}`} role="group" aria-label={t('review.action.group')}>
        {(compact ? ACTIONS.filter((s) => s !== 'pending') : ACTIONS).map((s) => (
          <button
            key={s}
            type="button"
            className={`button button-small rv-state-button--${s}`}
            aria-pressed={state === s}
            aria-expanded={s === 'changes_requested' && isRow ? asking !== null : undefined}
            onClick={() => choose(s)}
          >
            {t(ACTION_KEYS[s])}
            {s === 'changes_requested' && isRow ? '…' : ''}
          </button>
        ))}
      </div>
      {asking ? (
        <div className="rv-request" data-testid="changes-request">
          <CommentComposer
            t={t}
            placeholder={asking.length > 1 ? t('review.request.placeholderMany', { count: asking.length }) : t('review.request.placeholder')}
            submitLabel={t('review.request.send')}
            autoFocus
            onCancel={() => setAsking(null)}
            onSubmit={(text) => {
              review.changesRequest(asking, text);
              setAsking(null);
            }}
          />
        </div>
      ) : null}
    </>
  );
}

export function RowPanel({ review, target, t }: { review: ReviewContextValue; target: RowTarget; t: TFunction }) {
  const comments = useRowComments(review, target.rowId);
  const threads = useMemo(() => commentThreads(comments), [comments]);
  const open = threads.filter((th) => !th.resolved);
  const resolved = threads.filter((th) => th.resolved);
  const info = planDocRowInfo(review.doc, target.tableId, target.rowId);
  const exists = info !== undefined;
  const cite = review.rowCite(target.tableId, target.rowId);
  const headline = rowHeadline(review, target);
  const { markSeen } = review;
  const multiTable = planDocTableIds(review.doc).length > 1;

  useEffect(() => {
    markSeen(target.rowId);
  }, [markSeen, target.rowId, comments]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      review.closePanel();
    }
  };

  return (
    <aside className="rv-drawer" aria-label={t('review.panel.label', { row: cite })} onKeyDown={onKeyDown} data-testid="row-panel" data-row-id={target.rowId}>
      <header className="rv-drawer-head">
        <div className="rv-drawer-title">
          <h2>{cite.charAt(0).toUpperCase() + cite.slice(1)}</h2>
          {headline ? <p className="rv-drawer-headline">{headline}</p> : null}
        </div>
        <button type="button" className="rv-icon" aria-label={t('review.panel.close')} title={t('review.panel.close')} onClick={review.closePanel}>
          ×
        </button>
      </header>
      <div className="rv-drawer-body">
        {exists ? (
          <section className="rv-drawer-section" aria-label={t('review.panel.state')}>
            {info.kind === 'item' ? (
              <>
                <ReviewStateLine review={review} id={target.rowId} t={t} />
                <ReviewButtons review={review} id={target.rowId} t={t} {...(target.request ? { asking: target.request } : {})} />
              </>
            ) : null}
            <button type="button" className="rv-link rv-jump" onClick={() => review.openRow(target, { jump: true })}>
              {multiTable ? t('review.panel.showInTable') : t('review.panel.show')}
            </button>
          </section>
        ) : (
          <p className="rv-muted">{t('review.panel.rowGone')}</p>
        )}
        <section className="rv-drawer-section" aria-label={t('review.panel.comments')}>
          <h3>
            {t('review.panel.comments')} <span className="rv-count">{comments.length}</span>
          </h3>
          {threads.length === 0 ? <p className="rv-muted">{t('review.comment.none')}</p> : null}
          {open.length > 0 ? (
            <ol className="rv-threads">
              {open.map((th) => (
                <Thread key={th.root.id} thread={th} review={review} rowId={target.rowId} t={t} />
              ))}
            </ol>
          ) : null}
          {resolved.length > 0 ? (
            <details className="rv-resolved">
              <summary>{t('review.comment.resolvedCount', { count: resolved.length })}</summary>
              <ol className="rv-threads">
                {resolved.map((th) => (
                  <Thread key={th.root.id} thread={th} review={review} rowId={target.rowId} t={t} />
                ))}
              </ol>
            </details>
          ) : null}
        </section>
      </div>
      {review.canComment && exists ? (
        <footer className="rv-drawer-foot">
          <CommentComposer t={t} placeholder={t('review.comment.placeholder')} submitLabel={t('review.comment.send')} onSubmit={(text) => review.commentAdd(target.rowId, text)} />
        </footer>
      ) : review.canComment ? null : (
        <footer className="rv-drawer-foot rv-muted">{t('review.comment.readOnly')}</footer>
      )}
    </aside>
  );
}

