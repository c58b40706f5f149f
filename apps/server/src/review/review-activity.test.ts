/** The activity feed tells review changes in words: approvals, requests for changes, resets, of rows and tables. */
import { activityPageSchema, activityText, planDocReadTable, planDocTableIds, type TableModel, unitFind } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditAction, type AuditChange, auditAppend } from '../store/audit.ts';
import type { PlanRecord } from '../store/plans.ts';
import type { UserRecord } from '../store/users.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';
import { REVIEW_RESET_ACTION, REVIEW_RESET_FIELD } from './review-reset.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
let table: TableModel & { id: string };
let leader: UserRecord;
let kinhte: UserRecord;
let token: string;

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  table = await t.ctx.docs.withDoc(plan.id, (doc) => {
    const id = planDocTableIds(doc)[0] ?? '';
    return { ...planDocReadTable(doc, id), id };
  });
  leader = await testUserAdd(t.ctx, { username: 'lanhdao', name: 'Võ Văn Lãnh', plan: { id: plan.id, role: 'reviewer', unitId: null } });
  kinhte = await testUserAdd(t.ctx, {
    username: 'kinhte',
    name: 'Trần Văn Kinh',
    plan: { id: plan.id, role: 'editor', unitId: unitFind(t.ctx.units, 'Phòng Kinh tế')?.id ?? null },
  });
  token = await testLogin(app, 'lanhdao');
});
afterEach(async () => {
  await t.cleanup();
});

function rowAt(cite: string): string {
  let section = '';
  for (const row of table.rows) {
    if (row.kind === 'section') section = row.number ?? '';
    else if (`${section}.${row.number}` === cite && row.id) return row.id;
  }
  throw new Error(`no row ${cite}`);
}

async function audit(userId: string, changes: AuditChange[], action: AuditAction = 'update'): Promise<void> {
  await auditAppend(t.ctx.sql, { planId: plan.id, userId, action, changes });
}

async function sentences(): Promise<string[]> {
  const res = await app.request(`/api/plans/${plan.id}/activity`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return activityPageSchema
    .parse(await res.json())
    .entries.map((e) => activityText(e, 'vi'))
    .reverse();
}

describe('review activity', () => {
  it('says which state a reviewer set, on a row or on a whole table', async () => {
    await audit(leader.id, [{ tableId: null, rowId: rowAt('II.1'), field: '(review:approved)' }]);
    await audit(leader.id, [{ tableId: null, rowId: rowAt('II.2'), field: '(review:changes_requested)' }]);
    await audit(leader.id, [{ tableId: null, rowId: rowAt('II.2'), field: '(review:pending)' }]);
    await audit(leader.id, [{ tableId: null, rowId: table.id, field: '(review:approved)' }]);
    await audit(leader.id, [{ tableId: null, rowId: rowAt('I.3'), field: '(review)' }]);
    expect(await sentences()).toEqual([
      'Võ Văn Lãnh duyệt dòng II.1',
      'Võ Văn Lãnh yêu cầu sửa dòng II.2',
      'Võ Văn Lãnh đưa dòng II.2 về chờ duyệt',
      `Võ Văn Lãnh duyệt bảng «${table.title}»`,
      'Võ Văn Lãnh duyệt dòng I.3',
    ]);
  });

  it('tells a request for changes once, though its reason is written as a comment', async () => {
    await audit(leader.id, [
      { tableId: null, rowId: rowAt('II.2'), field: '(review:changes_requested)' },
      { tableId: null, rowId: rowAt('II.2'), field: '(comment)' },
    ]);
    expect(await sentences()).toEqual(['Võ Văn Lãnh yêu cầu sửa dòng II.2']);
  });

  it('tells a reset as the rows (and table) going back to pending because of the editor', async () => {
    await audit(kinhte.id, [{ tableId: table.id, rowId: rowAt('II.1'), field: REVIEW_RESET_FIELD }], REVIEW_RESET_ACTION);
    await audit(
      kinhte.id,
      [
        { tableId: table.id, rowId: rowAt('II.2'), field: REVIEW_RESET_FIELD },
        { tableId: table.id, rowId: null, field: REVIEW_RESET_FIELD },
      ],
      REVIEW_RESET_ACTION,
    );
    expect(await sentences()).toEqual([
      'Dòng II.1 đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi',
      `Dòng II.2, bảng «${table.title}» đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi`,
    ]);
  });
});
