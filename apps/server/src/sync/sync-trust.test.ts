/**
 * Regression tests for what an attacker with an editor's account got past the server: each is
 * named after what broke, sent over a stock y-websocket connection (crafted bytes where a
 * well-behaved client would never send them), and checks that nothing changed for anyone.
 */
import {
  PLAN_LIMITS,
  planDocCellText,
  planDocCommentAdd,
  planDocComments,
  planDocReadTable,
  planDocRowInfo,
  planDocSetCell,
} from '@phuluc/domain';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import { auditPage } from '../store/audit.ts';
import { type Client, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { updateStripDeletes } from '../testing/update-craft.ts';
import { CLOSE_CODES } from './close-codes.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

/** The update `change` makes on a copy of the client's document (nothing applied to the client). */
function updateBy(c: Client, change: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(c.doc));
  // Set after loading: Yjs picks a new id when loaded content already uses its own.
  if (clientId !== undefined) copy.clientID = clientId;
  const updates: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => updates.push(u));
  change(copy);
  return Y.mergeUpdates(updates);
}

/** Sends raw update bytes over the client's own connection, as a tampered client would. */
function sendUpdate(c: Client, update: Uint8Array): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  (c.provider.ws as WebSocket | null)?.send(encoding.toUint8Array(encoder));
}

const serverRead = <T,>(fn: (doc: Y.Doc) => T): Promise<T> => h.server.ctx.docs.withDoc(h.planId, fn);

const serverNote = (rowId: string): Promise<string> =>
  serverRead((doc) => {
    const row = planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId);
    return row?.kind === 'item' ? (row.cells.note ?? '') : '';
  });

/** Polls the server's document until `read` gives `want` (or fails after 10 s). */
async function serverWait(read: () => Promise<string>, want: string): Promise<void> {
  const start = Date.now();
  let got = await read();
  while (got !== want) {
    if (Date.now() - start > 10_000) throw new Error(`server has «${got}», expected «${want}»`);
    await new Promise((r) => setTimeout(r, 20));
    got = await read();
  }
}

async function refusedWith(c: Client, code: number): Promise<string> {
  await waitFor(() => c.closes.length > 0, 10_000, 'the refusal');
  expect(c.closes[0]?.code).toBe(code);
  return c.closes[0]?.reason ?? '';
}

describe('overwritten rows', () => {
  it('refuses an editor replacing another unit’s row by rows.set with the delete set stripped', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const victim = h.rowOwnedBy(UNIT.vanPhong);
    const before = await serverRead((doc) => JSON.stringify(planDocReadTable(doc, h.tableId).rows.find((r) => r.id === victim)));
    const update = updateStripDeletes(
      updateBy(kt, (doc) => {
        const rows = (doc.getMap('tables').get(h.tableId) as Y.Map<unknown>).get('rows') as Y.Map<unknown>;
        const row = new Y.Map<unknown>();
        rows.set(victim, row);
        row.set('kind', 'item');
        row.set('owners', [UNIT.kinhTe]);
        row.set('order', 'a0');
        row.set('task', new Y.Text('Dòng bị thay'));
      }),
    );
    expect(Y.decodeUpdate(update).ds.clients.size).toBe(0);
    sendUpdate(kt, update);
    expect(await refusedWith(kt, CLOSE_CODES.forbidden)).toContain('xoá');
    await new Promise((r) => setTimeout(r, 200));
    expect(await serverRead((doc) => JSON.stringify(planDocReadTable(doc, h.tableId).rows.find((r) => r.id === victim)))).toBe(before);
    expect(planDocRowInfo(vp.doc, h.tableId, victim)?.owners).toEqual([UNIT.vanPhong]);
    kt.destroy();
    vp.destroy();
  });

  it('refuses an editor replacing a section row the same way', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const section = await serverRead((doc) => planDocReadTable(doc, h.tableId).rows.find((r) => r.kind === 'section')?.id as string);
    sendUpdate(
      kt,
      updateStripDeletes(
        updateBy(kt, (doc) => {
          const rows = (doc.getMap('tables').get(h.tableId) as Y.Map<unknown>).get('rows') as Y.Map<unknown>;
          const row = new Y.Map<unknown>();
          rows.set(section, row);
          row.set('kind', 'item');
          row.set('owners', [UNIT.kinhTe]);
        }),
      ),
    );
    await refusedWith(kt, CLOSE_CODES.forbidden);
    expect(await serverRead((doc) => planDocRowInfo(doc, h.tableId, section)?.kind)).toBe('section');
    kt.destroy();
  });
});

