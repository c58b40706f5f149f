/** GET /api/plans/:planId/tables/:tableId/export: who may export, what comes back, what is refused. */
import { tableModelSchema, unitFind } from '@phuluc/domain';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableWithErrors } from '../exports/export-fixtures.test-helper.ts';
import { planCreate, type PlanRecord } from '../store/plans.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { exportContentDisposition } from './export-routes.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
let broken: PlanRecord;
let tableId = '';
let brokenTableId = '';
const tokens: Record<string, string> = {};

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  broken = await planCreate(t.ctx.sql, t.ctx.units, { commune: 'Tân Thanh', year: 2026, table: tableWithErrors() });
  const unitId = (name: string) => unitFind(t.ctx.units, name)?.id ?? null;
  await testUserAdd(t.ctx, { username: 'vhxh', plan: { id: plan.id, role: 'coordinator', unitId: unitId('Phòng Văn hóa - Xã hội') } });
  await testUserAdd(t.ctx, { username: 'xem', plan: { id: plan.id, role: 'viewer' } });
  await testUserAdd(t.ctx, { username: 'vhxh2', plan: { id: broken.id, role: 'coordinator', unitId: unitId('Phòng Văn hóa - Xã hội') } });
  await testUserAdd(t.ctx, { username: 'nobody' });
  for (const name of ['vhxh', 'xem', 'vhxh2', 'nobody']) tokens[name] = await testLogin(app, name);
  const tables = async (planId: string, who: string) => ((await (await get(`/api/plans/${planId}`, who)).json()) as { tables: Array<{ id: string }> }).tables;
  tableId = (await tables(plan.id, 'vhxh'))[0]?.id ?? '';
  brokenTableId = (await tables(broken.id, 'vhxh2'))[0]?.id ?? '';
});
afterEach(async () => {
  await t.cleanup();
});

const get = (path: string, who?: string) => app.request(path, { headers: who ? bearer(tokens[who] ?? '') : {} });
const exportPath = (format: string, extra = '') => `/api/plans/${plan.id}/tables/${tableId}/export?format=${format}${extra}`;

describe('exporting a table without errors', () => {
  it('gives a DOCX attachment named in Vietnamese with an ASCII fallback', async () => {
    const res = await get(exportPath('docx'), 'vhxh');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Phu luc - Danh muc nhiem vu chuyen doi so - Tan Thanh.docx"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20-%20Danh%20m%E1%BB%A5c%20nhi%E1%BB%87m%20v%E1%BB%A5%20chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91%20-%20T%C3%A2n%20Thanh.docx`,
    );
    const body = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(body.length));
    const xml = strFromU8(unzipSync(body)['word/document.xml'] ?? new Uint8Array());
    // The plan has no number or date yet: the clerk fills the blanks.
    expect(xml).toContain('(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND xã Tân Thanh)');
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('lets every member export, a viewer too, in every format', async () => {
    for (const format of ['xlsx', 'pdf', 'csv', 'json']) {
      const res = await get(exportPath(format), 'xem');
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-disposition'), format).toMatch(new RegExp(`filename\\*=UTF-8''.*\\.${format}$`));
    }
  });

  it('gives the table as JSON that the domain schema reads, and an XLSX that a reader opens', async () => {
    const json = tableModelSchema.parse(await (await get(exportPath('json'), 'vhxh')).json());
    expect(json.id).toBe(tableId);
    expect(json.rows[0]).toMatchObject({ kind: 'section', number: 'I', label: 'CHÍNH QUYỀN SỐ' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await get(exportPath('xlsx'), 'vhxh')).arrayBuffer()));
    expect(workbook.worksheets[0]?.getCell('A1').value).toBe('PHỤ LỤC');
  });

  it('gives a CSV with its byte order mark', async () => {
    const res = await get(exportPath('csv'), 'vhxh');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('refusals', () => {
  it('refuses a final export of a table with errors: 422 with the findings in Vietnamese', async () => {
    const res = await get(`/api/plans/${broken.id}/tables/${brokenTableId}/export?format=docx`, 'vhxh2');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string }; findings: Array<{ code: string; severity: string; row: string; message: string }> };
    expect(body.error).toEqual({
      code: 'exportHasErrors',
      message:
        'Bảng còn 1 lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo (có dấu «DỰ THẢO» trên mỗi trang). Excel, CSV và JSON vẫn xuất được để sửa lỗi.',
    });
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ code: 'timeframe.missing', row: 'I.1', message: 'Thiếu «Thời gian thực hiện».' })]);
  });

  it('refuses a final PDF too, and never a data export: XLSX, CSV and JSON of the same table come, named as a draft', async () => {
    const brokenPath = (format: string) => `/api/plans/${broken.id}/tables/${brokenTableId}/export?format=${format}`;
    expect((await get(brokenPath('pdf'), 'vhxh2')).status).toBe(422);
    for (const format of ['xlsx', 'csv', 'json']) {
      const res = await get(brokenPath(format), 'vhxh2');
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-disposition'), format).toContain(`(du thao).${format}"`);
    }
    const json = tableModelSchema.parse(await (await get(brokenPath('json'), 'vhxh2')).json());
    expect(json.rows.find((r) => r.kind === 'item')?.cells.timeframe).toBe('');
  });

  it('exports the same table with draft=1, marked "DỰ THẢO" and named as a draft', async () => {
    const res = await get(`/api/plans/${broken.id}/tables/${brokenTableId}/export?format=docx&draft=1`, 'vhxh2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="Phu luc - Danh muc nhiem vu chuyen doi so - Tan Thanh (du thao).docx"');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const headers = Object.entries(files).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    expect(headers.length).toBeGreaterThanOrEqual(2);
    for (const [, xml] of headers) expect(strFromU8(xml)).toContain('DỰ THẢO');
  });

  it('answers a non-member exactly like an unknown plan, 401 without a session', async () => {
    const outsider = await get(exportPath('pdf'), 'nobody');
    const unknown = await get(`/api/plans/khong-co/tables/${tableId}/export?format=pdf`, 'nobody');
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toEqual(await unknown.json());
    expect((await get(exportPath('pdf'))).status).toBe(401);
  });

  it('answers 404 for an unknown plan or table and 400 for an unknown format or draft value', async () => {
    expect((await get(`/api/plans/khong-co/tables/${tableId}/export?format=pdf`, 'vhxh')).status).toBe(404);
    const noTable = await get(`/api/plans/${plan.id}/tables/khong-co/export?format=pdf`, 'vhxh');
    expect(noTable.status).toBe(404);
    expect(((await noTable.json()) as { error: { code: string } }).error.code).toBe('tableNotFound');
    const badFormat = await get(exportPath('doc'), 'vhxh');
    expect(badFormat.status).toBe(400);
    expect(((await badFormat.json()) as { error: { message: string } }).error.message).toBe('Định dạng: chỉ nhận docx, xlsx, pdf, csv, json');
    expect((await get(exportPath('pdf', '&draft=co'), 'vhxh')).status).toBe(400);
    expect((await get(`/api/plans/${plan.id}/tables/${tableId}/export`, 'vhxh')).status).toBe(400);
  });
});

describe('exportContentDisposition', () => {
  it('escapes what RFC 5987 reserves and keeps quotes out of the ASCII name', () => {
    expect(exportContentDisposition('Phụ lục (dự thảo) \'1\'.pdf')).toBe(
      `attachment; filename="Phu luc (du thao) '1'.pdf"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20%28d%E1%BB%B1%20th%E1%BA%A3o%29%20%271%27.pdf`,
    );
  });
});
