import { describe, expect, it } from 'vitest';
import { timeLabel } from './time-label.ts';

describe('timeLabel', () => {
  const now = new Date(2026, 10, 22, 15, 0).getTime();
  it('shows the hour today, hour and day this year, the date before', () => {
    expect(timeLabel(new Date(2026, 10, 22, 10, 42).getTime(), now)).toBe('10:42');
    expect(timeLabel(new Date(2026, 10, 21, 9, 5).toISOString(), now)).toBe('09:05 21/11');
    expect(timeLabel(new Date(2025, 0, 3, 9, 5).getTime(), now)).toBe('03/01/2025');
    expect(timeLabel('không phải ngày', now)).toBe('');
  });
});
