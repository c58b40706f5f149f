/**
 * Named versions on a real server: who may save one (the coordinator; an editor gets a 403 in
 * Vietnamese), names checked, every member lists and reads them, a version stays frozen while
 * people keep editing through stock y-websocket clients, and the compare route finds exactly
 * what they changed between a version and the live plan or between two versions.
 */
import { activityPageSchema, activityText, type ItemRow, planDocDeleteRow, planDocInsertRow, planDocReadTable, planDocSetCell, redlineText, type TableDiff, type TableModel } from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { auditPage } from '../store/audit.ts';
import { type Harness, harnessStart, UNIT } from '../testing/sync-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

type Person = Parameters<Harness['client']>[0];

interface VersionJson {
  id: string;
  name: string;
  createdAt: number;
  createdBy: { id: string; name: string } | null;
}

/** The fields of the answers these tests read (each answer has some of them). */
interface Answer {
  version: VersionJson;
  versions: VersionJson[];
  error: { code: string; message: string };
  meta: Record<string, unknown>;
  tables: unknown[];
  from: unknown;
  to: unknown;
  diff: TableDiff;
}

async function call(person: Person | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const headers: Record<string, string> = {};
  if (person) headers.Authorization = `Bearer ${h.tokens[person]}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${h.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json().catch(() => null)) as Answer };
}

const versions = () => `/plans/${h.planId}/versions`;

async function versionSave(name: string, person: Person = 'coordinator'): Promise<VersionJson> {
  const res = await call(person, 'POST', versions(), { name });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.version;
}

const serverCell = (rowId: string, field: string): Promise<string> =>
  h.server.ctx.docs.withDoc(h.planId, (doc) => {
    const row = planDocReadTable(doc, h.tableId).rows.find((r) => r.id === rowId);
    return row?.kind === 'item' ? (row.cells[field] ?? '') : '';
  });

const cellOf = (table: TableModel, rowId: string, field: string): string => (table.rows.find((r) => r.id === rowId) as ItemRow | undefined)?.cells[field] ?? '';

describe('saving a named version', () => {
  it('lets the coordinator save "Dự thảo lần 1", and every member list it', async () => {
    const version = await versionSave('  Dự thảo lần 1  ');
    expect(version.name).toBe('Dự thảo lần 1');
    for (const person of ['coordinator', 'kinhTe', 'reviewer', 'viewer', 'admin'] as const) {
      const res = await call(person, 'GET', versions());
      expect(res.status, person).toBe(200);
      expect(res.json.versions.map((v) => v.id)).toContain(version.id);
      expect(res.json.versions.find((v) => v.id === version.id)).toMatchObject({ createdBy: { name: 'Chị Lan (VH-XH)' } });
    }
    const entries = await auditPage(h.server.ctx.sql, h.planId, { limit: 20 });
    expect(entries.some((e) => e.action === 'version.create' && e.detail === 'Dự thảo lần 1' && e.userId === h.userIds.coordinator)).toBe(true);
    const feed = await fetch(`${h.url}/api/plans/${h.planId}/activity`, { headers: { Authorization: `Bearer ${h.tokens.reviewer}` } });
    const { entries: described } = activityPageSchema.parse(await feed.json());
    expect(described.map((e) => activityText(e, 'vi'))).toContain('Phòng Văn hóa - Xã hội lưu phiên bản «Dự thảo lần 1»');
  });

  it('refuses an editor, a reviewer and a viewer with a 403 in Vietnamese, and saves nothing', async () => {
    const before = (await call('coordinator', 'GET', versions())).json.versions.length;
    for (const person of ['kinhTe', 'reviewer', 'viewer'] as const) {
      const res = await call(person, 'POST', versions(), { name: 'Bản của tôi' });
      expect(res.status, person).toBe(403);
      expect(res.json.error).toEqual({ code: 'forbidden', message: 'Chỉ bộ phận đầu mối được lưu phiên bản của kế hoạch.' });
    }
    expect((await call('coordinator', 'GET', versions())).json.versions.length).toBe(before);
  });

  it('a JSON body sent as text/plain or as a multipart form saves no version (415)', async () => {
    const before = (await call('coordinator', 'GET', versions())).json.versions.length;
    const form = new FormData();
    form.set('name', 'Bản gửi bằng biểu mẫu');
    const bodies: Array<{ headers: Record<string, string>; body: string | FormData }> = [
      { headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ name: 'Bản gửi dạng văn bản' }) },
      { headers: {}, body: form },
    ];
    for (const { headers, body } of bodies) {
      const res = await fetch(`${h.url}/api${versions()}`, { method: 'POST', headers: { Authorization: `Bearer ${h.tokens.coordinator}`, ...headers }, body });
      expect(res.status).toBe(415);
      expect(((await res.json()) as Answer).error.code).toBe('unsupportedMediaType');
    }
    expect((await call('coordinator', 'GET', versions())).json.versions.length).toBe(before);
  });

  it('lets an admin save one too', async () => {
    const version = await versionSave('Bản quản trị lưu', 'admin');
    expect(version.name).toBe('Bản quản trị lưu');
  });

  it('keeps strangers and anonymous callers out', async () => {
    expect((await call('outsider', 'GET', versions())).status).toBe(404);
    expect((await call('outsider', 'POST', versions(), { name: 'x' })).status).toBe(404);
    expect((await call(null, 'GET', versions())).status).toBe(401);
    expect((await call(null, 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=live`)).status).toBe(401);
    expect((await call('coordinator', 'GET', '/plans/khong-co/versions')).status).toBe(404);
  });

  it('checks the name: 1 to 120 characters, with Vietnamese messages', async () => {
    const empty = await call('coordinator', 'POST', versions(), { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toBe('Tên phiên bản: không được để trống');
    const long = await call('coordinator', 'POST', versions(), { name: 'T'.repeat(121) });
    expect(long.status).toBe(400);
    expect(long.json.error.message).toBe('Tên phiên bản: tối đa 120 ký tự');
    const missing = await call('coordinator', 'POST', versions(), {});
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/^Tên phiên bản: /);
    const control = await call('coordinator', 'POST', versions(), { name: 'Trình\u0000ký' });
    expect(control.status).toBe(400);
    expect((await versionSave('T'.repeat(120))).name).toHaveLength(120);
  });

  it('allows the same name twice, newest first, told apart by their time', async () => {
    const first = await versionSave('Trình ký');
    const second = await versionSave('Trình ký');
    expect(second.id).not.toBe(first.id);
    const listed = (await call('viewer', 'GET', versions())).json.versions;
    const same = listed.filter((v) => v.name === 'Trình ký');
    expect(same.map((v) => v.id)).toEqual([second.id, first.id]);
    expect(same[0]?.createdAt).toBeGreaterThanOrEqual(same[1]?.createdAt ?? Infinity);
  });
});

