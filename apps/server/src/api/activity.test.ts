/**
 * The activity feed: audit entries sent as structured stories, newest first, page by page, and
 * read as Vietnamese sentences (the web's default language) or English ones.
 */
import { type ActivityPage, activityPageSchema, activityText, planDocReadTable, planDocTableIds, type TableModel, unitFind } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditAction, type AuditChange, auditAppend } from '../store/audit.ts';
import type { PlanRecord } from '../store/plans.ts';
import type { UserRecord } from '../store/users.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
let table: TableModel;
let kinhte: UserRecord;
let admin: UserRecord;
let token: string;

beforeEach(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx);
  plan = await testPlanTanThanh(t.ctx);
  table = await t.ctx.docs.withDoc(plan.id, (doc) => planDocReadTable(doc, planDocTableIds(doc)[0] ?? ''));
  kinhte = await testUserAdd(t.ctx, {
    username: 'kinhte',
    name: 'Trần Thị Kinh',
    plan: { id: plan.id, role: 'editor', unitId: unitFind(t.ctx.units, 'Phòng Kinh tế')?.id ?? null },
  });
  admin = await testUserAdd(t.ctx, { username: 'admin', name: 'Quản trị hệ thống', admin: true });
  token = await testLogin(app, 'kinhte');
});
afterEach(async () => {
  await t.cleanup();
});

/** The id of the row cited as `cite` ("II.3", or "II" for a section). */
function rowAt(cite: string): string {
  let section = '';
  for (const row of table.rows) {
    if (row.kind === 'section') section = row.number ?? '';
    const here = row.kind === 'section' ? section : `${section}.${row.number}`;
    if (here === cite && row.id) return row.id;
  }
  throw new Error(`no row ${cite}`);
}

function audit(userId: string | null, changes: AuditChange[], action: AuditAction = 'update', detail: string | null = null): Promise<number> {
  return auditAppend(t.ctx.sql, { planId: plan.id, userId, action, changes, detail });
}

