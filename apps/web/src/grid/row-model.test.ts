import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { planDocAddColumn, planDocDeleteRow, planDocInsertRow, planDocMoveRow, planDocOrderedRowIds, planDocSetCell, planDocSetOwners } from '@phuluc/domain';
import { GridModel } from './row-model.ts';
import { KT, section, task, testDoc } from './test-doc.test-helper.ts';

/** A model fed by observeDeep, as the grid's store feeds it. */
function observed(doc: Y.Doc, tableId: string): GridModel {
  const model = new GridModel(doc, tableId);
  (doc.getMap('tables').get(tableId) as Y.Map<unknown>).observeDeep((events) => model.apply(events));
  return model;
}

describe('GridModel', () => {
  it('reads rows in order with numbers computed by the template', () => {
    const { doc, tableId } = testDoc([section('CHÍNH QUYỀN SỐ'), task('Số hóa hồ sơ'), task('Họp trực tuyến'), section('KINH TẾ SỐ'), task('Chợ số')], 'tasks-detailed');
    const snap = new GridModel(doc, tableId).snapshot();
    expect(snap.rows.map((r) => (r.kind === 'section' ? r.label : r.cells.task))).toEqual(['CHÍNH QUYỀN SỐ', 'Số hóa hồ sơ', 'Họp trực tuyến', 'KINH TẾ SỐ', 'Chợ số']);
    // tasks-detailed restarts the STT in each section.
    expect(snap.numbers).toEqual(['I', '1', '2', 'II', '1']);
    expect(snap.info.numbering.label).toBe('STT');
  });

  it('numbers continuously across sections when the template says so', () => {
    const { doc, tableId } = testDoc([section('A'), task('x'), section('B'), task('y')], 'tasks-basic');
    expect(new GridModel(doc, tableId).snapshot().numbers).toEqual(['I', '1', 'II', '2']);
  });

  it('re-reads only the row a keystroke changed, keeping the other row objects', () => {
    const { doc, tableId } = testDoc([task('Một'), task('Hai'), task('Ba')]);
    const model = observed(doc, tableId);
    const before = model.snapshot();
    const [first, second, third] = before.rows;
    planDocSetCell(doc, tableId, second?.id as string, 'task', 'Hai (sửa)');
    const after = model.snapshot();
    expect(after).not.toBe(before);
    expect(after.rows[0]).toBe(first);
    expect(after.rows[2]).toBe(third);
    expect(after.rows[1]).not.toBe(second);
    expect(after.rows[1]?.kind === 'item' && after.rows[1].cells.task).toBe('Hai (sửa)');
    expect(after.numbers).toBe(before.numbers);
  });

  it('returns the same snapshot while nothing changed', () => {
    const { doc, tableId } = testDoc([task('Một')]);
    const model = observed(doc, tableId);
    expect(model.snapshot()).toBe(model.snapshot());
  });

  it('follows inserts, moves, deletes and owners of rows', () => {
    const { doc, tableId } = testDoc([task('Một'), task('Hai')]);
    const model = observed(doc, tableId);
    const [a, b] = planDocOrderedRowIds(doc, tableId) as [string, string];
    const c = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Ba' }, owners: [KT] }, { before: a });
    expect(model.snapshot().rows.map((r) => r.id)).toEqual([c, a, b]);
    planDocMoveRow(doc, tableId, c, { after: b });
    expect(model.snapshot().rows.map((r) => r.id)).toEqual([a, b, c]);
    planDocSetOwners(doc, tableId, a, [KT]);
    const row = model.snapshot().rows[0];
    expect(row?.kind === 'item' && row.owners).toEqual([KT]);
    planDocDeleteRow(doc, tableId, b);
    const snap = model.snapshot();
    expect(snap.rows.map((r) => r.id)).toEqual([a, c]);
    expect(snap.numbers).toEqual(['1', '2']);
    expect(snap.indexOf.get(c)).toBe(1);
  });

  it('reads every row again when a column is added', () => {
    const { doc, tableId } = testDoc([task('Một')]);
    const model = observed(doc, tableId);
    const before = model.snapshot();
    planDocAddColumn(doc, tableId, { field: 'note', label: 'Ghi chú', width: 20 });
    const after = model.snapshot();
    expect(after.info.columns.map((c) => c.field)).toContain('note');
    expect(after.rows[0]?.kind === 'item' && after.rows[0].cells.note).toBe('');
    expect(after.info).not.toBe(before.info);
  });

  it('gives validateTable the table as planDocReadTable would', () => {
    const { doc, tableId } = testDoc([section('I'), task('Một')]);
    const table = new GridModel(doc, tableId).tableModel();
    expect(table.template).toBe('tasks-basic');
    expect(table.rows).toHaveLength(2);
  });
});
