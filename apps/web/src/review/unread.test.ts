import { describe, expect, it } from 'vitest';
import type { PlanComment } from '@phuluc/domain';
import { seenMark, unreadOf } from './unread.ts';

const c = (id: string, author: string, minute: number): PlanComment => ({ id, author, text: id, at: `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`, resolved: false });

describe('unread comments', () => {
  const comments = [c('a', 'lanh-dao', 1), c('b', 'kinh-te', 2), c('d', 'lanh-dao', 5)];

  it('counts others’ comments written after the thread was last seen (all of them before it ever was)', () => {
    expect(unreadOf(comments, undefined, 'kinh-te').map((x) => x.id)).toEqual(['a', 'd']);
    expect(unreadOf(comments, '2026-03-01T08:02:00.000Z', 'kinh-te').map((x) => x.id)).toEqual(['d']);
    expect(unreadOf(comments, '2026-03-01T08:05:00.000Z', 'kinh-te')).toEqual([]);
  });

  it('marks a thread seen up to its newest comment, never backwards', () => {
    const seen = seenMark({}, 'r1', comments);
    expect(seen).toEqual({ r1: '2026-03-01T08:05:00.000Z' });
    expect(seenMark(seen, 'r1', comments.slice(0, 1))).toBe(seen);
    expect(seenMark(seen, 'r2', [])).toBe(seen);
  });
});
