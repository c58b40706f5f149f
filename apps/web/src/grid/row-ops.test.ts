import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { planDocColumns, planDocReadTable, planDocRowInfo, unitDirectoryDefault } from '@phuluc/domain';
import type { RowModel } from '@phuluc/domain';
import { columnAdd, columnCustomField, columnMove, columnRemove, columnRename, columnResize, rowInsert, rowsDelete, rowsMoveBy, rowsMoveTo, sectionInsert, templateApply } from './row-ops.ts';
import { COORDINATOR, KINH_TE, KT, REVIEWER, VP, task, testDoc } from './test-doc.test-helper.ts';

const texts = (doc: Y.Doc, tableId: string): string[] => planDocReadTable(doc, tableId).rows.map((r) => (r.kind === 'item' ? (r.cells.task ?? '') : `§${r.label}`));
const rowsOf = (doc: Y.Doc, tableId: string): RowModel[] => planDocReadTable(doc, tableId).rows;

describe('row actions', () => {
  it('inserts a row owned by the editor’s unit, above or below', () => {
    const { doc, tableId } = testDoc([task('Một', [KT]), task('Hai', [KT])]);
    const [one] = rowsOf(doc, tableId);
    const result = rowInsert(doc, tableId, KINH_TE, unitDirectoryDefault(), one?.id ?? null, 'below');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(texts(doc, tableId)).toEqual(['Một', '', 'Hai']);
    expect(planDocRowInfo(doc, tableId, result.rowIds[0] as string)).toMatchObject({ owners: [KT], createdBy: 'u-kt' });
    expect(rowInsert(doc, tableId, REVIEWER, unitDirectoryDefault(), null, 'below').ok).toBe(false);
  });

  it('leads an editor’s new row by his unit: the lead cell names it, so the row can be exported without the coordinator', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const result = rowInsert(doc, tableId, KINH_TE, unitDirectoryDefault(), null, 'below');
    if (!result.ok) throw new Error(result.reason);
    const row = rowsOf(doc, tableId).find((r) => r.id === result.rowIds[0]);
    expect(row?.kind === 'item' ? row.cells.lead : null).toBe('Phòng Kinh tế');
    expect(planDocRowInfo(doc, tableId, result.rowIds[0] as string)?.owners).toEqual([KT]);
  });

  it('leaves the lead of the coordinator’s new row empty, for the coordinator to assign', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const result = rowInsert(doc, tableId, COORDINATOR, unitDirectoryDefault(), null, 'below');
    if (!result.ok) throw new Error(result.reason);
    const row = rowsOf(doc, tableId).find((r) => r.id === result.rowIds[0]);
    expect(row?.kind === 'item' ? row.cells.lead : null).toBe('');
    expect(planDocRowInfo(doc, tableId, result.rowIds[0] as string)?.owners).toEqual([]);
  });

  it('adds sections for the coordinator only', () => {
    const { doc, tableId } = testDoc([task('Một', [KT])]);
    const [one] = rowsOf(doc, tableId);
    expect(sectionInsert(doc, tableId, KINH_TE, one?.id ?? null, 'above').ok).toBe(false);
    expect(sectionInsert(doc, tableId, COORDINATOR, one?.id ?? null, 'above', 'KINH TẾ SỐ').ok).toBe(true);
    expect(texts(doc, tableId)).toEqual(['§KINH TẾ SỐ', 'Một']);
  });

  it('deletes all the rows or none', () => {
    const { doc, tableId } = testDoc([task('Của mình', [KT]), task('Của Văn phòng', [VP])]);
    const rows = rowsOf(doc, tableId);
    const refused = rowsDelete(doc, tableId, KINH_TE, rows);
    expect(refused).toEqual({ ok: false, reason: 'Chỉ xoá được dòng do riêng đơn vị mình chủ trì.' });
    expect(texts(doc, tableId)).toEqual(['Của mình', 'Của Văn phòng']);
    expect(rowsDelete(doc, tableId, KINH_TE, rows.slice(0, 1)).ok).toBe(true);
    expect(texts(doc, tableId)).toEqual(['Của Văn phòng']);
  });

  it('moves a block of rows past its neighbour, keeping its order', () => {
    const { doc, tableId } = testDoc([task('A'), task('B'), task('C'), task('D')]);
    let rows = rowsOf(doc, tableId);
    expect(rowsMoveBy(doc, tableId, COORDINATOR, rows, 1, 2, 1).ok).toBe(true);
    expect(texts(doc, tableId)).toEqual(['A', 'D', 'B', 'C']);
    rows = rowsOf(doc, tableId);
    rowsMoveBy(doc, tableId, COORDINATOR, rows, 2, 3, -1);
    expect(texts(doc, tableId)).toEqual(['A', 'B', 'C', 'D']);
    rows = rowsOf(doc, tableId);
    rowsMoveTo(doc, tableId, COORDINATOR, rows.slice(2, 4), rows[0]?.id as string, 'before');
    expect(texts(doc, tableId)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('lets an editor move only its own rows', () => {
    const { doc, tableId } = testDoc([task('A', [KT]), task('B', [VP])]);
    const rows = rowsOf(doc, tableId);
    expect(rowsMoveBy(doc, tableId, KINH_TE, rows, 1, 1, -1)).toEqual({ ok: false, reason: 'Dòng này do đơn vị khác chủ trì.' });
    expect(rowsMoveBy(doc, tableId, KINH_TE, rows, 0, 0, 1).ok).toBe(true);
    expect(texts(doc, tableId)).toEqual(['B', 'A']);
  });
});

describe('column actions', () => {
  it('adds known and custom columns, renames, moves, resizes and removes them (coordinator only)', () => {
    const { doc, tableId } = testDoc([task('Một')]);
    expect(columnAdd(doc, tableId, KINH_TE, { field: 'note', year: 2026 }).ok).toBe(false);
    expect(columnAdd(doc, tableId, COORDINATOR, { field: 'note', year: 2026 }).ok).toBe(true);
    expect(columnAdd(doc, tableId, COORDINATOR, { label: 'Mức độ ưu tiên', index: 1, year: 2026 }).ok).toBe(true);
    let cols = planDocColumns(doc, tableId);
    expect(cols.map((c) => c.field)).toEqual(['task', 'custom:muc-do-uu-tien', 'lead', 'cooperating', 'timeframe', 'note']);
    expect(cols[5]?.label).toBe('Ghi chú');
    columnRename(doc, tableId, COORDINATOR, 'note', 'Ghi chú khác');
    columnMove(doc, tableId, COORDINATOR, 'note', 0);
    columnResize(doc, tableId, COORDINATOR, 'note', 33.5);
    columnRemove(doc, tableId, COORDINATOR, 'custom:muc-do-uu-tien');
    cols = planDocColumns(doc, tableId);
    expect(cols.map((c) => c.field)).toEqual(['note', 'task', 'lead', 'cooperating', 'timeframe']);
    expect(cols[0]).toEqual({ field: 'note', label: 'Ghi chú khác', width: 33.5 });
  });

  it('names custom fields uniquely', () => {
    expect(columnCustomField('Ghi chú', ['custom:ghi-chu'])).toBe('custom:ghi-chu-2');
    expect(columnCustomField('???', [])).toBe('custom:cot');
  });

  it('lays an empty table out by another template, and refuses once it has rows', () => {
    const { doc, tableId } = testDoc([]);
    expect(templateApply(doc, tableId, COORDINATOR, 'indicators', 2026, 0).ok).toBe(true);
    const table = planDocReadTable(doc, tableId);
    expect(table.template).toBe('indicators');
    expect(table.columns.map((c) => c.label)).toContain('Chỉ tiêu phấn đấu năm 2026');
    expect(table.numbering).toEqual({ items: 'restart', sections: 'alpha', label: 'STT' });
    expect(table.title).toBe('Chỉ tiêu chuyển đổi số năm 2026');
    expect(templateApply(doc, tableId, COORDINATOR, 'kpi', 2026, 3).ok).toBe(false);
    expect(templateApply(doc, tableId, KINH_TE, 'kpi', 2026, 0).ok).toBe(false);
  });
});