async function page(query = ''): Promise<ActivityPage> {
  const res = await app.request(`/api/plans/${plan.id}/activity${query}`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return activityPageSchema.parse(await res.json());
}

/** The entries as the Vietnamese UI reads them. */
async function sentences(query = ''): Promise<string[]> {
  return (await page(query)).entries.map((e) => activityText(e, 'vi'));
}

describe('activity sentences', () => {
  it('names the unit, the column label and the computed row number', async () => {
    await audit(kinhte.id, [{ tableId: table.id ?? '', rowId: rowAt('II.3'), field: 'timeframe' }]);
    expect(await sentences()).toEqual(['Phòng Kinh tế sửa «Thời gian thực hiện» dòng II.3']);
  });

  it('lists several fields of one row once, and several rows separated by semicolons', async () => {
    const tableId = table.id ?? '';
    await audit(kinhte.id, [
      { tableId, rowId: rowAt('II.3'), field: 'timeframe' },
      { tableId, rowId: rowAt('II.3'), field: 'output' },
      { tableId, rowId: rowAt('II.3'), field: 'timeframe' },
      { tableId, rowId: rowAt('II.1'), field: 'note' },
    ]);
    expect(await sentences()).toEqual(['Phòng Kinh tế sửa «Thời gian thực hiện», «Sản phẩm/Kết quả đầu ra» dòng II.3; sửa «Ghi chú» dòng II.1']);
  });

  it('says "dòng đã xoá" for a row that no longer exists', async () => {
    await audit(kinhte.id, [{ tableId: table.id ?? '', rowId: 'dong-da-mat', field: 'note' }]);
    expect(await sentences()).toEqual(['Phòng Kinh tế sửa «Ghi chú» dòng đã xoá']);
  });

  it('tells a row inserted as "thêm dòng", also from entries that recorded its empty comment list as a comment', async () => {
    const tableId = table.id ?? '';
    await audit(kinhte.id, [
      { tableId, rowId: rowAt('II.3'), field: '(row.created)' },
      { tableId: null, rowId: rowAt('II.3'), field: '(comment)' },
    ]);
    expect(await sentences()).toEqual(['Phòng Kinh tế thêm dòng II.3']);
  });

  it('tells row creation, deletion, moves, comments, reviews, section titles and plan info apart', async () => {
    const tableId = table.id ?? '';
    await audit(kinhte.id, [{ tableId, rowId: rowAt('II.3'), field: '(row.created)' }]);
    await audit(kinhte.id, [{ tableId, rowId: 'dong-da-mat', field: '(row.deleted)' }]);
    await audit(kinhte.id, [{ tableId, rowId: rowAt('I.2'), field: 'order' }]);
    await audit(kinhte.id, [{ tableId: null, rowId: rowAt('III.4'), field: '(comment)' }]);
    await audit(admin.id, [{ tableId: null, rowId: rowAt('III.4'), field: '(review)' }]);
    await audit(admin.id, [{ tableId, rowId: rowAt('II'), field: 'label' }]);
    await audit(admin.id, [{ tableId: null, rowId: null, field: '(meta).title' }]);
    await audit(admin.id, [{ tableId, rowId: null, field: 'columns' }]);
    expect((await sentences()).reverse()).toEqual([
      'Phòng Kinh tế thêm dòng II.3',
      'Phòng Kinh tế xoá một dòng',
      'Phòng Kinh tế di chuyển dòng I.2',
      'Phòng Kinh tế bình luận dòng III.4',
      'Quản trị hệ thống duyệt dòng III.4',
      'Quản trị hệ thống sửa tên mục II',
      'Quản trị hệ thống sửa thông tin kế hoạch',
      `Quản trị hệ thống sửa các cột của bảng «${table.title}»`,
    ]);
  });

  it('explains a rejected update with its reason', async () => {
    await audit(kinhte.id, [{ tableId: table.id ?? '', rowId: rowAt('II.3'), field: 'lead' }], 'rejected', 'Chỉ bộ phận đầu mối được giao đơn vị chủ trì.');
    expect(await sentences()).toEqual([
      'Phòng Kinh tế bị từ chối khi sửa «Người/Đơn vị chủ trì» dòng II.3: Chỉ bộ phận đầu mối được giao đơn vị chủ trì.',
    ]);
  });

  it('names a user without a unit by their name, and the system when there is no user', async () => {
    await audit(admin.id, [], 'plan.create');
    await audit(null, [{ tableId: table.id ?? '', rowId: rowAt('I.1'), field: 'task' }]);
    expect(await sentences()).toEqual(['Hệ thống sửa «Nhiệm vụ cụ thể» dòng I.1', 'Quản trị hệ thống tạo kế hoạch']);
  });
});

describe('activity entries', () => {
  it('are sent as structured stories, with no sentence in any language', async () => {
    const tableId = table.id ?? '';
    await audit(kinhte.id, [{ tableId, rowId: rowAt('II.3'), field: 'timeframe' }]);
    await audit(kinhte.id, [{ tableId: null, rowId: rowAt('III.4'), field: '(comment)' }]);
    await audit(admin.id, [{ tableId: null, rowId: rowAt('III.4'), field: '(review:approved)' }]);
    await audit(null, [{ tableId, rowId: 'dong-da-mat', field: '(row.deleted)' }]);
    const res = await app.request(`/api/plans/${plan.id}/activity`, { headers: bearer(token) });
    const raw = await res.text();
    expect(raw).not.toMatch(/sentence|sửa|dòng|duyệt|bình luận|xoá|Hệ thống/);
    const { entries } = activityPageSchema.parse(JSON.parse(raw));
    expect(entries.map((e) => [e.actor, e.story]).reverse()).toEqual([
      [
        { kind: 'person', name: 'Phòng Kinh tế' },
        {
          kind: 'update',
          groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Thời gian thực hiện' }], place: { kind: 'row', row: { kind: 'item', number: 'II.3' }, table: null } }]],
          more: 0,
        },
      ],
      [{ kind: 'person', name: 'Phòng Kinh tế' }, { kind: 'update', groups: [[{ kind: 'commented', place: { kind: 'row', row: { kind: 'item', number: 'III.4' }, table: null } }]], more: 0 }],
      [
        { kind: 'person', name: 'Quản trị hệ thống' },
        { kind: 'update', groups: [[{ kind: 'reviewed', state: 'approved', place: { kind: 'row', row: { kind: 'item', number: 'III.4' }, table: null } }]], more: 0 },
      ],
      [{ kind: 'system' }, { kind: 'update', groups: [[{ kind: 'rowDeleted' }]], more: 0 }],
    ]);
  });

  it('read in English for the English UI', async () => {
    const tableId = table.id ?? '';
    await audit(kinhte.id, [
      { tableId, rowId: rowAt('II.3'), field: 'timeframe' },
      { tableId, rowId: rowAt('II.1'), field: 'note' },
    ]);
    await audit(kinhte.id, [{ tableId: null, rowId: rowAt('III.4'), field: '(comment)' }]);
    await audit(admin.id, [{ tableId: null, rowId: rowAt('II.2'), field: '(review:changes_requested)' }]);
    await audit(kinhte.id, [{ tableId, rowId: rowAt('II.1'), field: '(review:reset)' }], 'review.reset');
    await audit(null, [{ tableId, rowId: rowAt('I.1'), field: '(row.created)' }]);
    await audit(admin.id, [], 'version.create', 'Dự thảo lần 1');
    const english = (await page()).entries.map((e) => activityText(e, 'en')).reverse();
    expect(english).toEqual([
      'Phòng Kinh tế edited «Thời gian thực hiện» in row II.3; edited «Ghi chú» in row II.1',
      'Phòng Kinh tế commented on row III.4',
      'Quản trị hệ thống requested changes to row II.2',
      'Row II.1, approved, went back to pending because Phòng Kinh tế edited it',
      'The system added row I.1',
      'Quản trị hệ thống saved the version «Dự thảo lần 1»',
    ]);
  });

  it('pass on an action this version does not know as it is stored', async () => {
    await t.ctx.sql.run('INSERT INTO audit (plan_id, user_id, at, action, changes, detail) VALUES (?, ?, ?, ?, ?, ?)', [plan.id, kinhte.id, Date.now(), 'plan.archive', '[]', 'lưu trữ']);
    const [entry] = (await page()).entries;
    expect(entry?.story).toEqual({ kind: 'other', action: 'plan.archive', detail: 'lưu trữ' });
    expect(await sentences()).toEqual(['Phòng Kinh tế: plan.archive (lưu trữ)']);
  });
});

describe('activity paging', () => {
  it('answers newest first, a page at a time, with the cursor of the next page', async () => {
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await audit(kinhte.id, [{ tableId: table.id ?? '', rowId: rowAt(`I.${n}`), field: 'note' }]));
    // Logins are not about a plan and never show in a plan's feed.
    await auditAppend(t.ctx.sql, { planId: '', userId: kinhte.id, action: 'login' });
    const first = await page('?limit=2');
    expect(first.entries.map((e) => e.id)).toEqual([ids[4], ids[3]]);
    expect(first.entries[0]).toMatchObject({ unit: { name: 'Phòng Kinh tế' }, user: { name: 'Trần Thị Kinh' } });
    expect(activityText(first.entries[0] ?? { actor: { kind: 'system' }, story: { kind: 'login' } }, 'vi')).toBe('Phòng Kinh tế sửa «Ghi chú» dòng I.5');
    expect(first.next).toBe(ids[3]);
    const last = await page(`?limit=3&before=${first.next}`);
    expect(last.entries.map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(last.next).toBeNull();
  });

  it('refuses a limit out of range with a validation error', async () => {
    const res = await app.request(`/api/plans/${plan.id}/activity?limit=5000`, { headers: bearer(token) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation');
  });
});
