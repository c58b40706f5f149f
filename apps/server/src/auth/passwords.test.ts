/** Password hashes: scrypt with a salt per password, parameters kept with the hash, constant-time check. */
import { describe, expect, it } from 'vitest';
import { PASSWORD_COST, passwordGenerate, passwordHash, passwordSchema, passwordVerify } from './passwords.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('passwordHash and passwordVerify', () => {
  it('accept the right password and refuse a wrong one', async () => {
    const hash = await passwordHash('Tân Thanh 2026!', CHEAP);
    expect(await passwordVerify('Tân Thanh 2026!', hash)).toBe(true);
    expect(await passwordVerify('Tân Thanh 2026?', hash)).toBe(false);
  });

  it('salt each hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([passwordHash('mật-khẩu-chung', CHEAP), passwordHash('mật-khẩu-chung', CHEAP)]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('use the default cost unless told otherwise, and verify with the cost stored in the hash', async () => {
    const hash = await passwordHash('mật-khẩu-mặc-định');
    expect(hash.startsWith(`scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$`)).toBe(true);
    expect(await passwordVerify('mật-khẩu-mặc-định', hash)).toBe(true);
  });

  it('treat composed and decomposed Vietnamese letters as the same password', async () => {
    const hash = await passwordHash('Hoà Bình'.normalize('NFC'), CHEAP);
    expect(await passwordVerify('Hoà Bình'.normalize('NFD'), hash)).toBe(true);
  });

  it('match nothing against a malformed hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$1024$8$1$$', 'bcrypt$1$2$3$4$5', 'scrypt$99999999$8$1$c2FsdA$aGFzaA']) {
      expect(await passwordVerify('x', stored)).toBe(false);
    }
  });
});

describe('passwordGenerate', () => {
  it('makes readable passwords that pass the password rules and differ each time', () => {
    const a = passwordGenerate();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
    expect(passwordSchema.safeParse(a).success).toBe(true);
    expect(passwordGenerate()).not.toBe(a);
  });
});
