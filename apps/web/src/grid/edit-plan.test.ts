import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDocCellText, planDocColumns, planDocReadTable, planDocRowInfo, unitDirectoryDefault } from '@phuluc/domain';
import type { Actor, RowModel } from '@phuluc/domain';
import tanKyTasks from '../../../../fixtures/tan-ky-2026-tasks.tsv?raw';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { clipboardParse } from './clipboard.ts';
import { clearPlan, editPlanApply, pastePlan } from './edit-plan.ts';
import type { EditContext } from './edit-plan.ts';
import type { CellRange } from './selection.ts';
import { COORDINATOR, KINH_TE, KT, REVIEWER, VP, section, task, testDoc } from './test-doc.test-helper.ts';

const units = unitDirectoryDefault();

function context(doc: Y.Doc, tableId: string, actor: Actor, range: CellRange): EditContext & { allColumns: ReturnType<typeof planDocColumns> } {
  const table = planDocReadTable(doc, tableId);
  const columns = planDocColumns(doc, tableId);
  return { rows: table.rows, numbers: table.rows.map((r) => r.number ?? ''), columns, range, actor, units, allColumns: columns };
}

const at = (row: number, col: number, bottom = row, right = col): CellRange => ({ top: row, left: col, bottom, right });
const cells = (doc: Y.Doc, tableId: string, field: string): string[] =>
  planDocReadTable(doc, tableId).rows.map((r) => (r.kind === 'item' ? (r.cells[field] ?? '') : `§${r.label}`));

