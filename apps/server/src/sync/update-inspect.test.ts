/**
 * The permission check on real Yjs updates: each kind of change is made on a client copy of a
 * plan with the domain's helpers, its update is inspected against the server's document, and
 * every role's verdict is compared with DESIGN.md's table of rights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Actor,
  type PlanRole,
  permissionCheckChanges,
  planDocAddColumn,
  planDocCommentAdd,
  planDocCommentResolve,
  planDocCreate,
  planDocDeleteRow,
  planDocImportTable,
  planDocInsertRow,
  planDocMoveRow,
  planDocOrderedRowIds,
  planDocProgressWrite,
  planDocReadTable,
  planDocRenameColumn,
  planDocReviewSet,
  planDocRowInfo,
  planDocSetCell,
  planDocSetMeta,
  planDocSetOwners,
  tableImportText,
  unitDirectoryDefault,
  unitsLeading,
} from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateBy, updateStripDeletes } from '../testing/update-craft.ts';
import { updateInspect } from './update-inspect.ts';

const FIXTURE = join(import.meta.dirname, '../../../../fixtures/tan-thanh-2026-tasks.tsv');
const units = unitDirectoryDefault();

const KINH_TE = 'phong-kinh-te';
const VAN_PHONG = 'van-phong-hdnd-va-ubnd-xa';

function serverDoc(): { doc: Y.Doc; tableId: string } {
  const imported = tableImportText(readFileSync(FIXTURE, 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, imported.value.table, {
    ownersOf: (row) => unitsLeading(units, row.cells.lead ?? ''),
  });
  return { doc, tableId };
}

/** Rows of the Tân Thanh plan: one owned by Phòng Kinh tế alone, one by Văn phòng, one shared. */
function rowsOf(doc: Y.Doc, tableId: string) {
  const ids = planDocOrderedRowIds(doc, tableId);
  const find = (pred: (owners: string[], kind: string) => boolean): string => {
    const id = ids.find((rowId) => {
      const info = planDocRowInfo(doc, tableId, rowId);
      return info ? pred(info.owners, info.kind) : false;
    });
    if (!id) throw new Error('fixture row not found');
    return id;
  };
  return {
    kinhTeOnly: find((o) => o.length === 1 && o[0] === KINH_TE),
    vanPhong: find((o) => o.length === 1 && o[0] === VAN_PHONG),
    kinhTeShared: find((o) => o.length > 1 && o.includes(KINH_TE)),
    section: find((_o, kind) => kind === 'section'),
  };
}


