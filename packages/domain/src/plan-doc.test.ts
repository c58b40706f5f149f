import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import {
  FIXTURE_TEMPLATES,
  docCopy,
  fixtureTable,
  updateLocations,
  updateOf,
} from './plan-doc-fixtures.test-helper.ts';
import {
  PLAN_SCHEMA_VERSION,
  PlanDocError,
  orderKeyIsValid,
  planDocAddColumn,
  planDocAddTable,
  planDocCellText,
  planDocColumns,
  planDocCommentAdd,
  planDocCommentResolve,
  planDocComments,
  planDocCreate,
  planDocDeleteRow,
  planDocHasTable,
  planDocId,
  planDocImportTable,
  planDocInsertRow,
  planDocInsertRows,
  planDocLocate,
  planDocMigrate,
  planDocMoveColumn,
  planDocMoveRow,
  planDocMoveTable,
  planDocOrderedRowIds,
  planDocReadMeta,
  planDocReadTable,
  planDocRemoveColumn,
  planDocRemoveTable,
  planDocRenameColumn,
  planDocResizeColumn,
  planDocReview,
  planDocReviewSet,
  planDocRowInfo,
  planDocRowTableId,
  planDocSetCell,
  planDocSetMeta,
  planDocSetNumbering,
  planDocSetOwners,
  planDocSetTableTitle,
  planDocTableIds,
} from './plan-doc.ts';
import type { PlanDocLocation, PlanMeta } from './plan-doc.ts';
import { tableModelSchema } from './table-model.ts';
import type { TableModel } from './table-model.ts';

const META: PlanMeta = {
  commune: 'Tân Thanh',
  province: 'Tuyên Quang',
  year: 2026,
  title: 'Kế hoạch chuyển đổi số năm 2026',
  planNumber: '15/KH-UBND',
  issuedOn: '2026-01-20',
};

const TAN_THANH = fixtureTable('tan-thanh-2026-tasks.tsv', 'tasks-detailed');

function planWithTable(table: TableModel = TAN_THANH): { doc: Y.Doc; tableId: string } {
  const doc = planDocCreate(META);
  const tableId = planDocImportTable(doc, table);
  return { doc, tableId };
}

/** Rows without what the document adds (ids, owners default) to compare with an import. */
function rowsContent(table: TableModel): unknown[] {
  return table.rows.map((r) => (r.kind === 'section' ? { kind: r.kind, number: r.number, label: r.label } : { kind: r.kind, number: r.number, cells: r.cells }));
}

function rowOf(doc: Y.Doc, tableId: string, rowId: string): Y.Map<unknown> {
  const tables = doc.getMap<Y.Map<Y.Map<Y.Map<unknown>>>>('tables');
  return tables.get(tableId)?.get('rows')?.get(rowId) as Y.Map<unknown>;
}

describe('planDocCreate, planDocReadMeta, planDocSetMeta', () => {
  it('writes the meta and the schema version, and reads them back', () => {
    const doc = planDocCreate(META);
    expect(planDocReadMeta(doc)).toEqual({ ...META, schemaVersion: PLAN_SCHEMA_VERSION });
    expect(planDocTableIds(doc)).toEqual([]);
  });

  it('writes into a given doc', () => {
    const doc = new Y.Doc();
    expect(planDocCreate(META, doc)).toBe(doc);
    expect(doc.getMap('meta').get('commune')).toBe('Tân Thanh');
  });

  it('reads a missing value as empty', () => {
    expect(planDocReadMeta(new Y.Doc())).toEqual({ schemaVersion: 0, commune: '', province: '', year: 0, title: '', planNumber: '', issuedOn: '' });
  });

  it('changes only the patched keys, and writes nothing for an unchanged value', () => {
    const doc = planDocCreate(META);
    planDocSetMeta(doc, { planNumber: '20/KH-UBND', issuedOn: '' });
    expect(planDocReadMeta(doc)).toMatchObject({ planNumber: '20/KH-UBND', issuedOn: '', commune: 'Tân Thanh' });
    let updates = 0;
    doc.on('update', () => (updates += 1));
    planDocSetMeta(doc, { commune: 'Tân Thanh' });
    expect(updates).toBe(0);
  });
});

