/**
 * How a connection answers sync step 1 and saved-acks, on a real listener with stock clients:
 * only with what is on disk. While the store fails (a full disk, simulated by a store that
 * refuses appends) nothing is relayed, acknowledged or given to a newcomer, and everything
 * goes through once it works again. Full-state requests are answered from one cached encoding
 * of the whole document, kept current without re-encoding it.
 */
import { planDocReadTable, planDocSetCell, planDocTableIds, SYNC_MESSAGE, tableImportText } from '@phuluc/domain';
import { membershipSet } from '../auth/memberships.ts';
import { planCreate } from '../store/plans.ts';
import * as decoding from 'lib0/decoding';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { docStoreSqlite } from '../store/doc-store-sqlite.ts';
import { type FaultyStore, docStoreFaulty } from '../testing/store-faults.ts';
import { savedAcks } from '../testing/sync-client.ts';
import { type Client, FIXTURES_DIR, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';

let h: Harness;
let store: FaultyStore;
beforeAll(async () => {
  h = await harnessStart({
    docStore: (dataDir) => {
      store = docStoreFaulty(docStoreSqlite(dataDir));
      return store;
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** A cell's text, or '' while the document does not have the table yet. */
const cell = (doc: Y.Doc, rowId: string, field: string): string => {
  if (!planDocTableIds(doc).includes(h.tableId)) return '';
  return (planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId) as { cells?: Record<string, string> } | undefined)?.cells?.[field] ?? '';
};

/** The update inside a sync step 2 or update message. */
function syncPayload(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // sync
  decoding.readVarUint(decoder); // step 2 or update
  return decoding.readVarUint8Array(decoder);
}

/** A document made of the messages answering a full-state request. */
function docFrom(messages: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const m of messages) Y.applyUpdate(doc, syncPayload(m));
  return doc;
}


describe('while the store cannot write', () => {
  it('relays nothing, acknowledges nothing, keeps a newcomer waiting — then all of it once the store works', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const acks = savedAcks(kt.provider);
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let newcomer: Client | null = null;
    try {
      store.failing = true;
      planDocSetCell(kt.doc, h.tableId, row, 'note', 'Chưa ghi xuống đĩa');
      acks.ask(1);
      await waitFor(() => store.refusedAppends > 0, 5000, 'a failed write');
      newcomer = h.client('coordinator');
      await waitFor(() => store.refusedAppends > 2, 5000, 'the write to be retried');
      await new Promise((r) => setTimeout(r, 500));
      expect(newcomer.provider.synced).toBe(false);
      expect(cell(newcomer.doc, row, 'note')).not.toBe('Chưa ghi xuống đĩa');
      expect(cell(vp.doc, row, 'note')).not.toBe('Chưa ghi xuống đĩa');
      expect(acks.acked.map((a) => a.n)).toEqual([]);
    } finally {
      store.failing = false;
      quiet.mockRestore();
    }
    await waitFor(() => newcomer?.provider.synced === true, 10_000, 'the newcomer to sync once the store works');
    expect(cell(newcomer.doc, row, 'note')).toBe('Chưa ghi xuống đĩa');
    await waitFor(() => cell(vp.doc, row, 'note') === 'Chưa ghi xuống đĩa', 5000, 'the relay once the store works');
    await waitFor(() => acks.acked.length === 1, 5000, 'the saved-ack once the store works');
    expect(acks.acked.map((a) => a.n)).toEqual([1]);
    expect(newcomer.closes).toEqual([]);
    // It is on disk: a store opened afresh on the same file has it.
    const fresh = docStoreSqlite(h.dataDir);
    const loaded = await fresh.load(h.planId);
    await fresh.close();
    const copy = new Y.Doc();
    Y.applyUpdateV2(copy, loaded?.state ?? new Uint8Array());
    expect(cell(copy, row, 'note')).toBe('Chưa ghi xuống đĩa');
    for (const c of [newcomer, kt, vp]) c.destroy();
  });
});

describe('full-state requests', () => {
  it('are answered from one cached encoding of the whole plan, kept current as the plan changes', async () => {
    const room = await h.server.ctx.docs.room(h.planId);
    if (!room) throw new Error('no room');
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = room.syncStep2For(empty);
    const base = first.at(-1);
    expect(room.syncStep2For(empty).at(-1)).toBe(base);
    // A state vector that knows only clients this plan has never seen asks for everything too.
    const stranger = new Y.Doc();
    stranger.getMap('x').set('a', 1);
    expect(room.syncStep2For(Y.encodeStateVector(stranger)).at(-1)).toBe(base);

    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(kt.doc, h.tableId, row, 'note', 'Sau khi lưu đệm');
    await waitFor(() => cell(room.doc, row, 'note') === 'Sau khi lưu đệm', 5000, 'the edit on the server');
    const second = room.syncStep2For(empty);
    // The change as one (small) update message, then the same base as the sync step 2.
    expect(second).toHaveLength(2);
    expect(second[1]).toBe(base);
    expect((second[0] as Uint8Array).byteLength).toBeLessThan(2000);
    const copy = docFrom(second);
    expect(cell(copy, row, 'note')).toBe('Sau khi lưu đệm');
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(room.doc));

    // A client that has part of the plan gets only the difference, and ends equal.
    const old = docFrom(first);
    const diff = room.syncStep2For(Y.encodeStateVector(old));
    expect(diff).toHaveLength(1);
    expect((diff[0] as Uint8Array).byteLength).toBeLessThan((base as Uint8Array).byteLength / 4);
    Y.applyUpdate(old, syncPayload(diff[0] as Uint8Array));
    expect(Y.encodeStateVector(old)).toEqual(Y.encodeStateVector(room.doc));
    kt.destroy();
  });

  it('give a stock client everything by the time it is synced, edits since the cached encoding included', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(kt.doc, h.tableId, row, 'note', 'Trước khi người mới vào');
    const room = await h.server.ctx.docs.room(h.planId);
    await waitFor(() => cell(room?.doc ?? new Y.Doc(), row, 'note') === 'Trước khi người mới vào', 5000, 'the edit on the server');
    const newcomer = h.client('coordinator');
    // What the newcomer has at the very moment it is told it is synced (the web app compares its held edits then).
    const atSynced = new Promise<string>((resolve) => newcomer.provider.once('sync', (synced: boolean) => synced && resolve(cell(newcomer.doc, row, 'note'))));
    expect(await atSynced).toBe('Trước khi người mới vào');
    newcomer.destroy();
    kt.destroy();
  });

  it('folds the changes into the base off the event loop when a request finds many, and stays exact', async () => {
    const room = await h.server.ctx.docs.room(h.planId);
    if (!room) throw new Error('no room');
    const empty = Y.encodeStateVector(new Y.Doc());
    const before = room.syncStep2For(empty).at(-1);
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    for (let i = 0; i < 260; i += 1) planDocSetCell(kt.doc, h.tableId, row, 'note', `Lần sửa ${i}`);
    await waitFor(() => cell(room.doc, row, 'note') === 'Lần sửa 259', 10_000, 'the edits on the server');
    let messages = room.syncStep2For(empty);
    await waitFor(
      () => {
        messages = room.syncStep2For(empty);
        return messages.at(-1) !== before;
      },
      10_000,
      'the base to be replaced by the fold',
    );
    // What the fold took in is gone from the tail: the rest is well under the fold threshold.
    expect(messages.length === 1 || (messages[0] as Uint8Array).byteLength < 100_000).toBe(true);
    const copy = docFrom(messages);
    expect(cell(copy, row, 'note')).toBe('Lần sửa 259');
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(room.doc));
    kt.destroy();
  });
});

