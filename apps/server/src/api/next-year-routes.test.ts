/**
 * Next year's plan from this one, on the Tân Thanh plan: the preview (rows carried or left out,
 * timeframes rolled), the creation (one new plan of 2027 with the rolled tables, carried marks,
 * owners, members, last year's evaluation), who may do it, and a second creation refused.
 */
import {
  NEXT_YEAR_META_KEY,
  type NextYearPreview,
  nextYearEvaluationParse,
  planDocProgressWrite,
  planDocReadMeta,
  planDocReadTable,
  planDocTableIds,
  type TableModel,
  unitFind,
} from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipsOfPlan } from '../auth/memberships.ts';
import { auditPage } from '../store/audit.ts';
import type { PlanRecord } from '../store/plans.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
const tokens: Record<string, string> = {};
const unitId = (name: string) => unitFind(t.ctx.units, name)?.id ?? 'missing';

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  await testUserAdd(t.ctx, { username: 'vhxh', plan: { id: plan.id, role: 'coordinator', unitId: unitId('Phòng Văn hóa - Xã hội') } });
  await testUserAdd(t.ctx, { username: 'kinhte', plan: { id: plan.id, role: 'editor', unitId: unitId('Phòng Kinh tế') } });
  await testUserAdd(t.ctx, { username: 'lanhdao', plan: { id: plan.id, role: 'reviewer' } });
  await testUserAdd(t.ctx, { username: 'nobody' });
  for (const name of ['vhxh', 'kinhte', 'lanhdao', 'nobody']) tokens[name] = await testLogin(app, name);
});
afterEach(async () => {
  await t.cleanup();
});

