/**
 * Changes the server makes itself (`DocHub.applyLocal`) and listeners of accepted updates
 * (`onAccepted`): the change is applied to the live document, committed with its audit entry,
 * and relayed to every connection; nothing is written when nothing changed.
 */
import { type PlanChange, planDocCellText, planDocOrderedRowIds, planDocReview, planDocReviewSet, planDocTableIds } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricsCreate } from '../metrics.ts';
import { auditPage } from '../store/audit.ts';
import { type DocStore } from '../store/doc-store.ts';
import { docStoreSqlite } from '../store/doc-store-sqlite.ts';
import type { PlanRecord } from '../store/plans.ts';
import { type TestContext, testContextCreate, testPlanTanThanh } from '../testing/api-context.ts';
import { DocHub, MESSAGE_SYNC, type RoomPeer, SERVER_ORIGIN } from './doc-hub.ts';

let t: TestContext;
let hub: DocHub;
let store: DocStore;
let plan: PlanRecord;

/** A connection that keeps what it is sent. */
function peer(): RoomPeer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { clientIds: new Set(), received, send: (m) => void received.push(m), close: () => {} };
}

/** Applies every sync update a peer received to a document. */
function replay(doc: Y.Doc, messages: readonly Uint8Array[]): void {
  for (const m of messages) {
    const decoder = decoding.createDecoder(m);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    syncProtocol.readSyncMessage(decoder, { toUint8Array: () => new Uint8Array() } as never, doc, null);
  }
}

beforeEach(async () => {
  t = await testContextCreate();
  plan = await testPlanTanThanh(t.ctx);
  store = docStoreSqlite(t.dir);
  hub = new DocHub(store, metricsCreate());
});
afterEach(async () => {
  await hub.close();
  await store.close();
  await t.cleanup();
});

describe('DocHub.applyLocal', () => {
  it('applies, commits with its audit action, and relays to everyone', async () => {
    const room = await hub.room(plan.id);
    if (!room) throw new Error('no room');
    const a = peer();
    const b = peer();
    hub.join(room, a);
    hub.join(room, b);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    const rowId = planDocOrderedRowIds(room.doc, planDocTableIds(room.doc)[0] ?? '')[1] ?? '';
    let origin: unknown;
    room.doc.once('update', (_u: Uint8Array, o: unknown) => (origin = o));

    const changed = hub.applyLocal(room, (doc) => planDocReviewSet(doc, rowId, { state: 'pending', by: 'u1', at: '2026-03-01T08:00:00Z', reason: 'edited' }), {
      userId: null,
      at: 1,
      action: 'review.reset',
      changes: [{ tableId: null, rowId, field: '(review:reset)' }],
    });
    expect(changed).toBe(true);
    expect(origin).toBe(SERVER_ORIGIN);
    expect(planDocReview(room.doc, rowId)?.reason).toBe('edited');
    await hub.flush();
    for (const p of [a, b]) {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(copy));
      replay(replica, p.received);
      expect(planDocReview(replica, rowId)?.state).toBe('pending');
    }
    expect((await auditPage(t.ctx.sql, plan.id, { limit: 5 }))[0]).toMatchObject({ action: 'review.reset', changes: [{ rowId, field: '(review:reset)' }] });
  });

  it('writes nothing when the change changes nothing', async () => {
    const room = await hub.room(plan.id);
    if (!room) throw new Error('no room');
    const before = (await auditPage(t.ctx.sql, plan.id, { limit: 50 })).length;
    expect(hub.applyLocal(room, () => {}, { userId: null, at: 1, changes: [] })).toBe(false);
    await hub.flush();
    expect(await auditPage(t.ctx.sql, plan.id, { limit: 50 })).toHaveLength(before);
  });

  it('loads the plan for applyLocalTo, and says false for an unknown plan', async () => {
    const tableId = await hub.withDoc(plan.id, (doc) => planDocTableIds(doc)[0] ?? '');
    const rowId = await hub.withDoc(plan.id, (doc) => planDocOrderedRowIds(doc, tableId)[1] ?? '');
    const written = await hub.applyLocalTo(plan.id, (doc) => planDocCellText(doc, tableId, rowId, 'note')?.insert(0, 'Máy chủ ghi'), { userId: null, at: 1, changes: [] });
    expect(written).toBe(true);
    expect(await hub.withDoc(plan.id, (doc) => planDocCellText(doc, tableId, rowId, 'note')?.toString())).toContain('Máy chủ ghi');
    expect(await hub.applyLocalTo('khong-co', () => {}, { userId: null, at: 1, changes: [] })).toBe(false);
  });
});

describe('DocHub.onAccepted', () => {
  it('tells listeners who sent an accepted update and what it changes, and survives a failing one', async () => {
    const room = await hub.room(plan.id);
    if (!room) throw new Error('no room');
    const seen: Array<{ userId: string; changes: readonly PlanChange[] }> = [];
    const stop = hub.onAccepted(({ actor, changes }) => seen.push({ userId: actor.userId, changes }));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    hub.onAccepted(() => {
      throw new Error('a broken listener');
    });
    const sender = new Y.Doc();
    Y.applyUpdate(sender, Y.encodeStateAsUpdate(room.doc));
    const updates: Uint8Array[] = [];
    sender.on('update', (u: Uint8Array) => updates.push(u));
    planDocReviewSet(sender, 'r1', { state: 'approved', by: 'u1', at: '2026-03-01T08:00:00Z' });
    const change: PlanChange = { location: { area: 'reviews', rowId: 'r1' }, op: 'write', rowOwners: null, rowKind: null, inNewRow: false };
    const actor = { userId: 'u1', role: 'reviewer' as const, unitId: null };
    hub.accept(room, updates[0] as Uint8Array, null, { userId: 'u1', at: 1, changes: [] }, { actor, changes: [change] });
    expect(seen).toEqual([{ userId: 'u1', changes: [change] }]);
    stop();
    hub.accept(room, updates[0] as Uint8Array, null, { userId: 'u1', at: 2, changes: [] }, { actor, changes: [change] });
    expect(seen).toHaveLength(1);
    expect(planDocReview(room.doc, 'r1')?.state).toBe('approved');
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });
});