/** A plan of `rows` rows grown from the Tân Thanh fixture, with kinhTe an editor in it (not loaded). */
async function planOnDisk(year: number, rows: number): Promise<{ planId: string; rows: number }> {
  const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const source = imported.value.table;
  const table = { ...source, rows: Array.from({ length: rows }, (_, i) => source.rows[i % source.rows.length] as (typeof source.rows)[number]) };
  const { sql: db, units } = h.server.ctx;
  const plan = await planCreate(db, units, { commune: 'Tân Thanh', year, table });
  await membershipSet(db, { userId: h.userIds.kinhTe, planId: plan.id, role: 'editor', unitId: UNIT.kinhTe });
  return { planId: plan.id, rows };
}

describe('a newcomer to a large plan that is not loaded yet', () => {
  it('gets the whole plan as soon as it is encoded, before the server copy is whole', async () => {
    const { docs } = h.server.ctx;
    const { planId } = await planOnDisk(2027, 2000);
    const loadedBefore = docs.size;
    // In the hub: the early answer exists while the room is still not in anyone's hands.
    const loading = docs.room(planId);
    const early = await docs.fullStateWhileLoading(planId);
    expect(early).not.toBeNull();
    expect(docs.size).toBe(loadedBefore);
    const room = await loading;
    if (!room || !early) throw new Error('no room');
    expect(early.coversNothing(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    expect(early.coversNothing(Y.encodeStateVector(room.doc))).toBe(false);
    // A document of something else: not answered early (the room answers it once whole).
    const stranger = new Y.Doc();
    stranger.getMap('x').set('a', 1);
    expect(early.coversNothing(Y.encodeStateVector(stranger))).toBe(false);
    expect(Y.encodeStateVector(docFrom(early.messages))).toEqual(Y.encodeStateVector(room.doc));
  });

  it('answers a stock client connecting to it once, with everything', async () => {
    const { planId, rows } = await planOnDisk(2028, 2000);
    const kt = h.client('kinhTe', { planId });
    let step2s = 0;
    const handle = kt.provider.messageHandlers[SYNC_MESSAGE.sync];
    kt.provider.messageHandlers[SYNC_MESSAGE.sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      if (decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2) step2s += 1;
      handle?.(encoder, decoder, provider, emitSynced, messageType);
    };
    await waitFor(() => kt.provider.synced, 30_000, 'the newcomer to sync');
    const tableId = planDocTableIds(kt.doc)[0] as string;
    expect(planDocReadTable(kt.doc, tableId).rows).toHaveLength(rows);
    await new Promise((r) => setTimeout(r, 300));
    expect(step2s).toBe(1);
    expect(kt.closes).toEqual([]);
    kt.destroy();
  });

  it('is not given for a small plan: the room answers once whole', async () => {
    const { docs } = h.server.ctx;
    const { planId } = await planOnDisk(2029, 50);
    const loading = docs.room(planId);
    expect(await docs.fullStateWhileLoading(planId)).toBeNull();
    expect(await loading).not.toBeNull();
  });
});
