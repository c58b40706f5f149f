/**
 * The header's comment badge: how many comments on "my" rows I have not read (an editor: its
 * unit's rows; see unread.ts), a reviewer's «Yêu cầu sửa» among them marked as such, and, on
 * a click, the list of those rows — each opens the row's panel and shows the row in the grid.
 */
import { planDocRowTableId } from '@phuluc/domain';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/strings.ts';
import { CommentIcon } from './comment-icon.tsx';
import { useReview } from './review-context.tsx';
import { rowMarksUnread } from './row-marks.ts';
import { timeLabel } from './time-label.ts';

const SHOWN = 12;

export function CommentInbox() {
  const t = useT();
  const review = useReview();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!review) return null;
  const unread = rowMarksUnread(review.marks);
  const items = [...review.marks.entries()]
    .filter(([, m]) => m.unread > 0)
    .map(([rowId, m]) => ({ rowId, mark: m, tableId: planDocRowTableId(review.doc, rowId) }))
    .filter((i): i is typeof i & { tableId: string } => i.tableId !== undefined)
    .sort((a, b) => (b.mark.lastUnread?.at ?? '').localeCompare(a.mark.lastUnread?.at ?? ''));
  const label = unread > 0 ? t('review.inbox.unread', { count: unread }) : t('review.inbox.none');

  return (
    <div className="rv-inbox" ref={box}>
      <button
        type="button"
        className={`rv-inbox-button${unread > 0 ? ' rv-inbox-button--unread' : ''}`}
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="comment-inbox"
        data-unread={unread}
      >
        <CommentIcon size={16} />
        {unread > 0 ? <span className="rv-inbox-count">{unread > 99 ? '99+' : unread}</span> : null}
      </button>
      {open ? (
        <div className="rv-inbox-pop" role="dialog" aria-label={t('review.inbox.title')}>
          <h2>{t('review.inbox.title')}</h2>
          {items.length === 0 ? <p className="rv-muted">{t('review.inbox.empty')}</p> : null}
          <ul>
            {items.slice(0, SHOWN).map(({ rowId, tableId, mark }) => (
              <li key={rowId}>
                <button
                  type="button"
                  className="rv-inbox-item"
                  onClick={() => {
                    setOpen(false);
                    review.openRow({ tableId, rowId }, { jump: true });
                  }}
                >
                  <span className="rv-inbox-where">
                    {review.rowCite(tableId, rowId)} · {t('review.inbox.count', { count: mark.unread })}
                  </span>
                  {mark.lastUnread ? (
                    <>
                      <span className="rv-inbox-text">
                        {mark.lastUnread.kind === 'changesRequested' ? <span className="rv-chip rv-chip--changes_requested">{t('review.request.tag')}</span> : null}«{mark.lastUnread.text}»
                      </span>
                      <span className="rv-inbox-who">
                        {review.personLabel(mark.lastUnread.author)} · {timeLabel(mark.lastUnread.at)}
                      </span>
                    </>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
