import { describe, expect, it } from 'vitest';
import { planDocDeleteRow, planDocReadTable, planDocSetOwners, unitDirectoryDefault } from '@phuluc/domain';
import type { TableModel } from '@phuluc/domain';
import { columnRemove } from './row-ops.ts';
import { clearPlan, pastePlan } from './edit-plan.ts';
import { editPlanCheck, editTargetCheck, editTargetKept } from './edit-target.ts';
import { GridModel } from './row-model.ts';
import { COORDINATOR, KINH_TE, KT, VP, section, task, testDoc } from './test-doc.test-helper.ts';

const units = unitDirectoryDefault();
const col = (table: TableModel, field: string): number => table.columns.findIndex((c) => c.field === field);

function setup() {
  const { doc, tableId } = testDoc([section('KINH TẾ SỐ'), task('Việc A', [KT]), task('Việc B', [KT]), task('Việc C', [VP])], 'tasks-detailed');
  const table = planDocReadTable(doc, tableId);
  const [, a, b, c] = table.rows.map((r) => r.id as string) as [string, string, string, string];
  return { doc, tableId, table, a, b, c };
}

describe('editTargetCheck', () => {
  it('lets the person write their own row until it is deleted, handed to another unit, or its column removed', () => {
    const { doc, tableId, a, b, c } = setup();
    expect(editTargetCheck(doc, tableId, KINH_TE, a, 'note')).toBeNull();
    expect(editTargetCheck(doc, tableId, KINH_TE, c, 'note')).toEqual({ kind: 'readOnly', reason: 'Dòng này do đơn vị khác chủ trì.' });

    planDocSetOwners(doc, tableId, a, [VP]);
    expect(editTargetCheck(doc, tableId, KINH_TE, a, 'note')).toEqual({ kind: 'readOnly', reason: 'Dòng này do đơn vị khác chủ trì.' });

    planDocDeleteRow(doc, tableId, b);
    expect(editTargetCheck(doc, tableId, KINH_TE, b, 'note')).toEqual({ kind: 'rowDeleted' });

    expect(columnRemove(doc, tableId, COORDINATOR, 'note').ok).toBe(true);
    expect(editTargetCheck(doc, tableId, COORDINATOR, c, 'note')).toEqual({ kind: 'columnRemoved' });
  });

  it('checks a section’s title as the coordinator’s alone', () => {
    const { doc, tableId, table } = setup();
    const sectionId = table.rows[0]?.id as string;
    expect(editTargetCheck(doc, tableId, COORDINATOR, sectionId, 'label')).toBeNull();
    expect(editTargetCheck(doc, tableId, KINH_TE, sectionId, 'label')?.kind).toBe('readOnly');
  });
});

describe('editPlanCheck: a paste planned on the grid as drawn, checked when written', () => {
  const cite = (rowId: string): string => rowId.slice(0, 4);
  const label = (field: string): string => field;

  it('refuses a whole paste when one target row was deleted between its planning and its writing', () => {
    const { doc, tableId, table, a, b } = setup();
    const ctx = { rows: table.rows, numbers: table.rows.map((r) => r.number ?? ''), columns: table.columns, range: { top: 1, left: col(table, 'note'), bottom: 2, right: col(table, 'note') }, actor: KINH_TE, units };
    const result = pastePlan([['Một'], ['Hai']], ctx, table.columns);
    if (!result.ok) throw new Error('the paste should plan');
    expect(result.plan.writes.map((w) => w.rowId)).toEqual([a, b]);
    expect(editPlanCheck(doc, tableId, KINH_TE, result.plan, cite, label)).toBeNull();

    planDocDeleteRow(doc, tableId, b);
    expect(editPlanCheck(doc, tableId, KINH_TE, result.plan, cite, label)).toEqual({ key: 'grid.write.rowGone', params: { row: cite(b) } });
  });

  it('refuses a whole clear when a target row became another unit’s', () => {
    const { doc, tableId, table, a } = setup();
    const ctx = { rows: table.rows, numbers: table.rows.map((r) => r.number ?? ''), columns: table.columns, range: { top: 1, left: col(table, 'task'), bottom: 2, right: col(table, 'task') }, actor: KINH_TE, units };
    const { plan } = clearPlan(ctx);
    planDocSetOwners(doc, tableId, a, [VP]);
    expect(editPlanCheck(doc, tableId, KINH_TE, plan, cite, label)).toEqual({
      key: 'grid.write.readOnly',
      params: { row: cite(a), reason: 'Dòng này do đơn vị khác chủ trì.' },
    });
  });
});

describe('editTargetKept', () => {
  it('says which row, which column and why, with the text typed', () => {
    const { doc, tableId, b } = setup();
    const snap = new GridModel(doc, tableId).snapshot();
    const notice = editTargetKept({ kind: 'rowDeleted' }, { snap, tableId, rowId: b, field: 'note', sectionLabel: 'Tên mục' }, 'Đang gõ dở', 1000);
    expect(notice.message).toEqual({ key: 'kept.editor.rowDeleted', params: { row: 'dòng I.2' } });
    expect(notice.items).toEqual([{ table: snap.info.title, row: 'dòng I.2', field: 'Ghi chú', text: 'Đang gõ dở' }]);
  });
});
