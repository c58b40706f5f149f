import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor, PlanChange } from './permissions.ts';
import { FIXTURE_TEMPLATES, fixtureTable } from './plan-doc-fixtures.test-helper.ts';
import { planDocChangesRequest, planDocCommentAdd, planDocComments, planDocCommentResolve, planDocReview, planDocReviews, planDocReviewSet } from './plan-doc-comments.ts';
import type { PlanComment, PlanReview } from './plan-doc-comments.ts';
import { planDocCreate, planDocImportTable, planDocReadTable } from './plan-doc.ts';
import {
  REVIEW_STATE_LABELS,
  commentThreads,
  planDocCommentsById,
  reviewByUnit,
  reviewNoticesFor,
  reviewRowConcerns,
  reviewIsReset,
  reviewPercent,
  reviewResetsFor,
  reviewRowDue,
  reviewRowsEdited,
  reviewStateOf,
  reviewTableSummarize,
  reviewTotals,
} from './review.ts';
import type { TableModel } from './table-model.ts';
import { unitDirectoryDefault, unitsLeading } from './units.ts';
import { validateTable } from './validate.ts';

const units = unitDirectoryDefault();
const KINH_TE = 'phong-kinh-te';

/** A fixture imported into a plan document the way the server does (owners from the lead). */
function fixturePlan(name: string): { doc: Y.Doc; tableId: string; table: TableModel } {
  const template = FIXTURE_TEMPLATES.find(([file]) => file === name)?.[1];
  if (!template) throw new Error(name);
  const doc = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, fixtureTable(name, template), { ownersOf: (row) => unitsLeading(units, row.cells.lead ?? '') });
  return { doc, tableId, table: planDocReadTable(doc, tableId) };
}

function summarize(plan: { doc: Y.Doc; tableId: string; table: TableModel }) {
  const findings = validateTable(plan.table, { tableId: plan.tableId, planYear: 2026, units });
  return { findings, summary: reviewTableSummarize(plan.table, plan.tableId, findings, planDocReviews(plan.doc), { planYear: 2026 }) };
}

const itemIds = (table: TableModel): string[] => table.rows.filter((r) => r.kind === 'item').map((r) => r.id as string);

describe('review summaries of the Tân Thạnh tasks', () => {
  const plan = fixturePlan('tan-thanh-2026-tasks.tsv');
  const { findings, summary } = summarize(plan);

  it('counts rows, complete rows ("6 rõ": no error) and findings like the validator', () => {
    const items = itemIds(plan.table);
    expect(summary.rows).toBe(items.length);
    const rowsWithErrors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rowId));
    expect(summary.complete).toBe(items.filter((id) => !rowsWithErrors.has(id)).length);
    expect(summary.errors).toBe(findings.filter((f) => f.severity === 'error').length);
    expect(summary.warnings).toBe(findings.filter((f) => f.severity === 'warning').length);
    expect(summary.reviews).toEqual({ pending: items.length, changes_requested: 0, approved: 0 });
  });

  it('groups rows by section with their computed numbers, and the sections add up to the table', () => {
    expect(summary.bySection.map((s) => [s.number, s.label])).toEqual([
      ['I', 'CHÍNH QUYỀN SỐ'],
      ['II', 'KINH TẾ SỐ'],
      ['III', 'XÃ HỘI SỐ'],
    ]);
    expect(summary.bySection.reduce((n, s) => n + s.rows, 0)).toBe(summary.rows);
    expect(summary.bySection.reduce((n, s) => n + s.warnings, 0)).toBe(summary.warnings);
  });

  it('gives each department its rows, Phòng Kinh tế among them, unassigned rows last', () => {
    const kinhTe = summary.byUnit.find((u) => u.unitId === KINH_TE);
    const led = plan.table.rows.filter((r) => r.kind === 'item' && (r.owners ?? []).includes(KINH_TE)).length;
    expect(led).toBeGreaterThan(0);
    expect(kinhTe?.rows).toBe(led);
    const last = summary.byUnit[summary.byUnit.length - 1];
    if (summary.byUnit.some((u) => u.unitId === null)) expect(last?.unitId).toBeNull();
    // Least complete first.
    const ratios = summary.byUnit.filter((u) => u.unitId !== null).map((u) => u.complete / u.rows);
    expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
  });

  it('puts every row on the timeline by the quarter of its due date', () => {
    const total = summary.byDue.reduce((n, d) => n + d.rows, 0);
    expect(total).toBe(summary.rows);
    const by = new Map(summary.byDue.map((d) => [d.bucket, d]));
    // "Quý I/2026" is due in Q1, "Quý II/2026" in Q2, "Quý I–IV/2026" and "Năm 2026"-like spans in Q4.
    expect(by.get('q1')?.rows).toBe(1);
    expect(by.get('q2')?.rows).toBe(1);
    expect(by.get('q4')?.rows).toBeGreaterThanOrEqual(12);
    expect(by.get('continuous')?.rows).toBe(2);
    // Q1 is active for "Quý I/2026", the six "Quý I–IV/2026" and both "Thường xuyên".
    expect(by.get('q1')?.active).toBe(9);
    expect(summary.byDue.slice(0, 4).map((d) => d.bucket)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });
});