describe('tables', () => {
  it('adds a table with the template’s columns and title for the plan’s year', () => {
    const doc = planDocCreate({ ...META, year: 2027 });
    const id = planDocAddTable(doc, { template: 'indicators' });
    const table = planDocReadTable(doc, id);
    expect(table.title).toBe('Chỉ tiêu chuyển đổi số năm 2027');
    expect(table.columns.map((c) => c.label)).toContain('Chỉ tiêu phấn đấu năm 2027');
    expect(table.numbering).toEqual({ items: 'restart', sections: 'alpha', label: 'STT' });
    expect(table.numberWidth).toBe(12);
    expect(table.rows).toEqual([]);
  });

  it('keeps tables in the order they were added, and moves one by its order key alone', () => {
    const doc = planDocCreate(META);
    const a = planDocAddTable(doc, { template: 'tasks-basic', id: 'tasks' });
    const b = planDocAddTable(doc, { template: 'recurring', title: 'Nhiệm vụ thường xuyên' });
    const c = planDocAddTable(doc, { template: 'kpi' });
    expect(a).toBe('tasks');
    expect(planDocTableIds(doc)).toEqual([a, b, c]);
    expect(planDocReadTable(doc, b).title).toBe('Nhiệm vụ thường xuyên');
    planDocMoveTable(doc, c, { before: a });
    expect(planDocTableIds(doc)).toEqual([c, a, b]);
  });

  it('refuses a table id that is taken', () => {
    const doc = planDocCreate(META);
    planDocAddTable(doc, { template: 'kpi', id: 'kpi' });
    expect(() => planDocAddTable(doc, { template: 'kpi', id: 'kpi' })).toThrow(PlanDocError);
  });

  it('removes a table', () => {
    const { doc, tableId } = planWithTable();
    planDocRemoveTable(doc, tableId);
    expect(planDocTableIds(doc)).toEqual([]);
    expect(planDocHasTable(doc, tableId)).toBe(false);
    expect(() => planDocReadTable(doc, tableId)).toThrow(/Không tìm thấy bảng/);
  });

  it('sets the title by a small edit and the numbering', () => {
    const { doc, tableId } = planWithTable();
    planDocSetTableTitle(doc, tableId, 'Danh mục nhiệm vụ chuyển đổi số năm 2026 (sửa đổi)');
    planDocSetNumbering(doc, tableId, { items: 'continuous', sections: 'alpha', label: 'TT' }, 10);
    const table = planDocReadTable(doc, tableId);
    expect(table.title).toBe('Danh mục nhiệm vụ chuyển đổi số năm 2026 (sửa đổi)');
    expect(table.rows.filter((r) => r.kind === 'section').map((r) => r.number)).toEqual(['A', 'B', 'C']);
    expect(table.rows.at(-1)?.number).toBe(String(TAN_THANH.rows.filter((r) => r.kind === 'item').length));
    expect(table.numberWidth).toBe(10);
  });
});

