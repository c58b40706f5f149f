import { describe, expect, it } from 'vitest';
import { timeLabel, timeSpanLabel } from './time-label.ts';

const now = new Date(2026, 10, 21, 15, 0).getTime();
const at = (month: number, day: number, hour: number, minute: number, year = 2026): number => new Date(year, month - 1, day, hour, minute).getTime();

describe('time labels', () => {
  it('shows the time today, the day too earlier this year, the year before that', () => {
    expect(timeLabel(at(11, 21, 10, 42), now)).toBe('10:42');
    expect(timeLabel(at(3, 5, 8, 7), now)).toBe('08:07 05/03');
    expect(timeLabel(at(12, 30, 9, 0, 2025), now)).toBe('30/12/2025');
  });

  it('shows a stretch of work by its first and last minute', () => {
    expect(timeSpanLabel(at(11, 21, 9, 13), at(11, 21, 9, 40), now)).toBe('09:13–09:40');
    expect(timeSpanLabel(at(3, 5, 9, 13), at(3, 5, 9, 40), now)).toBe('09:13–09:40 05/03');
    expect(timeSpanLabel(at(11, 21, 9, 13), at(11, 21, 9, 13), now)).toBe('09:13');
    expect(timeSpanLabel(at(11, 20, 23, 55), at(11, 21, 0, 4), now)).toBe('23:55 20/11 – 00:04');
  });
});
