import { describe, expect, it } from 'vitest';
import { type ActivitySittingEntry, type ActivityStory, activitySittings } from './activity.ts';

const MIN = 60_000;
const rowII4 = { kind: 'row', row: { kind: 'item', number: 'II.4' }, table: null } as const;
/** "… sửa «Nhiệm vụ cụ thể» dòng II.4" */
const taskEdited: ActivityStory = { kind: 'update', groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Nhiệm vụ cụ thể' }], place: rowII4 }]], more: 0 };
/** "… sửa «Ghi chú» dòng II.4" */
const noteEdited: ActivityStory = { kind: 'update', groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Ghi chú' }], place: rowII4 }]], more: 0 };

const entry = (id: number, story: ActivityStory, minute: number, user = 'kinhte'): ActivitySittingEntry => ({
  id,
  at: minute * MIN,
  user: { id: user },
  actor: { kind: 'person', name: user === 'kinhte' ? 'Phòng Kinh tế' : 'Văn phòng' },
  story,
});

describe('activitySittings', () => {
  it('tells 28 keystrokes in one cell as one line spanning the time they took', () => {
    const typing = Array.from({ length: 28 }, (_, i) => entry(100 - i, taskEdited, 40 - i)); // 09:40 back to 09:13
    const sittings = activitySittings(typing);
    expect(sittings).toHaveLength(1);
    expect(sittings[0]?.entry.id).toBe(100);
    expect(sittings[0]?.since).toBe(13 * MIN);
    expect(sittings[0]?.ids).toHaveLength(28);
  });

  it('keeps one line per person and cell when others work in between', () => {
    const sittings = activitySittings([
      entry(6, taskEdited, 20),
      entry(5, noteEdited, 19, 'vanphong'),
      entry(4, taskEdited, 18),
      entry(3, noteEdited, 17),
      entry(2, taskEdited, 16),
      entry(1, noteEdited, 15, 'vanphong'),
    ]);
    expect(sittings.map((s) => [s.entry.id, s.since / MIN])).toEqual([
      [6, 16],
      [5, 15],
      [3, 17],
    ]);
  });

  it('starts a new sitting after a pause of ten minutes or more', () => {
    const sittings = activitySittings([entry(3, taskEdited, 60), entry(2, taskEdited, 50), entry(1, taskEdited, 45)]);
    expect(sittings.map((s) => s.ids)).toEqual([[3], [2, 1]]);
  });

  it('never folds two people together, even when the feed names them alike', () => {
    const a = entry(2, taskEdited, 2);
    const b = { ...entry(1, taskEdited, 1, 'other'), actor: a.actor };
    expect(activitySittings([a, b])).toHaveLength(2);
  });
});