describe('review summaries of the other fixtures', () => {
  it('places the recurring tasks as recurring and leaves the indicators off the timeline', () => {
    const recurring = summarize(fixturePlan('tan-ky-2026-recurring.tsv')).summary;
    expect(recurring.timed).toBe(true);
    const buckets = new Map(recurring.byDue.map((d) => [d.bucket, d.rows]));
    expect((buckets.get('recurring') ?? 0) + (buckets.get('unclear') ?? 0)).toBe(recurring.rows);
    expect(buckets.get('recurring')).toBeGreaterThan(0);

    const indicators = summarize(fixturePlan('xuan-loc-2026-indicators.tsv')).summary;
    expect(indicators.timed).toBe(false);
    expect(indicators.byDue).toEqual([]);
    expect(indicators.bySection.map((s) => s.number)).toEqual(['A', 'B', 'C']);
  });

  it('dates "Năm 2026" rows of Tân Kỳ at the end of the year', () => {
    const { summary } = summarize(fixturePlan('tan-ky-2026-tasks.tsv'));
    expect(summary.byDue.find((d) => d.bucket === 'q4')?.rows).toBeGreaterThanOrEqual(22);
  });
});

describe('review states in the summary', () => {
  it('counts approvals, requests for changes and resets, per table, section and unit', () => {
    const plan = fixturePlan('tan-thanh-2026-tasks.tsv');
    const [a, b, c] = itemIds(plan.table) as [string, string, string];
    planDocReviewSet(plan.doc, a, { state: 'approved', by: 'lanh-dao', at: '2026-03-01T08:00:00Z' });
    planDocReviewSet(plan.doc, b, { state: 'changes_requested', by: 'lanh-dao', at: '2026-03-01T08:01:00Z' });
    planDocReviewSet(plan.doc, c, { state: 'pending', by: 'kinh-te', at: '2026-03-01T08:02:00Z', reason: 'edited' });
    planDocReviewSet(plan.doc, plan.tableId, { state: 'changes_requested', by: 'lanh-dao', at: '2026-03-01T09:00:00Z' });
    const { summary } = summarize(plan);
    expect(summary.reviews).toEqual({ pending: summary.rows - 2, changes_requested: 1, approved: 1 });
    expect(summary.resets).toBe(1);
    expect(summary.table?.state).toBe('changes_requested');
    expect(summary.bySection[0]?.reviews.approved).toBe(1);
    expect(summary.byUnit.reduce((n, u) => n + u.reviews.approved, 0)).toBeGreaterThanOrEqual(1);
    const totals = reviewTotals([summary, summary]);
    expect(totals.rows).toBe(summary.rows * 2);
    expect(totals.reviews.approved).toBe(2);
    expect(totals.resets).toBe(2);
  });

  it('names states in Vietnamese and reads a missing review as pending', () => {
    expect(REVIEW_STATE_LABELS).toEqual({ pending: 'Chờ duyệt', changes_requested: 'Yêu cầu sửa', approved: 'Đã duyệt' });
    expect(reviewStateOf(undefined)).toBe('pending');
    const reset: PlanReview = { state: 'pending', by: 'u', at: '2026-03-01T08:00:00Z', reason: 'edited' };
    expect(reviewIsReset(reset)).toBe(true);
    expect(reviewIsReset({ ...reset, reason: undefined })).toBe(false);
    expect(reviewPercent(2, 3)).toBe(66);
    expect(reviewPercent(0, 0)).toBe(100);
  });

  it('keeps the reason of a reset in the document', () => {
    const doc = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026', planNumber: '', issuedOn: '' });
    planDocReviewSet(doc, 'r1', { state: 'pending', by: 'kinh-te', at: '2026-03-01T08:00:00Z', reason: 'edited' });
    expect(planDocReview(doc, 'r1')).toEqual({ state: 'pending', by: 'kinh-te', at: '2026-03-01T08:00:00Z', reason: 'edited' });
    planDocReviewSet(doc, 'r1', { state: 'approved', by: 'lanh-dao', at: '2026-03-01T09:00:00Z' });
    expect(planDocReview(doc, 'r1')?.reason).toBeUndefined();
  });
});

