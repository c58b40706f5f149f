import { describe, expect, it } from 'vitest';
import { presenceInitials, presencePeople } from './presence.ts';

const user = (userId: string, name: string, unit: string | null = null) => ({ user: { userId, name, unit, role: 'editor', color: '#00798c' } });

describe('presencePeople', () => {
  it('lists each other person once, however many tabs they have open, and leaves oneself out', () => {
    const states = new Map<number, unknown>([
      [1, user('me', 'Tôi')],
      [2, user('u2', 'Trần Văn Kinh', 'Phòng Kinh tế')],
      [3, user('u2', 'Trần Văn Kinh', 'Phòng Kinh tế')],
      [4, user('u3', 'Lê Thị Vân', 'Văn phòng HĐND và UBND xã')],
      [5, user('me', 'Tôi')],
    ]);
    const people = presencePeople(states, 1, 'me');
    expect(people.map((p) => [p.name, p.clientIds])).toEqual([
      ['Lê Thị Vân', [4]],
      ['Trần Văn Kinh', [2, 3]],
    ]);
    expect(people[1]?.unit).toBe('Phòng Kinh tế');
  });

  it('ignores states without an identity from the server and colours that are not colours', () => {
    const states = new Map<number, unknown>([
      [2, { cell: null }],
      [3, { user: { userId: 'x', name: 'X', color: 'url(javascript:1)' } }],
    ]);
    const people = presencePeople(states, 1, 'me');
    expect(people).toHaveLength(1);
    expect(people[0]?.color).toBe('#5b6770');
  });
});

describe('presencePeople reads the server’s user with the domain schema', () => {
  it('keeps only the contract’s fields, shows a colour that is not a colour as the neutral one, and skips a user without an id', () => {
    const states = new Map<number, unknown>([
      [2, { user: { userId: 'u2', name: 'Trần Văn Kinh', unit: 'Phòng Kinh tế', role: 'editor', color: 'red;background:url(x)', admin: true, style: 'x' } }],
      [3, { user: { name: 'Không có mã', color: '#00798c' } }],
      [4, { user: 'u4' }],
    ]);
    expect(presencePeople(states, 1, 'me')).toEqual([
      { userId: 'u2', name: 'Trần Văn Kinh', unit: 'Phòng Kinh tế', role: 'editor', color: '#5b6770', clientIds: [2] },
    ]);
  });
});

describe('presenceInitials', () => {
  it('takes the first letters of the first and last words, keeping Vietnamese letters', () => {
    expect(presenceInitials('Nguyễn Thị Hoa')).toBe('NH');
    expect(presenceInitials('Đỗ Thị Xem')).toBe('ĐX');
    expect(presenceInitials('  admin ')).toBe('AD');
    expect(presenceInitials('')).toBe('?');
  });
});