describe('planDocImportTable', () => {
  it.each(FIXTURE_TEMPLATES)('reads %s back with the same rows and the STT the plan printed', (name, template) => {
    const source = fixtureTable(name, template);
    const { doc, tableId } = planWithTable(source);
    const read = planDocReadTable(doc, tableId);
    expect(tableModelSchema.parse(read)).toEqual(read);
    expect(rowsContent(read)).toEqual(rowsContent(source));
    expect(read.columns).toEqual(source.columns);
    expect(read.title).toBe(source.title);
    expect(new Set(read.rows.map((r) => r.id)).size).toBe(source.rows.length);
  });

  it('writes the whole table in one transaction', () => {
    const doc = planDocCreate(META);
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    planDocImportTable(doc, TAN_THANH);
    expect(transactions).toBe(1);
  });

  it('sets owners through ownersOf and records the creator', () => {
    const doc = planDocCreate(META);
    const tableId = planDocImportTable(doc, TAN_THANH, {
      id: 'tasks',
      ownersOf: (row) => (row.cells.lead?.includes('Văn phòng') ? ['vp'] : ['vhxh']),
      createdBy: 'user-1',
    });
    expect(tableId).toBe('tasks');
    const items = planDocReadTable(doc, tableId).rows.filter((r) => r.kind === 'item');
    expect(items[1]?.owners).toEqual(['vp']); // "Văn phòng HĐND và UBND xã"
    expect(items[0]?.owners).toEqual(['vhxh']);
    expect(planDocRowInfo(doc, tableId, items[0]?.id ?? '')?.createdBy).toBe('user-1');
  });

  it('creates every cell text and the comment list with the row', () => {
    const { doc, tableId } = planWithTable();
    const [section, item] = planDocOrderedRowIds(doc, tableId);
    expect([...rowOf(doc, tableId, item ?? '').keys()].sort()).toEqual(
      ['createdBy', 'kind', 'order', 'owners', ...TAN_THANH.columns.map((c) => c.field)].sort(),
    );
    expect([...rowOf(doc, tableId, section ?? '').keys()].sort()).toEqual(['kind', 'label', 'order']);
    expect(doc.getMap('comments').get(item ?? '')).toBeInstanceOf(Y.Array);
  });

  it('refuses a column whose field the row uses for itself', () => {
    const doc = planDocCreate(META);
    const bad = { ...TAN_THANH, columns: [...TAN_THANH.columns, { field: 'order', label: 'Thứ tự', width: 10 }] };
    expect(() => planDocImportTable(doc, bad)).toThrow(expect.objectContaining({ code: 'field-invalid' }));
  });
});