describe('reviewRowDue', () => {
  const fields = new Set(['timeframe']);
  it('reads the due quarter, the active quarters, and rows outside the year', () => {
    expect(reviewRowDue({ timeframe: 'Quý II–III/2026' }, fields, 2026)).toEqual({ bucket: 'q3', due: '2026-09-30', active: [2, 3] });
    expect(reviewRowDue({ timeframe: 'trước 30/06/2026' }, fields, 2026).bucket).toBe('q2');
    expect(reviewRowDue({ timeframe: 'Tháng 10/2027' }, fields, 2026).bucket).toBe('later');
    expect(reviewRowDue({ timeframe: 'Thường xuyên' }, fields, 2026)).toEqual({ bucket: 'continuous', active: [1, 2, 3, 4] });
    expect(reviewRowDue({ timeframe: 'sớm' }, fields, 2026).bucket).toBe('unclear');
    expect(reviewRowDue({ timeframe: '' }, fields, 2026).bucket).toBe('unclear');
    expect(reviewRowDue({ frequency: 'Hàng tháng' }, new Set(['frequency']), 2026).bucket).toBe('recurring');
    expect(reviewRowDue({ target: '≥ 50%' }, new Set(['target']), 2026).bucket).toBe('none');
  });
});

describe('an edit voids an approval', () => {
  const editor: Actor = { userId: 'kt', role: 'editor', unitId: KINH_TE };
  const reviewer: Actor = { userId: 'ld', role: 'reviewer', unitId: null };
  const cell = (rowId: string, field: string): PlanChange => ({
    location: { area: 'tables', tableId: 't', part: 'rows', rowId, field },
    op: 'write',
    rowOwners: [KINH_TE],
    rowKind: 'item',
    inNewRow: false,
  });
  const approved: PlanReview = { state: 'approved', by: 'ld', at: '2026-03-01T08:00:00Z' };
  const reviewOf = (id: string): PlanReview | undefined => (id === 'a' || id === 'b' ? approved : id === 'c' ? { ...approved, state: 'changes_requested' } : undefined);

  it('finds the rows whose content changed, not moves or owners', () => {
    expect([...reviewRowsEdited([cell('a', 'timeframe'), cell('b', 'order'), cell('c', 'owners'), cell('d', 'label')])]).toEqual(['a', 'd']);
    expect(reviewRowsEdited([{ ...cell('a', 'task'), inNewRow: true }]).size).toBe(0);
  });

  it('resets approved rows an editor changes, and nothing else', () => {
    expect(reviewResetsFor([cell('a', 'timeframe'), cell('c', 'task'), cell('x', 'task'), cell('b', 'order')], editor, reviewOf)).toEqual(['a']);
    expect(reviewResetsFor([cell('a', 'timeframe')], reviewer, reviewOf)).toEqual([]);
    // The same update approving the row keeps it approved.
    const approving: PlanChange = { location: { area: 'reviews', rowId: 'a' }, op: 'write', rowOwners: null, rowKind: null, inNewRow: false };
    expect(reviewResetsFor([cell('a', 'task'), approving], { ...editor, role: 'coordinator' }, reviewOf)).toEqual([]);
  });

  it('resets an approved table when its rows or columns change, not when a row only moves', () => {
    const tableApproved = (id: string): PlanReview | undefined => (id === 't' ? approved : undefined);
    expect(reviewResetsFor([cell('x', 'task')], editor, tableApproved)).toEqual(['t']);
    expect(reviewResetsFor([cell('x', 'order')], editor, tableApproved)).toEqual([]);
    const columns: PlanChange = { location: { area: 'tables', tableId: 't', part: 'columns' }, op: 'write', rowOwners: null, rowKind: null, inNewRow: false };
    expect(reviewResetsFor([columns], { ...editor, role: 'coordinator' }, tableApproved)).toEqual(['t']);
  });
});

