import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDocProgressRead, planDocProgressWrite, planDocCommentAdd, planDocComments, planDocDeleteRow, planDocInsertRows, planDocReadTable, planDocSetCell, planDocSetOwners } from '@phuluc/domain';
import type { ItemRow } from '@phuluc/domain';
import { COORDINATOR, KINH_TE, KT, VP, section, task, testDoc } from '../grid/test-doc.test-helper.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { recoveryApply, recoveryPlan } from './refusal-recovery.ts';

const LABELS = { section: 'Tên mục', comment: 'Bình luận', newRow: 'dòng mới thêm', progress: (period: string, field: string) => `Tiến độ ${period} — ${field}` };

/** The server's copy and a browser's copy of it (another client id), as after a sync. */
function fork(rows = [task('Việc A', [KT]), task('Việc B', [KT]), task('Việc C', [VP])]) {
  const { doc: server, tableId } = testDoc([section('KINH TẾ SỐ'), ...rows], 'tasks-detailed');
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
  const ids = planDocReadTable(server, tableId).rows.filter((r) => r.kind === 'item').map((r) => r.id as string);
  return { server, local, tableId, ids };
}

const note = (doc: Y.Doc, tableId: string, rowId: string): string =>
  (planDocReadTable(doc, tableId).rows.find((r) => r.id === rowId) as ItemRow | undefined)?.cells.note ?? '(none)';

