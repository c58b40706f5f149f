import { describe, expect, it } from 'vitest';
import { posClamp, rangeContains, rangeOf, rangeSize, selectionAll, selectionAt, selectionMoveTo } from './selection.ts';

describe('selection', () => {
  it('spans a rectangle from any two corners', () => {
    expect(rangeOf({ row: 5, col: 1 }, { row: 2, col: 3 })).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
    expect(rangeSize(rangeOf({ row: 5, col: 1 }, { row: 2, col: 3 }))).toBe(12);
    expect(rangeContains({ top: 2, bottom: 5, left: 1, right: 3 }, { row: 4, col: 3 })).toBe(true);
    expect(rangeContains({ top: 2, bottom: 5, left: 1, right: 3 }, { row: 6, col: 3 })).toBe(false);
  });

  it('keeps positions inside the grid', () => {
    expect(posClamp({ row: -1, col: 9 }, { rows: 10, cols: 4 })).toEqual({ row: 0, col: 3 });
  });

  it('extends from the anchor or moves both corners', () => {
    const sel = selectionAt({ row: 1, col: 1 });
    expect(selectionMoveTo(sel, { row: 3, col: 2 }, true)).toEqual({ anchor: { row: 1, col: 1 }, focus: { row: 3, col: 2 } });
    expect(selectionMoveTo(sel, { row: 3, col: 2 }, false)).toEqual({ anchor: { row: 3, col: 2 }, focus: { row: 3, col: 2 } });
    expect(selectionAll(sel, { rows: 10, cols: 4 })).toEqual({ anchor: { row: 9, col: 3 }, focus: { row: 0, col: 0 } });
  });
});
