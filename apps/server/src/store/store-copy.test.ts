/**
 * `storeCopy`: a SQLite deployment as weeks of use leave it (accounts, a member editing for a
 * unit, sessions, two plans and a deleted one, edits logged and compacted, a refusal, named
 * versions) moved into a fresh PostgreSQL database, and read back there through the real code:
 * every row as it was, every document the same, the accounts and sessions still good. Each test
 * has a database of its own; without a PostgreSQL they are skipped (outside CI; in CI they fail).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_ACTIONS, planDocCellText, planDocOrderedRowIds, planDocReadTable, planDocTableIds, unitFind } from '@phuluc/domain';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionCreate, sessionFromToken } from '../auth/sessions.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { pgTestAvailable, type PgTestDatabase, pgTestDatabase } from '../testing/pg-test-database.ts';
import { AUDIT_NO_PLAN, auditAppend } from './audit.ts';
import type { DocLogEntry, DocStore } from './doc-store.ts';
import { planCreate, planSoftDelete } from './plans.ts';
import type { Sql } from './sql.ts';
import { type Storage, storageOpen } from './storage.ts';
import { StoreCopyError, storeCopy } from './store-copy.ts';

const available = await pgTestAvailable();

/** Every table of the SQLite file, as SQLite lists them (a table the copy forgets shows here). */
async function sqliteTables(sql: Sql): Promise<string[]> {
  const rows = await sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return rows.map((r) => r.name);
}

/** A table's columns in the SQLite file. */
async function sqliteColumns(sql: Sql, table: string): Promise<string[]> {
  return (await sql.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).map((r) => r.name);
}

