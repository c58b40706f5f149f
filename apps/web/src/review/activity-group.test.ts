import type { ActivityStory } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { activityFold } from './activity-group.ts';
import type { ApiActivityEntry } from './review-api.ts';

const MIN = 60_000;
const entry = (id: number, story: ActivityStory, at: number, user = 'kt'): ApiActivityEntry => ({
  id,
  at,
  action: story.kind === 'reviewReset' ? 'review.reset' : 'update',
  user: { id: user, name: user },
  unit: null,
  actor: { kind: 'person', name: 'Phòng Kinh tế' },
  story,
  changes: [],
  detail: null,
});
const rowII1 = { kind: 'row', row: { kind: 'item', number: 'II.1' }, table: null } as const;
/** "Phòng Kinh tế sửa «Ghi chú» dòng II.1" */
const noteEdited: ActivityStory = { kind: 'update', groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Ghi chú' }], place: rowII1 }]], more: 0 };
/** "Dòng II.1 đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi" */
const reset: ActivityStory = { kind: 'reviewReset', places: [rowII1], more: 0 };

describe('activityFold', () => {
  it('folds a run of the same story by the same person into one line with a count', () => {
    const typing = noteEdited;
    const lines = activityFold([
      entry(6, typing, 20 * MIN),
      entry(5, typing, 19 * MIN),
      entry(4, typing, 18 * MIN),
      entry(3, reset, 18 * MIN),
      entry(2, typing, 17 * MIN),
      entry(1, typing, 17 * MIN, 'vp'),
    ]);
    expect(lines.map((l) => [l.entry.id, l.count])).toEqual([
      [6, 3],
      [3, 1],
      [2, 1],
      [1, 1],
    ]);
    expect(lines[0]?.since).toBe(18 * MIN);
  });

  it('keeps apart the same story told long apart', () => {
    const s = noteEdited;
    expect(activityFold([entry(2, s, 60 * MIN), entry(1, s, 30 * MIN)])).toHaveLength(2);
  });
});
