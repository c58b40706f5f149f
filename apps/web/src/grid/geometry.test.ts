import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '@phuluc/domain';
import {
  CELL_CLAMP_LINES,
  CELL_LINE_PX,
  COLUMN_MIN_PX,
  GUTTER_MIN_PX,
  ROW_MAX_PX,
  columnMinPx,
  gridLayout,
  layoutColumnMm,
  rowHeight,
  rowHeightEstimate,
  scrollToShow,
  textLines,
} from './geometry.ts';
import { columnMm, columnPx } from './row-ops.ts';

const detailed = TEMPLATES['tasks-detailed'];

describe('geometry', () => {
  it('lays columns out at 4 px per millimetre after the gutter when no width is given', () => {
    const layout = gridLayout([{ field: 'task', width: 110 }, { field: 'lead', width: 45 }], 10);
    expect(layout.gutter).toBe(GUTTER_MIN_PX);
    expect(layout.widths).toEqual([440, 180]);
    expect(layout.lefts).toEqual([52, 492]);
    expect(layout.total).toBe(672);
    expect(gridLayout([{ field: 'task', width: 110 }], 10, { field: 'task', px: 300 }).widths).toEqual([300]);
  });

  it('shares the window’s width among the columns of Tân Thạnh’s table at 1366 and 1440 px, in their printed proportions', () => {
    for (const available of [1366, 1440]) {
      const layout = gridLayout(detailed.columns, detailed.numberWidth, null, available);
      expect(layout.total).toBe(available);
      for (const w of layout.widths) expect(w).toBeGreaterThanOrEqual(COLUMN_MIN_PX);
      const task = layout.widths[0] ?? 0;
      const detail = layout.widths[1] ?? 0;
      expect(detail / task).toBeCloseTo(55 / 40, 1);
    }
    // «Ghi chú» is no longer a 60 px sliver.
    expect(gridLayout(detailed.columns, detailed.numberWidth, null, 1366).widths[7]).toBeGreaterThanOrEqual(80);
  });

  it('keeps every column at least as wide as its header’s longest word, and scrolls only when the minimums do not fit', () => {
    expect(columnMinPx('Ghi chú')).toBe(COLUMN_MIN_PX);
    expect(columnMinPx('Cơ quan hướng dẫn/kiểm tra')).toBeGreaterThan(COLUMN_MIN_PX);
    const tiny = gridLayout([{ field: 'task', width: 200 }, { field: 'note', width: 2, label: 'Ghi chú' }], 12, null, 600);
    expect(tiny.widths[1]).toBe(COLUMN_MIN_PX);
    expect(tiny.total).toBe(600);
    const narrow = gridLayout(detailed.columns, detailed.numberWidth, null, 500);
    expect(narrow.widths).toEqual(detailed.columns.map((c) => columnMinPx(c.label)));
    expect(narrow.total).toBeGreaterThan(500);
  });

  it('a column being resized follows the mouse while the others share the rest', () => {
    const layout = gridLayout(detailed.columns, detailed.numberWidth, { field: 'note', px: 200 }, 1366);
    expect(layout.widths[7]).toBe(200);
    expect(layout.total).toBe(1366);
  });

  it('stores the width that draws a dragged column as wide as it was dropped', () => {
    const mm = layoutColumnMm(detailed.columns, detailed.numberWidth, 'note', 200, 1366);
    const after = detailed.columns.map((c) => (c.field === 'note' ? { ...c, width: mm } : c));
    expect(Math.abs((gridLayout(after, detailed.numberWidth, null, 1366).widths[7] ?? 0) - 200)).toBeLessThanOrEqual(2);
    expect(layoutColumnMm(detailed.columns, detailed.numberWidth, 'note', 200, 0)).toBe(columnMm(200));
  });

  it('converts dragged widths back to half millimetres, never too narrow', () => {
    expect(columnPx(27.5)).toBe(110);
    expect(columnMm(110)).toBe(27.5);
    expect(columnMm(111)).toBe(28);
    expect(columnMm(5)).toBe(8);
  });

  it('a row is as tall as its tallest cell, up to the clamp of three lines', () => {
    expect(rowHeight(1)).toBeLessThan(rowHeight(2));
    expect(rowHeight(CELL_CLAMP_LINES + 4)).toBe(ROW_MAX_PX);
    expect(ROW_MAX_PX).toBe(CELL_CLAMP_LINES * CELL_LINE_PX + 7);
    expect(textLines('', 100)).toBe(1);
    expect(textLines('một\nhai', 300)).toBe(2);
    const long = 'Phân công công chức phụ trách 3 trụ cột; triển khai các nhiệm vụ được giao; tổng hợp dữ liệu và báo cáo hàng ngày trên hệ thống.';
    expect(rowHeightEstimate([{ text: 'Quý I–IV/2026', width: 120 }])).toBe(rowHeight(1));
    expect(rowHeightEstimate([{ text: 'Quý I–IV/2026', width: 120 }, { text: long, width: 200 }])).toBe(ROW_MAX_PX);
  });

  it('scrolls just enough to show a span below a sticky header', () => {
    expect(scrollToShow(100, 500, 40, 200, 230)).toBe(100);
    expect(scrollToShow(100, 500, 40, 120, 150)).toBe(80);
    expect(scrollToShow(100, 500, 40, 700, 740)).toBe(240);
    expect(scrollToShow(0, 500, 40, 100, 900)).toBe(60);
  });
});
