/**
 * Leaders' review over the sync endpoint with stock y-websocket clients: a reviewer approves a
 * row, an editor changes it, and the server itself puts it back to "Chờ duyệt" for everyone
 * (persisted, relayed, audited); comments and replies travel between them; an editor cannot
 * approve; the plan's people are listed with their units.
 */
import { join } from 'node:path';
import {
  activityPageSchema,
  activityText,
  commentThreads,
  planDocCommentAdd,
  planDocComments,
  planDocMoveRow,
  planDocOrderedRowIds,
  planDocReview,
  planDocReviewSet,
  planDocSetCell,
} from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docReaderFromStore } from '../context.ts';
import { docStoreInline } from '../store/doc-store-sqlite.ts';
import { auditPage } from '../store/audit.ts';
import { DB_FILE_NAME, dbConnect } from '../store/db.ts';
import { CLOSE_CODES } from '../sync/close-codes.ts';
import { type Client, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { REVIEW_RESET_ACTION } from './review-reset.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

const serverReview = (rowId: string) => h.server.ctx.docs.withDoc(h.planId, (doc) => planDocReview(doc, rowId));
const approve = (c: Client, rowId: string, by: string): void =>
  planDocReviewSet(c.doc, rowId, { state: 'approved', by, at: new Date().toISOString() });

/** The feed's entries, each with the sentence the Vietnamese UI reads. */
async function activity(token: string): Promise<Array<{ action: string; sentence: string }>> {
  const res = await fetch(`${h.url}/api/plans/${h.planId}/activity?limit=20`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return activityPageSchema.parse(await res.json()).entries.map((e) => ({ action: e.action, sentence: activityText(e, 'vi') }));
}

describe('the first review of a plan', () => {
  it('is accepted although the plan loaded from disk has no review yet (regression: refused as outside the layout)', async () => {
    const rev = h.client('reviewer');
    await rev.synced();
    const row = h.rowOwnedBy(UNIT.vanPhong);
    planDocReviewSet(rev.doc, row, { state: 'changes_requested', by: h.userIds.reviewer, at: new Date().toISOString() });
    await waitFor(() => rev.closes.length > 0 || planDocReview(rev.doc, row) !== undefined, 5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(rev.closes).toEqual([]);
    await waitFor(() => true);
    expect((await serverReview(row))?.state).toBe('changes_requested');
    rev.destroy();
  });
});

describe('an edit puts an approved row back to pending, at the server', () => {
  it('the reviewer approves, the editor changes the row, and both (and the disk) see "Chờ duyệt" with who and when', async () => {
    const rev = h.client('reviewer');
    const kt = h.client('kinhTe');
    await Promise.all([rev.synced(), kt.synced()]);
    const row = h.rowOwnedBy(UNIT.kinhTe);
    approve(rev, row, h.userIds.reviewer);
    await waitFor(() => planDocReview(kt.doc, row)?.state === 'approved', 5000, 'the approval to reach the editor');
    expect((await serverReview(row))?.by).toBe(h.userIds.reviewer);

    const before = Date.now();
    planDocSetCell(kt.doc, h.tableId, row, 'timeframe', 'Quý III/2026');
    await waitFor(() => planDocReview(rev.doc, row)?.state === 'pending', 5000, 'the reset to reach the reviewer');
    const atReviewer = planDocReview(rev.doc, row);
    expect(atReviewer).toMatchObject({ state: 'pending', by: h.userIds.kinhTe, reason: 'edited' });
    expect(Date.parse(atReviewer?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    await waitFor(() => planDocReview(kt.doc, row)?.state === 'pending', 5000, 'the reset to reach the editor too');
    expect(await serverReview(row)).toEqual(atReviewer);
    expect(kt.closes).toEqual([]);

    // Committed like any update: a reader of the disk sees it.
    await h.server.ctx.docs.flush();
    const disk = dbConnect(join(h.dataDir, DB_FILE_NAME));
    try {
      expect(await docReaderFromStore(docStoreInline(disk)).withDoc(h.planId, (doc) => planDocReview(doc, row))).toEqual(atReviewer);
    } finally {
      disk.close();
    }

    // Audited, and told in the activity feed.
    const resets = (await auditPage(h.server.ctx.sql, h.planId, { limit: 50 })).filter((a) => a.action === REVIEW_RESET_ACTION);
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ userId: h.userIds.kinhTe, changes: [{ tableId: h.tableId, rowId: row, field: '(review:reset)' }] });
    const feed = await activity(h.tokens.reviewer);
    const reset = feed.find((e) => e.action === REVIEW_RESET_ACTION);
    expect(reset?.sentence).toMatch(/^Dòng [IVX]+\.\d+ đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi$/);
    expect(feed.some((e) => /^Phó Chủ tịch duyệt dòng [IVX]+\.\d+$/.test(e.sentence))).toBe(true);

    // Already pending: more typing resets nothing more.
    planDocSetCell(kt.doc, h.tableId, row, 'timeframe', 'Quý III–IV/2026');
    await new Promise((r) => setTimeout(r, 150));
    expect((await auditPage(h.server.ctx.sql, h.planId, { limit: 50 })).filter((a) => a.action === REVIEW_RESET_ACTION)).toHaveLength(1);
    rev.destroy();
    kt.destroy();
  });

  it('leaves approved a row that is only moved, and rows the edit does not touch', async () => {
    const rev = h.client('reviewer');
    const coord = h.client('coordinator');
    await Promise.all([rev.synced(), coord.synced()]);
    const [a, b] = [h.rowOwnedBy(UNIT.vanPhong), h.rowOwnedBy(UNIT.hcc)];
    approve(rev, a, h.userIds.reviewer);
    approve(rev, b, h.userIds.reviewer);
    await waitFor(() => planDocReview(coord.doc, a)?.state === 'approved' && planDocReview(coord.doc, b)?.state === 'approved', 5000, 'approvals');
    const ids = planDocOrderedRowIds(coord.doc, h.tableId);
    planDocMoveRow(coord.doc, h.tableId, a, { after: ids[ids.length - 1] });
    planDocSetCell(coord.doc, h.tableId, b, 'note', 'Đầu mối ghi chú');
    await waitFor(() => planDocReview(rev.doc, b)?.state === 'pending', 5000, 'the coordinator’s edit to reset b');
    expect(planDocReview(rev.doc, b)?.by).toBe(h.userIds.coordinator);
    expect((await serverReview(a))?.state).toBe('approved');
    rev.destroy();
    coord.destroy();
  });

  it('keeps approved a row the same update edits and approves (the coordinator doing both)', async () => {
    const coord = h.client('coordinator');
    await coord.synced();
    const row = h.rowOwnedBy(UNIT.kinhTe);
    approve(coord, row, h.userIds.coordinator);
    await waitFor(() => planDocReview(coord.doc, row)?.state === 'approved');
    coord.doc.transact(() => {
      planDocSetCell(coord.doc, h.tableId, row, 'note', 'Sửa và duyệt');
      approve(coord, row, h.userIds.coordinator);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await serverReview(row))?.state).toBe('approved');
    coord.destroy();
  });
});

describe('a table’s own review', () => {
  it('is approved by the reviewer and pending again, for everyone, when an editor changes one of its rows', async () => {
    const rev = h.client('reviewer');
    const hcc = h.client('hcc');
    await Promise.all([rev.synced(), hcc.synced()]);
    approve(rev, h.tableId, h.userIds.reviewer);
    await waitFor(() => planDocReview(hcc.doc, h.tableId)?.state === 'approved', 5000, 'the table’s approval');
    planDocSetCell(hcc.doc, h.tableId, h.rowOwnedBy(UNIT.hcc), 'note', 'Trung tâm HCC bổ sung');
    await waitFor(() => planDocReview(rev.doc, h.tableId)?.state === 'pending', 5000, 'the table’s reset');
    expect(planDocReview(rev.doc, h.tableId)).toMatchObject({ by: h.userIds.hcc, reason: 'edited' });
    const reset = (await activity(h.tokens.reviewer)).find((e) => e.action === REVIEW_RESET_ACTION);
    expect(reset?.sentence).toMatch(/^Bảng «.+» đã duyệt trở về chờ duyệt vì Trung tâm Phục vụ hành chính công sửa đổi$/);
    rev.destroy();
    hcc.destroy();
  });
});

describe('comments and review rights', () => {
  it('a reviewer’s comment reaches the editor, whose reply reaches the reviewer in the same thread', async () => {
    const rev = h.client('reviewer');
    const kt = h.client('kinhTe');
    await Promise.all([rev.synced(), kt.synced()]);
    const row = h.rowOwnedBy(UNIT.kinhTe);
    const root = planDocCommentAdd(rev.doc, row, { author: h.userIds.reviewer, text: 'Đề nghị ghi rõ sản phẩm đầu ra' });
    await waitFor(() => planDocComments(kt.doc, row).some((c) => c.id === root), 5000, 'the comment at the editor');
    planDocCommentAdd(kt.doc, row, { author: h.userIds.kinhTe, text: 'Đã bổ sung «Báo cáo quý»', replyTo: root });
    await waitFor(() => commentThreads(planDocComments(rev.doc, row)).some((t) => t.root.id === root && t.replies.length === 1), 5000, 'the reply');
    expect(rev.closes).toEqual([]);
    expect(kt.closes).toEqual([]);
    rev.destroy();
    kt.destroy();
  });

  it('refuses an editor approving its own row (4403), and the state stays', async () => {
    const kt = h.client('kinhTe');
    await kt.synced();
    const row = h.rowOwnedBy(UNIT.hcc);
    const before = await serverReview(row);
    const own = h.rowOwnedBy(UNIT.kinhTe);
    const ownBefore = await serverReview(own);
    approve(kt, own, h.userIds.kinhTe);
    await waitFor(() => kt.closes.length > 0, 5000, 'the refusal');
    expect(kt.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(kt.closes[0]?.reason).toContain('Chỉ lãnh đạo được duyệt');
    expect(await serverReview(own)).toEqual(ownBefore);
    expect(await serverReview(row)).toEqual(before);
    kt.destroy();
  });

  it('lists the plan’s people with their role and unit', async () => {
    const res = await fetch(`${h.url}/api/plans/${h.planId}/members`, { headers: { Authorization: `Bearer ${h.tokens.reviewer}` } });
    expect(res.status).toBe(200);
    const { members } = (await res.json()) as { members: Array<{ id: string; name: string; role: string; unit: { id: string; name: string } | null }> };
    expect(members.find((m) => m.id === h.userIds.kinhTe)).toEqual({ id: h.userIds.kinhTe, name: 'Anh Minh (Kinh tế)', role: 'editor', unit: { id: UNIT.kinhTe, name: 'Phòng Kinh tế' } });
    expect(members.find((m) => m.id === h.userIds.reviewer)?.unit).toBeNull();
    const outsider = await fetch(`${h.url}/api/plans/${h.planId}/members`, { headers: { Authorization: `Bearer ${h.tokens.outsider}` } });
    expect(outsider.status).toBe(404);
  });
});
