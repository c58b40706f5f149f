import { describe, expect, it } from 'vitest';
import { chartLabelLines } from './chart-label.ts';

describe('chart labels', () => {
  it('keeps a short label on one line', () => {
    expect(chartLabelLines('Quý III', 150, 13)).toEqual(['Quý III']);
  });

  it('wraps a long label by words to the column’s width', () => {
    const lines = chartLabelLines('Chưa rõ thời hạn', 60, 12);
    expect(lines).toEqual(['Chưa rõ', 'thời hạn']);
    for (const line of lines) expect(line.length * 12 * 0.62).toBeLessThanOrEqual(60);
  });

  it('cuts what does not fit in the lines allowed, and says so with "…"', () => {
    expect(chartLabelLines('Không ghi thời hạn', 30, 12, 2)).toEqual(['Khô…', 'ghi…']);
  });
});