describe('comment threads', () => {
  const at = (m: number): string => `2026-03-01T08:${String(m).padStart(2, '0')}:00Z`;
  const comment = (id: string, m: number, replyTo?: string, resolved = false): PlanComment => ({ id, author: 'u', text: id, at: at(m), resolved, ...(replyTo ? { replyTo } : {}) });

  it('groups replies (also replies to replies) under the first comment, in order', () => {
    const threads = commentThreads([comment('a', 1), comment('b', 2), comment('a1', 3, 'a'), comment('a2', 5, 'a1'), comment('b1', 4, 'b', true)]);
    expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id), t.lastAt])).toEqual([
      ['a', ['a1', 'a2'], at(5)],
      ['b', ['b1'], at(4)],
    ]);
  });

  it('starts a thread for a reply whose comment is gone, and follows the first comment’s resolution', () => {
    const threads = commentThreads([comment('x', 1, 'missing'), comment('y', 2, undefined, true), comment('y1', 3, 'y')]);
    expect(threads.map((t) => [t.root.id, t.resolved])).toEqual([
      ['x', false],
      ['y', true],
    ]);
  });

  it('keeps replyTo through the document, and resolving a thread keeps its replies', () => {
    const doc = new Y.Doc();
    const root = planDocCommentAdd(doc, 'r', { author: 'ld', text: 'Bổ sung sản phẩm', at: at(1) });
    planDocCommentAdd(doc, 'r', { author: 'kt', text: 'Đã bổ sung', at: at(2), replyTo: root });
    planDocCommentResolve(doc, 'r', root, true);
    const threads = commentThreads(planDocComments(doc, 'r'));
    expect(threads).toHaveLength(1);
    expect(threads[0]?.resolved).toBe(true);
    expect(threads[0]?.replies.map((c) => [c.text, c.replyTo])).toEqual([['Đã bổ sung', root]]);
  });
});

describe('reviewByUnit', () => {
  it('agrees with the table summary', () => {
    const plan = fixturePlan('tan-thanh-2026-tasks.tsv');
    const { findings, summary } = summarize(plan);
    expect(reviewByUnit(plan.table.rows, findings)).toEqual(summary.byUnit);
  });
});

describe('whose business a row’s comments are', () => {
  const at = (m: number): string => `2026-03-01T08:0${m}:00.000Z`;
  const commentsAbc: PlanComment[] = [
    { id: 'a', author: 'lanh-dao', text: 'a', at: at(1), resolved: false },
    { id: 'b', author: 'kinh-te', text: 'b', at: at(2), resolved: false },
  ];
  const c = (id: string, author: string, m: number): PlanComment => ({ id, author, text: id, at: at(m), resolved: false });
  it('tells whose business a row’s comments are', () => {
    const editorKt: Actor = { userId: 'kinh-te', role: 'editor', unitId: 'phong-kinh-te' };
    const reviewer: Actor = { userId: 'lanh-dao', role: 'reviewer', unitId: null };
    expect(reviewRowConcerns(editorKt, ['phong-kinh-te', 'van-phong'], commentsAbc)).toBe(true);
    expect(reviewRowConcerns(editorKt, ['van-phong'], commentsAbc)).toBe(false);
    expect(reviewRowConcerns({ userId: 'vhxh', role: 'coordinator', unitId: 'vhxh' }, [], [])).toBe(true);
    expect(reviewRowConcerns(reviewer, ['van-phong'], commentsAbc)).toBe(true);
    expect(reviewRowConcerns(reviewer, ['van-phong'], [c('x', 'kinh-te', 1)])).toBe(false);
    expect(reviewRowConcerns({ userId: 'xem', role: 'viewer', unitId: null }, ['van-phong'], commentsAbc)).toBe(false);
  });
});