describe('rows', () => {
  it('appends, inserts before and after, and keeps the order every replica computes', () => {
    const { doc, tableId } = planWithTable();
    const ids = planDocOrderedRowIds(doc, tableId);
    const last = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Cuối bảng' } });
    const first = planDocInsertRow(doc, tableId, { kind: 'section', label: 'MỞ ĐẦU' }, { before: ids[0] });
    const third = planDocInsertRow(doc, tableId, { kind: 'item' }, { after: ids[1] });
    expect(planDocOrderedRowIds(doc, tableId)).toEqual([first, ids[0], ids[1], third, ...ids.slice(2), last]);
    expect(planDocOrderedRowIds(docCopy(doc), tableId)).toEqual(planDocOrderedRowIds(doc, tableId));
    const read = planDocReadTable(doc, tableId);
    expect(read.rows[0]).toMatchObject({ kind: 'section', label: 'MỞ ĐẦU', number: 'I' });
    expect(read.rows.at(-1)).toMatchObject({ kind: 'item', cells: { task: 'Cuối bảng', detail: '' } });
  });

  it('writes only the new row when inserting (and its comment list and map of progress reports)', () => {
    const { doc, tableId } = planWithTable();
    const server = docCopy(doc);
    const ids = planDocOrderedRowIds(doc, tableId);
    let rowId = '';
    const update = updateOf(doc, () => {
      rowId = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Mới' }, owners: ['vhxh'], createdBy: 'u1' }, { after: ids[3] });
    });
    const locations = updateLocations(server, update);
    expect(locations.length).toBeGreaterThan(5);
    for (const location of locations) {
      expect([
        { area: 'tables', tableId, part: 'rows', rowId },
        { area: 'comments', rowId },
        { area: 'progress', rowId },
      ]).toContainEqual(location.area === 'tables' ? { ...location, field: undefined } : location.area === 'progress' ? { area: location.area, rowId: location.rowId } : location);
    }
    expect(planDocRowInfo(doc, tableId, rowId)).toMatchObject({ kind: 'item', owners: ['vhxh'], createdBy: 'u1' });
  });

  it('inserts a pasted block in one transaction, in order', () => {
    const { doc, tableId } = planWithTable();
    const ids = planDocOrderedRowIds(doc, tableId);
    const pasted = planDocInsertRows(doc, tableId, [1, 2, 3].map((n) => ({ kind: 'item' as const, cells: { task: `Dán ${n}` } })), { before: ids[1] });
    expect(planDocOrderedRowIds(doc, tableId).slice(0, 5)).toEqual([ids[0], ...pasted, ids[1]]);
  });

  it('writes only the moved row’s order when moving', () => {
    const { doc, tableId } = planWithTable();
    const ids = planDocOrderedRowIds(doc, tableId);
    const moved = ids[2] as string;
    const server = docCopy(doc);
    const update = updateOf(doc, () => planDocMoveRow(doc, tableId, moved, { after: ids[6] }));
    const decoded = Y.decodeUpdate(update);
    expect(decoded.structs).toHaveLength(1);
    const expected: PlanDocLocation = { area: 'tables', tableId, part: 'rows', rowId: moved, field: 'order' };
    expect(updateLocations(server, update)).toEqual([expected, expected]); // the old key's deletion, the new key
    const after = planDocOrderedRowIds(doc, tableId);
    expect(after.indexOf(moved)).toBe(after.indexOf(ids[6] as string) + 1);
    expect(after).toHaveLength(ids.length);
  });

  it('writes nothing when a row is moved where it already is', () => {
    const { doc, tableId } = planWithTable();
    const ids = planDocOrderedRowIds(doc, tableId);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    planDocMoveRow(doc, tableId, ids[2] as string, { after: ids[1] });
    planDocMoveRow(doc, tableId, ids[2] as string, { before: ids[3] });
    planDocMoveRow(doc, tableId, ids[2] as string, { after: ids[2] });
    expect(updates).toBe(0);
  });

  it('leaves a deleted row alone, and refuses an anchor that is gone', () => {
    const { doc, tableId } = planWithTable();
    const ids = planDocOrderedRowIds(doc, tableId);
    planDocDeleteRow(doc, tableId, ids[1] as string);
    expect(planDocOrderedRowIds(doc, tableId)).toEqual([ids[0], ...ids.slice(2)]);
    planDocMoveRow(doc, tableId, ids[1] as string, { after: ids[5] });
    planDocSetCell(doc, tableId, ids[1] as string, 'task', 'x');
    planDocDeleteRow(doc, tableId, ids[1] as string);
    expect(planDocOrderedRowIds(doc, tableId)).toHaveLength(ids.length - 1);
    expect(() => planDocInsertRow(doc, tableId, { kind: 'item' }, { after: ids[1] })).toThrow(expect.objectContaining({ code: 'row-missing' }));
    expect(planDocInsertRow(doc, tableId, { kind: 'item' }, { after: ids[1], before: ids[2] })).toBe(planDocOrderedRowIds(doc, tableId)[1]);
  });

  it('places a row between two rows that tie on their key, moving only the tied ones', () => {
    const doc = planDocCreate(META);
    const tableId = planDocAddTable(doc, { template: 'tasks-basic' });
    const [a, b, c] = ['a', 'b', 'c'].map((task) => planDocInsertRow(doc, tableId, { kind: 'item', cells: { task } })) as [string, string, string];
    // Two people appended at once and their jitter collided: b and c share a's key.
    const tie = planDocRowInfo(doc, tableId, a)?.order as string;
    rowOf(doc, tableId, b).set('order', tie);
    rowOf(doc, tableId, c).set('order', tie);
    const tied = planDocOrderedRowIds(doc, tableId);
    const x = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'x' } }, { after: tied[0] });
    expect(planDocOrderedRowIds(doc, tableId)).toEqual([tied[0], x, tied[1], tied[2]]);
    expect(planDocRowInfo(doc, tableId, tied[0] as string)?.order).toBe(tie);
  });

  it('gives valid, distinct, short order keys, also after many inserts at one spot', () => {
    const doc = planDocCreate(META);
    const tableId = planDocAddTable(doc, { template: 'tasks-basic' });
    const top = planDocInsertRow(doc, tableId, { kind: 'item' });
    planDocInsertRow(doc, tableId, { kind: 'item' });
    for (let i = 0; i < 50; i += 1) planDocInsertRow(doc, tableId, { kind: 'item' }, { after: top });
    const keys = planDocOrderedRowIds(doc, tableId).map((id) => planDocRowInfo(doc, tableId, id)?.order ?? '');
    expect(keys.every(orderKeyIsValid)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(20);
  });
});