describe('comments and reviews speak only for their author', () => {
  it('refuses an editor posting a comment with another user’s id as author', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocCommentAdd(kt.doc, row, { author: h.userIds.reviewer, text: 'Đồng ý (giả mạo)' });
    expect(await refusedWith(kt, CLOSE_CODES.forbidden)).toContain('tên người viết');
    expect(await serverRead((doc) => planDocComments(doc, row).some((c) => c.text.includes('giả mạo')))).toBe(false);
    kt.destroy();
  });

  it('refuses an editor deleting a reviewer’s comment on a row he does not own, and wiping a comment list', async () => {
    const reviewer = h.client('reviewer');
    await reviewer.synced();
    const row = h.rowOwnedBy(UNIT.vanPhong);
    planDocCommentAdd(reviewer.doc, row, { author: h.userIds.reviewer, text: 'Cần bổ sung sản phẩm' });
    await waitFor(() => reviewer.closes.length === 0 && planDocComments(reviewer.doc, row).length > 0);
    const kt = h.client('kinhTe');
    await kt.synced();
    await waitFor(() => planDocComments(kt.doc, row).some((c) => c.text === 'Cần bổ sung sản phẩm'), 5000, 'the comment');
    const list = kt.doc.getMap('comments').get(row) as Y.Array<unknown>;
    list.delete(0, list.length);
    expect(await refusedWith(kt, CLOSE_CODES.forbidden)).toContain('bình luận của mình');

    const kt2 = h.client('kinhTe');
    await kt2.synced();
    kt2.doc.getMap('comments').set(row, new Y.Array());
    await refusedWith(kt2, CLOSE_CODES.forbidden);
    expect(await serverRead((doc) => planDocComments(doc, row).map((c) => c.text))).toContain('Cần bổ sung sản phẩm');
    expect(reviewer.closes).toEqual([]);
    for (const c of [kt, kt2, reviewer]) c.destroy();
  });

  it('lets the coordinator hide any comment, and the audit trail says so', async () => {
    const reviewer = h.client('reviewer');
    await reviewer.synced();
    const row = h.rowOwnedBy(UNIT.hcc);
    planDocCommentAdd(reviewer.doc, row, { author: h.userIds.reviewer, text: 'Bình luận sẽ bị ẩn' });
    const coord = h.client('coordinator');
    await coord.synced();
    await waitFor(() => planDocComments(coord.doc, row).length > 0, 5000, 'the comment');
    (coord.doc.getMap('comments').get(row) as Y.Array<unknown>).delete(0, 1);
    await waitFor(() => planDocComments(reviewer.doc, row).length === 0, 5000, 'the comment hidden');
    expect(coord.closes).toEqual([]);
    const audit = await auditPage(h.server.ctx.sql, h.planId, { limit: 50 });
    expect(audit.some((a) => a.userId === h.userIds.coordinator && JSON.stringify(a.changes).includes('(comment.deleted)'))).toBe(true);
    reviewer.destroy();
    coord.destroy();
  });

  it('refuses a review state written in another reviewer’s name', async () => {
    const reviewer = h.client('reviewer');
    await reviewer.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    reviewer.doc.getMap('reviews').set(row, { state: 'approved', by: h.userIds.coordinator, at: new Date().toISOString() });
    expect(await refusedWith(reviewer, CLOSE_CODES.forbidden)).toContain('tên người duyệt');
    reviewer.destroy();
  });
});

describe('client ids', () => {
  it('refuses content written under a colleague’s client id, so the colleague’s next edits are not dropped', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const vpRow = h.rowOwnedBy(UNIT.vanPhong);
    const ktRow = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(vp.doc, h.tableId, vpRow, 'note', 'Văn phòng lần 1');
    await waitFor(() => vp.closes.length === 0, 1000);
    await new Promise((r) => setTimeout(r, 300));
    // Kinh tế learns Văn phòng's client id (awareness shows it) and writes in its own row under it.
    sendUpdate(kt, updateBy(kt, (doc) => planDocSetCell(doc, h.tableId, ktRow, 'note', 'ghi dưới mã người khác'), vp.doc.clientID));
    expect(await refusedWith(kt, CLOSE_CODES.forbidden)).toContain('mã máy khách');
    planDocSetCell(vp.doc, h.tableId, vpRow, 'note', 'Văn phòng lần 2');
    await serverWait(() => serverNote(vpRow), 'Văn phòng lần 2');
    expect(vp.closes).toEqual([]);
    kt.destroy();
    vp.destroy();
  });
});

describe('limits', () => {
  it('refuses a cell grown past the limit (a 15 MB string typed into one’s own cell was accepted)', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocCellText(kt.doc, h.tableId, row, 'note')?.insert(0, 'x'.repeat(PLAN_LIMITS.cellChars + 1));
    expect(await refusedWith(kt, CLOSE_CODES.tooLarge)).toContain('ký tự');
    expect(await serverRead((doc) => planDocCellText(doc, h.tableId, row, 'note')?.length ?? 0)).toBeLessThan(PLAN_LIMITS.cellChars);
    kt.destroy();
  });
});