/** Every row of a table, in a fixed order, bytes as hex (so that both engines' rows compare). */
async function tableRows(sql: Sql, table: string, columns: readonly string[]): Promise<unknown[]> {
  const rows = await sql.all<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.join(', ')}`);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v])));
}

/** How many rows each table holds. */
async function tableCounts(sql: Sql, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? -1;
  return counts;
}

/** A person's copy of a plan's document, typing into (and deleting from) the note of one row. */
async function replica(store: DocStore, planId: string, userId: string, row: number): Promise<{ doc: Y.Doc; type: (text: string, at: number, cut?: number) => DocLogEntry }> {
  const loaded = await store.load(planId);
  if (!loaded) throw new Error(`no plan ${planId}`);
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, loaded.state);
  const tableId = planDocTableIds(doc)[0] as string;
  const rowId = planDocOrderedRowIds(doc, tableId)[row] as string;
  return {
    doc,
    type(text, at, cut = 0) {
      const updates: Uint8Array[] = [];
      const listen = (u: Uint8Array): void => void updates.push(u);
      doc.on('update', listen);
      doc.transact(() => {
        const cell = planDocCellText(doc, tableId, rowId, 'note');
        if (!cell) throw new Error('no note cell');
        if (cut > 0) cell.delete(0, Math.min(cut, cell.length));
        cell.insert(cell.length, text);
      });
      doc.off('update', listen);
      return { planId, data: updates[0] as Uint8Array, userId, at, changes: [{ tableId, rowId, field: 'note' }], clients: [doc.clientID] };
    },
  };
}

/** What the deployment holds that the tests look for on the other side. */
interface Deployment {
  t: TestContext;
  tanThanhId: string;
  templateId: string;
  deletedId: string;
  /** A session of the editor opened by logging in on the SQLite server. */
  editorToken: string;
}

const T0 = 1_780_000_000_000;

/** A SQLite deployment after some weeks of use, made through the real code. */
async function deploymentBuild(): Promise<Deployment> {
  const t = await testContextCreate();
  const { ctx } = t;
  const kinhTe = unitFind(ctx.units, 'Phòng Kinh tế');
  if (!kinhTe) throw new Error('no unit Phòng Kinh tế');
  const admin = await testUserAdd(ctx, { username: 'admin', name: 'Quản trị hệ thống', admin: true });
  const tanThanh = await testPlanTanThanh(ctx);
  const editor = await testUserAdd(ctx, { username: 'kinhte', name: 'Phòng Kinh tế', plan: { id: tanThanh.id, role: 'editor', unitId: kinhTe.id } });
  const reviewer = await testUserAdd(ctx, { username: 'lanhdao', name: 'Phó Chủ tịch UBND xã', plan: { id: tanThanh.id, role: 'reviewer' } });
  await testUserAdd(ctx, { username: 'vhxh', name: 'Phòng Văn hóa - Xã hội', plan: { id: tanThanh.id, role: 'coordinator' } });
  const template = await planCreate(ctx.sql, ctx.units, { commune: 'Tân Kỳ', province: 'Nghệ An', year: 2027, template: 'tasks-detailed', createdBy: admin.id, now: T0 });
  const deleted = await planCreate(ctx.sql, ctx.units, { commune: 'Tân Kỳ', year: 2025, template: 'kpi', createdBy: admin.id, now: T0 + 1 });
  await planSoftDelete(ctx.sql, deleted.id, T0 + 2);

  // Sessions: the editor logs in on the server; the admin's was opened from a browser a while ago.
  const editorToken = await testLogin(testApp(ctx), 'kinhte');
  await sessionCreate(ctx.sql, admin.id, { ttlMs: 12 * 3_600_000, ip: '10.0.0.5', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Cốc Cốc' });

  // Two people edit the Tân Thanh plan; the log is compacted halfway, and edits go on after.
  const a = await replica(ctx.store, tanThanh.id, editor.id, 1);
  const b = await replica(ctx.store, tanThanh.id, admin.id, 2);
  const early = await ctx.store.append([a.type('Hoàn thành quý II', T0 + 10), b.type('Đã rà soát', T0 + 11)]);
  await ctx.store.append([a.type('; chuyển quý III', T0 + 12, 4), b.type(' lần 2', T0 + 13)]);
  await ctx.store.compact(tanThanh.id, (early[1] as number) + 1);
  await ctx.store.append([a.type(' (đã báo cáo)', T0 + 14, 2)]);
  await ctx.store.reject({
    planId: tanThanh.id,
    userId: reviewer.id,
    at: T0 + 15,
    reason: 'Người duyệt không được sửa nội dung.',
    changes: [{ tableId: planDocTableIds(a.doc)[0] ?? null, rowId: null, field: 'note' }],
  });
  await ctx.store.append([b.type('.', T0 + 16)]);

  // Named versions: three saved in the same millisecond (their order is the order they were saved in).
  const frozen = Y.encodeStateAsUpdateV2(a.doc);
  await ctx.store.versionSave({ planId: tanThanh.id, name: 'Dự thảo lần 1', createdBy: admin.id, snapshot: frozen, at: T0 + 20 });
  await ctx.store.versionSave({ planId: tanThanh.id, name: 'Gửi phòng Kinh tế', createdBy: editor.id, snapshot: frozen, at: T0 + 20 });
  await ctx.store.versionSave({ planId: tanThanh.id, name: 'Trình ký', createdBy: admin.id, snapshot: frozen, at: T0 + 20 });
  const templateDoc = await ctx.store.load(template.id);
  await ctx.store.versionSave({ planId: template.id, name: 'Khung trống', createdBy: null, snapshot: templateDoc?.state ?? new Uint8Array(), at: T0 + 21 });
  await auditAppend(ctx.sql, { planId: deleted.id, userId: admin.id, action: AUDIT_ACTIONS.planDelete, at: T0 + 2 });
  a.doc.destroy();
  b.doc.destroy();
  return { t, tanThanhId: tanThanh.id, templateId: template.id, deletedId: deleted.id, editorToken };
}

/** The target opened the way the server opens it. */
function targetOpen(url: string): Promise<Storage> {
  return storageOpen({ dataDir: join(tmpdir(), 'phuluc-khong-dung'), databaseUrl: url });
}

describe.skipIf(!available)('copying a SQLite deployment to PostgreSQL', () => {
  let target: PgTestDatabase;
  let source: Deployment;
  let opened: Array<{ close: () => Promise<void> }> = [];

  beforeEach(async () => {
    const db = await pgTestDatabase();
    if (!db) throw new Error('PostgreSQL went away');
    target = db;
    source = await deploymentBuild();
  });
  afterEach(async () => {
    for (const o of opened.reverse()) await o.close();
    opened = [];
    await source.t.cleanup();
    await target.drop();
  });

  /** Opens the target (its records and its document store), closed after the test. */
  async function targetStorage(): Promise<{ sql: Sql; store: DocStore }> {
    const storage = await targetOpen(target.url);
    const store = await storage.docStore('shared');
    opened.push(storage, store);
    return { sql: storage.sql, store };
  }

  it('copies every table, row for row, and reports the counts', async () => {
    const report = await storeCopy(source.t.dir, target.url);
    const { sql } = await targetStorage();
    const from = source.t.ctx.sql;
    const tables = await sqliteTables(from);
    expect(Object.keys(report.rows).sort()).toEqual(tables);
    expect(await tableCounts(sql, tables)).toEqual(report.rows);
    expect(await tableCounts(from, tables)).toEqual(report.rows);
    expect(report.plansChecked).toBe(3);
    for (const table of tables) {
      const columns = await sqliteColumns(from, table);
      expect(await tableRows(sql, table, columns), table).toEqual(await tableRows(from, table, columns));
    }
    // The deployment is what it claims to be: a snapshot past 0 with a log after it.
    const snapshot = await from.get<{ upto_seq: number }>('SELECT upto_seq FROM doc_snapshots WHERE plan_id = ?', [source.tanThanhId]);
    expect(snapshot?.upto_seq).toBeGreaterThan(0);
    expect(report.rows.doc_updates).toBeGreaterThan(0);
  });

  it('keeps the audit ids, and numbers the next audit row after them', async () => {
    await storeCopy(source.t.dir, target.url);
    const { sql } = await targetStorage();
    const ids = async (db: Sql): Promise<number[]> => (await db.all<{ id: number }>('SELECT id FROM audit ORDER BY id')).map((r) => r.id);
    const copied = await ids(sql);
    expect(copied).toEqual(await ids(source.t.ctx.sql));
    expect(copied.length).toBeGreaterThan(5);
    const next = await auditAppend(sql, { planId: AUDIT_NO_PLAN, userId: null, action: AUDIT_ACTIONS.login, at: Date.now() });
    expect(next).toBeGreaterThan(Math.max(...copied));
  });

  it('loads every plan’s document on PostgreSQL as on SQLite: same state, tables, meta, last number and authors', async () => {
    await storeCopy(source.t.dir, target.url);
    const { store } = await targetStorage();
    for (const planId of [source.tanThanhId, source.templateId, source.deletedId]) {
      const [a, b] = await Promise.all([source.t.ctx.store.load(planId), store.load(planId)]);
      if (!a || !b) throw new Error(`plan ${planId} missing`);
      expect(b.lastSeq, planId).toBe(a.lastSeq);
      expect(b.tailLength, planId).toBe(a.tailLength);
      expect([...b.clientAuthors].sort(), planId).toEqual([...a.clientAuthors].sort());
      const docA = new Y.Doc();
      const docB = new Y.Doc();
      Y.applyUpdateV2(docA, a.state);
      Y.applyUpdateV2(docB, b.state);
      expect(Y.encodeStateVector(docB)).toEqual(Y.encodeStateVector(docA));
      expect(planDocTableIds(docB)).toEqual(planDocTableIds(docA));
      for (const tableId of planDocTableIds(docA)) expect(planDocReadTable(docB, tableId)).toEqual(planDocReadTable(docA, tableId));
      expect(docB.getMap('meta').toJSON()).toEqual(docA.getMap('meta').toJSON());
      docA.destroy();
      docB.destroy();
    }
    const tanThanh = await store.load(source.tanThanhId);
    expect(tanThanh).toMatchObject({ lastSeq: 6, tailLength: 3 });
    expect(tanThanh?.clientAuthors.size).toBe(2);
  });

  it('lists the versions as on SQLite (ids, names, order) with byte-identical snapshots', async () => {
    await storeCopy(source.t.dir, target.url);
    const { store } = await targetStorage();
    for (const planId of [source.tanThanhId, source.templateId, source.deletedId]) {
      const listed = await store.versionsList(planId);
      expect(listed, planId).toEqual(await source.t.ctx.store.versionsList(planId));
      for (const version of listed) {
        const [a, b] = await Promise.all([source.t.ctx.store.versionSnapshot(planId, version.id), store.versionSnapshot(planId, version.id)]);
        expect(a && Buffer.from(a).toString('hex')).toBe(b && Buffer.from(b).toString('hex'));
      }
    }
    expect((await store.versionsList(source.tanThanhId)).map((v) => v.name)).toEqual(['Trình ký', 'Gửi phòng Kinh tế', 'Dự thảo lần 1']);
  });

  it('lets a copied account log in with its password and keeps a copied session good, on a server running on PostgreSQL', async () => {
    await storeCopy(source.t.dir, target.url);
    const server = await testContextCreate({ databaseUrl: target.url });
    opened.push({ close: server.cleanup });
    const app = testApp(server.ctx);
    const fresh = await testLogin(app, 'kinhte');
    expect(fresh).not.toBe(source.editorToken);
    expect(await sessionFromToken(server.ctx.sql, source.editorToken)).toMatchObject({ username: 'kinhte', role: 'user' });
    // The copied session opens the plan the editor is a member of, for their unit.
    const res = await app.request('/api/plans', { headers: bearer(source.editorToken) });
    expect(res.status).toBe(200);
    const { plans } = (await res.json()) as { plans: Array<{ id: string; myRole: string; myUnit: { name: string } | null }> };
    expect(plans).toMatchObject([{ id: source.tanThanhId, myRole: 'editor', myUnit: { name: 'Phòng Kinh tế' } }]);
  });

  it('refuses a target that already has an account, and writes nothing into it', async () => {
    const server = await testContextCreate({ databaseUrl: target.url });
    opened.push({ close: server.cleanup });
    await testUserAdd(server.ctx, { username: 'nguoidung' });
    const { sql } = server.ctx;
    const tables = await sqliteTables(source.t.ctx.sql);
    const before = await tableCounts(sql, tables);
    const refused = await storeCopy(source.t.dir, target.url).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreCopyError);
    expect((refused as Error).message).toMatch(/đã có tài khoản hoặc kế hoạch/);
    expect(await tableCounts(sql, tables)).toEqual(before);
  });

  it('refuses a target that already has a plan, and one copied before (the command run twice)', async () => {
    await storeCopy(source.t.dir, target.url);
    const { sql } = await targetStorage();
    const tables = await sqliteTables(source.t.ctx.sql);
    const before = await tableCounts(sql, tables);
    await expect(storeCopy(source.t.dir, target.url)).rejects.toThrow(StoreCopyError);
    expect(await tableCounts(sql, tables)).toEqual(before);

    const other = await pgTestDatabase();
    if (!other) throw new Error('PostgreSQL went away');
    opened.push({ close: other.drop });
    const planOnly = await targetOpen(other.url);
    opened.push(planOnly);
    await planCreate(planOnly.sql, source.t.ctx.units, { commune: 'Tân Kỳ', year: 2026, template: 'tasks-basic' });
    await expect(storeCopy(source.t.dir, other.url)).rejects.toThrow(/Cơ sở dữ liệu PostgreSQL đích đã có tài khoản hoặc kế hoạch/);
    expect(await tableCounts(planOnly.sql, ['users', 'plans', 'doc_snapshots', 'audit'])).toEqual({ users: 0, plans: 1, doc_snapshots: 1, audit: 0 });
  });

  it('leaves the target empty when PostgreSQL refuses a row midway (a session opened with PHULUC_SESSION_HOURS=1.1)', async () => {
    // The lifetime such a server gives its sessions (hours × 3,600,000): 3960000.0000000005 ms in
    // floating point. SQLite keeps the fraction in its INTEGER columns, PostgreSQL's BIGINT
    // refuses it. Sessions come after accounts, units, plans and memberships: those are written
    // first, then rolled back.
    const ttlMs = 1.1 * 3_600_000;
    expect(Number.isInteger(ttlMs)).toBe(false);
    const user = await source.t.ctx.sql.get<{ id: string }>("SELECT id FROM users WHERE username = 'lanhdao'");
    await sessionCreate(source.t.ctx.sql, user?.id ?? '', { ttlMs });
    const { sql } = await targetStorage();
    const tables = await sqliteTables(source.t.ctx.sql);
    const before = await tableCounts(sql, tables);
    expect(before.units).toBeGreaterThan(20);

    const failed = await storeCopy(source.t.dir, target.url).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StoreCopyError);
    expect((failed as Error).message).toMatch(/^Bảng sessions: PostgreSQL không nhận một dòng .*Chưa chép gì/);
    expect(await tableCounts(sql, tables)).toEqual(before);
    expect(before).toMatchObject({ users: 0, plans: 0, memberships: 0, sessions: 0, audit: 0 });
  });

  it('refuses a data directory that holds no SQLite file, and creates none', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'phuluc-copy-')), 'du-lieu-go-nham');
    try {
      await expect(storeCopy(missing, target.url)).rejects.toThrow(/Không có dữ liệu SQLite để chép/);
      await expect(storeCopy(missing, target.url)).rejects.toBeInstanceOf(StoreCopyError);
      expect(existsSync(missing)).toBe(false);
    } finally {
      rmSync(join(missing, '..'), { recursive: true, force: true });
    }
  });
});