describe('pastePlan', () => {
  it('writes a block cell by cell from the selection and appends the rows beyond the end', () => {
    const { doc, tableId } = testDoc([task('Một', [KT]), task('Hai', [KT])]);
    const ctx = context(doc, tableId, KINH_TE, at(1, 2));
    const result = pastePlan([['Công an xã', 'Quý III/2026'], ['Trạm Y tế', 'Tháng 10/2026']], ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    editPlanApply(doc, tableId, result.plan);
    expect(cells(doc, tableId, 'cooperating')).toEqual(['', 'Công an xã', 'Trạm Y tế']);
    expect(cells(doc, tableId, 'timeframe')).toEqual(['Quý II/2026', 'Quý III/2026', 'Tháng 10/2026']);
    expect(cells(doc, tableId, 'task')).toEqual(['Một', 'Hai', '']);
  });

  it('refuses a whole block that touches a cell of another unit (never half-applied)', () => {
    const { doc, tableId } = testDoc([task('Của Kinh tế', [KT]), task('Của Văn phòng', [VP])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 0));
    const result = pastePlan([['Sửa 1'], ['Sửa 2']], ctx, ctx.allColumns);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.key).toBe('grid.paste.refused');
    expect(result.message.params?.reason).toBe('Dòng này do đơn vị khác chủ trì.');
    expect(result.message.params?.row).toBe('2');
    expect(cells(doc, tableId, 'task')).toEqual(['Của Kinh tế', 'Của Văn phòng']);
  });

  it('refuses the lead column to an editor, even in its own rows', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 1));
    const result = pastePlan([['Phòng Văn hóa - Xã hội']], ctx, ctx.allColumns);
    expect(result.ok).toBe(false);
  });

  it('needs no right for cells whose text does not change', () => {
    const { doc, tableId } = testDoc([task('Của Kinh tế', [KT]), task('Của Văn phòng', [VP])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 0));
    const result = pastePlan([['Sửa 1'], ['Của Văn phòng']], ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
  });

  it('appends rows beyond the end owned by the editor’s unit, all in one undoable transaction', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const undo = new Y.UndoManager(doc.getMap('tables').get(tableId) as Y.Map<unknown>, { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    const ctx = context(doc, tableId, KINH_TE, at(0, 0));
    const result = pastePlan([['Một (sửa)'], ['Hai'], ['Ba\ndòng hai']], ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notes.map((n) => n.key)).toContain('grid.paste.appended');
    const ids = editPlanApply(doc, tableId, result.plan);
    expect(cells(doc, tableId, 'task')).toEqual(['Một (sửa)', 'Hai', 'Ba\ndòng hai']);
    expect(ids.map((id) => planDocRowInfo(doc, tableId, id)?.owners)).toEqual([[KT], [KT]]);
    expect(ids.map((id) => planDocRowInfo(doc, tableId, id)?.createdBy)).toEqual(['u-kt', 'u-kt']);
    // Led by his unit: the lead names it, as the owners do.
    expect(cells(doc, tableId, 'lead')).toEqual(['', 'Phòng Kinh tế', 'Phòng Kinh tế']);
    undo.undo();
    expect(cells(doc, tableId, 'task')).toEqual(['Một']);
  });

  it('fills the whole selection with a single copied value', () => {
    const { doc, tableId } = testDoc([task('a', [KT]), task('b', [KT]), task('c', [KT])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 3, 2, 3));
    const result = pastePlan([['Quý IV/2026']], ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
    if (result.ok) editPlanApply(doc, tableId, result.plan);
    expect(cells(doc, tableId, 'timeframe')).toEqual(['Quý IV/2026', 'Quý IV/2026', 'Quý IV/2026']);
  });

  it('sets the owners from the lead when the coordinator pastes it', () => {
    const { doc, tableId } = testDoc([task('Một')]);
    const ctx = context(doc, tableId, COORDINATOR, at(0, 1));
    const result = pastePlan([['Phòng Kinh tế'], ['Văn phòng HĐND và UBND xã']], ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [added] = editPlanApply(doc, tableId, result.plan);
    const first = planDocReadTable(doc, tableId).rows[0] as RowModel & { kind: 'item' };
    expect(first.owners).toEqual([KT]);
    expect(planDocRowInfo(doc, tableId, added as string)?.owners).toEqual([VP]);
  });

  it('inserts a table copied with its header as rows, matching columns by their labels', () => {
    const { doc, tableId } = testDoc([task('Có sẵn')]);
    const ctx = context(doc, tableId, COORDINATOR, at(0, 0));
    const result = pastePlan(clipboardParse({ text: tanKyTasks, html: '' }), ctx, ctx.allColumns);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notes.at(-1)?.key).toBe('grid.paste.tableInserted');
    const ids = editPlanApply(doc, tableId, result.plan);
    const table = planDocReadTable(doc, tableId);
    expect(table.rows[0]?.kind === 'item' && table.rows[0].cells.task).toBe('Có sẵn');
    expect(table.rows.length).toBe(1 + ids.length);
    const second = table.rows[1];
    expect(second?.kind === 'item' && second.cells.task).toBe('Ban hành Kế hoạch CDS - KHCN - ĐMST năm 2026 và bảng KPI theo dõi');
    expect(second?.kind === 'item' && second.cells.timeframe).toBe('Năm 2026');
    // Owners follow the lead cell for the coordinator.
    const hcc = table.rows.find((r) => r.kind === 'item' && r.cells.lead === 'Trung tâm Phục vụ HCC');
    expect(hcc?.kind === 'item' && hcc.owners).toEqual(['trung-tam-phuc-vu-hanh-chinh-cong']);
  });

  it('refuses any paste to a reviewer', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const ctx = context(doc, tableId, REVIEWER, at(0, 0));
    const result = pastePlan([['x']], ctx, ctx.allColumns);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.params?.reason).toContain('Lãnh đạo chỉ xem');
  });

  it('refuses section titles to an editor', () => {
    const { doc, tableId } = testDoc([section('CHÍNH QUYỀN SỐ'), task('Một', [KT])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 0));
    const result = pastePlan([['KINH TẾ SỐ'], ['Hai']], ctx, ctx.allColumns);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.key).toBe('grid.paste.refusedSection');
  });
});

describe('clearPlan', () => {
  it('clears what the person may edit and counts the rest', () => {
    const { doc, tableId } = testDoc([task('Của Kinh tế', [KT], { lead: 'Phòng Kinh tế' }), task('Của Văn phòng', [VP])]);
    const ctx = context(doc, tableId, KINH_TE, at(0, 0, 1, 1));
    const { plan, skipped, reason } = clearPlan(ctx);
    // Own task cell cleared; own lead cell, other unit's task cell skipped (its lead is empty already).
    expect(plan.writes).toEqual([{ rowId: ctx.rows[0]?.id, field: 'task', text: '' }]);
    expect(skipped).toBe(2);
    expect(reason).toBe('Chỉ bộ phận đầu mối được giao đơn vị chủ trì.');
    editPlanApply(doc, tableId, plan);
    expect(planDocCellText(doc, tableId, ctx.rows[0]?.id as string, 'task')?.toString()).toBe('');
  });
});
