import { describe, expect, it } from 'vitest';
import { onlinePeople } from './online.ts';

const user = (userId: string, name: string, unit: string | null = null) => ({ userId, name, unit, role: 'editor', color: '#1864ab' });

describe('onlinePeople', () => {
  it('lists each other person once, at the most telling place of their tabs', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('me', 'Tôi') }],
      [2, { user: user('kt', 'Trần Văn Kinh', 'Phòng Kinh tế'), cell: null, view: 'review' }],
      [3, { user: user('kt', 'Trần Văn Kinh', 'Phòng Kinh tế'), cell: { tableId: 't', rowId: 'r', field: 'timeframe' }, editing: true }],
      [4, { user: user('ld', 'Võ Văn Lãnh'), view: 'review' }],
      [5, { user: user('vp', 'Lê Thị Vân', 'Văn phòng'), cell: { tableId: 't', rowId: 7 }, editing: true }],
    ]);
    const people = onlinePeople(states, 1, 'me');
    expect(people.map((p) => [p.name, p.unit, p.where?.field ?? null, p.editing, p.reviewing])).toEqual([
      ['Lê Thị Vân', 'Văn phòng', null, false, false],
      ['Trần Văn Kinh', 'Phòng Kinh tế', 'timeframe', true, false],
      ['Võ Văn Lãnh', null, null, false, true],
    ]);
  });
});
