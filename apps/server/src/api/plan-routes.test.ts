/** The plans API: who sees which plan, creating plans, reading tables, deleting, error shapes. */
import { planDocReadMeta, planDocReadTable, type TableModel, unitFind } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../store/plans.ts';
import { planCreate } from '../store/plans.ts';
import { bearer, fixtureRead, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
let other: PlanRecord;
const tokens: Record<string, string> = {};
const unitId = (name: string) => unitFind(t.ctx.units, name)?.id ?? 'missing';

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  other = await planCreate(t.ctx.sql, t.ctx.units, { commune: 'Xuân Lộc', province: 'Đồng Nai', year: 2026, template: 'indicators' });
  await testUserAdd(t.ctx, { username: 'admin', admin: true });
  await testUserAdd(t.ctx, { username: 'vhxh', plan: { id: plan.id, role: 'coordinator', unitId: unitId('Phòng Văn hóa - Xã hội') } });
  await testUserAdd(t.ctx, { username: 'kinhte', plan: { id: plan.id, role: 'editor', unitId: unitId('Phòng Kinh tế') } });
  await testUserAdd(t.ctx, { username: 'lanhdao', plan: { id: plan.id, role: 'reviewer' } });
  await testUserAdd(t.ctx, { username: 'xuanloc', plan: { id: other.id, role: 'viewer' } });
  await testUserAdd(t.ctx, { username: 'nobody' });
  for (const name of ['admin', 'vhxh', 'kinhte', 'lanhdao', 'xuanloc', 'nobody']) tokens[name] = await testLogin(app, name);
});
afterEach(async () => {
  await t.cleanup();
});