describe('cells and owners', () => {
  it('sets a cell by the smallest edit: one character typed into a long cell is a tiny update', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    const long = `${planDocCellText(doc, tableId, rowId, 'detail')?.toString()} `.repeat(4);
    planDocSetCell(doc, tableId, rowId, 'detail', long);
    const update = updateOf(doc, () => planDocSetCell(doc, tableId, rowId, 'detail', `${long.slice(0, 100)}x${long.slice(100)}`));
    expect(long.length).toBeGreaterThan(400);
    expect(update.length).toBeLessThan(40);
    expect(planDocCellText(doc, tableId, rowId, 'detail')?.toString()).toBe(`${long.slice(0, 100)}x${long.slice(100)}`);
  });

  it('sets a section’s label and refuses item fields on it', () => {
    const { doc, tableId } = planWithTable();
    const section = planDocOrderedRowIds(doc, tableId)[0] as string;
    planDocSetCell(doc, tableId, section, 'label', 'CHÍNH QUYỀN SỐ VÀ AN TOÀN THÔNG TIN');
    expect(planDocReadTable(doc, tableId).rows[0]).toMatchObject({ label: 'CHÍNH QUYỀN SỐ VÀ AN TOÀN THÔNG TIN', number: 'I' });
    expect(() => planDocSetCell(doc, tableId, section, 'task', 'x')).toThrow(expect.objectContaining({ code: 'field-invalid' }));
    expect(() => planDocSetCell(doc, tableId, planDocOrderedRowIds(doc, tableId)[1] as string, 'owners', 'x')).toThrow(PlanDocError);
  });

  it('creates a missing text when the row was made at the same time as the column', () => {
    const { doc, tableId } = planWithTable();
    const other = docCopy(doc);
    const rowId = planDocInsertRow(other, tableId, { kind: 'item', cells: { task: 'Hàng mới' } });
    planDocAddColumn(doc, tableId, { field: 'budget', label: 'Kinh phí (trđ)', width: 20 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(planDocCellText(doc, tableId, rowId, 'budget')).toBeUndefined();
    expect(planDocReadTable(doc, tableId).rows.at(-1)).toMatchObject({ cells: { task: 'Hàng mới', budget: '' } });
    planDocSetCell(doc, tableId, rowId, 'budget', '1.250');
    expect(planDocCellText(doc, tableId, rowId, 'budget')?.toString()).toBe('1.250');
  });

  it('sets owners as one value and writes nothing when they are unchanged', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    planDocSetOwners(doc, tableId, rowId, ['vp', 'ca']);
    expect(planDocReadTable(doc, tableId).rows[1]).toMatchObject({ owners: ['vp', 'ca'] });
    let updates = 0;
    doc.on('update', () => (updates += 1));
    planDocSetOwners(doc, tableId, rowId, ['vp', 'ca']);
    expect(updates).toBe(0);
  });

  it('finds the table of a row', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[4] as string;
    expect(planDocRowTableId(doc, rowId)).toBe(tableId);
    expect(planDocRowTableId(doc, 'nope')).toBeUndefined();
  });
});