describe('a reviewer’s request for changes', () => {
  const reviewer: Actor = { userId: 'lanh-dao', role: 'reviewer', unitId: null };
  const kinhTe: Actor = { userId: 'kinh-te', role: 'editor', unitId: KINH_TE };
  const vanPhong: Actor = { userId: 'van-phong', role: 'editor', unitId: 'van-phong-hdnd-va-ubnd-xa' };
  const coordinator: Actor = { userId: 'vhxh', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' };

  /** A Kinh tế row of the Tân Thạnh plan that the reviewer sends back with a reason. */
  function requested() {
    const plan = fixturePlan('tan-thanh-2026-tasks.tsv');
    const row = plan.table.rows.find((r) => r.kind === 'item' && (r.owners ?? []).length === 1 && r.owners?.[0] === KINH_TE);
    const rowId = row?.id ?? '';
    const known = planDocCommentsById(plan.doc);
    planDocChangesRequest(plan.doc, rowId, { by: reviewer.userId, text: 'Ghi rõ sản phẩm đầu ra và thời hạn quý', at: '2026-03-02T08:00:00.000Z' });
    const fresh = [...planDocCommentsById(plan.doc).entries()].filter(([id]) => !known.has(id)).map(([, v]) => v);
    return { ...plan, rowId, fresh };
  }

  it('sets the row to «Yêu cầu sửa» and keeps the reason as a comment on the row', () => {
    const { doc, rowId } = requested();
    expect(planDocReview(doc, rowId)).toEqual({ state: 'changes_requested', by: 'lanh-dao', at: '2026-03-02T08:00:00.000Z' });
    expect(planDocComments(doc, rowId)).toEqual([
      expect.objectContaining({ author: 'lanh-dao', text: 'Ghi rõ sản phẩm đầu ra và thời hạn quý', kind: 'changesRequested', resolved: false }),
    ]);
  });

  it('reaches the editors of the row’s unit as a notice with the reviewer’s text', () => {
    const { doc, tableId, rowId, fresh } = requested();
    const notices = reviewNoticesFor(doc, kinhTe, fresh);
    expect(notices.map((n) => [n.kind, n.rowId, n.tableId, n.comment.text])).toEqual([['changesRequested', rowId, tableId, 'Ghi rõ sản phẩm đầu ra và thời hạn quý']]);
    expect(reviewNoticesFor(doc, coordinator, fresh).map((n) => n.kind)).toEqual(['changesRequested']);
  });

  it('is no notice for another unit, nor for the reviewer who wrote it', () => {
    const { doc, fresh } = requested();
    expect(reviewNoticesFor(doc, vanPhong, fresh)).toEqual([]);
    expect(reviewNoticesFor(doc, reviewer, fresh)).toEqual([]);
  });

  it('tells a plain comment as a comment', () => {
    const plan = fixturePlan('tan-thanh-2026-tasks.tsv');
    const rowId = plan.table.rows.find((r) => r.kind === 'item' && reviewRowConcerns(kinhTe, r.owners ?? null, []))?.id ?? '';
    planDocCommentAdd(plan.doc, rowId, { id: 'c1', author: 'lanh-dao', text: 'Xem lại' });
    expect(reviewNoticesFor(plan.doc, kinhTe, [...planDocCommentsById(plan.doc).values()]).map((n) => n.kind)).toEqual(['comment']);
  });
});
