/**
 * Importing Word and Excel files through the API: a new plan from a file, a preview that
 * writes nothing, a commit that adds the table to the live plan (and reaches a connected stock
 * client at once), the column mapping, who may import, and hostile files refused with nothing written.
 */
import { exportAttachedLine, planDocReadMeta, planDocReadTable, planDocTableIds, type TableModel, tableImportText, unitFind } from '@phuluc/domain';
import { strToU8 } from 'fflate';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docxBuild, docxFromBodyXml, fixtureGrid, tblXml, xlsxBuild, zipBuild, zipEntries } from '../imports/import-files.test-helper.ts';
import type { PlanRecord } from '../store/plans.ts';
import type { SqlParam } from '../store/sql.ts';
import { type Harness, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { bearer, fixtureRead, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
const tokens: Record<string, string> = {};
let kpiDocx: Uint8Array;
let tasksXlsx: Uint8Array;

/** A row as the importer makes it: without the id, owners and number the document adds. */
function rowPlain(row: TableModel['rows'][number]): TableModel['rows'][number] {
  if (row.kind === 'section') return { kind: 'section', label: row.label };
  return { kind: 'item', cells: row.cells };
}

function fixtureTable(name: string): TableModel {
  const result = tableImportText(fixtureRead(name));
  if (!result.ok) throw new Error(result.reason);
  return result.value.table;
}

beforeAll(async () => {
  kpiDocx = await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv'), { splitAfter: 6 });
  tasksXlsx = await xlsxBuild(fixtureGrid('tan-ky-2026-tasks.tsv'));
});

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  const unitId = (name: string): string => unitFind(t.ctx.units, name)?.id ?? 'missing';
  await testUserAdd(t.ctx, { username: 'admin', admin: true });
  await testUserAdd(t.ctx, { username: 'vhxh', plan: { id: plan.id, role: 'coordinator', unitId: unitId('Phòng Văn hóa - Xã hội') } });
  await testUserAdd(t.ctx, { username: 'kinhte', plan: { id: plan.id, role: 'editor', unitId: unitId('Phòng Kinh tế') } });
  await testUserAdd(t.ctx, { username: 'lanhdao', plan: { id: plan.id, role: 'reviewer' } });
  await testUserAdd(t.ctx, { username: 'xem', plan: { id: plan.id, role: 'viewer' } });
  for (const name of ['admin', 'vhxh', 'kinhte', 'lanhdao', 'xem']) tokens[name] = await testLogin(app, name);
});
afterEach(async () => {
  await t.cleanup();
});

function upload(path: string, who: string, file: { bytes: Uint8Array; name: string }, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new File([file.bytes], file.name));
  return Promise.resolve(app.request(path, { method: 'POST', headers: bearer(tokens[who] ?? ''), body: form }));
}

/** What is on disk for the plan: the document's state, its log length and the audit length. */
async function written(planId: string): Promise<{ updates: number; audit: number; plans: number }> {
  const count = async (query: string, ...args: SqlParam[]): Promise<number> => ((await t.ctx.sql.get<{ n: number }>(query, args)) as { n: number }).n;
  return {
    updates: await count('SELECT COUNT(*) AS n FROM doc_updates WHERE plan_id = ?', planId),
    audit: await count('SELECT COUNT(*) AS n FROM audit WHERE plan_id = ?', planId),
    plans: await count('SELECT COUNT(*) AS n FROM plans'),
  };
}