describe('columns', () => {
  it('adds a column with a text in every item row, in the same transaction', () => {
    const { doc, tableId } = planWithTable();
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    planDocAddColumn(doc, tableId, { field: 'custom:kinh-phi', label: 'Kinh phí', width: 20 }, 2);
    expect(transactions).toBe(1);
    expect(planDocColumns(doc, tableId).map((c) => c.field).slice(0, 3)).toEqual(['task', 'detail', 'custom:kinh-phi']);
    for (const rowId of planDocOrderedRowIds(doc, tableId)) {
      const isSection = planDocRowInfo(doc, tableId, rowId)?.kind === 'section';
      expect(planDocCellText(doc, tableId, rowId, 'custom:kinh-phi') === undefined).toBe(isSection);
    }
    expect(() => planDocAddColumn(doc, tableId, { field: 'task', label: 'x', width: 10 })).toThrow(expect.objectContaining({ code: 'column-exists' }));
    expect(() => planDocAddColumn(doc, tableId, { field: 'kind', label: 'x', width: 10 })).toThrow(expect.objectContaining({ code: 'field-invalid' }));
    expect(() => planDocAddColumn(doc, tableId, { field: 'custom:x', label: 'x', width: 0 })).toThrow(expect.objectContaining({ code: 'column-invalid' }));
  });

  it('removes a column but keeps its texts, so adding it again brings the content back', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    const note = 'Ghi chú quan trọng';
    planDocSetCell(doc, tableId, rowId, 'note', note);
    planDocRemoveColumn(doc, tableId, 'note');
    expect(planDocColumns(doc, tableId).map((c) => c.field)).not.toContain('note');
    expect(planDocReadTable(doc, tableId).rows[1]).not.toHaveProperty('cells.note');
    planDocAddColumn(doc, tableId, { field: 'note', label: 'Ghi chú', width: 15 });
    expect(planDocReadTable(doc, tableId).rows[1]).toHaveProperty('cells.note', note);
  });

  it('renames, resizes and moves a column', () => {
    const { doc, tableId } = planWithTable();
    planDocRenameColumn(doc, tableId, 'lead', 'Đơn vị chủ trì');
    planDocResizeColumn(doc, tableId, 'lead', 40);
    planDocMoveColumn(doc, tableId, 'lead', 0);
    planDocMoveColumn(doc, tableId, 'task', 99);
    const columns = planDocColumns(doc, tableId);
    expect(columns[0]).toEqual({ field: 'lead', label: 'Đơn vị chủ trì', width: 40 });
    expect(columns.at(-1)?.field).toBe('task');
    expect(columns).toHaveLength(TAN_THANH.columns.length);
    expect(() => planDocResizeColumn(doc, tableId, 'lead', -1)).toThrow(PlanDocError);
  });

  it('shows a column renamed by two people at once once, and the next change cleans up', () => {
    const { doc, tableId } = planWithTable();
    const other = docCopy(doc);
    planDocRenameColumn(doc, tableId, 'monitor', 'Đơn vị theo dõi');
    planDocRenameColumn(other, tableId, 'monitor', 'Theo dõi, đánh giá');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const columns = planDocColumns(doc, tableId);
    expect(columns.filter((c) => c.field === 'monitor')).toHaveLength(1);
    expect(planDocColumns(other, tableId)).toEqual(columns);
    const raw = (doc.getMap('tables').get(tableId) as Y.Map<Y.Array<{ field: string }>>).get('columns');
    expect(raw?.toArray().filter((c) => c.field === 'monitor')).toHaveLength(2);
    planDocResizeColumn(doc, tableId, 'monitor', 30);
    expect(raw?.toArray().filter((c) => c.field === 'monitor')).toHaveLength(1);
  });
});

describe('planDocMigrate', () => {
  it('leaves a current document alone', () => {
    const { doc } = planWithTable();
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(planDocMigrate(doc)).toEqual({ from: PLAN_SCHEMA_VERSION, to: PLAN_SCHEMA_VERSION });
    expect(updates).toBe(0);
  });

  it('migrates a document written before the schema had a version', () => {
    // A fake version-0 plan: meta without schemaVersion, tables without order keys.
    const doc = new Y.Doc();
    doc.getMap('meta').set('commune', 'Xuân Lộc');
    const tables = doc.getMap('tables');
    for (const id of ['t2', 't1']) {
      const table = new Y.Map<unknown>();
      tables.set(id, table);
      table.set('title', new Y.Text(id));
      table.set('template', 'kpi');
      table.set('rows', new Y.Map());
    }
    expect(planDocMigrate(doc)).toEqual({ from: 0, to: PLAN_SCHEMA_VERSION });
    expect(planDocReadMeta(doc).schemaVersion).toBe(PLAN_SCHEMA_VERSION);
    expect(planDocTableIds(doc)).toEqual(['t1', 't2']);
    expect(planDocRowInfo(doc, 't1', 'x')).toBeUndefined();
    expect(orderKeyIsValid((tables.get('t1') as Y.Map<unknown>).get('order'))).toBe(true);
  });

  it('runs every migration in turn, in one transaction', () => {
    const doc = planDocCreate(META);
    const steps: number[] = [];
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    const fake = {
      [PLAN_SCHEMA_VERSION]: (d: Y.Doc) => void (steps.push(1), d.getMap('meta').set('v2', true)),
      [PLAN_SCHEMA_VERSION + 1]: (d: Y.Doc) => void (steps.push(2), d.getMap('meta').set('v3', true)),
    };
    expect(planDocMigrate(doc, fake, PLAN_SCHEMA_VERSION + 2)).toEqual({ from: PLAN_SCHEMA_VERSION, to: PLAN_SCHEMA_VERSION + 2 });
    expect(steps).toEqual([1, 2]);
    expect(transactions).toBe(1);
    expect(planDocReadMeta(doc).schemaVersion).toBe(PLAN_SCHEMA_VERSION + 2);
    expect(() => planDocMigrate(doc)).toThrow(expect.objectContaining({ code: 'schema-too-new' }));
  });

  it('leaves an empty document alone', () => {
    const doc = new Y.Doc();
    expect(planDocMigrate(doc)).toEqual({ from: 0, to: 0 });
    expect(doc.getMap('meta').size).toBe(0);
  });
});

