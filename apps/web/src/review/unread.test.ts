import { describe, expect, it } from 'vitest';
import type { Actor, PlanComment } from '@phuluc/domain';
import { rowConcerns, seenMark, unreadOf } from './unread.ts';

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

  it('tells whose business a row’s comments are', () => {
    const editor: Actor = { userId: 'kinh-te', role: 'editor', unitId: 'phong-kinh-te' };
    const reviewer: Actor = { userId: 'lanh-dao', role: 'reviewer', unitId: null };
    expect(rowConcerns(editor, ['phong-kinh-te', 'van-phong'], comments)).toBe(true);
    expect(rowConcerns(editor, ['van-phong'], comments)).toBe(false);
    expect(rowConcerns({ userId: 'vhxh', role: 'coordinator', unitId: 'vhxh' }, [], [])).toBe(true);
    expect(rowConcerns(reviewer, ['van-phong'], comments)).toBe(true);
    expect(rowConcerns(reviewer, ['van-phong'], [c('x', 'kinh-te', 1)])).toBe(false);
    expect(rowConcerns({ userId: 'xem', role: 'viewer', unitId: null }, ['van-phong'], comments)).toBe(false);
  });
});
