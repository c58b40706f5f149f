/**
 * The whole server on PostgreSQL (a fresh database): stock y-websocket clients co-edit a plan,
 * the permission check refuses another unit's row exactly as on SQLite, the API logs in and
 * reads through the same records, and a restarted server finds every acknowledged edit.
 */
import { planDocCellText, planDocReadTable, planDocRowInfo } from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverStart } from '../server.ts';
import { auditPage } from '../store/audit.ts';
import { pgTestDatabase } from '../testing/pg-test-database.ts';
import { harnessStart, type Harness, UNIT, waitFor } from '../testing/sync-harness.ts';
import { CLOSE_CODES } from './close-codes.ts';

const database = await pgTestDatabase();

describe.skipIf(!database)('the server on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnessStart({ databaseUrl: database?.url as string });
  });
  afterAll(async () => {
    await h?.close();
    await database?.drop();
  });

  const note = (doc: Parameters<typeof planDocReadTable>[0], rowId: string): string => {
    const row = planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId);
    return row?.kind === 'item' ? (row.cells.note ?? '') : '';
  };

  it('relays edits between clients, saves them in PostgreSQL with their audit rows, and answers the API', async () => {
    expect(h.server.storage).toMatch(/^postgres:\/\//);
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const ktRow = h.rowOwnedBy(UNIT.kinhTe);
    const vpRow = h.rowOwnedBy(UNIT.vanPhong);
    planDocCellText(kt.doc, h.tableId, ktRow, 'note')?.insert(0, 'Kinh tế gõ');
    planDocCellText(vp.doc, h.tableId, vpRow, 'note')?.insert(0, 'Văn phòng gõ');
    await waitFor(() => note(vp.doc, ktRow) === 'Kinh tế gõ' && note(kt.doc, vpRow) === 'Văn phòng gõ', 10_000, 'both edits relayed');
    await h.server.ctx.docs.flush();
    const logged = await h.server.ctx.sql.get<{ n: number }>('SELECT count(*) AS n FROM doc_updates WHERE plan_id = ?', [h.planId]);
    expect(logged?.n).toBeGreaterThanOrEqual(2);
    const audit = await auditPage(h.server.ctx.sql, h.planId, { limit: 50 });
    expect(audit.filter((e) => e.action === 'update').map((e) => e.userId)).toEqual(expect.arrayContaining([h.userIds.kinhTe, h.userIds.vanPhong]));

    const me = await fetch(`${h.url}/api/plans/${h.planId}`, { headers: { authorization: `Bearer ${h.tokens.kinhTe}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { myRole: string }).myRole).toBe('editor');
    const health = await fetch(`${h.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, database: true });
    kt.destroy();
    vp.destroy();
  });

  it('refuses an editor writing into another unit’s row, and records the refusal', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const vpRow = h.rowOwnedBy(UNIT.vanPhong);
    const before = await h.server.ctx.docs.withDoc(h.planId, (doc) => note(doc, vpRow));
    planDocCellText(kt.doc, h.tableId, vpRow, 'note')?.insert(0, 'ghi đè ');
    await waitFor(() => kt.closes.length > 0, 10_000, 'the refusal');
    expect(kt.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(await h.server.ctx.docs.withDoc(h.planId, (doc) => note(doc, vpRow))).toBe(before);
    // The refusal reaches the audit trail through the document store, on its own schedule.
    let refused = 0;
    for (let i = 0; i < 100 && refused === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      refused = (await h.server.ctx.sql.get<{ n: number }>("SELECT count(*) AS n FROM audit WHERE plan_id = ? AND action = 'rejected'", [h.planId]))?.n ?? 0;
    }
    expect(refused).toBeGreaterThanOrEqual(1);
    kt.destroy();
  });

  it('finds every acknowledged edit after a restart, and keeps sessions and memberships', async () => {
    const hcc = h.client('hcc');
    await hcc.synced();
    const row = h.rowOwnedBy(UNIT.hcc);
    const cell = planDocCellText(hcc.doc, h.tableId, row, 'note');
    for (const ch of 'Một cửa') cell?.insert(cell.length, ch);
    await waitFor(() => note(hcc.doc, row) === 'Một cửa');
    await h.server.ctx.docs.flush();
    hcc.destroy();
    await h.server.close();

    const again = await serverStart({ port: 0, host: '127.0.0.1', dataDir: h.dataDir, databaseUrl: database?.url ?? null });
    try {
      expect(await again.ctx.docs.withDoc(h.planId, (doc) => note(doc, row))).toBe('Một cửa');
      expect(await again.ctx.docs.withDoc(h.planId, (doc) => planDocRowInfo(doc, h.tableId, row)?.owners)).toEqual([UNIT.hcc]);
      const res = await fetch(`${again.url}/api/plans/${h.planId}/members`, { headers: { authorization: `Bearer ${h.tokens.coordinator}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { members: unknown[] }).members.length).toBe(6);
    } finally {
      await again.close();
    }
  });
});