describe('planDocLocate', () => {
  function locationsOf(doc: Y.Doc, change: () => void): PlanDocLocation[] {
    const server = docCopy(doc);
    return updateLocations(server, updateOf(doc, change));
  }

  it('locates a meta key', () => {
    const doc = planDocCreate(META);
    expect(locationsOf(doc, () => planDocSetMeta(doc, { planNumber: '7/KH-UBND' }))).toEqual([
      { area: 'meta', key: 'planNumber' },
      { area: 'meta', key: 'planNumber' },
    ]);
  });

  it('locates a new table, its title, its columns and its numbering', () => {
    const doc = planDocCreate(META);
    const added = locationsOf(doc, () => planDocAddTable(doc, { template: 'kpi', id: 'kpi' }));
    expect(added).toContainEqual({ area: 'tables', tableId: 'kpi' });
    expect(added).toContainEqual({ area: 'tables', tableId: 'kpi', part: 'columns' });
    expect(locationsOf(doc, () => planDocSetTableTitle(doc, 'kpi', 'Bảng KPI năm 2026 (sửa)'))).toEqual([
      { area: 'tables', tableId: 'kpi', part: 'title' },
      { area: 'tables', tableId: 'kpi', part: 'title' },
    ]);
    expect(locationsOf(doc, () => planDocRenameColumn(doc, 'kpi', 'lead', 'Đơn vị'))).toEqual([
      { area: 'tables', tableId: 'kpi', part: 'columns' },
      { area: 'tables', tableId: 'kpi', part: 'columns' },
    ]);
    expect(locationsOf(doc, () => planDocSetNumbering(doc, 'kpi', { items: 'continuous', sections: 'roman', label: 'TT' }))).toEqual([
      { area: 'tables', tableId: 'kpi', part: 'numbering' },
      { area: 'tables', tableId: 'kpi', part: 'numbering' },
    ]);
    expect(locationsOf(doc, () => planDocRemoveTable(doc, 'kpi'))[0]).toEqual({ area: 'tables', tableId: 'kpi' });
  });

  it('locates row order, owners, cell inserts and cell deletes, and a row deletion', () => {
    const { doc, tableId } = planWithTable();
    const [section, rowId, other] = planDocOrderedRowIds(doc, tableId) as [string, string, string];
    const at = (field?: string): PlanDocLocation => ({ area: 'tables', tableId, part: 'rows', rowId, field });
    expect(locationsOf(doc, () => planDocMoveRow(doc, tableId, rowId, { after: other }))).toEqual([at('order'), at('order')]);
    expect(locationsOf(doc, () => planDocSetOwners(doc, tableId, rowId, ['vp']))).toEqual([at('owners'), at('owners')]);
    expect(locationsOf(doc, () => planDocSetCell(doc, tableId, rowId, 'timeframe', 'Quý I–II/2026'))).toEqual([at('timeframe'), at('timeframe')]);
    expect(locationsOf(doc, () => planDocSetCell(doc, tableId, rowId, 'task', 'Báo cáo'))).toContainEqual(at('task'));
    expect(locationsOf(doc, () => planDocSetCell(doc, tableId, rowId, 'task', ''))).toEqual([at('task')]);
    expect(locationsOf(doc, () => planDocSetCell(doc, tableId, section, 'label', 'CHÍNH QUYỀN SỐ (sửa)'))).toEqual([
      { area: 'tables', tableId, part: 'rows', rowId: section, field: 'label' },
    ]);
    // Deleting a row deletes its keys and texts with it: all inside the row.
    const deleted = locationsOf(doc, () => planDocDeleteRow(doc, tableId, rowId));
    expect(deleted[0]).toEqual({ area: 'tables', tableId, part: 'rows', rowId });
    expect(deleted.every((l) => l.area === 'tables' && l.rowId === rowId)).toBe(true);
  });

  it('locates comments and reviews', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    expect(locationsOf(doc, () => planDocCommentAdd(doc, rowId, { author: 'u1', text: 'Cần rõ sản phẩm' }))).toEqual([{ area: 'comments', rowId }]);
    expect(locationsOf(doc, () => planDocReviewSet(doc, rowId, { state: 'approved', by: 'lanh-dao', at: '2026-01-05T08:00:00Z' }))).toEqual([
      { area: 'reviews', rowId },
    ]);
  });

  it('calls anything outside the layout unknown', () => {
    const doc = planDocCreate(META);
    const stray = doc.getMap('stray');
    expect(locationsOf(doc, () => stray.set('x', 1))).toEqual([{ area: 'unknown' }]);
    const nested = new Y.Map<unknown>();
    expect(locationsOf(doc, () => doc.getMap('meta').set('nested', nested))).toEqual([{ area: 'meta', key: 'nested' }]);
    expect(locationsOf(doc, () => nested.set('deep', 1))).toEqual([{ area: 'unknown' }]);
    const table = planDocAddTable(doc, { template: 'kpi' });
    const tableMap = doc.getMap('tables').get(table) as Y.Map<unknown>;
    expect(locationsOf(doc, () => tableMap.set('surprise', 1))).toEqual([{ area: 'unknown' }]);
    expect(planDocLocate(new Y.Map() as unknown as Y.AbstractType<unknown>, 'x')).toEqual({ area: 'unknown' });
  });
});

