import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { planDocInsertRow, planDocMoveRow, planDocOrderedRowIds, planDocReadTable, planDocSetCell, planDocDeleteRow, unitDirectoryDefault, validateTable } from '@phuluc/domain';
import { GridModel } from './row-model.ts';
import { validationCopyApply, validationCopyCreate, validationCopyTable, validationDelta } from './validation-sync.ts';
import { section, task, testDoc } from './test-doc.test-helper.ts';

describe('validation deltas', () => {
  it('send everything first, then only what changed, and rebuild the same table in the worker', () => {
    const { doc, tableId } = testDoc([section('I'), task('Một'), task('Hai'), task('Ba')]);
    const model = new GridModel(doc, tableId);
    (doc.getMap('tables').get(tableId) as Y.Map<unknown>).observeDeep((e) => model.apply(e));
    const copy = validationCopyCreate();
    const ctx = { tableId, planYear: 2026 };
    let prev = model.snapshot();
    const first = validationDelta(null, prev, { seq: 1, ...ctx });
    expect(first.rows).toHaveLength(4);
    expect(first.info).not.toBeNull();
    validationCopyApply(copy, first);

    const [, one, two, three] = planDocOrderedRowIds(doc, tableId) as [string, string, string, string];
    planDocSetCell(doc, tableId, two, 'task', 'Hai (sửa)');
    let next = model.snapshot();
    const keystroke = validationDelta(prev, next, { seq: 2, ...ctx });
    expect(keystroke.rows.map((r) => r.id)).toEqual([two]);
    expect(keystroke.order).toBeNull();
    expect(keystroke.info).toBeNull();
    validationCopyApply(copy, keystroke);
    prev = next;

    planDocMoveRow(doc, tableId, three, { before: one });
    planDocDeleteRow(doc, tableId, two);
    planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Bốn' } });
    next = model.snapshot();
    const structural = validationDelta(prev, next, { seq: 3, ...ctx });
    expect(structural.order).toHaveLength(4);
    expect(structural.rows).toHaveLength(1);
    validationCopyApply(copy, structural);

    const units = unitDirectoryDefault();
    const table = validationCopyTable(copy);
    if (!table) throw new Error('no table in the copy');
    expect(table.rows.map((r) => r.id)).toEqual(planDocOrderedRowIds(doc, tableId));
    expect(copy.rows.size).toBe(4);
    const inWorker = validateTable(table, { tableId, planYear: 2026, units });
    const inPage = validateTable(planDocReadTable(doc, tableId), { tableId, planYear: 2026, units });
    expect(inWorker).toEqual(inPage);
  });
});
