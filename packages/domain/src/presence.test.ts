import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS, presenceColorFor, presenceUserRead, presenceUserSchema } from './presence.ts';

const user = { userId: 'u1', name: 'Trần Văn Kinh', unit: 'Phòng Kinh tế', role: 'editor', color: '#00798c' } as const;

describe('presenceUserSchema', () => {
  it('is the identity the server writes: a colour that is only a colour, a known role, nothing more', () => {
    expect(presenceUserSchema.parse(user)).toEqual(user);
    expect(presenceUserSchema.safeParse({ ...user, color: 'red;background:url(x)' }).success).toBe(false);
    expect(presenceUserSchema.safeParse({ ...user, role: 'owner' }).success).toBe(false);
    expect(presenceUserSchema.parse({ ...user, admin: true })).toEqual(user);
  });
});

describe('presenceUserRead', () => {
  it('keeps what meets the contract, nulls what does not, and drops extra fields', () => {
    expect(presenceUserRead({ ...user, color: 'url(javascript:x)', admin: true, style: 'x' })).toEqual({ ...user, color: null });
    expect(presenceUserRead({ name: 'Khách' })).toEqual({ userId: null, name: 'Khách', unit: null, role: null, color: null });
    expect(presenceUserRead({ ...user, unit: '', role: 'owner', userId: 7 })).toEqual({ ...user, userId: null, unit: null, role: null });
  });

  it('reads nothing from what is not an object', () => {
    for (const raw of [undefined, null, 'u1', 42, ['u1']]) expect(presenceUserRead(raw)).toBeNull();
  });
});

describe('presenceColorFor', () => {
  it('gives one key always the same colour of the palette', () => {
    expect(presenceColorFor('u1')).toBe(presenceColorFor('u1'));
    expect(PRESENCE_COLORS).toContain(presenceColorFor('u1'));
    expect(PRESENCE_COLORS).toContain(presenceColorFor(-12345));
  });
});