describe('comments and reviews', () => {
  it('adds, lists and resolves comments', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    const id = planDocCommentAdd(doc, rowId, { author: 'lanh-dao', text: 'Bổ sung thời hạn', at: '2026-01-05T08:00:00Z' });
    planDocCommentAdd(doc, rowId, { author: 'vhxh', text: 'Đã bổ sung' });
    planDocCommentResolve(doc, rowId, id, true);
    const comments = planDocComments(doc, rowId);
    expect(comments.map((c) => [c.text, c.resolved])).toEqual([
      ['Bổ sung thời hạn', true],
      ['Đã bổ sung', false],
    ]);
  });

  it('keeps both first comments made at once on a row', () => {
    const { doc, tableId } = planWithTable();
    const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
    const other = docCopy(doc);
    planDocCommentAdd(doc, rowId, { author: 'a', text: 'Một' });
    planDocCommentAdd(other, rowId, { author: 'b', text: 'Hai' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(planDocComments(doc, rowId).map((c) => c.text).sort()).toEqual(['Hai', 'Một']);
  });

  it('sets and reads a review state', () => {
    const doc = planDocCreate(META);
    expect(planDocReview(doc, 'r1')).toBeUndefined();
    planDocReviewSet(doc, 'r1', { state: 'changes_requested', by: 'lanh-dao', at: '2026-01-05T08:00:00Z' });
    expect(planDocReview(doc, 'r1')?.state).toBe('changes_requested');
  });
});

describe('ids and order keys', () => {
  it('makes url-safe ids of 12 characters', () => {
    const ids = Array.from({ length: 200 }, () => planDocId());
    expect(ids.every((id) => /^[A-Za-z0-9_-]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells valid order keys from malformed ones', () => {
    expect(['a0', 'a1V', 'b10', 'Zz'].every(orderKeyIsValid)).toBe(true);
    expect(['', 'a', 'a10', 'b1', '0a', 'a0!', 42, null].some(orderKeyIsValid)).toBe(false);
  });
});
