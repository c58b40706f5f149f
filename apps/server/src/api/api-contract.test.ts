/**
 * The server and the web client share one contract per route (the domain's api/ schemas): every
 * JSON answer of every /api route, as the real app gives it, parses with its domain schema, and
 * the schema keeps all of it (zod drops keys it does not know, so a field the server adds or
 * renames without the schema fails here as it would be lost to the web client). A route added
 * without a contract fails the last test.
 */
import {
  activityPageSchema,
  apiErrorBodySchema,
  compareResponseSchema,
  exportRefusedSchema,
  importCommittedSchema,
  importPreviewSchema,
  loginResponseSchema,
  meResponseSchema,
  membersResponseSchema,
  nextYearCreateResponseSchema,
  nextYearPreviewSchema,
  okResponseSchema,
  planCreateResponseSchema,
  planDetailResponseSchema,
  planDocDeleteRow,
  planDocOrderedRowIds,
  planDocRenameColumn,
  planDocSetCell,
  planDocSetTableTitle,
  planListResponseSchema,
  reportResponseSchema,
  tableModelSchema,
  unitFind,
  unitsResponseSchema,
  versionCreateResponseSchema,
  versionDetailResponseSchema,
  versionListResponseSchema,
} from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { tableWithErrors } from '../exports/export-fixtures.test-helper.ts';
import { planCreate, type PlanRecord } from '../store/plans.ts';
import { bearer, fixtureRead, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
let tableId = '';
const tokens: Record<string, string> = {};
/** The routes whose answers were checked ("GET /api/plans/:planId"). */
const checked = new Set<string>();

beforeAll(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  const unit = unitFind(t.ctx.units, 'Phòng Văn hóa - Xã hội')?.id ?? null;
  await testUserAdd(t.ctx, { username: 'admin', admin: true });
  await testUserAdd(t.ctx, { username: 'vhxh', name: 'Nguyễn Thị Hoa', plan: { id: plan.id, role: 'coordinator', unitId: unit } });
  await testUserAdd(t.ctx, { username: 'lanhdao', plan: { id: plan.id, role: 'reviewer' } });
  for (const name of ['admin', 'vhxh', 'lanhdao']) tokens[name] = await testLogin(app, name);
});
afterAll(async () => {
  await t.cleanup();
});

