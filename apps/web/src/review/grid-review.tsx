/**
 * The review's part in a table's grid, handed to it as slots (grid/grid-slots.ts): each row's
 * review mark in the gutter (opening the row's panel), the row menu's review items («Yêu cầu
 * sửa…» opens the panel asking what to change), and the
 * grid's "show this row" offered to the panel and the unread list.
 */
import { useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/strings.ts';
import type { MenuItem } from '../grid/grid-menu.tsx';
import type { GridMenuRows, GridRowMarks, GridSlots } from '../grid/grid-slots.ts';
import { useReview } from './review-context.tsx';
import type { RowMark } from './row-marks.ts';
import { RowReviewMark } from './row-review-mark.tsx';

/** The grid slots of the plan's review for `tableId`; none outside a plan's review context. */
export function useGridReview(tableId: string): Pick<GridSlots, 'rowMarks' | 'rowMenuItems' | 'registerJump'> {
  const t = useT();
  const review = useReview();
  const openRow = review?.openRow;
  const onOpen = useCallback((rowId: string) => openRow?.({ tableId, rowId }), [openRow, tableId]);
  // `render` keeps its identity while the marks change: only rows whose mark changed draw again.
  const render = useCallback(
    (rowId: string, number: string, mark: RowMark | undefined): ReactNode => <RowReviewMark rowId={rowId} number={number} mark={mark} onOpen={onOpen} t={t} />,
    [onOpen, t],
  );
  const marks = review?.marks;
  const rowMarks = useMemo<GridRowMarks<RowMark | undefined> | undefined>(
    () => (marks ? { markOf: (rowId) => marks.get(rowId), render } : undefined),
    [marks, render],
  );
  const canReview = review?.canReview ?? false;
  const reviewSet = review?.reviewSet;
  const hasReview = review !== null;
  /** The focused row's panel; reviewers set the selected rows' state. */
  const rowMenuItems = useCallback(
    ({ focusRowId, itemIds }: GridMenuRows): MenuItem[] => {
      if (!hasReview) return [];
      const items: MenuItem[] = [];
      if (focusRowId) items.push({ label: t('review.menu.open'), onSelect: () => onOpen(focusRowId), separated: true });
      if (canReview && reviewSet && itemIds.length > 0) {
        const many = itemIds.length > 1 ? ` (${itemIds.length})` : '';
        items.push({ label: `${t('review.action.approve')}${many}`, onSelect: () => reviewSet(itemIds, 'approved') });
        // Asks what to change first: the panel of the focused (or first) row opens on the question.
        const first = focusRowId && itemIds.includes(focusRowId) ? focusRowId : (itemIds[0] as string);
        items.push({ label: `${t('review.action.requestChanges')}…${many}`, onSelect: () => openRow?.({ tableId, rowId: first, request: itemIds }) });
      }
      return items;
    },
    [hasReview, canReview, reviewSet, onOpen, openRow, tableId, t],
  );
  const register = review?.registerJump;
  const registerJump = useMemo(() => (register ? (jump: (rowId: string) => void) => register(tableId, jump) : undefined), [register, tableId]);
  return { rowMarks, rowMenuItems: hasReview ? rowMenuItems : undefined, registerJump };
}