async function docState(planId: string): Promise<string> {
  return t.ctx.docs.withDoc(planId, (doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64'));
}

interface Preview {
  table: TableModel;
  notes: Array<{ message: string; line: number | null }>;
  findings: Array<{ code: string; severity: string; row: string | null; field: string | null; message: string }>;
  mapping: Array<{ index: number; label: string; field: string }>;
  format: string;
  choices: Array<{ index: number; label: string; rows: number }>;
}

describe('POST /api/plans with a Word or Excel file', () => {
  it('creates a plan from the DOCX of an existing plan', async () => {
    const res = await upload('/api/plans', 'admin', { bytes: kpiDocx, name: 'ke-hoach-tan-ky.docx' }, { commune: 'Tân Kỳ', year: '2026' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string }; tables: Array<{ id: string; rows: number }>; notes: Array<{ message: string }> };
    const expected = fixtureTable('tan-ky-2026-kpi.tsv');
    expect(body.tables.map((x) => x.rows)).toEqual([expected.rows.length]);
    expect(body.notes[0]?.message).toBe('Đã đọc bảng phụ lục từ tệp Word (.docx).');
    const table = await t.ctx.docs.withDoc(body.plan.id, (doc) => planDocReadTable(doc, planDocTableIds(doc)[0] ?? ''));
    expect(table.rows.map(rowPlain)).toEqual(expected.rows);
  });

  it('creates a plan from an XLSX', async () => {
    const res = await upload('/api/plans', 'admin', { bytes: tasksXlsx, name: 'bang.xlsx' }, { commune: 'Tân Kỳ', year: '2026' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tables: Array<{ rows: number; template: string }> };
    expect(body.tables).toMatchObject([{ rows: fixtureTable('tan-ky-2026-tasks.tsv').rows.length, template: 'tasks-basic' }]);
  });

  it('refuses a macro-enabled file with 422 and creates no plan', async () => {
    const entries = zipEntries(kpiDocx);
    entries['word/vbaProject.bin'] = new Uint8Array([1]);
    const before = (await written(plan.id)).plans;
    const res = await upload('/api/plans', 'admin', { bytes: zipBuild(entries), name: 'ke-hoach.docm' }, { commune: 'Tân Kỳ', year: '2026' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Không đọc được bảng: Tệp có chứa macro/);
    expect((await written(plan.id)).plans).toBe(before);
  });
});

describe('POST /api/plans/:planId/tables?preview=1', () => {
  it('shows the table, the notes, the findings and the column mapping, and writes nothing', async () => {
    const before = { ...(await written(plan.id)), state: await docState(plan.id) };
    const res = await upload(`/api/plans/${plan.id}/tables?preview=1`, 'vhxh', { bytes: kpiDocx, name: 'kpi.docx' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Preview;
    expect(body.table).toEqual(fixtureTable('tan-ky-2026-kpi.tsv'));
    expect(body.format).toBe('docx');
    expect(body.mapping).toEqual([
      { index: 0, label: 'Chỉ tiêu/KPI', field: 'indicator' },
      { index: 1, label: 'Mức theo dõi năm 2026', field: 'target' },
      { index: 2, label: 'Đơn vị chủ trì theo dõi', field: 'lead' },
    ]);
    expect(body.notes.map((n) => n.message)).toContain('Bỏ dòng “- 2 -” nằm giữa hai phần của bảng (số trang hoặc dòng ghi chú khi bảng sang trang).');
    expect(Array.isArray(body.findings)).toBe(true);
    expect({ ...(await written(plan.id)), state: await docState(plan.id) }).toEqual(before);
  });

  it('applies a corrected mapping to the preview and validates the corrected table', async () => {
    const mapping = JSON.stringify([{ index: 2, field: 'ignore' }]);
    const res = await upload(`/api/plans/${plan.id}/tables?preview=1`, 'vhxh', { bytes: kpiDocx, name: 'kpi.docx' }, { mapping });
    const body = (await res.json()) as Preview;
    expect(body.table.columns.map((c) => c.field)).toEqual(['indicator', 'target']);
    expect(body.mapping[2]).toEqual({ index: 2, label: 'Đơn vị chủ trì theo dõi', field: 'ignore' });
    const item = body.table.rows.find((r) => r.kind === 'item');
    expect(item?.kind === 'item' && Object.keys(item.cells)).toEqual(['indicator', 'target']);
  });

  it('reads pasted text sent as JSON', async () => {
    const res = await app.request(`/api/plans/${plan.id}/tables?preview=1`, {
      method: 'POST',
      headers: { ...bearer(tokens.vhxh ?? ''), 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: fixtureRead('tan-ky-2026-recurring.tsv'), format: 'tsv' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Preview).table).toEqual(fixtureTable('tan-ky-2026-recurring.tsv'));
  });

  it('refuses a mapping that gives two columns the same field', async () => {
    const mapping = JSON.stringify([{ index: 1, field: 'indicator' }]);
    const res = await upload(`/api/plans/${plan.id}/tables?preview=1`, 'vhxh', { bytes: kpiDocx, name: 'kpi.docx' }, { mapping });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Hai cột «Chỉ tiêu\/KPI» và «Mức theo dõi năm 2026» cùng được gán/);
  });
});

describe('POST /api/plans/:planId/tables (commit)', () => {
  it('adds the table with the corrected mapping to the plan, audited as the coordinator’s change', async () => {
    const mapping = JSON.stringify([{ index: 1, field: 'note' }]);
    const res = await upload(`/api/plans/${plan.id}/tables`, 'vhxh', { bytes: tasksXlsx, name: 'nhiem-vu.xlsx' }, { mapping });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tableId: string; table: { title: string; rows: number } };
    const expected = fixtureTable('tan-ky-2026-tasks.tsv');
    expect(body.table.rows).toBe(expected.rows.length);
    const { ids, table } = await t.ctx.docs.withDoc(plan.id, (doc) => ({ ids: planDocTableIds(doc), table: planDocReadTable(doc, body.tableId) }));
    expect(ids).toHaveLength(2);
    expect(table.columns.map((c) => c.field)).toEqual(['task', 'note', 'cooperating', 'timeframe']);
    const first = table.rows[0];
    const source = expected.rows[0];
    expect(first?.kind === 'item' && source?.kind === 'item' && first.cells.note).toBe(source?.kind === 'item' ? source.cells.lead : '');
    const audit = await t.ctx.sql.all<{ changes: string }>("SELECT user_id, changes FROM audit WHERE plan_id = ? AND action = 'update'", [plan.id]);
    expect(audit.map((a) => JSON.parse(a.changes) as unknown)).toEqual([[{ tableId: body.tableId, rowId: null, field: null }]]);
  });

  it('lets an admin import too, and the plan then lists two tables', async () => {
    const res = await upload(`/api/plans/${plan.id}/tables`, 'admin', { bytes: kpiDocx, name: 'kpi.docx' });
    expect(res.status).toBe(201);
    const read = (await (await app.request(`/api/plans/${plan.id}`, { headers: bearer(tokens.admin ?? '') })).json()) as { tables: Array<{ template: string }> };
    expect(read.tables.map((x) => x.template)).toEqual(['tasks-detailed', 'kpi']);
    const { tableId } = (await res.json()) as { tableId: string };
    const rows = await t.ctx.docs.withDoc(plan.id, (doc) => planDocReadTable(doc, tableId).rows);
    // Each row may be edited by the unit its lead cell names.
    expect(rows[0]).toMatchObject({ cells: { lead: 'Phòng Văn hóa - Xã hội' }, owners: [unitFind(t.ctx.units, 'Phòng Văn hóa - Xã hội')?.id] });
  });

  it.each(['kinhte', 'lanhdao', 'xem'])('refuses %s (not the coordinator) with 403 and writes nothing', async (who) => {
    const before = await written(plan.id);
    const res = await upload(`/api/plans/${plan.id}/tables`, who, { bytes: kpiDocx, name: 'kpi.docx' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Chỉ bộ phận đầu mối hoặc quản trị viên được nhập bảng vào kế hoạch.');
    expect(await written(plan.id)).toEqual(before);
  });

  it('refuses hostile files with a Vietnamese reason, writing nothing', async () => {
    const before = { ...(await written(plan.id)), state: await docState(plan.id) };
    const noAppendix = docxFromBodyXml(tblXml([['Nơi nhận:', 'CHỦ TỊCH']]));
    const bomb = zipBuild({ 'word/document.xml': new Uint8Array(40 * 1024 * 1024) });
    const cases: Array<[Uint8Array, string, number, RegExp]> = [
      [noAppendix, 'ke-hoach.docx', 422, /^Không tìm thấy bảng phụ lục trong tệp Word/],
      [bomb, 'bom.docx', 422, /bom nén/],
      [strToU8('không phải zip'), 'gia.xlsx', 422, /không phải tệp Excel thật/],
      [new Uint8Array(10 * 1024 * 1024 + 1), 'lon.docx', 413, /quá lớn \(tối đa 10 MB\)/],
    ];
    for (const [bytes, name, status, message] of cases) {
      const res = await upload(`/api/plans/${plan.id}/tables`, 'vhxh', { bytes, name });
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message, name).toMatch(message);
    }
    expect({ ...(await written(plan.id)), state: await docState(plan.id) }).toEqual(before);
  });

  it('answers 404 for an unknown plan', async () => {
    const res = await upload('/api/plans/khong-co/tables', 'admin', { bytes: kpiDocx, name: 'kpi.docx' });
    expect(res.status).toBe(404);
  });
});

describe('the heading of an imported file and the plan it names', () => {
  const heading = ['PHỤ LỤC', 'BẢNG KPI CHUYỂN ĐỔI SỐ NĂM 2026', '(Kèm theo Kế hoạch số 123/KH-UBND ngày 05/11/2026 của UBND xã Tân Kỳ)'];

  it('previews the title, and the number and date the plan lacks, writing nothing', async () => {
    const before = { ...(await written(plan.id)), state: await docState(plan.id) };
    const docx = await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv'), { before: heading });
    const res = await upload(`/api/plans/${plan.id}/tables?preview=1`, 'vhxh', { bytes: docx, name: 'kpi.docx' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Preview & { heading: unknown; planMeta: unknown; metaFilled: string[] };
    expect(body.table.title).toBe('Bảng KPI chuyển đổi số năm 2026');
    expect(body.heading).toEqual({ title: 'Bảng KPI chuyển đổi số năm 2026', planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Kỳ' });
    // The plan is Tân Thanh's: its commune stays; its number and date were blank.
    expect(body.planMeta).toEqual({ year: 2026, commune: 'Tân Thanh', planNumber: '123/KH-UBND', issuedOn: '2026-11-05' });
    expect(body.metaFilled).toEqual(['planNumber', 'issuedOn']);
    expect({ ...(await written(plan.id)), state: await docState(plan.id) }).toEqual(before);
  });

  it('writes them with the table, audited, so exports print them; a second file does not overwrite them', async () => {
    const docx = await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv'), { before: heading });
    const res = await upload(`/api/plans/${plan.id}/tables`, 'vhxh', { bytes: docx, name: 'kpi.docx' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tableId: string; table: { title: string }; metaFilled: string[] };
    expect(body.table.title).toBe('Bảng KPI chuyển đổi số năm 2026');
    expect(body.metaFilled).toEqual(['planNumber', 'issuedOn']);
    const meta = await t.ctx.docs.withDoc(plan.id, planDocReadMeta);
    expect(exportAttachedLine(meta)).toBe('(Kèm theo Kế hoạch số 123/KH-UBND ngày 05/11/2026 của UBND xã Tân Thanh)');
    const audit = await t.ctx.sql.all<{ changes: string }>("SELECT changes FROM audit WHERE plan_id = ? AND action = 'update'", [plan.id]);
    expect(audit.map((a) => JSON.parse(a.changes) as unknown)).toEqual([
      [
        { tableId: body.tableId, rowId: null, field: null },
        { tableId: null, rowId: null, field: '(meta).planNumber' },
        { tableId: null, rowId: null, field: '(meta).issuedOn' },
      ],
    ]);

    const other = await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv'), { before: ['PHỤ LỤC', '(Kèm theo Kế hoạch số 9/KH-UBND ngày 01/02/2025 của UBND xã Tân Kỳ)'] });
    const again = await upload(`/api/plans/${plan.id}/tables`, 'vhxh', { bytes: other, name: 'kpi-2025.docx' });
    expect(((await again.json()) as { metaFilled: string[] }).metaFilled).toEqual([]);
    expect(await t.ctx.docs.withDoc(plan.id, planDocReadMeta)).toMatchObject({ planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Thanh' });
  });
});

describe('an import reaches the people who have the plan open', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnessStart();
  });
  afterAll(async () => {
    await h.close();
  });

  it('adds the table to the live document; a connected stock client sees it at once, and nobody sees a preview', async () => {
    const editor = h.client('kinhTe');
    await editor.synced();
    const tables = editor.doc.getMap('tables');
    expect(tables.size).toBe(1);
    const send = (query: string): Promise<Response> => {
      const form = new FormData();
      form.set('file', new File([kpiDocx], 'kpi.docx'));
      return fetch(`${h.url}/api/plans/${h.planId}/tables${query}`, { method: 'POST', headers: { Authorization: `Bearer ${h.tokens.coordinator}` }, body: form });
    };
    const previewed = await send('?preview=1');
    expect(previewed.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(tables.size).toBe(1);

    const committed = await send('');
    expect(committed.status).toBe(201);
    const { tableId } = (await committed.json()) as { tableId: string };
    await waitFor(() => tables.has(tableId), 5000, 'the imported table to reach the client');
    const seen = planDocReadTable(editor.doc, tableId);
    expect(seen.rows.map(rowPlain)).toEqual(fixtureTable('tan-ky-2026-kpi.tsv').rows);
    // Persisted: a client connecting afterwards gets it from the server too.
    const later = h.client('reviewer');
    await later.synced();
    expect(later.doc.getMap('tables').has(tableId)).toBe(true);
  });
});
