/**
 * The mouse on the grid's body: a click selects a cell (shift extends, the gutter selects whole
 * rows), dragging selects a range, and a row's handle drags rows — the selected block when the
 * handle is in it, each checked against the right to move it before the drag starts.
 */
import { useRef, useState } from 'react';
import type { RefObject } from 'react';
import { permissionCanMoveRow } from '@phuluc/domain';
import type { Actor, RowModel } from '@phuluc/domain';
import { gridCellAt, pointerAutoScroll, pointerDrag } from './grid-pointer.ts';
import { rowOwners } from './row-model.ts';
import { rangeOf } from './selection.ts';
import type { CellPos, GridSelection } from './selection.ts';

/** Rows being dragged, and where they would land. */
export interface RowDrag {
  ids: string[];
  over: number;
  side: 'before' | 'after';
}

/** The drag in progress (to mark where rows would land) and the calls that start one. */
export function useRowDrag(opts: {
  scrollRef: RefObject<HTMLDivElement | null>;
  headerH: number;
  selection: GridSelection | null;
  select: (anchor: CellPos, focus: CellPos) => void;
  rows: readonly RowModel[];
  size: { rows: number; cols: number };
  actor: Actor;
  onNotice: (message: string) => void;
  /** Moves `rows` before or after the row `targetId` (one undo step). */
  moveTo: (rows: readonly RowModel[], targetId: string, side: 'before' | 'after') => void;
  inputFocus: () => void;
}): { drag: RowDrag | null; onPointerDown: (e: React.PointerEvent<HTMLDivElement>) => void } {
  const { scrollRef, headerH, selection, select, rows, size, actor, onNotice, moveTo, inputFocus } = opts;
  const [drag, setDrag] = useState<RowDrag | null>(null);
  // Read by pointer handlers that outlive the render that started the drag.
  const latest = useRef({ selection, select, rows, size, drag });
  latest.current = { selection, select, rows, size, drag };

  const autoScroll = (clientY: number): void => {
    if (scrollRef.current) pointerAutoScroll(scrollRef.current, clientY, headerH);
  };

  const startRangeDrag = (anchor: CellPos): void => {
    pointerDrag(
      (e) => {
        const hit = gridCellAt(document.elementFromPoint(e.clientX, e.clientY));
        const { select: sel } = latest.current;
        if (hit && !hit.gutter) sel(anchor, hit.pos);
        else if (hit?.gutter) sel({ row: anchor.row, col: 0 }, { row: hit.pos.row, col: latest.current.size.cols - 1 });
        autoScroll(e.clientY);
      },
      () => {},
    );
  };

  const startRowDrag = (index: number): void => {
    const { selection: s, rows: rs } = latest.current;
    const r = s ? rangeOf(s.anchor, s.focus) : null;
    const block = r && index >= r.top && index <= r.bottom ? rs.slice(r.top, r.bottom + 1) : rs.slice(index, index + 1);
    for (const row of block) {
      const v = permissionCanMoveRow(actor, { kind: row.kind, owners: rowOwners(row) });
      if (!v.ok) {
        onNotice(v.reason);
        return;
      }
    }
    const ids = block.map((row) => row.id as string);
    setDrag({ ids, over: index, side: 'before' });
    pointerDrag(
      (e) => {
        const el = document.elementFromPoint(e.clientX, e.clientY);
        const rowEl = el instanceof Element ? el.closest<HTMLElement>('[data-row]') : null;
        if (rowEl) {
          const box = rowEl.getBoundingClientRect();
          setDrag({ ids, over: Number(rowEl.dataset.row), side: e.clientY < box.top + box.height / 2 ? 'before' : 'after' });
        }
        autoScroll(e.clientY);
      },
      () => {
        const current = latest.current.drag;
        setDrag(null);
        const target = current ? latest.current.rows[current.over] : undefined;
        if (!current || !target?.id || current.ids.includes(target.id)) return;
        const moving = latest.current.rows.filter((row) => row.id && current.ids.includes(row.id));
        moveTo(moving, target.id, current.side);
      },
    );
  };
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    const target = e.target as Element;
    if (target.closest('textarea, .cell-editor-panel-anchor')) return; // the editor handles its own clicks
    if (target.closest('[data-row-action]')) return; // a row's own button (its review mark) does its own thing
    const hit = gridCellAt(target);
    if (!hit) return;
    if (target.closest('[data-drag-handle]')) {
      e.preventDefault();
      startRowDrag(hit.pos.row);
      return;
    }
    if (hit.gutter) {
      const anchor = e.shiftKey && selection ? { row: selection.anchor.row, col: 0 } : { row: hit.pos.row, col: 0 };
      select(anchor, { row: hit.pos.row, col: size.cols - 1 });
      startRangeDrag(anchor);
    } else if (e.shiftKey && selection) {
      select(selection.anchor, hit.pos);
    } else {
      select(hit.pos, hit.pos);
      startRangeDrag(hit.pos);
    }
    inputFocus();
  };
  return { drag, onPointerDown };
}
