/**
 * Bringing the active cell into view: scrolled to (rows through the virtualizer, columns by
 * hand, under the sticky header and gutter), and the cell input focused without scrolling.
 */
import { useCallback, useEffect } from 'react';
import type { MutableRefObject, RefObject } from 'react';
import type { RowModel } from '@phuluc/domain';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { GridLayout } from './geometry.ts';
import type { CellPos } from './selection.ts';

/** `reveal` (scrolls a cell into view) and `inputFocus`; a pending reveal is made once rendered. */
export function useGridReveal(opts: {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  rows: readonly RowModel[];
  layout: GridLayout;
  focus: CellPos | null;
  revealPending: MutableRefObject<boolean>;
}): { reveal: (pos: CellPos, align?: 'auto' | 'center') => void; inputFocus: () => void } {
  const { scrollRef, virtualizer, rows, layout, focus, revealPending } = opts;
  const inputFocus = useCallback(() => {
    scrollRef.current?.querySelector<HTMLTextAreaElement>('[data-testid="cell-input"]')?.focus({ preventScroll: true });
  }, [scrollRef]);

  const reveal = useCallback(
    (pos: CellPos, align: 'auto' | 'center' = 'auto') => {
      const el = scrollRef.current;
      if (!el) return;
      virtualizer.scrollToIndex(pos.row, { align });
      const section = rows[pos.row]?.kind === 'section';
      const left = section ? layout.gutter : (layout.lefts[pos.col] ?? 0);
      const width = section ? Math.min(el.clientWidth, layout.total - layout.gutter) : (layout.widths[pos.col] ?? 0);
      if (left < el.scrollLeft + layout.gutter) el.scrollLeft = Math.max(0, left - layout.gutter);
      else if (left + width > el.scrollLeft + el.clientWidth) el.scrollLeft = left + width - el.clientWidth;
    },
    [scrollRef, virtualizer, rows, layout],
  );

  // Rows just inserted or pasted, a restored selection: scrolled into view once rendered.
  useEffect(() => {
    if (revealPending.current && focus) {
      revealPending.current = false;
      reveal(focus);
    }
  });
  return { reveal, inputFocus };
}
