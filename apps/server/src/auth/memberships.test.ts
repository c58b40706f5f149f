/** A user's role in a plan: admins everywhere, members where they are members, nobody in a deleted plan. */
import { unitFind } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCreate, planSoftDelete } from '../store/plans.ts';
import { type TestContext, testContextCreate, testUserAdd } from '../testing/api-context.ts';
import { membershipDelete, membershipFor, membershipSet, membershipsOfPlan } from './memberships.ts';

let t: TestContext;
let planId: string;
beforeEach(async () => {
  t = await testContextCreate();
  planId = (await planCreate(t.ctx.sql, t.ctx.units, { commune: 'Tân Thanh', year: 2026 })).id;
});
afterEach(async () => {
  await t.cleanup();
});

describe('membershipFor', () => {
  it('gives an admin the admin role on every plan without a membership', async () => {
    const admin = await testUserAdd(t.ctx, { username: 'admin', admin: true });
    expect(await membershipFor(t.ctx.sql, admin.id, planId)).toEqual({ role: 'admin', unitId: null });
  });

  it('gives an editor their role and unit, and replaces it when changed', async () => {
    const kinhTe = unitFind(t.ctx.units, 'Phòng Kinh tế')?.id ?? '';
    const user = await testUserAdd(t.ctx, { username: 'kinhte', plan: { id: planId, role: 'editor', unitId: kinhTe } });
    expect(await membershipFor(t.ctx.sql, user.id, planId)).toEqual({ role: 'editor', unitId: kinhTe });
    await membershipSet(t.ctx.sql, { userId: user.id, planId, role: 'viewer', unitId: null });
    expect(await membershipFor(t.ctx.sql, user.id, planId)).toEqual({ role: 'viewer', unitId: null });
    expect((await membershipsOfPlan(t.ctx.sql, planId)).map((m) => [m.username, m.role])).toEqual([['kinhte', 'viewer']]);
  });

  it('answers null to a non-member, for an unknown plan, and for a deleted plan (even to an admin)', async () => {
    const user = await testUserAdd(t.ctx, { username: 'lanhdao', plan: { id: planId, role: 'reviewer' } });
    const admin = await testUserAdd(t.ctx, { username: 'admin', admin: true });
    const stranger = await testUserAdd(t.ctx, { username: 'khach' });
    expect(await membershipFor(t.ctx.sql, stranger.id, planId)).toBeNull();
    expect(await membershipFor(t.ctx.sql, admin.id, 'khong-co')).toBeNull();
    await planSoftDelete(t.ctx.sql, planId);
    expect(await membershipFor(t.ctx.sql, user.id, planId)).toBeNull();
    expect(await membershipFor(t.ctx.sql, admin.id, planId)).toBeNull();
  });

  it('refuses an editor without a unit, and forgets a removed member', async () => {
    const user = await testUserAdd(t.ctx, { username: 'vanphong' });
    await expect(membershipSet(t.ctx.sql, { userId: user.id, planId, role: 'editor', unitId: null })).rejects.toThrow(/CHECK/);
    await membershipSet(t.ctx.sql, { userId: user.id, planId, role: 'viewer', unitId: null });
    expect(await membershipDelete(t.ctx.sql, user.id, planId)).toBe(true);
    expect(await membershipFor(t.ctx.sql, user.id, planId)).toBeNull();
  });
});