async function call(method: string, path: string, who: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = who ? bearer(tokens[who] ?? '') : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The answer's JSON, checked against `schema` (which must keep all of it); the route is counted as covered. */
async function answer<S extends z.ZodType>(route: string, res: Response, status: number, schema: S): Promise<z.output<S>> {
  const json: unknown = await res.json();
  expect(res.status, `${route}: ${JSON.stringify(json).slice(0, 300)}`).toBe(status);
  const parsed = schema.safeParse(json);
  expect(parsed.error?.issues ?? [], route).toEqual([]);
  expect(parsed.data, `${route}: the schema keeps every field the server sends`).toEqual(json);
  checked.add(route);
  return parsed.data as z.output<S>;
}

describe('every JSON answer of the API follows its domain schema', () => {
  it('logs in, tells who is signed in, lists units', async () => {
    const login = await call('POST', '/api/auth/login', null, { username: 'lanhdao', password: 'mật-khẩu-thử-1' });
    await answer('POST /api/auth/login', login, 200, loginResponseSchema);
    await answer('GET /api/me', await call('GET', '/api/me', 'vhxh'), 200, meResponseSchema);
    const { units } = await answer('GET /api/units', await call('GET', '/api/units', 'vhxh'), 200, unitsResponseSchema);
    expect(units.length).toBeGreaterThan(10);
  });

  it('lists, creates, reads and deletes plans', async () => {
    const { plans } = await answer('GET /api/plans', await call('GET', '/api/plans', 'vhxh'), 200, planListResponseSchema);
    expect(plans.map((p) => p.myUnit?.name)).toEqual(['Phòng Văn hóa - Xã hội']);
    const detail = await answer('GET /api/plans/:planId', await call('GET', `/api/plans/${plan.id}`, 'vhxh'), 200, planDetailResponseSchema);
    tableId = detail.tables[0]?.id ?? '';
    const table = await answer('GET /api/plans/:planId/tables/:tableId', await call('GET', `/api/plans/${plan.id}/tables/${tableId}`, 'vhxh'), 200, tableModelSchema);
    expect(table.rows.length).toBeGreaterThan(10);

    const text = fixtureRead('tan-ky-2026-recurring.tsv');
    const created = await answer('POST /api/plans', await call('POST', '/api/plans', 'admin', { commune: 'Tân Kỳ', year: 2026, text, format: 'tsv' }), 201, planCreateResponseSchema);
    expect(created.notes.length).toBeGreaterThan(0);
    await answer('DELETE /api/plans/:planId', await call('DELETE', `/api/plans/${created.plan.id}`, 'admin'), 200, okResponseSchema);
  });

  it('saves, lists, reads and compares versions', async () => {
    const route = `/api/plans/${plan.id}/versions`;
    const { version } = await answer('POST /api/plans/:planId/versions', await call('POST', route, 'vhxh', { name: 'Dự thảo lần 1' }), 201, versionCreateResponseSchema);
    await answer('GET /api/plans/:planId/versions', await call('GET', route, 'lanhdao'), 200, versionListResponseSchema);
    await answer('GET /api/plans/:planId/versions/:versionId', await call('GET', `${route}/${version.id}`, 'lanhdao'), 200, versionDetailResponseSchema);
    await answer(
      'GET /api/plans/:planId/versions/:versionId/tables/:tableId',
      await call('GET', `${route}/${version.id}/tables/${tableId}`, 'lanhdao'),
      200,
      tableModelSchema,
    );

    // Every kind of difference: a title, a column label, a cell, a removed row.
    const ok = await t.ctx.docs.applyLocalTo?.(
      plan.id,
      (doc) => {
        const [first, second] = planDocOrderedRowIds(doc, tableId).slice(1);
        planDocSetTableTitle(doc, tableId, 'Danh mục nhiệm vụ (sửa)');
        planDocRenameColumn(doc, tableId, 'timeframe', 'Thời hạn');
        if (first) planDocSetCell(doc, tableId, first, 'timeframe', 'Quý IV/2026');
        if (second) planDocDeleteRow(doc, tableId, second);
      },
      { userId: null, at: Date.now(), changes: [] },
    );
    expect(ok).toBe(true);
    const compare = await answer(
      'GET /api/plans/:planId/compare',
      await call('GET', `/api/plans/${plan.id}/compare?table=${tableId}&from=${version.id}&to=live`, 'lanhdao'),
      200,
      compareResponseSchema,
    );
    expect(compare.diff.title).not.toBeNull();
    expect(compare.diff.counts).toMatchObject({ removed: 1, columns: 1 });
    expect(compare.diff.counts.cells).toBeGreaterThan(0);
  });

  it('previews and imports a table', async () => {
    const route = `/api/plans/${plan.id}/tables`;
    const body = { text: fixtureRead('tan-ky-2026-recurring.tsv'), format: 'tsv' };
    const preview = await answer('POST /api/plans/:planId/tables', await call('POST', `${route}?preview=1`, 'vhxh', body), 200, importPreviewSchema);
    expect(preview.mapping.length).toBeGreaterThan(0);
    await answer('POST /api/plans/:planId/tables', await call('POST', route, 'vhxh', body), 201, importCommittedSchema);
  });

  it('refuses a final export of a table with errors with its findings, live or frozen', async () => {
    const broken = await planCreate(t.ctx.sql, t.ctx.units, { commune: 'Tân Thanh', year: 2026, table: tableWithErrors() });
    await testUserAdd(t.ctx, { username: 'vhxh2', plan: { id: broken.id, role: 'coordinator' } });
    tokens.vhxh2 = await testLogin(app, 'vhxh2');
    const brokenTable = (await answer('GET /api/plans/:planId', await call('GET', `/api/plans/${broken.id}`, 'vhxh2'), 200, planDetailResponseSchema)).tables[0]?.id ?? '';
    const live = await answer(
      'GET /api/plans/:planId/tables/:tableId/export',
      await call('GET', `/api/plans/${broken.id}/tables/${brokenTable}/export?format=docx`, 'vhxh2'),
      422,
      exportRefusedSchema,
    );
    expect(live.findings.length).toBeGreaterThan(0);
    const saved = await call('POST', `/api/plans/${broken.id}/versions`, 'vhxh2', { name: 'Bản lỗi' });
    const { version } = await answer('POST /api/plans/:planId/versions', saved, 201, versionCreateResponseSchema);
    await answer(
      'GET /api/plans/:planId/versions/:versionId/tables/:tableId/export',
      await call('GET', `/api/plans/${broken.id}/versions/${version.id}/tables/${brokenTable}/export?format=pdf`, 'vhxh2'),
      422,
      exportRefusedSchema,
    );
  });

  it('tells the review view who the members are and what they did', async () => {
    const { members } = await answer('GET /api/plans/:planId/members', await call('GET', `/api/plans/${plan.id}/members`, 'lanhdao'), 200, membersResponseSchema);
    expect(members.map((m) => m.name).sort()).toEqual(['Nguyễn Thị Hoa', 'lanhdao']);
    const page = await answer(
      'GET /api/plans/:planId/activity',
      await call('GET', `/api/plans/${plan.id}/activity?limit=1`, 'lanhdao'),
      200,
      activityPageSchema,
    );
    expect(page.entries.some((e) => e.user !== null && e.unit !== null)).toBe(true);
    expect(page.next).not.toBeNull();
  });

  it('previews and creates next year’s plan', async () => {
    const preview = await answer('GET /api/plans/:planId/next-year', await call('GET', `/api/plans/${plan.id}/next-year`, 'vhxh'), 200, nextYearPreviewSchema);
    expect(preview.to).toBe(2027);
    const created = await answer('POST /api/plans/:planId/next-year', await call('POST', `/api/plans/${plan.id}/next-year`, 'vhxh', { include: [] }), 201, nextYearCreateResponseSchema);
    expect(created.plan.year).toBe(2027);
  });

  it('gives a period\'s report and the year-end evaluation; its file is refused a bad body with an error body', async () => {
    const report = await answer('GET /api/plans/:planId/reports/:periodId', await call('GET', `/api/plans/${plan.id}/reports/2026-11`, 'lanhdao'), 200, reportResponseSchema);
    expect(report.kind).toBe('consolidated');
    expect((await answer('GET /api/plans/:planId/reports/:periodId', await call('GET', `/api/plans/${plan.id}/reports/2026`, 'lanhdao'), 200, reportResponseSchema)).kind).toBe('yearEnd');
    // The file itself is checked by reports/report-routes.test.ts.
    await answer('POST /api/plans/:planId/reports/:periodId/export', await call('POST', `/api/plans/${plan.id}/reports/2026-11/export?format=docx`, 'vhxh', { khong: 'co' }), 400, apiErrorBodySchema);
  });

  it('answers every failure as an error body with a code of the table', async () => {
    await answer('error', await call('GET', '/api/plans', null), 401, apiErrorBodySchema);
    await answer('error', await call('GET', '/api/plans/khong-co', 'vhxh'), 404, apiErrorBodySchema);
    await answer('error', await call('POST', `/api/plans/${plan.id}/versions`, 'vhxh', { name: '' }), 400, apiErrorBodySchema);
    await answer('error', await call('GET', '/api/khong-co', 'vhxh'), 404, apiErrorBodySchema);
    await answer('POST /api/auth/logout', await call('POST', '/api/auth/logout', 'lanhdao'), 200, okResponseSchema);
  });

  it('leaves no JSON route of the API without a contract', () => {
    // The frozen document is binary; the exports' files are checked by their own tests.
    const binary = new Set(['GET /api/plans/:planId/versions/:versionId/snapshot']);
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`));
    expect([...routes].filter((r) => !binary.has(r) && !checked.has(r))).toEqual([]);
  });
});