const get = (path: string, who: string) => app.request(path, { headers: bearer(tokens[who] ?? '') });
const post = (path: string, who: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { ...bearer(tokens[who] ?? ''), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** The source plan's only table. */
async function sourceTable(): Promise<TableModel> {
  return t.ctx.docs.withDoc(plan.id, (doc) => planDocReadTable(doc, planDocTableIds(doc)[0] as string));
}

/** Reports rows of the source plan «Hoàn thành» for December, as their departments would. */
async function reportDone(rowIds: readonly string[]): Promise<void> {
  const at = Date.UTC(2026, 11, 20);
  await t.ctx.docs.applyLocalTo?.(
    plan.id,
    (doc) => {
      for (const id of rowIds) planDocProgressWrite(doc, id, '2026-12', { status: 'done', result: 'Đã xong' }, { userId: 'u', unitId: 'vhxh' }, '2026-12-20T08:00:00.000Z');
    },
    { userId: null, at, changes: [] },
  );
}

/** A one-off row of the source ("Quý …/2026", not "Thường xuyên"). */
function oneOff(table: TableModel): string {
  const row = table.rows.find((r) => r.kind === 'item' && /^Quý .*\/2026$/.test(r.cells.timeframe ?? ''));
  if (!row?.id) throw new Error('no one-off row');
  return row.id;
}

describe('GET /api/plans/:planId/next-year', () => {
  it('previews every row carried, with «Quý I–IV/2026 → Quý I–IV/2027» among the changes, when nothing is reported', async () => {
    const res = await get(`/api/plans/${plan.id}/next-year`, 'vhxh');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as NextYearPreview;
    const table = await sourceTable();
    const items = table.rows.filter((r) => r.kind === 'item');
    expect(preview.counts).toMatchObject({ carried: items.length, leftOut: 0 });
    expect(preview.meta).toMatchObject({ year: 2027, title: 'Kế hoạch chuyển đổi số năm 2027 của xã Tân Thanh', planNumber: '', issuedOn: '' });
    const changes = preview.tables[0]?.rows.flatMap((r) => r.changes) ?? [];
    expect(changes).toContainEqual({ field: 'timeframe', label: 'Thời gian thực hiện', before: 'Quý I–IV/2026', after: 'Quý I–IV/2027' });
    expect(preview.existing).toEqual([]);
  });

  it('lists a finished one-off row as left out', async () => {
    const done = oneOff(await sourceTable());
    await reportDone([done]);
    const preview = (await (await get(`/api/plans/${plan.id}/next-year`, 'vhxh')).json()) as NextYearPreview;
    expect(preview.tables[0]?.rows.find((r) => r.rowId === done)).toMatchObject({ kind: 'item', decision: 'leftOut', reason: 'finished' });
    expect(preview.counts.leftOut).toBe(1);
    expect(preview.evaluation.tasks.done).toBe(1);
  });

  it('answers 403 to an editor and a leader, 404 to a non-member', async () => {
    expect((await get(`/api/plans/${plan.id}/next-year`, 'kinhte')).status).toBe(403);
    expect((await get(`/api/plans/${plan.id}/next-year`, 'lanhdao')).status).toBe(403);
    expect((await get(`/api/plans/${plan.id}/next-year`, 'nobody')).status).toBe(404);
    expect((await post(`/api/plans/${plan.id}/next-year`, 'kinhte', { include: [] })).status).toBe(403);
  });
});

describe('POST /api/plans/:planId/next-year', () => {
  it('creates the 2027 plan: rolled timeframes, carried marks, owners, members, evaluation; a finished row left out', async () => {
    const source = await sourceTable();
    const done = oneOff(source);
    await reportDone([done]);
    const res = await post(`/api/plans/${plan.id}/next-year`, 'vhxh', { include: [] });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string; year: number; commune: string; title: string }; tables: Array<{ id: string; rows: number }> };
    expect(body.plan).toMatchObject({ year: 2027, commune: 'Tân Thanh', title: 'Kế hoạch chuyển đổi số năm 2027 của xã Tân Thanh' });
    expect(body.tables[0]?.rows).toBe(source.rows.length - 1);

    const { meta, table, previous } = await t.ctx.docs.withDoc(body.plan.id, (doc) => ({
      meta: planDocReadMeta(doc),
      table: planDocReadTable(doc, planDocTableIds(doc)[0] as string),
      previous: nextYearEvaluationParse(doc.getMap('meta').get(NEXT_YEAR_META_KEY)),
    }));
    expect(meta).toMatchObject({ year: 2027, planNumber: '', issuedOn: '' });
    const sourceItems = source.rows.filter((r) => r.kind === 'item' && r.id !== done);
    const items = table.rows.filter((r) => r.kind === 'item');
    expect(items.map((r) => r.kind === 'item' && r.owners)).toEqual(sourceItems.map((r) => r.kind === 'item' && r.owners));
    expect(items.every((r) => r.kind === 'item' && r.carriedFrom === '2026')).toBe(true);
    const timeframes = items.map((r) => (r.kind === 'item' ? r.cells.timeframe : ''));
    expect(timeframes).toContain('Quý I–IV/2027');
    expect(timeframes.join('|')).not.toMatch(/Quý [IV–]+\/2026/);
    expect(table.rows.filter((r) => r.kind === 'section').map((r) => r.kind === 'section' && r.label)).toEqual(
      source.rows.filter((r) => r.kind === 'section').map((r) => r.kind === 'section' && r.label),
    );
    expect(previous).toMatchObject({ planId: plan.id, year: 2026, tasks: { done: 1 } });

    const members = await membershipsOfPlan(t.ctx.sql, body.plan.id);
    expect(members.map((m) => [m.username, m.role, m.unitId])).toEqual((await membershipsOfPlan(t.ctx.sql, plan.id)).map((m) => [m.username, m.role, m.unitId]));
    const audit = await auditPage(t.ctx.sql, body.plan.id, { limit: 5 });
    expect(audit.map((a) => a.action)).toEqual(['plan.create']);
  });

  it('keeps a finished row when the person includes it', async () => {
    const source = await sourceTable();
    const done = oneOff(source);
    await reportDone([done]);
    const res = await post(`/api/plans/${plan.id}/next-year`, 'vhxh', { include: [done] });
    const body = (await res.json()) as { tables: Array<{ rows: number }> };
    expect(body.tables[0]?.rows).toBe(source.rows.length);
  });

  it('refuses a second 2027 plan of the commune unless forced, and the preview names the first', async () => {
    expect((await post(`/api/plans/${plan.id}/next-year`, 'vhxh', {})).status).toBe(201);
    const again = await post(`/api/plans/${plan.id}/next-year`, 'vhxh', {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('đã có kế hoạch năm 2027');
    const preview = (await (await get(`/api/plans/${plan.id}/next-year`, 'vhxh')).json()) as NextYearPreview;
    expect(preview.existing).toHaveLength(1);
    expect((await post(`/api/plans/${plan.id}/next-year`, 'vhxh', { force: true })).status).toBe(201);
  });

  it('names the plan after another commune when asked (a merged commune), which has no 2027 plan yet', async () => {
    const res = await post(`/api/plans/${plan.id}/next-year`, 'vhxh', { commune: 'Tân Thanh Mới' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { plan: { id: string; commune: string; title: string } };
    expect(body.plan).toMatchObject({ commune: 'Tân Thanh Mới', title: 'Kế hoạch chuyển đổi số năm 2027 của xã Tân Thanh Mới' });
    expect(await t.ctx.docs.withDoc(body.plan.id, (doc) => planDocReadMeta(doc).commune)).toBe('Tân Thanh Mới');
  });
});