describe('recoveryPlan after a refused update', () => {
  it('writes again the cells the person may still write and keeps the one whose row went to another unit', () => {
    const { server, local, tableId, ids } = fork();
    const [a, b] = ids as [string, string];
    // Offline, the Economy department edits two of its rows…
    planDocSetCell(local, tableId, a, 'note', 'Ghi chú A');
    planDocSetCell(local, tableId, b, 'note', 'Ghi chú B');
    // …while the coordinator gives row B to the Office.
    planDocSetOwners(server, tableId, b, [VP]);

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([{ kind: 'cell', tableId, rowId: a, field: 'note', text: 'Ghi chú A' }]);
    expect(plan.kept).toEqual([{ table: planDocReadTable(server, tableId).title, row: 'dòng I.2', field: 'Ghi chú', text: 'Ghi chú B' }]);

    expect(recoveryApply(server, plan, LOCAL_ORIGIN)).toBe(1);
    expect(note(server, tableId, a)).toBe('Ghi chú A');
    expect(note(server, tableId, b)).toBe('');
  });

  it('leaves alone what only the server changed, and keeps a colleague’s typing in the same cell', () => {
    const { server, local, tableId, ids } = fork();
    const [a, b] = ids as [string, string];
    planDocSetCell(server, tableId, a, 'note', 'abc');
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    planDocSetCell(local, tableId, a, 'note', 'abcX'); // mine, offline
    planDocSetCell(server, tableId, a, 'note', '>> abc'); // a colleague's, meanwhile
    planDocSetCell(server, tableId, b, 'note', 'Của đồng nghiệp'); // only on the server

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([{ kind: 'cell', tableId, rowId: a, field: 'note', text: '>> abcX' }]);
    recoveryApply(server, plan, LOCAL_ORIGIN);
    expect(note(server, tableId, a)).toBe('>> abcX');
    expect(note(server, tableId, b)).toBe('Của đồng nghiệp');
  });

  it('adds again a row created offline, after the row it followed, owned by the person’s unit', () => {
    const { server, local, tableId, ids } = fork();
    const [a] = ids as [string];
    planDocInsertRows(local, tableId, [{ kind: 'item', cells: { task: 'Việc mới' }, owners: [KT], createdBy: 'u-kt' }], { after: a });

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.kept).toEqual([]);
    recoveryApply(server, plan, LOCAL_ORIGIN);
    const rows = planDocReadTable(server, tableId).rows.filter((r): r is ItemRow => r.kind === 'item');
    expect(rows.map((r) => r.cells.task)).toEqual(['Việc A', 'Việc mới', 'Việc B', 'Việc C']);
    expect(rows[1]?.owners).toEqual([KT]);
  });

  it('keeps the text typed in a row someone deleted meanwhile', () => {
    const { server, local, tableId, ids } = fork();
    const [a, b] = ids as [string, string];
    planDocSetCell(local, tableId, b, 'note', 'Gõ vào dòng đã bị xóa');
    planDocSetCell(local, tableId, a, 'task', 'Việc A (sửa)');
    planDocDeleteRow(server, tableId, b);

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([{ kind: 'cell', tableId, rowId: a, field: 'task', text: 'Việc A (sửa)' }]);
    // Only the text typed here is kept; the row's other, untouched cells are not.
    expect(plan.kept).toEqual([{ table: planDocReadTable(server, tableId).title, row: 'dòng I.2', field: 'Ghi chú', text: 'Gõ vào dòng đã bị xóa' }]);
  });

  it('deletes again a row deleted offline when allowed, and drops (counts) the deletion of a row no longer one’s own', () => {
    const { server, local, tableId, ids } = fork();
    const [a, b] = ids as [string, string];
    planDocDeleteRow(local, tableId, a);
    planDocDeleteRow(local, tableId, b);
    planDocSetOwners(server, tableId, b, [VP]);

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([{ kind: 'delete', tableId, rowId: a }]);
    expect(plan.dropped).toBe(1);
  });

  it('posts again a comment written offline', () => {
    const { server, local, ids } = fork();
    const [, , c] = ids as [string, string, string];
    planDocCommentAdd(local, c, { author: 'u-kt', text: 'Đề nghị Văn phòng bổ sung' });

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    recoveryApply(server, plan, LOCAL_ORIGIN);
    expect(planDocComments(server, c).map((x) => x.text)).toEqual(['Đề nghị Văn phòng bổ sung']);
  });

  it('writes nothing again after a second refusal: every change is kept to show instead (no loop)', () => {
    const { server, local, tableId, ids } = fork();
    const [a] = ids as [string];
    planDocSetCell(local, tableId, a, 'note', 'Ghi chú A');
    planDocInsertRows(local, tableId, [{ kind: 'item', cells: { task: 'Việc mới' }, owners: [KT] }], { after: a });

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, false, LABELS);
    expect(plan.ops).toEqual([]);
    expect(plan.kept.map((k) => [k.row, k.field, k.text])).toEqual([
      ['dòng I.1', 'Ghi chú', 'Ghi chú A'],
      ['dòng mới thêm', 'Nhiệm vụ cụ thể', 'Việc mới'],
    ]);
  });

  it('lets the coordinator’s lead and owners be written again', () => {
    const { server, local, tableId, ids } = fork();
    const [a] = ids as [string];
    planDocSetCell(local, tableId, a, 'lead', 'Văn phòng HĐND và UBND xã');
    planDocSetOwners(local, tableId, a, [VP]);

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), COORDINATOR, true, LABELS);
    expect(plan.ops).toEqual([
      { kind: 'cell', tableId, rowId: a, field: 'lead', text: 'Văn phòng HĐND và UBND xã' },
      { kind: 'owners', tableId, rowId: a, owners: [VP] },
    ]);
  });

  it('splits a large re-application into several updates, none too large for the server', () => {
    const rows = Array.from({ length: 450 }, (_, i) => task(`Việc ${i}`, [KT]));
    const { server, local, tableId, ids } = fork(rows);
    for (const id of ids) planDocSetCell(local, tableId, id, 'note', 'x'.repeat(2000));
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(recoveryApply(server, plan, LOCAL_ORIGIN)).toBe(450);
    expect(updates.length).toBeGreaterThan(1);
    expect(Math.max(...updates.map((u) => u.length))).toBeLessThan(1024 * 1024);
  });

  it('writes again a progress report made offline, and keeps to copy the one of a row given to another unit', () => {
    const { server, local, tableId, ids } = fork();
    const [a, b] = ids as [string, string];
    const me = { userId: KINH_TE.userId, unitId: KT };
    // Offline, the Economy department reports November for two of its rows…
    planDocProgressWrite(local, a, '2026-11', { status: 'done', result: 'Đã lắp camera' }, me);
    planDocProgressWrite(local, b, '2026-11', { status: 'in_progress', difficulties: 'Thiếu kinh phí' }, me);
    // …while the coordinator gives row B to the Office.
    planDocSetOwners(server, tableId, b, [VP]);

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([
      { kind: 'progress', rowId: a, periodId: '2026-11', patch: { status: 'done', result: 'Đã lắp camera' }, userId: KINH_TE.userId, unitId: KT },
    ]);
    expect(plan.kept).toEqual([{ table: planDocReadTable(server, tableId).title, row: 'dòng I.2', field: 'Tiến độ Tháng 11/2026 — difficulties', text: 'Thiếu kinh phí' }]);

    expect(recoveryApply(server, plan, LOCAL_ORIGIN)).toBe(1);
    const records = planDocProgressRead(server).records;
    expect(records.map((r) => [r.rowId, r.status, r.result, r.unitId])).toEqual([[a, 'done', 'Đã lắp camera', KT]]);
  });

  it('keeps a colleague’s typing in the same progress text, and writes nothing for a report the server already has', () => {
    const { server, local, tableId, ids } = fork();
    const [a] = ids as [string];
    const me = { userId: KINH_TE.userId, unitId: KT };
    planDocProgressWrite(server, a, '2026-10', { status: 'done', result: 'Xong' }, me);
    planDocProgressWrite(server, a, '2026-11', { status: 'in_progress', result: 'abc' }, me);
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    planDocProgressWrite(local, a, '2026-11', { result: 'abcX' }, me); // mine, offline
    planDocProgressWrite(server, a, '2026-11', { result: '>> abc' }, { userId: COORDINATOR.userId, unitId: KT }); // a colleague's

    const plan = recoveryPlan(server, Y.encodeStateAsUpdate(local), KINH_TE, true, LABELS);
    expect(plan.ops).toEqual([{ kind: 'progress', rowId: a, periodId: '2026-11', patch: { result: '>> abcX' }, userId: KINH_TE.userId, unitId: KT }]);
    recoveryApply(server, plan, LOCAL_ORIGIN);
    expect(planDocProgressRead(server, a, '2026-11').records[0]?.result).toBe('>> abcX');
    expect(tableId).toBeTruthy();
  });
});
