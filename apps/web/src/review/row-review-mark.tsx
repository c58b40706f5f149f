/**
 * A row's review mark in the grid's row-number gutter: a coloured stripe for its review state
 * (green approved, orange changes requested, amber back to pending after an edit) and a button
 * with the state's sign and the number of comments — a dot when some are unread — that opens the
 * row's comment and review panel. Rows without a mark get the button on hover or focus only.
 */
import { REVIEW_RESET_MESSAGE } from '@phuluc/domain';
import type { ReactNode } from 'react';
import type { StringKey, TFunction } from '../i18n/strings.ts';
import { CommentIcon } from './comment-icon.tsx';
import type { RowMark } from './row-marks.ts';
import './row-review-mark.css';

const STATE_KEYS: Readonly<Record<RowMark['state'], StringKey>> = {
  pending: 'review.state.pending',
  changes_requested: 'review.state.changesRequested',
  approved: 'review.state.approved',
};

/** Whether a row shows its mark at rest (a stripe, leaving room under the number); others only on hover. */
function rowMarked(mark: RowMark | undefined): boolean {
  return mark !== undefined && (mark.comments > 0 || mark.state !== 'pending' || mark.reset);
}

/** The mark in a row's gutter; its button opens the row's panel. */
export function RowReviewMark({ rowId, number, mark, onOpen, t }: { rowId: string; number: string; mark: RowMark | undefined; onOpen: (rowId: string) => void; t: TFunction }): ReactNode {
  const marked = rowMarked(mark);
  const state = mark?.state ?? 'pending';
  const parts: string[] = [t('review.grid.row', { row: number })];
  if (mark?.reset) parts.push(REVIEW_RESET_MESSAGE);
  else if (mark && state !== 'pending') parts.push(t(STATE_KEYS[state]));
  if (mark && mark.comments > 0) parts.push(t('review.grid.comments', { count: mark.comments }));
  if (mark && mark.unread > 0) parts.push(t('review.grid.unread', { count: mark.unread }));
  parts.push(t('review.grid.open'));
  const label = parts.join(' · ');
  const sign = mark?.reset ? '↺' : state === 'approved' ? '✓' : state === 'changes_requested' ? '!' : '';
  return (
    <>
      {marked ? <span className={`pg-rv-stripe pg-rv-stripe--${mark?.reset ? 'reset' : state}`} aria-hidden="true" /> : null}
      <button
        type="button"
        className={`pg-rv-mark${marked ? '' : ' pg-rv-mark--hover'}${mark?.unread ? ' pg-rv-mark--unread' : ''}`}
        data-row-action="review"
        data-review-state={mark?.reset ? 'reset' : state}
        aria-label={label}
        title={label}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          onOpen(rowId);
        }}
      >
        {sign ? <span className={`pg-rv-sign pg-rv-sign--${mark?.reset ? 'reset' : state}`}>{sign}</span> : null}
        {mark && mark.comments > 0 ? (
          <span className="pg-rv-count">
            <CommentIcon className="pg-rv-icon" />
            {mark.comments}
          </span>
        ) : !sign ? (
          <CommentIcon className="pg-rv-icon" />
        ) : null}
      </button>
    </>
  );
}
