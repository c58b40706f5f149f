import { PLAN_SCHEMA_VERSION, planDocCreate, planDocReadMeta } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type TestContext, testContextCreate, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { versionCreate, versionGet, versionSnapshot, versionsForPlan, versionWithDoc } from './versions.ts';

let t: TestContext;
beforeEach(() => {
  t = testContextCreate();
});
afterEach(() => t.cleanup());

const META = { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' };

describe('versions in the database', () => {
  it('stores a snapshot as given, lists a plan’s versions newest first, with their author’s name', async () => {
    const plan = testPlanTanThanh(t.ctx);
    const other = testPlanTanThanh(t.ctx);
    const user = await testUserAdd(t.ctx, { username: 'lan', name: 'Chị Lan' });
    const snapshot = Y.encodeStateAsUpdateV2(planDocCreate(META));
    const first = versionCreate(t.ctx.db, { planId: plan.id, name: 'Dự thảo lần 1', createdBy: user.id, snapshot, now: 1000 });
    const second = versionCreate(t.ctx.db, { planId: plan.id, name: 'Trình ký', createdBy: null, snapshot, now: 2000 });
    versionCreate(t.ctx.db, { planId: other.id, name: 'Bản khác', createdBy: null, snapshot, now: 3000 });

    expect(versionsForPlan(t.ctx.db, plan.id).map((v) => [v.name, v.createdByName])).toEqual([
      ['Trình ký', null],
      ['Dự thảo lần 1', 'Chị Lan'],
    ]);
    expect(first).toMatchObject({ planId: plan.id, createdBy: user.id, createdAt: 1000, size: snapshot.byteLength });
    expect(versionSnapshot(t.ctx.db, plan.id, first.id)).toEqual(snapshot);
    // A version is reached only through its own plan.
    expect(versionGet(t.ctx.db, other.id, second.id)).toBeUndefined();
    expect(versionSnapshot(t.ctx.db, other.id, second.id)).toBeUndefined();
    expect(versionWithDoc(t.ctx.db, other.id, second.id, () => 1)).toBeUndefined();
  });

  it('reads a version saved before documents had a schema version with today’s layout', () => {
    const plan = testPlanTanThanh(t.ctx);
    const old = new Y.Doc();
    old.getMap('meta').set('commune', 'Tân Thanh');
    const version = versionCreate(t.ctx.db, { planId: plan.id, name: 'Bản cũ', createdBy: null, snapshot: Y.encodeStateAsUpdateV2(old), now: 1 });
    expect(versionWithDoc(t.ctx.db, plan.id, version.id, (doc) => planDocReadMeta(doc).schemaVersion)).toBe(PLAN_SCHEMA_VERSION);
    // The stored snapshot itself is never rewritten.
    const stored = new Y.Doc();
    Y.applyUpdateV2(stored, versionSnapshot(t.ctx.db, plan.id, version.id) as Uint8Array);
    expect(stored.getMap('meta').get('schemaVersion')).toBeUndefined();
  });
});
