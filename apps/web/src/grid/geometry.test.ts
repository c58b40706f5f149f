import { describe, expect, it } from 'vitest';
import { GUTTER_MIN_PX, gridLayout, scrollToShow } from './geometry.ts';
import { columnMm, columnPx } from './row-ops.ts';

describe('geometry', () => {
  it('lays columns out at 4 px per millimetre after the gutter', () => {
    const layout = gridLayout([{ field: 'task', width: 110 }, { field: 'lead', width: 45 }], 10);
    expect(layout.gutter).toBe(GUTTER_MIN_PX);
    expect(layout.widths).toEqual([440, 180]);
    expect(layout.lefts).toEqual([52, 492]);
    expect(layout.total).toBe(672);
    expect(gridLayout([{ field: 'task', width: 110 }], 10, { field: 'task', px: 300 }).widths).toEqual([300]);
  });

  it('converts dragged widths back to half millimetres, never too narrow', () => {
    expect(columnPx(27.5)).toBe(110);
    expect(columnMm(110)).toBe(27.5);
    expect(columnMm(111)).toBe(28);
    expect(columnMm(5)).toBe(8);
  });

  it('scrolls just enough to show a span below a sticky header', () => {
    expect(scrollToShow(100, 500, 40, 200, 230)).toBe(100);
    expect(scrollToShow(100, 500, 40, 120, 150)).toBe(80);
    expect(scrollToShow(100, 500, 40, 700, 740)).toBe(240);
    expect(scrollToShow(0, 500, 40, 100, 900)).toBe(60);
  });
});
