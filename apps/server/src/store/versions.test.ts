/** Named versions through the document store (the inline SQLite one; the contract tests run the threaded one too). */
import { PLAN_SCHEMA_VERSION, planDocCreate, planDocReadMeta } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type TestContext, testContextCreate, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { versionWithDoc } from './version-doc.ts';

let t: TestContext;
beforeEach(async () => {
  t = await testContextCreate();
});
afterEach(async () => {
  await t.cleanup();
});

const META = { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' };

describe('versions in the database', () => {
  it('stores a snapshot as given, lists a plan’s versions newest first, with their author’s name', async () => {
    const { store } = t.ctx;
    const plan = await testPlanTanThanh(t.ctx);
    const other = await testPlanTanThanh(t.ctx);
    const user = await testUserAdd(t.ctx, { username: 'lan', name: 'Chị Lan' });
    const snapshot = Y.encodeStateAsUpdateV2(planDocCreate(META));
    const first = await store.versionSave({ planId: plan.id, name: 'Dự thảo lần 1', createdBy: user.id, snapshot, at: 1000 });
    const second = await store.versionSave({ planId: plan.id, name: 'Trình ký', createdBy: null, snapshot, at: 2000 });
    await store.versionSave({ planId: other.id, name: 'Bản khác', createdBy: null, snapshot, at: 3000 });

    expect((await store.versionsList(plan.id)).map((v) => [v.name, v.createdByName])).toEqual([
      ['Trình ký', null],
      ['Dự thảo lần 1', 'Chị Lan'],
    ]);
    expect(first).toMatchObject({ planId: plan.id, createdBy: user.id, createdAt: 1000, size: snapshot.byteLength });
    expect(await store.versionSnapshot(plan.id, first.id)).toEqual(snapshot);
    // A version is reached only through its own plan.
    expect(await store.versionGet(other.id, second.id)).toBeUndefined();
    expect(await store.versionSnapshot(other.id, second.id)).toBeUndefined();
    // Saved with its audit row.
    const actions = await t.ctx.sql.all('SELECT action, detail FROM audit WHERE plan_id = ? ORDER BY id', [plan.id]);
    expect(actions.slice(-2)).toEqual([
      { action: 'version.create', detail: 'Dự thảo lần 1' },
      { action: 'version.create', detail: 'Trình ký' },
    ]);
  });

  it('reads a version saved before documents had a schema version with today’s layout', async () => {
    const { store } = t.ctx;
    const plan = await testPlanTanThanh(t.ctx);
    const old = new Y.Doc();
    old.getMap('meta').set('commune', 'Tân Thanh');
    const version = await store.versionSave({ planId: plan.id, name: 'Bản cũ', createdBy: null, snapshot: Y.encodeStateAsUpdateV2(old), at: 1 });
    const snapshot = (await store.versionSnapshot(plan.id, version.id)) as Uint8Array;
    expect(versionWithDoc(snapshot, (doc) => planDocReadMeta(doc).schemaVersion)).toBe(PLAN_SCHEMA_VERSION);
    // The stored snapshot itself is never rewritten.
    const stored = new Y.Doc();
    Y.applyUpdateV2(stored, (await store.versionSnapshot(plan.id, version.id)) as Uint8Array);
    expect(stored.getMap('meta').get('schemaVersion')).toBeUndefined();
  });
});