const ACTORS: Record<string, Actor> = {
  admin: { userId: 'u-admin', role: 'admin', unitId: null },
  coordinator: { userId: 'u-coord', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' },
  editorKinhTe: { userId: 'u-kt', role: 'editor', unitId: KINH_TE },
  reviewer: { userId: 'u-lead', role: 'reviewer', unitId: null },
  viewer: { userId: 'u-view', role: 'viewer', unitId: null },
};

function verdict(server: Y.Doc, update: Uint8Array, actor: Actor): boolean {
  const inspection = updateInspect(server, update);
  if (!inspection.ok) throw inspection.error;
  expect(inspection.changes.length).toBeGreaterThan(0);
  return permissionCheckChanges(actor, inspection.changes).ok;
}

type Scenario = [name: string, change: (doc: Y.Doc, t: string, r: ReturnType<typeof rowsOf>, actor: Actor) => void, allowed: PlanRole[] | 'editorToo'];

const Y_ = 'editorToo' as const;
const MANAGERS: PlanRole[] = ['admin', 'coordinator'];

const SCENARIOS: Scenario[] = [
  ['typing in a cell of its own row', (d, t, r) => planDocSetCell(d, t, r.kinhTeOnly, 'detail', 'Lập danh sách hộ (bổ sung)'), Y_],
  ['typing in a row it shares with other units', (d, t, r) => planDocSetCell(d, t, r.kinhTeShared, 'output', '≥02 hộ'), Y_],
  ['typing in another unit’s row', (d, t, r) => planDocSetCell(d, t, r.vanPhong, 'detail', 'Sửa của người khác'), MANAGERS],
  ['changing the lead of its own row', (d, t, r) => planDocSetCell(d, t, r.kinhTeOnly, 'lead', 'Phòng Văn hóa - Xã hội'), MANAGERS],
  ['changing the owners of its own row', (d, t, r) => planDocSetOwners(d, t, r.kinhTeOnly, [KINH_TE, VAN_PHONG]), MANAGERS],
  ['moving its own row', (d, t, r) => planDocMoveRow(d, t, r.kinhTeOnly, { before: r.vanPhong }), Y_],
  ['moving another unit’s row', (d, t, r) => planDocMoveRow(d, t, r.vanPhong, { after: r.kinhTeOnly }), MANAGERS],
  ['adding a row owned by its unit', (d, t) => planDocInsertRow(d, t, { kind: 'item', owners: [KINH_TE], createdBy: 'u-kt', cells: { task: 'Nhiệm vụ mới', lead: 'Phòng Kinh tế' } }), Y_],
  ['restoring (undo) a row of its unit that a colleague created', (d, t) => planDocInsertRow(d, t, { kind: 'item', owners: [KINH_TE], createdBy: 'u-colleague', cells: { task: 'Dòng của đồng nghiệp' } }), Y_],
  ['adding a row owned by another unit', (d, t) => planDocInsertRow(d, t, { kind: 'item', owners: [VAN_PHONG], createdBy: 'u-kt', cells: { task: 'Giao cho người khác' } }), MANAGERS],
  ['adding a section', (d, t) => planDocInsertRow(d, t, { kind: 'section', label: 'IV. MỤC MỚI' }), MANAGERS],
  ['renaming a section', (d, t, r) => planDocSetCell(d, t, r.section, 'label', 'CHÍNH QUYỀN SỐ (sửa)'), MANAGERS],
  ['deleting a row owned only by its unit', (d, t, r) => planDocDeleteRow(d, t, r.kinhTeOnly), Y_],
  ['deleting a row shared with another unit', (d, t, r) => planDocDeleteRow(d, t, r.kinhTeShared), MANAGERS],
  ['deleting another unit’s row', (d, t, r) => planDocDeleteRow(d, t, r.vanPhong), MANAGERS],
  ['renaming a column', (d, t) => planDocRenameColumn(d, t, 'note', 'Ghi chú khác'), MANAGERS],
  ['adding a column', (d, t) => planDocAddColumn(d, t, { field: 'custom:kinh-phi', label: 'Kinh phí', width: 20 }), MANAGERS],
  ['changing the plan number', (d) => planDocSetMeta(d, { planNumber: '15/KH-UBND' }), MANAGERS],
  ['commenting on a row', (d, _t, r, a) => planDocCommentAdd(d, r.vanPhong, { id: 'c1', author: a.userId, text: 'Xem lại thời hạn', at: '2026-03-01T08:00:00Z' }), ['admin', 'coordinator', 'editor', 'reviewer']],
  ['approving a row', (d, _t, r, a) => planDocReviewSet(d, r.vanPhong, { state: 'approved', by: a.userId, at: '2026-03-01T08:00:00Z' }), ['admin', 'coordinator', 'reviewer']],
  ['putting its own row back to pending', (d, _t, r, a) => planDocReviewSet(d, r.kinhTeOnly, { state: 'pending', by: a.userId, at: '2026-03-01T08:00:00Z' }), ['admin', 'coordinator', 'editor', 'reviewer']],
  ['approving its own row', (d, _t, r, a) => planDocReviewSet(d, r.kinhTeOnly, { state: 'approved', by: a.userId, at: '2026-03-01T08:00:00Z' }), ['admin', 'coordinator', 'reviewer']],
];

describe('the permission check on real updates', () => {
  const { doc: server, tableId } = serverDoc();
  const rows = rowsOf(server, tableId);

  for (const [name, change, allowed] of SCENARIOS) {
    it(`decides ${name} for every role`, () => {
      const expected = (role: string): boolean =>
        allowed === 'editorToo' ? ['admin', 'coordinator', 'editor'].includes(role) : (allowed as string[]).includes(role);
      // Each actor's own update: comments and review states carry their author.
      const got = Object.fromEntries(
        Object.entries(ACTORS).map(([key, actor]) => [key, verdict(server, updateBy(server, (client) => change(client, tableId, rows, actor)), actor)]),
      );
      const want = Object.fromEntries(Object.entries(ACTORS).map(([key, actor]) => [key, expected(actor.role)]));
      expect(got).toEqual(want);
    });
  }
});

describe('inspection of an update', () => {
  it('maps typing in a cell to its table, row and field', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    const update = updateBy(doc, (c) => planDocSetCell(c, tableId, vanPhong, 'timeframe', 'Quý III/2026'));
    const inspection = updateInspect(doc, update);
    expect(inspection.ok).toBe(true);
    if (!inspection.ok) return;
    const fields = new Set(inspection.changes.map((c) => (c.location.area === 'tables' ? `${c.location.rowId}/${c.location.field}` : '?')));
    expect(fields).toEqual(new Set([`${vanPhong}/timeframe`]));
    expect(inspection.changes.some((c) => c.op === 'delete')).toBe(true);
  });

  it('finds nothing new in an update the server already has', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    const update = updateBy(doc, (c) => planDocSetCell(c, tableId, vanPhong, 'note', 'đã có'));
    Y.applyUpdate(doc, update);
    const again = updateInspect(doc, update);
    expect(again).toMatchObject({ ok: true, empty: true });
    const full = updateInspect(doc, Y.encodeStateAsUpdate(doc));
    expect(full).toMatchObject({ ok: true, empty: true });
  });

  it('refuses an update that depends on content the server lacks', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    planDocSetCell(client, tableId, vanPhong, 'note', 'một');
    const sv = Y.encodeStateVector(client);
    planDocSetCell(client, tableId, vanPhong, 'note', 'một hai');
    const second = Y.encodeStateAsUpdate(client, sv);
    const inspection = updateInspect(doc, second);
    expect(inspection).toMatchObject({ ok: false, error: { code: 'outOfSync' } });
    // Nothing was applied: the server still reads the fixture's (empty) note.
    expect(planDocReadTable(doc, tableId).rows.find((r) => r.id === vanPhong)).toMatchObject({ cells: { note: '' } });
  });

  it('refuses corrupt bytes', () => {
    const { doc } = serverDoc();
    expect(updateInspect(doc, new Uint8Array([1, 2, 3, 250, 251, 252]))).toMatchObject({ ok: false });
    const valid = updateBy(doc, (c) => planDocSetMeta(c, { title: 'x' }));
    const truncated = valid.slice(0, Math.floor(valid.length / 2));
    expect(updateInspect(doc, truncated).ok).toBe(false);
  });

  it('maps a progress report to its row, period and keys, and its edits and removals likewise', () => {
    const { doc, tableId } = serverDoc();
    const { kinhTeOnly } = rowsOf(doc, tableId);
    const reporter = { userId: 'u-kt', unitId: KINH_TE };
    const placesOf = (update: Uint8Array): string[] => {
      const inspection = updateInspect(doc, update);
      if (!inspection.ok) throw inspection.error;
      return inspection.changes.map((c) =>
        c.location.area === 'progress' ? `${c.op} ${c.location.rowId === kinhTeOnly ? 'row' : '?'}/${c.location.periodId ?? ''}/${c.location.key ?? ''}${c.location.inText ? ' text' : ''}` : c.location.area,
      );
    };
    const first = updateBy(doc, (c) => planDocProgressWrite(c, kinhTeOnly, '2026-03', { status: 'done', result: 'Xong' }, reporter));
    // The row's map of reports came with the row: the first report writes only its record.
    expect(new Set(placesOf(first))).toEqual(
      new Set(['write row/2026-03/', ...['status', 'result', 'evidence', 'difficulties', 'value', 'unitId', 'by', 'at'].map((k) => `write row/2026-03/${k}`), 'write row/2026-03/result text']),
    );
    Y.applyUpdate(doc, first);
    const edit = updateBy(doc, (c) => planDocProgressWrite(c, kinhTeOnly, '2026-03', { result: 'Xong sớm' }, reporter, '2026-04-02T08:00:00Z'));
    // The texts are edited in place; the stamps overwrite (and so remove) the values before them.
    expect(new Set(placesOf(edit))).toEqual(
      new Set(['write row/2026-03/result text', ...['unitId', 'by', 'at'].flatMap((k) => [`write row/2026-03/${k}`, `delete row/2026-03/${k}`])]),
    );
    const removal = updateBy(doc, (c) => (c.getMap('progress').get(kinhTeOnly) as Y.Map<unknown>).delete('2026-03'));
    expect(placesOf(removal)).toEqual(['delete row/2026-03/']);
  });

  it('treats a write into a row someone deleted meanwhile as no change', () => {
    const { doc, tableId } = serverDoc();
    const { kinhTeOnly } = rowsOf(doc, tableId);
    const late = updateBy(doc, (c) => planDocSetCell(c, tableId, kinhTeOnly, 'detail', 'sửa muộn'));
    planDocDeleteRow(doc, tableId, kinhTeOnly);
    expect(updateInspect(doc, late)).toMatchObject({ ok: true, empty: true });
  });
});

