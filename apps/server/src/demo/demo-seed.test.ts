/** The demo commune: the shipped table, one account per role, passwords shown once. */
import { planDocProgressRead, planDocReadTable, planDocTableIds } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipFor } from '../auth/memberships.ts';
import { bearer, TEST_PASSWORD_COST, type TestContext, testApp, testContextCreate, testLogin } from '../testing/api-context.ts';
import { DEMO_ACCOUNTS, demoAccountsTable, demoSeedIfEmpty } from './demo-seed.ts';

let t: TestContext;
beforeEach(async () => {
  t = await testContextCreate();
});
afterEach(async () => {
  await t.cleanup();
});

describe('the demo', () => {
  it('creates the plan, an account per role with its unit, and editors whose units own rows', async () => {
    const seed = await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST });
    if (!seed) throw new Error('no demo');
    expect(seed.accounts.map((a) => [a.username, a.role, a.unitName])).toEqual([
      ['admin', 'admin', null],
      ['vhxh', 'coordinator', 'Phòng Văn hóa - Xã hội'],
      ['vanphong', 'editor', 'Văn phòng HĐND và UBND xã'],
      ['hcc', 'editor', 'Trung tâm Phục vụ hành chính công'],
      ['kinhte', 'editor', 'Phòng Kinh tế'],
      ['lanhdao', 'reviewer', 'Ủy ban nhân dân xã'],
    ]);
    expect(new Set(seed.accounts.map((a) => a.password)).size).toBe(DEMO_ACCOUNTS.length);

    const owners = await t.ctx.docs.withDoc(seed.planId, (doc) => {
      const table = planDocReadTable(doc, planDocTableIds(doc)[0] ?? '');
      return new Set(table.rows.flatMap((r) => (r.kind === 'item' ? (r.owners ?? []) : [])));
    });
    for (const editor of seed.accounts.filter((a) => a.role === 'editor')) expect(owners.has(editor.unitId ?? '')).toBe(true);

    const users = await t.ctx.sql.all<{ id: string; username: string; password_hash: string }>('SELECT id, username, password_hash FROM users');
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(await membershipFor(t.ctx.sql, byName.get('hcc')?.id ?? '', seed.planId)).toEqual({ role: 'editor', unitId: seed.accounts[3]?.unitId });
    expect(JSON.stringify(users)).not.toContain(seed.accounts[0]?.password ?? '?');
  });

  it('has the departments’ progress reports of the year so far, one department not yet reported the latest period', async () => {
    // 5 December 2026: November is being reported (due on the 20th).
    const seed = await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST, now: Date.parse('2026-12-05T09:00:00Z') });
    if (!seed) throw new Error('no demo');
    const { records, problems } = await t.ctx.docs.withDoc(seed.planId, (doc) => planDocProgressRead(doc));
    expect(problems).toEqual([]);
    const unitOf = (username: string) => seed.accounts.find((a) => a.username === username)?.unitId ?? null;
    const periodsOf = (username: string) => new Set(records.filter((r) => r.unitId === unitOf(username)).map((r) => r.period));
    for (const username of ['vanphong', 'hcc']) expect(periodsOf(username).has('2026-11')).toBe(true);
    // Phòng Kinh tế (the last department) has reported up to October, not yet November.
    expect(periodsOf('kinhte').has('2026-10')).toBe(true);
    expect(periodsOf('kinhte').has('2026-11')).toBe(false);
    // The focal department reports its own row (Quý I/2026, done).
    expect(records.some((r) => r.unitId === unitOf('vhxh') && r.status === 'done')).toBe(true);
    expect(records.some((r) => r.period === '2026-12')).toBe(false);
    // One row is behind, with its difficulty for the consolidated report.
    expect(records.filter((r) => r.status === 'behind' && r.difficulties !== '').length).toBeGreaterThan(0);
    expect(records.filter((r) => r.status === 'done').length).toBeGreaterThan(0);
  });

  it('lets the printed passwords log in', async () => {
    const seed = await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST });
    const app = testApp(t.ctx);
    const kinhte = seed?.accounts.find((a) => a.username === 'kinhte');
    const token = await testLogin(app, 'kinhte', kinhte?.password);
    const { plans } = (await (await app.request('/api/plans', { headers: bearer(token) })).json()) as { plans: Array<{ commune: string; myRole: string }> };
    expect(plans).toMatchObject([{ commune: 'Tân Thanh', myRole: 'editor' }]);
  });

  it('does nothing on a database that already has accounts', async () => {
    await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST });
    expect(await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST })).toBeNull();
    expect(await t.ctx.sql.get('SELECT count(*) AS n FROM plans')).toEqual({ n: 1 });
  });
});

describe('demoAccountsTable', () => {
  it('prints username, role, unit and password in aligned columns', () => {
    const text = demoAccountsTable([
      { username: 'admin', name: 'Quản trị', role: 'admin', unitId: null, unitName: null, password: 'abcd-efgh' },
      { username: 'kinhte', name: 'Phòng Kinh tế', role: 'editor', unitId: 'x', unitName: 'Phòng Kinh tế', password: 'ijkl-mnop' },
    ]);
    expect(text.split('\n')).toEqual([
      'Tên đăng nhập  Vai trò  Đơn vị         Mật khẩu',
      '-------------  -------  -------------  ---------',
      'admin          admin    —              abcd-efgh',
      'kinhte         editor   Phòng Kinh tế  ijkl-mnop',
    ]);
  });
});
