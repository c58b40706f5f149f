import { describe, expect, it } from 'vitest';
import {
  type Actor,
  planDocAddTable,
  planDocCommentAdd,
  planDocCommentResolve,
  planDocComments,
  planDocCreate,
  planDocInsertRow,
  planDocReviewSet,
} from '@phuluc/domain';
import { rowMarksRead, rowMarksUnread } from './row-marks.ts';
import { seenMark } from './unread.ts';

const editor: Actor = { userId: 'kt', role: 'editor', unitId: 'phong-kinh-te' };

function plan() {
  const doc = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocAddTable(doc, { template: 'tasks-basic' });
  const mine = planDocInsertRow(doc, tableId, { kind: 'item', owners: ['phong-kinh-te'], cells: { task: 'Chợ số' } });
  const theirs = planDocInsertRow(doc, tableId, { kind: 'item', owners: ['van-phong'], cells: { task: 'Văn bản số' } });
  return { doc, tableId, mine, theirs };
}

describe('row marks', () => {
  it('reads states, comments, open threads and unread comments on the editor’s own rows only', () => {
    const { doc, mine, theirs } = plan();
    planDocReviewSet(doc, mine, { state: 'pending', by: 'kt', at: '2026-03-01T08:00:00Z', reason: 'edited' });
    planDocReviewSet(doc, theirs, { state: 'approved', by: 'ld', at: '2026-03-01T08:00:00Z' });
    const root = planDocCommentAdd(doc, mine, { author: 'ld', text: 'Bổ sung thời hạn', at: '2026-03-01T08:01:00Z' });
    planDocCommentAdd(doc, mine, { author: 'kt', text: 'Đã bổ sung', at: '2026-03-01T08:02:00Z', replyTo: root });
    planDocCommentAdd(doc, theirs, { author: 'ld', text: 'Rõ rồi', at: '2026-03-01T08:03:00Z' });
    const marks = rowMarksRead(doc, editor, {});
    expect(marks.get(mine)).toMatchObject({ state: 'pending', reset: true, comments: 2, openThreads: 1, unread: 1 });
    expect(marks.get(theirs)).toMatchObject({ state: 'approved', reset: false, comments: 1, unread: 0 });
    expect(rowMarksUnread(marks)).toBe(1);

    // Seen: nothing unread; resolved: no open thread; unchanged marks keep their identity.
    const seen = seenMark({}, mine, planDocComments(doc, mine));
    const after = rowMarksRead(doc, editor, seen, marks);
    expect(after.get(mine)?.unread).toBe(0);
    expect(after.get(theirs)).toBe(marks.get(theirs));
    planDocCommentResolve(doc, mine, root, true);
    expect(rowMarksRead(doc, editor, seen, after).get(mine)?.openThreads).toBe(0);
  });

  it('gives the same map back when nothing changed', () => {
    const { doc, mine } = plan();
    planDocCommentAdd(doc, mine, { author: 'ld', text: 'Xem lại', at: '2026-03-01T08:01:00Z' });
    const first = rowMarksRead(doc, editor, {});
    expect(rowMarksRead(doc, editor, {}, first)).toBe(first);
  });
});
