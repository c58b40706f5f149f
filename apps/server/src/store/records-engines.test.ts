/**
 * The records (accounts, sessions, plans, memberships, units, audit) behave the same on both
 * engines: the embedded SQLite file and PostgreSQL (a fresh database per test). The statements
 * are written once (`sql.ts`); these tests are where a dialect difference would show.
 */
import { AUDIT_ACTIONS, planDocTableIds, unitFind } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipDelete, membershipFor, membershipSet, membershipsOfPlan } from '../auth/memberships.ts';
import { sessionCreate, sessionDelete, sessionFromToken, sessionsDeleteForUser, sessionsPurgeExpired } from '../auth/sessions.ts';
import { type TestContext, testContextCreate, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { pgTestAvailable, pgTestDatabase } from '../testing/pg-test-database.ts';
import { auditAppend, auditPage } from './audit.ts';
import { planCreate, planGet, plansAll, plansForUser, planSoftDelete } from './plans.ts';
import { unitsList } from './units.ts';
import { UsernameTakenError, userByUsername, userCreate, usersCount, usersInPlan, usersList, userPasswordSet } from './users.ts';

const HOUR = 3_600_000;
const postgres = await pgTestAvailable();

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !postgres)(`the records on ${engine}`, () => {
    let t: TestContext;
    let drop: (() => Promise<void>) | null = null;
    beforeEach(async () => {
      if (engine === 'postgres') {
        const db = await pgTestDatabase();
        if (!db) throw new Error('PostgreSQL went away');
        drop = db.drop;
        t = await testContextCreate({ databaseUrl: db.url });
      } else t = await testContextCreate();
    });
    afterEach(async () => {
      await t.cleanup();
      await drop?.();
      drop = null;
    });

    it('seeds the unit directory once, in its order', async () => {
      const units = await unitsList(t.ctx.sql);
      expect(units.length).toBeGreaterThan(20);
      expect(units.map((u) => u.id)).toEqual(t.ctx.units.units.map((u) => u.id));
      expect(unitFind(t.ctx.units, 'Phòng Kinh tế')).toBeDefined();
    });

    it('keeps usernames unique whatever their case, and finds them in any case', async () => {
      const user = await testUserAdd(t.ctx, { username: 'KinhTe', name: 'Phòng Kinh tế' });
      await expect(userCreate(t.ctx.sql, { username: 'kinhte', name: 'x', role: 'user', passwordHash: 'h' })).rejects.toBeInstanceOf(UsernameTakenError);
      expect((await userByUsername(t.ctx.sql, 'KINHTE'))?.id).toBe(user.id);
      expect(await usersCount(t.ctx.sql)).toBe(1);
      await userPasswordSet(t.ctx.sql, user.id, 'new-hash');
      expect((await usersList(t.ctx.sql)).map((u) => [u.username, u.passwordHash, u.disabledAt])).toEqual([['KinhTe', 'new-hash', null]]);
    });

    it('opens, slides, expires and ends sessions', async () => {
      const user = await testUserAdd(t.ctx, { username: 'vanphong' });
      const now = 1_800_000_000_000;
      const { token, expiresAt } = await sessionCreate(t.ctx.sql, user.id, { ttlMs: HOUR, now, ip: '10.0.0.1', userAgent: 'thử' });
      expect(expiresAt).toBe(now + HOUR);
      expect(await sessionFromToken(t.ctx.sql, token, now + 1000)).toMatchObject({ userId: user.id, username: 'vanphong', expiresAt });
      // Used half an hour later: the expiry moves to an hour from then.
      expect((await sessionFromToken(t.ctx.sql, token, now + HOUR / 2))?.expiresAt).toBe(now + HOUR / 2 + HOUR);
      expect(await sessionFromToken(t.ctx.sql, token, now + 3 * HOUR)).toBeNull();
      expect(await sessionFromToken(t.ctx.sql, token, now + 1000)).toBeNull(); // deleted on the way

      const second = await sessionCreate(t.ctx.sql, user.id, { ttlMs: HOUR, now });
      const third = await sessionCreate(t.ctx.sql, user.id, { ttlMs: HOUR, now });
      await sessionDelete(t.ctx.sql, second.token);
      expect(await sessionFromToken(t.ctx.sql, second.token, now)).toBeNull();
      expect(await sessionsDeleteForUser(t.ctx.sql, user.id)).toBe(1);
      expect(await sessionFromToken(t.ctx.sql, third.token, now)).toBeNull();
      await sessionCreate(t.ctx.sql, user.id, { ttlMs: HOUR, now });
      expect(await sessionsPurgeExpired(t.ctx.sql, now + 2 * HOUR)).toBe(1);
    });

    it('creates a plan with its first document and audit row in one transaction, and none of it when the audit fails', async () => {
      const admin = await testUserAdd(t.ctx, { username: 'admin', admin: true });
      const plan = await planCreate(t.ctx.sql, t.ctx.units, { commune: 'Tân Thanh', year: 2026, template: 'tasks-basic', createdBy: admin.id }, (tx, p) =>
        auditAppend(tx, { planId: p.id, userId: admin.id, action: AUDIT_ACTIONS.planCreate }),
      );
      expect(await planGet(t.ctx.sql, plan.id)).toEqual(plan);
      expect(await t.ctx.docs.withDoc(plan.id, (doc) => planDocTableIds(doc).length)).toBe(1);
      expect((await auditPage(t.ctx.sql, plan.id, { limit: 10 })).map((e) => e.action)).toEqual([AUDIT_ACTIONS.planCreate]);

      const failing = planCreate(t.ctx.sql, t.ctx.units, { commune: 'Xuân Lộc', year: 2026 }, async () => {
        throw new Error('audit refused');
      });
      await expect(failing).rejects.toThrow('audit refused');
      expect((await plansAll(t.ctx.sql)).map((p) => p.commune)).toEqual(['Tân Thanh']);
      expect(await t.ctx.sql.get<{ n: number }>('SELECT count(*) AS n FROM doc_snapshots')).toEqual({ n: 1 });
    });

    it('lists plans by role, hides deleted ones, and answers memberships like the permission check needs', async () => {
      const plan = await testPlanTanThanh(t.ctx);
      const kinhTe = unitFind(t.ctx.units, 'Phòng Kinh tế')?.id ?? '';
      const editor = await testUserAdd(t.ctx, { username: 'kinhte', name: 'Chị Lan', plan: { id: plan.id, role: 'editor', unitId: kinhTe } });
      const admin = await testUserAdd(t.ctx, { username: 'admin', admin: true });
      const stranger = await testUserAdd(t.ctx, { username: 'khach' });
      expect(await membershipFor(t.ctx.sql, editor.id, plan.id)).toEqual({ role: 'editor', unitId: kinhTe });
      expect(await membershipFor(t.ctx.sql, admin.id, plan.id)).toEqual({ role: 'admin', unitId: null });
      expect(await membershipFor(t.ctx.sql, stranger.id, plan.id)).toBeNull();
      await expect(membershipSet(t.ctx.sql, { userId: stranger.id, planId: plan.id, role: 'editor', unitId: null })).rejects.toThrow();
      await membershipSet(t.ctx.sql, { userId: stranger.id, planId: plan.id, role: 'viewer', unitId: null });
      expect((await membershipsOfPlan(t.ctx.sql, plan.id)).map((m) => [m.username, m.role, m.unitId])).toEqual([
        ['kinhte', 'editor', kinhTe],
        ['khach', 'viewer', null],
      ]);
      expect(await usersInPlan(t.ctx.sql, plan.id, [editor.id, admin.id, 'gone'])).toEqual(
        new Map([
          [editor.id, { name: 'Chị Lan', unitId: kinhTe }],
          [admin.id, { name: 'admin', unitId: null }],
        ]),
      );
      expect((await plansForUser(t.ctx.sql, { userId: editor.id, role: 'user' })).map((p) => [p.id, p.myRole, p.myUnitId])).toEqual([
        [plan.id, 'editor', kinhTe],
      ]);
      expect(await plansForUser(t.ctx.sql, { userId: 'nobody', role: 'user' })).toEqual([]);
      expect((await plansForUser(t.ctx.sql, { userId: admin.id, role: 'admin' })).map((p) => p.myRole)).toEqual(['admin']);
      expect(await membershipDelete(t.ctx.sql, stranger.id, plan.id)).toBe(true);
      expect(await membershipDelete(t.ctx.sql, stranger.id, plan.id)).toBe(false);

      expect(await planSoftDelete(t.ctx.sql, plan.id)).toBe(true);
      expect(await planSoftDelete(t.ctx.sql, plan.id)).toBe(false);
      expect(await planGet(t.ctx.sql, plan.id)).toBeUndefined();
      expect((await planGet(t.ctx.sql, plan.id, { includeDeleted: true }))?.deletedAt).not.toBeNull();
      expect(await membershipFor(t.ctx.sql, editor.id, plan.id)).toBeNull();
      expect(await membershipFor(t.ctx.sql, admin.id, plan.id)).toBeNull();
    });

    it('pages the audit trail newest first, with the changes as written', async () => {
      const plan = await testPlanTanThanh(t.ctx);
      const ids: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push(
          await auditAppend(t.ctx.sql, {
            planId: plan.id,
            userId: null,
            action: AUDIT_ACTIONS.update,
            changes: [{ tableId: 't', rowId: `r${i}`, field: 'note' }],
            at: 1000 + i,
          }),
        );
      }
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const first = await auditPage(t.ctx.sql, plan.id, { limit: 3 });
      expect(first.map((e) => e.changes[0]?.rowId)).toEqual(['r4', 'r3', 'r2']);
      const next = await auditPage(t.ctx.sql, plan.id, { limit: 3, before: first[2]?.id ?? 0 });
      expect(next.map((e) => [e.changes[0]?.rowId, e.at])).toEqual([
        ['r1', 1001],
        ['r0', 1000],
      ]);
    });

    it('runs a transaction alone: what it wrote is gone when it fails, and other statements wait for it', async () => {
      const user = await testUserAdd(t.ctx, { username: 'vanphong' });
      let inside!: () => void;
      const entered = new Promise<void>((resolve) => {
        inside = resolve;
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const failed = t.ctx.sql.transaction(async (tx) => {
        await userPasswordSet(tx, user.id, 'inside');
        inside();
        await held;
        throw new Error('rolled back');
      });
      await entered;
      // Outside the transaction: the old hash, read now or once it ended, never the uncommitted one.
      const outside = userByUsername(t.ctx.sql, 'vanphong');
      release();
      await expect(failed).rejects.toThrow('rolled back');
      expect((await outside)?.passwordHash).not.toBe('inside');
      expect((await userByUsername(t.ctx.sql, 'vanphong'))?.passwordHash).not.toBe('inside');
    });
  });
}