const get = (path: string, who: string) => app.request(path, { headers: bearer(tokens[who] ?? '') });
const postJson = (path: string, who: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { ...bearer(tokens[who] ?? ''), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

interface Listed {
  id: string;
  commune: string;
  year: number;
  tables: number;
  myRole: string;
  myUnit: { id: string; name: string } | null;
}

describe('GET /api/plans', () => {
  it('lists every plan to an admin', async () => {
    const { plans } = (await (await get('/api/plans', 'admin')).json()) as { plans: Listed[] };
    expect(plans.map((p) => p.commune).sort()).toEqual(['Tân Thanh', 'Xuân Lộc']);
    expect(plans.every((p) => p.myRole === 'admin')).toBe(true);
  });

  it('lists only the plans a user is a member of, with their role, unit and table count', async () => {
    const { plans } = (await (await get('/api/plans', 'kinhte')).json()) as { plans: Listed[] };
    expect(plans).toEqual([
      {
        id: plan.id,
        commune: 'Tân Thanh',
        province: 'Tuyên Quang',
        year: 2026,
        title: 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh',
        tables: 1,
        myRole: 'editor',
        myUnit: { id: unitId('Phòng Kinh tế'), name: 'Phòng Kinh tế' },
      },
    ]);
    const viewer = (await (await get('/api/plans', 'xuanloc')).json()) as { plans: Listed[] };
    expect(viewer.plans.map((p) => [p.commune, p.myRole])).toEqual([['Xuân Lộc', 'viewer']]);
  });

  it('lists nothing to a user without memberships', async () => {
    expect(await (await get('/api/plans', 'nobody')).json()).toEqual({ plans: [] });
  });

  it('answers 401 without a session', async () => {
    expect((await app.request('/api/plans')).status).toBe(401);
  });
});

describe('GET /api/plans/:planId', () => {
  it('answers meta, tables, my role and my unit', async () => {
    const res = await get(`/api/plans/${plan.id}`, 'kinhte');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      plan: { meta: { commune: string; province: string; year: number } };
      tables: Array<{ id: string; title: string; template: string }>;
      myRole: string;
      myUnit: { name: string };
    };
    expect(body.plan.meta).toMatchObject({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026 });
    expect(body.tables).toHaveLength(1);
    expect(body.tables[0]?.template).toBe('tasks-detailed');
    expect(body.myRole).toBe('editor');
    expect(body.myUnit.name).toBe('Phòng Kinh tế');
  });

  it('answers 404 for an unknown plan, as { error: { code, message } }', async () => {
    const unknown = await get('/api/plans/khong-co-ke-hoach', 'admin');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'planNotFound', message: 'Không tìm thấy kế hoạch.' } });
  });

  it('a plan the person is not a member of answers exactly like an unknown plan, on every plan route', async () => {
    const tableId = await t.ctx.docs.withDoc(plan.id, (doc) => doc.getMap('tables').keys().next().value as string);
    const routes: Array<[method: string, path: string, body?: unknown]> = [
      ['GET', ''],
      ['DELETE', ''],
      ['GET', `/tables/${tableId}`],
      ['GET', `/tables/${tableId}/export?format=json`],
      ['POST', '/tables', { text: fixtureRead('tan-ky-2026-kpi.tsv') }],
      ['POST', '/tables?preview=1', { text: fixtureRead('tan-ky-2026-kpi.tsv') }],
      ['GET', '/activity'],
      ['GET', '/members'],
      ['GET', '/versions'],
      ['POST', '/versions', { name: 'Bản dò' }],
      ['GET', '/versions/v1'],
      ['GET', '/versions/v1/snapshot'],
      ['GET', `/versions/v1/tables/${tableId}`],
      ['GET', `/versions/v1/tables/${tableId}/export?format=json`],
      ['GET', `/compare?table=${tableId}&from=live`],
    ];
    for (const who of ['xuanloc', 'nobody']) {
      for (const [method, rest, body] of routes) {
        const ask = (planId: string) =>
          app.request(`/api/plans/${planId}${rest}`, {
            method,
            headers: { ...bearer(tokens[who] ?? ''), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        const member = await ask(plan.id);
        const unknown = await ask('khong-co-ke-hoach');
        const where = `${who} ${method} ${rest}`;
        expect(member.status, where).toBe(404);
        expect({ status: member.status, body: await member.text() }, where).toEqual({ status: unknown.status, body: await unknown.text() });
      }
    }
    expect((await get(`/api/plans/${plan.id}`, 'vhxh')).status).toBe(200);
  });
});

describe('GET /api/plans/:planId/tables/:tableId', () => {
  it('answers the typed table with numbers, and owners read from the lead cells', async () => {
    const { tables } = (await (await get(`/api/plans/${plan.id}`, 'lanhdao')).json()) as { tables: Array<{ id: string }> };
    const res = await get(`/api/plans/${plan.id}/tables/${tables[0]?.id}`, 'lanhdao');
    expect(res.status).toBe(200);
    const table = (await res.json()) as TableModel;
    const sections = table.rows.filter((r) => r.kind === 'section');
    expect(sections.map((s) => `${s.number}. ${s.label}`)).toEqual(['I. CHÍNH QUYỀN SỐ', 'II. KINH TẾ SỐ', 'III. XÃ HỘI SỐ']);
    expect(table.rows.filter((r) => r.kind === 'item')).toHaveLength(17);
    const economy = table.rows.find((r) => r.kind === 'item' && r.cells.lead === 'Phòng Kinh tế xã');
    expect(economy).toMatchObject({ number: '1', owners: [unitId('Phòng Kinh tế')] });
    const shared = table.rows.find((r) => r.kind === 'item' && r.cells.lead?.startsWith('Trung tâm PV HCC/'));
    expect(shared?.kind === 'item' && [...(shared.owners ?? [])].sort()).toEqual(
      [unitId('Trung tâm Phục vụ hành chính công'), unitId('Phòng Kinh tế'), unitId('Hội Liên hiệp Phụ nữ xã')].sort(),
    );
  });

  it('answers 404 tableNotFound for a table the plan does not have', async () => {
    const res = await get(`/api/plans/${plan.id}/tables/khongco`, 'vhxh');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('tableNotFound');
  });
});

describe('POST /api/plans', () => {
  it('is for admins only', async () => {
    const res = await postJson('/api/plans', 'vhxh', { commune: 'Tân Kỳ', year: 2026 });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Chỉ quản trị viên được tạo kế hoạch.');
  });

  it('creates an empty plan that the document reader can open', async () => {
    const res = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', province: 'Hải Phòng', year: 2026 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string; title: string }; tables: unknown[] };
    expect(body.tables).toEqual([]);
    expect(body.plan.title).toBe('Kế hoạch chuyển đổi số năm 2026 của xã Tân Kỳ');
    const detail = (await (await get(`/api/plans/${body.plan.id}`, 'admin')).json()) as { plan: { meta: { commune: string } } };
    expect(detail.plan.meta.commune).toBe('Tân Kỳ');
    const snapshot = await t.ctx.sql.get('SELECT upto_seq FROM doc_snapshots WHERE plan_id = ?', [body.plan.id]);
    expect(snapshot).toEqual({ upto_seq: 0 });
    expect(await t.ctx.sql.all('SELECT action FROM audit WHERE plan_id = ?', [body.plan.id])).toEqual([{ action: 'plan.create' }]);
  });

  it('creates a plan with one empty table from a template, labels for the plan year', async () => {
    const res = await postJson('/api/plans', 'admin', { commune: 'Xuân Lộc', year: 2027, template: 'indicators', title: 'Kế hoạch CĐS 2027' });
    const body = (await res.json()) as { plan: { id: string; title: string }; tables: Array<{ id: string; template: string; rows: number }> };
    expect(body.plan.title).toBe('Kế hoạch CĐS 2027');
    expect(body.tables).toMatchObject([{ template: 'indicators', rows: 0 }]);
    const table = (await (await get(`/api/plans/${body.plan.id}/tables/${body.tables[0]?.id}`, 'admin')).json()) as TableModel;
    expect(table.columns.map((c) => c.label)).toContain('Chỉ tiêu phấn đấu năm 2027');
  });

  it('creates a plan from an imported table sent as JSON text', async () => {
    const res = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', year: 2026, text: fixtureRead('tan-ky-2026-kpi.tsv'), format: 'tsv' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string }; tables: Array<{ id: string; template: string }> };
    expect(body.tables[0]?.template).toBe('kpi');
    const rows = await t.ctx.docs.withDoc(body.plan.id, (doc) => planDocReadTable(doc, body.tables[0]?.id ?? '').rows.length);
    expect(rows).toBeGreaterThan(5);
  });

  it('creates a plan from a file whose heading gives the plan number and date, and keeps them in the plan meta', async () => {
    const heading = 'PHỤ LỤC\nNHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026\n(Kèm theo Kế hoạch số 123/KH-UBND ngày 20/11/2026 của UBND xã Tân Kỳ)\n';
    const res = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', year: 2026, text: heading + fixtureRead('tan-ky-2026-kpi.tsv'), format: 'tsv' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string } };
    const meta = await t.ctx.docs.withDoc(body.plan.id, (doc) => planDocReadMeta(doc));
    expect(meta).toMatchObject({ planNumber: '123/KH-UBND', issuedOn: '2026-11-20' });
  });

  it('creates a plan from a file uploaded in a multipart form', async () => {
    const form = new FormData();
    form.set('commune', 'Tân Thanh');
    form.set('year', '2026');
    form.set('file', new File([fixtureRead('tan-thanh-2026-tasks.tsv')], 'phu-luc.tsv', { type: 'text/tab-separated-values' }));
    const res = await app.request('/api/plans', { method: 'POST', headers: bearer(tokens.admin ?? ''), body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { tables: Array<{ template: string; rows: number }> };
    expect(body.tables).toMatchObject([{ template: 'tasks-detailed', rows: 20 }]);
  });

  it('answers 422 with the importer’s reason for text that holds no table', async () => {
    const res = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', year: 2026, text: 'xin chào\tbạn', format: 'tsv' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('importFailed');
    expect(body.error.message).toMatch(/^Không đọc được bảng: ./);
  });

  it('answers a validation error naming the field in Vietnamese', async () => {
    const year = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', year: 'năm sau' });
    expect(year.status).toBe(400);
    const body = (await year.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toMatch(/^Năm kế hoạch: /);
    const commune = (await (await postJson('/api/plans', 'admin', { year: 2026 })).json()) as { error: { message: string } };
    expect(commune.error.message).toMatch(/^Tên xã: /);
    const template = await postJson('/api/plans', 'admin', { commune: 'Tân Kỳ', year: 2026, template: 'khong-co' });
    expect(((await template.json()) as { error: { message: string } }).error.message).toMatch(/^Mẫu bảng: /);
  });

  it('answers 413 for a body above the limit', async () => {
    const small = testApp({ ...t.ctx, config: { ...t.ctx.config, maxBodyBytes: 1024 } });
    const res = await small.request('/api/plans', {
      method: 'POST',
      headers: { ...bearer(tokens.admin ?? ''), 'Content-Type': 'application/json' },
      body: JSON.stringify({ commune: 'Tân Kỳ', year: 2026, text: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payloadTooLarge');
  });
});

describe('DELETE /api/plans/:planId', () => {
  it('is refused to a coordinator', async () => {
    const res = await app.request(`/api/plans/${plan.id}`, { method: 'DELETE', headers: bearer(tokens.vhxh ?? '') });
    expect(res.status).toBe(403);
  });

  it('hides the plan from everyone once an admin deletes it, keeping its data', async () => {
    const res = await app.request(`/api/plans/${plan.id}`, { method: 'DELETE', headers: bearer(tokens.admin ?? '') });
    expect(res.status).toBe(200);
    expect((await get(`/api/plans/${plan.id}`, 'vhxh')).status).toBe(404);
    const { plans } = (await (await get('/api/plans', 'admin')).json()) as { plans: Listed[] };
    expect(plans.map((p) => p.id)).toEqual([other.id]);
    expect(await t.ctx.sql.get('SELECT count(*) AS n FROM doc_snapshots WHERE plan_id = ?', [plan.id])).toEqual({ n: 1 });
  });
});

describe('GET /api/units', () => {
  it('lists the unit directory to a logged-in user', async () => {
    const { units } = (await (await get('/api/units', 'kinhte')).json()) as { units: Array<{ id: string; name: string; scope: string }> };
    expect(units.length).toBe(t.ctx.units.units.length);
    expect(units[0]).toMatchObject({ name: 'Văn phòng HĐND và UBND xã', scope: 'commune' });
  });
});
