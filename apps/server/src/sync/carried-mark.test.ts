/**
 * The mark of a row carried over from last year's plan (`carriedFrom`) is written by the server
 * when it creates next year's plan, and by nobody afterwards: crafted updates that set, change or
 * remove it on an existing row are refused for every role, while ordinary edits of a carried row
 * go through. A row is created whole, its keys checked as its creation (like `createdBy`): undoing
 * the deletion of a carried row brings it back with its mark.
 */
import { type Actor, planDocCreate, planDocImportTable, planDocReadTable, planDocSetCell, type TableModel } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UNIT } from '../testing/sync-harness.ts';
import { updateBy } from '../testing/update-craft.ts';
import { type UpdateDecision, updateAuthorize } from './update-authorize.ts';

const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', unitId: UNIT.vhxh };
const admin: Actor = { userId: 'u-admin', role: 'admin', unitId: null };
const kinhTe: Actor = { userId: 'u-kt', role: 'editor', unitId: UNIT.kinhTe };

const TABLE: TableModel = {
  title: 'Nhiệm vụ năm 2027',
  template: 'tasks-basic',
  numbering: { items: 'continuous', sections: 'roman', label: 'TT' },
  columns: [
    { field: 'task', label: 'Nội dung công việc', width: 100 },
    { field: 'timeframe', label: 'Thời hạn', width: 30 },
  ],
  rows: [
    { kind: 'item', owners: [UNIT.kinhTe], cells: { task: 'Số hóa hồ sơ', timeframe: 'Quý II/2027' }, carriedFrom: '2026' },
    { kind: 'item', owners: [UNIT.kinhTe], cells: { task: 'Việc mới', timeframe: 'Quý III/2027' } },
  ],
};

/** Next year's plan as the server writes it: the first row carried, the second new. */
function planOf(): { doc: Y.Doc; tableId: string; carried: string; fresh: string } {
  const doc = planDocCreate({ commune: 'Tân Thanh', province: '', year: 2027, title: 'KH 2027', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, TABLE, { carriedMarks: true });
  const [carried, fresh] = planDocReadTable(doc, tableId).rows.map((r) => r.id as string);
  return { doc, tableId, carried: carried as string, fresh: fresh as string };
}

const rowMap = (doc: Y.Doc, tableId: string, rowId: string) => ((doc.getMap('tables').get(tableId) as Y.Map<unknown>).get('rows') as Y.Map<unknown>).get(rowId) as Y.Map<unknown>;
const decide = (doc: Y.Doc, actor: Actor, change: (replica: Y.Doc) => void): UpdateDecision => updateAuthorize(doc, updateBy(doc, change), actor, new Map());
const reasonOf = (d: UpdateDecision): string => (d.ok ? 'accepted' : d.error.message);
const REFUSED = 'Dấu «chuyển tiếp từ năm trước» do hệ thống ghi';

describe('the carried mark of a row', () => {
  it('is read back from the plan the server wrote, on the carried row only', () => {
    const { doc, tableId } = planOf();
    expect(planDocReadTable(doc, tableId).rows.map((r) => r.kind === 'item' && r.carriedFrom)).toEqual(['2026', undefined]);
  });

  it('is not taken from an imported table unless the server asks for it', () => {
    const doc = planDocCreate({ commune: 'X', province: '', year: 2027, title: 'KH', planNumber: '', issuedOn: '' });
    const tableId = planDocImportTable(doc, TABLE);
    expect(planDocReadTable(doc, tableId).rows.some((r) => r.kind === 'item' && r.carriedFrom !== undefined)).toBe(false);
  });

  it('refuses the coordinator and an admin changing or removing it', () => {
    const { doc, tableId, carried } = planOf();
    for (const actor of [coordinator, admin]) {
      expect(reasonOf(decide(doc, actor, (r) => rowMap(r, tableId, carried).set('carriedFrom', '2025')))).toContain(REFUSED);
      expect(reasonOf(decide(doc, actor, (r) => rowMap(r, tableId, carried).delete('carriedFrom')))).toContain(REFUSED);
    }
  });

  it('refuses an editor marking his own new-this-year row as carried', () => {
    const { doc, tableId, fresh } = planOf();
    expect(reasonOf(decide(doc, kinhTe, (r) => rowMap(r, tableId, fresh).set('carriedFrom', '2026')))).toContain(REFUSED);
  });

  it('comes back with a carried row whose deletion is undone (a row is created whole, as with createdBy)', () => {
    const { doc, tableId, carried } = planOf();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const origin = { local: true };
    const undo = new Y.UndoManager(replica.getMap('tables').get(tableId) as Y.Map<unknown>, { trackedOrigins: new Set([origin]) });
    replica.transact(() => (rowMap(replica, tableId, carried).parent as Y.Map<unknown>).delete(carried), origin);
    const deletion = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(doc));
    expect(reasonOf(updateAuthorize(doc, deletion, kinhTe, new Map()))).toBe('accepted');
    Y.applyUpdate(doc, deletion);
    const before = Y.encodeStateVector(doc);
    undo.undo();
    const restored = Y.encodeStateAsUpdate(replica, before);
    expect(reasonOf(updateAuthorize(doc, restored, kinhTe, new Map()))).toBe('accepted');
    Y.applyUpdate(doc, restored);
    expect(planDocReadTable(doc, tableId).rows.map((r) => r.kind === 'item' && r.carriedFrom)).toEqual(['2026', undefined]);
  });

  it('lets the owner edit a carried row’s cells and the coordinator delete it', () => {
    const { doc, tableId, carried } = planOf();
    expect(reasonOf(decide(doc, kinhTe, (r) => planDocSetCell(r, tableId, carried, 'timeframe', 'Quý III/2027')))).toBe('accepted');
    expect(reasonOf(decide(doc, coordinator, (r) => (rowMap(r, tableId, carried).parent as Y.Map<unknown>).delete(carried)))).toBe('accepted');
  });
});