describe('changes the long fuzz run found', () => {
  it('refuses a resolve whose new entry the same update deletes (it removed someone’s comment)', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    planDocCommentAdd(doc, vanPhong, { id: 'c-vp', author: ACTORS.editorKinhTe!.userId, text: 'Ý kiến của Kinh tế', at: '2026-03-01T08:00:00Z' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    planDocCommentResolve(client, vanPhong, 'c-vp', true); // one transaction…
    (client.getMap('comments').get(vanPhong) as Y.Array<unknown>).delete(0, 1); // …then the replacement goes
    const inspection = updateInspect(doc, Y.mergeUpdates(updates));
    expect(inspection.ok).toBe(true);
    if (!inspection.ok) return;
    expect(permissionCheckChanges(ACTORS.reviewer!, inspection.changes)).toMatchObject({ ok: false });
  });

  it('refuses an editor setting a review state on a section row that lists its unit', () => {
    const { doc, tableId } = serverDoc();
    const { section } = rowsOf(doc, tableId);
    planDocSetOwners(doc, tableId, section, [KINH_TE]);
    const editor = ACTORS.editorKinhTe!;
    const update = updateBy(doc, (c) => planDocReviewSet(c, section, { state: 'pending', by: editor.userId, at: '2026-03-01T08:00:00Z' }));
    const inspection = updateInspect(doc, update);
    expect(inspection.ok && permissionCheckChanges(editor, inspection.changes).ok).toBe(false);
  });

  it('refuses a resolve written into a comment list the same update wipes (it removed someone’s comment)', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    planDocCommentAdd(doc, vanPhong, { id: 'c-kt', author: ACTORS.editorKinhTe!.userId, text: 'Ý kiến của Kinh tế', at: '2026-03-01T08:00:00Z' });
    const update = updateStripDeletes(
      updateBy(doc, (c) => {
        planDocCommentResolve(c, vanPhong, 'c-kt', true);
        c.getMap('comments').set(vanPhong, new Y.Array());
      }),
    );
    const inspection = updateInspect(doc, update);
    expect(inspection.ok && permissionCheckChanges(ACTORS.reviewer!, inspection.changes).ok).toBe(false);
  });

  it('refuses an editor setting another unit’s row key and deleting the new value at once (the old row went unchecked)', () => {
    const { doc, tableId } = serverDoc();
    const { vanPhong } = rowsOf(doc, tableId);
    const editor = ACTORS.editorKinhTe!;
    const update = updateStripDeletes(
      updateBy(doc, (c) => {
        const rows = (c.getMap('tables').get(tableId) as Y.Map<unknown>).get('rows') as Y.Map<unknown>;
        c.transact(() => {
          rows.set(vanPhong, new Y.Map());
          rows.delete(vanPhong);
        });
      }),
    );
    const inspection = updateInspect(doc, update);
    expect(inspection.ok && permissionCheckChanges(editor, inspection.changes).ok).toBe(false);
  });
});
