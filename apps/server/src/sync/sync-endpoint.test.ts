/**
 * The sync endpoint with the stock y-websocket client on a real listener: co-editing, the
 * server refusing what a role may not change (and nobody else seeing it), authentication
 * and plan checks before any data, bad frames, and convergence of many clients.
 */
import {
  planDocCellText,
  planDocCommentAdd,
  planDocComments,
  planDocInsertRow,
  planDocReadTable,
  planDocSetCell,
  textApply,
} from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { membershipDelete, membershipSet } from '../auth/memberships.ts';
import { sessionCreate } from '../auth/sessions.ts';
import { auditPage } from '../store/audit.ts';
import { type Client, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { CLOSE_CODES } from './close-codes.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

const cell = (c: Client, rowId: string, field: string): string =>
  (planDocReadTable(c.doc, h.tableId).rows.find((r) => r.id === rowId) as { cells?: Record<string, string> } | undefined)?.cells?.[field] ?? '';

const serverCell = (rowId: string, field: string): Promise<string> =>
  h.server.ctx.docs.withDoc(h.planId, (doc) => {
    const row = planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId);
    return row?.kind === 'item' ? (row.cells[field] ?? '') : '';
  });

/** Opens a raw WebSocket and resolves with how the server closed it. */
function rawClose(path: string, send?: (ws: WebSocket) => void): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${h.wsUrl}${path}`);
    ws.on('open', () => send?.(ws));
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

describe('two departments co-editing', () => {
  it('see each other’s edits live, and the server keeps both', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const ktRow = h.rowOwnedBy(UNIT.kinhTe);
    const vpRow = h.rowOwnedBy(UNIT.vanPhong);
    planDocSetCell(kt.doc, h.tableId, ktRow, 'note', 'Kinh tế ghi chú');
    planDocSetCell(vp.doc, h.tableId, vpRow, 'note', 'Văn phòng ghi chú');
    await waitFor(() => cell(vp, ktRow, 'note') === 'Kinh tế ghi chú' && cell(kt, vpRow, 'note') === 'Văn phòng ghi chú', 5000, 'both edits');
    expect(await serverCell(ktRow, 'note')).toBe('Kinh tế ghi chú');
    expect(await serverCell(vpRow, 'note')).toBe('Văn phòng ghi chú');
    expect(kt.closes).toEqual([]);
    kt.destroy();
    vp.destroy();
  });

  it('merges two people typing in the same cell character by character', async () => {
    const coord = h.client('coordinator');
    const kt = h.client('kinhTe');
    await Promise.all([coord.synced(), kt.synced()]);
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(coord.doc, h.tableId, row, 'output', 'Báo cáo');
    await waitFor(() => cell(kt, row, 'output') === 'Báo cáo');
    // Both type at once, before seeing each other.
    kt.provider.disconnect();
    coord.provider.disconnect();
    textApply(textOf(coord, row, 'output'), 'Báo cáo quý');
    textApply(textOf(kt, row, 'output'), 'Bản báo cáo');
    kt.provider.connect();
    coord.provider.connect();
    await waitFor(() => cell(kt, row, 'output') === cell(coord, row, 'output') && cell(kt, row, 'output').length > 'Báo cáo'.length + 4, 5000, 'merge');
    const merged = cell(kt, row, 'output');
    expect(merged).toContain('Bản');
    expect(merged).toContain('quý');
    expect(await serverCell(row, 'output')).toBe(merged);
    kt.destroy();
    coord.destroy();
  });
});

function textOf(c: Client, rowId: string, field: string): Y.Text {
  const text = planDocCellText(c.doc, h.tableId, rowId, field);
  if (!text) throw new Error(`no text ${rowId}/${field}`);
  return text;
}

describe('what the server refuses', () => {
  it('closes an editor who changes another department’s row with 4403, and nobody sees the change', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const vpRow = h.rowOwnedBy(UNIT.vanPhong);
    const before = await serverCell(vpRow, 'detail');
    planDocSetCell(kt.doc, h.tableId, vpRow, 'detail', 'Kinh tế sửa trộm');
    await waitFor(() => kt.closes.length > 0, 5000, 'the refusal');
    expect(kt.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(kt.closes[0]?.reason).toContain('đơn vị khác');
    await new Promise((r) => setTimeout(r, 200));
    expect(cell(vp, vpRow, 'detail')).toBe(before);
    expect(await serverCell(vpRow, 'detail')).toBe(before);
    const audit = await auditPage(h.server.ctx.sql, h.planId, { limit: 20 });
    expect(audit.some((a) => a.action === 'rejected' && a.userId === h.userIds.kinhTe)).toBe(true);
    kt.destroy();
    vp.destroy();
  });

  it('refuses the lead column to an editor, even in its own row', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(kt.doc, h.tableId, row, 'lead', 'Phòng Văn hóa - Xã hội');
    await waitFor(() => kt.closes.length > 0, 5000, 'the refusal');
    expect(kt.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(await serverCell(row, 'lead')).not.toBe('Phòng Văn hóa - Xã hội');
    kt.destroy();
  });

  it('lets a reviewer read live and comment, but not change a cell', async () => {
    const rev = h.client('reviewer');
    const kt = h.client('kinhTe');
    await Promise.all([rev.synced(), kt.synced()]);
    const row = h.rowOwnedBy(UNIT.kinhTe);
    planDocSetCell(kt.doc, h.tableId, row, 'note', 'Cập nhật cho lãnh đạo xem');
    await waitFor(() => cell(rev, row, 'note') === 'Cập nhật cho lãnh đạo xem', 5000, 'reviewer sees the edit');
    planDocCommentAdd(rev.doc, row, { id: 'c-rev-1', author: h.userIds.reviewer, text: 'Đề nghị bổ sung thời hạn', at: new Date().toISOString() });
    await waitFor(() => planDocComments(kt.doc, row).some((c) => c.id === 'c-rev-1'), 5000, 'the comment');
    expect(rev.closes).toEqual([]);
    planDocSetCell(rev.doc, h.tableId, row, 'note', 'Lãnh đạo sửa');
    await waitFor(() => rev.closes.length > 0, 5000, 'the refusal');
    expect(rev.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(await serverCell(row, 'note')).toBe('Cập nhật cho lãnh đạo xem');
    rev.destroy();
    kt.destroy();
  });

  it('lets an editor add a row owned by its unit', async () => {
    const kt = h.client('kinhTe');
    const coord = h.client('coordinator');
    await Promise.all([kt.synced(), coord.synced()]);
    const id = planDocInsertRow(kt.doc, h.tableId, { kind: 'item', owners: [UNIT.kinhTe], createdBy: h.userIds.kinhTe, cells: { task: 'Hỗ trợ livestream bán hàng' } });
    await waitFor(() => cell(coord, id, 'task') === 'Hỗ trợ livestream bán hàng', 5000, 'the new row');
    expect(kt.closes).toEqual([]);
    kt.destroy();
    coord.destroy();
  });
});

describe('before any data is sent', () => {
  it('closes with 4401 without a valid session', async () => {
    expect((await rawClose(`/${h.planId}`)).code).toBe(CLOSE_CODES.unauthenticated);
    expect((await rawClose(`/${h.planId}?token=khong-hop-le`)).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it('closes with 4401 when the session has expired', async () => {
    await h.server.ctx.sql.run('UPDATE sessions SET expires_at = 1 WHERE user_id = ?', [h.userIds.viewer]);
    expect((await rawClose(`/${h.planId}?token=${h.tokens.viewer}`)).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it('closes with 4404 for an unknown plan and, alike, for a plan one is not a member of', async () => {
    const unknown = await rawClose(`/khong-co-ke-hoach?token=${h.tokens.kinhTe}`);
    expect(unknown.code).toBe(CLOSE_CODES.unknownPlan);
    expect(await rawClose(`/${h.planId}?token=${h.tokens.outsider}`)).toEqual(unknown);
  });
});

describe('bad frames', () => {
  const token = () => h.tokens.hcc;

  it('closes a connection that sends garbage with 4400, and the server keeps serving', async () => {
    const closed = await rawClose(`/${h.planId}?token=${token()}`, (ws) => ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])));
    expect(closed.code).toBe(CLOSE_CODES.badMessage);
    const corrupt = encoding.createEncoder();
    encoding.writeVarUint(corrupt, 0);
    encoding.writeVarUint(corrupt, 2);
    encoding.writeVarUint8Array(corrupt, new Uint8Array([3, 9, 200, 1, 7, 7, 7]));
    const closed2 = await rawClose(`/${h.planId}?token=${token()}`, (ws) => ws.send(encoding.toUint8Array(corrupt)));
    expect([CLOSE_CODES.badMessage, CLOSE_CODES.outOfSync]).toContain(closed2.code);
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('closes with 4413 on an oversized message', async () => {
    const big = new Uint8Array(17 * 1024 * 1024);
    const closed = await rawClose(`/${h.planId}?token=${token()}`, (ws) => ws.send(big));
    expect(closed.code).toBe(CLOSE_CODES.tooLarge);
  });

  it('rewrites the name another client claims in its presence', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    kt.provider.awareness.setLocalStateField('user', { name: 'Chủ tịch xã', unit: 'UBND' });
    kt.provider.awareness.setLocalStateField('cell', { row: 'r', field: 'task' });
    await waitFor(() => [...vp.provider.awareness.getStates().values()].some((s) => (s as { cell?: unknown }).cell !== undefined), 5000, 'presence');
    const seen = [...vp.provider.awareness.getStates().values()].find((s) => (s as { cell?: unknown }).cell !== undefined) as { user: { name: string; unit: string } };
    expect(seen.user.name).toBe('Anh Minh (Kinh tế)');
    expect(seen.user.unit).toBe('Phòng Kinh tế');
    kt.destroy();
    vp.destroy();
  });
});

describe('many clients', () => {
  it('converge: 20 clients editing their own rows at once end with one state', async () => {
    const people = ['kinhTe', 'vanPhong', 'hcc', 'coordinator'] as const;
    const clients = Array.from({ length: 20 }, (_, i) => h.client(people[i % people.length] as (typeof people)[number]));
    await Promise.all(clients.map((c) => c.synced()));
    const rowOf = { kinhTe: h.rowOwnedBy(UNIT.kinhTe), vanPhong: h.rowOwnedBy(UNIT.vanPhong), hcc: h.rowOwnedBy(UNIT.hcc), coordinator: h.rowOwnedBy(UNIT.vanPhong) };
    for (let round = 0; round < 5; round += 1) {
      clients.forEach((c, i) => {
        const person = people[i % people.length] as (typeof people)[number];
        const text = textOf(c, rowOf[person], 'detail');
        text.insert(text.length, ` ${i}.${round}`);
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    const state = (c: Client) => JSON.stringify(planDocReadTable(c.doc, h.tableId));
    await waitFor(() => clients.every((c) => state(c) === state(clients[0] as Client)), 10_000, 'convergence');
    for (const c of clients) expect(c.closes).toEqual([]);
    const fresh = h.client('viewer', { token: h.tokens.reviewer });
    await fresh.synced();
    expect(state(fresh)).toBe(state(clients[0] as Client));
    const detail = cell(fresh, rowOf.kinhTe, 'detail');
    for (let i = 0; i < 20; i += 4) for (let round = 0; round < 5; round += 1) expect(detail).toContain(` ${i}.${round}`);
    for (const c of clients) c.destroy();
    fresh.destroy();
  });
});

describe('the saved acknowledgement', () => {
  it('answers [4, n] after the updates sent before it are on disk', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const acks: number[] = [];
    kt.provider.messageHandlers[4] = (_encoder, decoder) => {
      acks.push(decoding.readVarUint(decoder));
    };
    const logged = async (): Promise<number> =>
      ((await h.server.ctx.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE plan_id = ? AND user_id = ?', [h.planId, h.userIds.kinhTe])) as { n: number }).n;
    const before = await logged();
    planDocSetCell(kt.doc, h.tableId, row, 'note', 'Đã ghi xuống đĩa');
    const ask = encoding.createEncoder();
    encoding.writeVarUint(ask, 4);
    encoding.writeVarUint(ask, 7);
    kt.provider.ws?.send(encoding.toUint8Array(ask));
    await waitFor(() => acks.includes(7), 5000, 'the ack');
    // The ack means the update is in the log on disk, not only in memory.
    expect(await logged()).toBe(before + 1);
    kt.destroy();
  });
});

describe('a connection whose rights change', () => {
  it('is closed with 4401 when its session ends (logout elsewhere)', async () => {
    const { token } = await sessionCreate(h.server.ctx.sql, h.userIds.hcc, { ttlMs: 3_600_000 });
    const c = h.client('hcc', { token });
    await c.synced();
    const res = await fetch(`${h.url}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(res.ok).toBe(true);
    expect(await h.server.sync.recheck()).toBe(1);
    await waitFor(() => c.closes.length > 0, 5000, 'the close');
    expect(c.closes[0]?.code).toBe(CLOSE_CODES.unauthenticated);
    c.destroy();
  });

  it('is closed with 4503 when its role in the plan changes, and comes back with the new role', async () => {
    const c = h.client('viewer', { token: (await sessionCreate(h.server.ctx.sql, h.userIds.viewer, { ttlMs: 3_600_000 })).token });
    await c.synced();
    await membershipSet(h.server.ctx.sql, { userId: h.userIds.viewer, planId: h.planId, role: 'reviewer', unitId: null });
    expect(await h.server.sync.recheck()).toBe(1);
    await waitFor(() => c.closes.length > 0, 5000, 'the close');
    expect(c.closes[0]?.code).toBe(CLOSE_CODES.rightsChanged);
    await waitFor(() => [...h.server.sync.connections].some((conn) => conn.actor.userId === h.userIds.viewer && conn.actor.role === 'reviewer'), 5000, 'reconnect as reviewer');
    expect(await h.server.sync.recheck()).toBe(0);
    await membershipDelete(h.server.ctx.sql, h.userIds.viewer, h.planId);
    expect(await h.server.sync.recheck()).toBe(1);
    await waitFor(() => c.closes.length > 1, 5000, 'the second close');
    expect(c.closes[1]?.code).toBe(CLOSE_CODES.forbidden);
    c.destroy();
  });
});