describe('reading a version', () => {
  it('gives its meta, its tables and each table typed, and 404s for what does not exist', async () => {
    const version = await versionSave('Đọc thử');
    const detail = await call('reviewer', 'GET', `${versions()}/${version.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.version).toMatchObject({ id: version.id, name: 'Đọc thử' });
    expect(detail.json.meta).toMatchObject({ commune: 'Tân Thanh', year: 2026 });
    expect(detail.json.tables).toEqual([expect.objectContaining({ id: h.tableId, template: 'tasks-detailed' })]);
    const table = await call('viewer', 'GET', `${versions()}/${version.id}/tables/${h.tableId}`);
    expect(table.status).toBe(200);
    const live = await h.server.ctx.docs.withDoc(h.planId, (doc) => planDocReadTable(doc, h.tableId));
    expect(table.json as unknown).toEqual(live);

    // The whole frozen document, as the web app opens it read-only.
    const snapshot = await fetch(`${h.url}/api${versions()}/${version.id}/snapshot`, { headers: { Authorization: `Bearer ${h.tokens.viewer}` } });
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, new Uint8Array(await snapshot.arrayBuffer()));
    expect(planDocReadTable(doc, h.tableId)).toEqual(live);
    expect((await fetch(`${h.url}/api${versions()}/${version.id}/snapshot`, { headers: { Authorization: `Bearer ${h.tokens.outsider}` } })).status).toBe(404);

    const unknown = await call('viewer', 'GET', `${versions()}/khong-co`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({ code: 'versionNotFound', message: 'Không tìm thấy phiên bản của kế hoạch.' });
    const noTable = await call('viewer', 'GET', `${versions()}/${version.id}/tables/khong-co`);
    expect(noTable.status).toBe(404);
    expect(noTable.json.error).toEqual({ code: 'tableNotFound', message: 'Phiên bản «Đọc thử» không có bảng này.' });
  });
});

describe('a version is frozen, and compares with the live plan', () => {
  it('keeps what it had while an editor edits, and the compare finds exactly those edits', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const before = await serverCell(row, 'timeframe');
    const draft = await versionSave('Dự thảo trước khi sửa');

    planDocSetCell(kt.doc, h.tableId, row, 'timeframe', `${before} (lùi sang Quý IV/2026)`);
    const added = planDocInsertRow(kt.doc, h.tableId, { kind: 'item', owners: [UNIT.kinhTe], createdBy: h.userIds.kinhTe, cells: { task: 'Hỗ trợ livestream bán hàng nông sản' } }, { after: row });
    // Until the server has both edits.
    const deadline = Date.now() + 5000;
    while ((await serverCell(added, 'task')) !== 'Hỗ trợ livestream bán hàng nông sản' || (await serverCell(row, 'timeframe')) === before) {
      if (Date.now() > deadline) throw new Error('edits never reached the server');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(kt.closes).toEqual([]);

    // The version did not move.
    const frozen = (await call('coordinator', 'GET', `${versions()}/${draft.id}/tables/${h.tableId}`)).json as unknown as TableModel;
    expect(cellOf(frozen, row, 'timeframe')).toBe(before);
    expect(frozen.rows.some((r) => r.id === added)).toBe(false);

    // Compare the version with the live table: one row added, one cell changed, nothing else.
    const res = await call('reviewer', 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=${draft.id}&to=live`);
    expect(res.status).toBe(200);
    expect(res.json.from).toMatchObject({ kind: 'version', version: { id: draft.id, name: 'Dự thảo trước khi sửa' }, missing: false });
    expect(res.json.to).toEqual({ kind: 'live', missing: false });
    const diff = res.json.diff;
    expect(diff.counts).toEqual({ added: 1, removed: 0, moved: 0, changed: 1, cells: 1, columns: 0 });
    expect(diff.rows.map((r) => [r.rowId, r.change])).toEqual([
      [row, 'kept'],
      [added, 'added'],
    ]);
    const [cell] = diff.rows[0]?.cells ?? [];
    expect(cell?.field).toBe('timeframe');
    expect(cell?.redline.at(-1)).toEqual({ op: 'insert', text: ' (lùi sang Quý IV/2026)' });
    expect(redlineText(cell?.redline ?? [], 'from')).toBe(before);

    // A version saved now holds the edits; comparing the two versions finds the same changes.
    const after = await versionSave('Sau khi sửa');
    const between = await call('viewer', 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=${draft.id}&to=${after.id}`);
    expect(between.status).toBe(200);
    expect(between.json.diff.counts).toEqual(diff.counts);
    // And the other way round, the added row reads as removed.
    const back = await call('viewer', 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=${after.id}&to=${draft.id}`);
    expect(back.json.diff.counts).toMatchObject({ added: 0, removed: 1, changed: 1 });
    // The live plan against the newest version: nothing.
    const same = await call('viewer', 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=${after.id}`);
    expect(same.json.diff.rows).toEqual([]);

    // Put the live plan back (the next tests export it as final).
    planDocDeleteRow(kt.doc, h.tableId, added);
    planDocSetCell(kt.doc, h.tableId, row, 'timeframe', before);
    const putBack = Date.now() + 5000;
    while ((await serverCell(row, 'timeframe')) !== before || (await h.server.ctx.docs.withDoc(h.planId, (doc) => planDocReadTable(doc, h.tableId).rows.some((r) => r.id === added)))) {
      if (Date.now() > putBack) throw new Error('the plan was never put back');
      await new Promise((r) => setTimeout(r, 20));
    }
    kt.destroy();
  });

  it('answers a bad compare with a clear 400 or 404', async () => {
    const noTable = await call('viewer', 'GET', `/plans/${h.planId}/compare?from=live`);
    expect(noTable.status).toBe(400);
    expect(noTable.json.error.message).toBe('Bảng: hãy chọn bảng');
    const unknownVersion = await call('viewer', 'GET', `/plans/${h.planId}/compare?table=${h.tableId}&from=khong-co`);
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.json.error.code).toBe('versionNotFound');
    const unknownTable = await call('viewer', 'GET', `/plans/${h.planId}/compare?table=khong-co&from=live`);
    expect(unknownTable.status).toBe(404);
    expect(unknownTable.json.error.code).toBe('tableNotFound');
  });
});

describe('exporting a version', () => {
  /** Waits until the server's copy of a cell reads `text`. */
  async function serverHas(rowId: string, field: string, text: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while ((await serverCell(rowId, field)) !== text) {
      if (Date.now() > deadline) throw new Error(`the server never had «${text}»`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const exportOf = (versionId: string, query: string, person: Person = 'viewer') =>
    fetch(`${h.url}/api${versions()}/${versionId}/tables/${h.tableId}/export?${query}`, { headers: { Authorization: `Bearer ${h.tokens[person]}` } });

  it('exports the table as it was saved, in every format, named after the version', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const saved = await serverCell(row, 'output');
    const version = await versionSave('Trình ký / bản cuối');
    planDocSetCell(kt.doc, h.tableId, row, 'output', `${saved} — sửa sau khi trình ký`);
    await serverHas(row, 'output', `${saved} — sửa sau khi trình ký`);

    const json = await exportOf(version.id, 'format=json');
    expect(json.status).toBe(200);
    expect(cellOf((await json.json()) as TableModel, row, 'output')).toBe(saved);

    const csv = await exportOf(version.id, 'format=csv');
    expect(csv.status).toBe(200);
    const csvText = await csv.text();
    expect(csvText).not.toContain('sửa sau khi trình ký');
    expect(csv.headers.get('content-disposition')).toContain(`%28${encodeURIComponent('Trình ký bản cuối')}%29.csv`);

    const docx = await exportOf(version.id, 'format=docx');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const bad = await exportOf(version.id, 'format=odt');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Answer).error.message).toMatch(/^Định dạng: /);
    expect((await exportOf(version.id, 'format=json', 'outsider')).status).toBe(404);

    planDocSetCell(kt.doc, h.tableId, row, 'output', saved);
    await serverHas(row, 'output', saved);
    kt.destroy();
  });

  it('refuses a version with errors as final (422 with the findings), and exports it as a draft', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const saved = await serverCell(row, 'output');
    planDocSetCell(kt.doc, h.tableId, row, 'output', '');
    await serverHas(row, 'output', '');
    const version = await versionSave('Bản thiếu sản phẩm');
    planDocSetCell(kt.doc, h.tableId, row, 'output', saved);
    await serverHas(row, 'output', saved);

    const refused = await exportOf(version.id, 'format=docx');
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string }; findings: Array<{ code: string; rowId: string }> };
    expect(body.error.code).toBe('exportHasErrors');
    expect(body.error.message).toMatch(/^Bảng còn \d+ lỗi/);
    expect(body.findings).toContainEqual(expect.objectContaining({ code: 'output.missing', rowId: row }));
    // The live plan was fixed meanwhile; the version keeps its error until a new one is saved.
    const draft = await exportOf(version.id, 'format=csv&draft=1');
    expect(draft.status).toBe(200);
    kt.destroy();
  });
});
