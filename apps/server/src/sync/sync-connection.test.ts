/**
 * How a connection answers sync step 1, on a real listener with stock clients: only with what
 * is on disk (a newcomer waits while the store fails, then gets everything), and from one
 * cached encoding of the whole document, renewed when the document changes.
 */
import { planDocReadTable, planDocSetCell, planDocTableIds } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocLog } from '../store/doc-log.ts';
import { type Client, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

/** A cell's text, or '' while the document does not have the table yet. */
const cell = (doc: Y.Doc, rowId: string, field: string): string => {
  if (!planDocTableIds(doc).includes(h.tableId)) return '';
  return (planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId) as { cells?: Record<string, string> } | undefined)?.cells?.[field] ?? '';
};

/** The update inside a sync step 2 message. */
function step2Update(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // sync
  decoding.readVarUint(decoder); // step 2
  return decoding.readVarUint8Array(decoder);
}

describe('sync step 1 is answered only with what is on disk', () => {
  it('keeps a newcomer waiting while the store fails, then gives it everything once it is written', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const failing = vi.spyOn(DocLog.prototype, 'append').mockImplementation(() => {
      throw new Error('đĩa đầy (thử)');
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let newcomer: Client | null = null;
    try {
      planDocSetCell(kt.doc, h.tableId, row, 'note', 'Chưa ghi xuống đĩa');
      await waitFor(() => failing.mock.calls.length > 0, 5000, 'a failed write');
      newcomer = h.client('coordinator');
      await new Promise((r) => setTimeout(r, 1000));
      expect(newcomer.provider.synced).toBe(false);
      expect(cell(newcomer.doc, row, 'note')).not.toBe('Chưa ghi xuống đĩa');
    } finally {
      failing.mockRestore();
      quiet.mockRestore();
    }
    await waitFor(() => newcomer?.provider.synced === true, 10_000, 'the newcomer to sync once the store works');
    expect(cell(newcomer.doc, row, 'note')).toBe('Chưa ghi xuống đĩa');
    expect(newcomer.closes).toEqual([]);
    newcomer.destroy();
    kt.destroy();
  });
});

describe('full-state requests', () => {
  it('are answered from one cached encoding of the whole plan, renewed when the plan changes', async () => {
    const room = await h.server.ctx.docs.room(h.planId);
    if (!room) throw new Error('no room');
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = room.syncStep2For(empty);
    expect(room.syncStep2For(empty)).toBe(first);
    // A state vector that knows only clients this plan has never seen asks for everything too.
    const stranger = new Y.Doc();
    stranger.getMap('x').set('a', 1);
    expect(room.syncStep2For(Y.encodeStateVector(stranger))).toBe(first);

    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(kt.doc, h.tableId, row, 'note', 'Sau khi lưu đệm');
    await waitFor(() => cell(room.doc, row, 'note') === 'Sau khi lưu đệm', 5000, 'the edit on the server');
    const second = room.syncStep2For(empty);
    expect(second).not.toBe(first);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, step2Update(second));
    expect(cell(copy, row, 'note')).toBe('Sau khi lưu đệm');

    // A client that has part of the plan gets only the difference, and ends equal.
    const old = new Y.Doc();
    Y.applyUpdate(old, step2Update(first));
    const diff = step2Update(room.syncStep2For(Y.encodeStateVector(old)));
    expect(diff.byteLength).toBeLessThan(step2Update(second).byteLength / 4);
    Y.applyUpdate(old, diff);
    expect(Y.encodeStateVector(old)).toEqual(Y.encodeStateVector(room.doc));
    kt.destroy();
  });
});
