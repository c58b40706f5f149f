/**
 * What the audit trail keeps of real updates (made with the domain's helpers on a client copy,
 * inspected as the server does): a row insert is a row created, not a comment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionCheckChanges, planDocChangesRequest, planDocProgressWrite, planDocRowInfo, planDocCommentAdd, planDocCreate, planDocImportTable, planDocInsertRow, planDocOrderedRowIds, tableImportText, unitDirectoryDefault, unitsLeading } from '@phuluc/domain';
import type { Actor } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesSummarize } from './audit-changes.ts';
import { updateInspect } from './update-inspect.ts';

const FIXTURE = join(import.meta.dirname, '../../../../fixtures/tan-thanh-2026-tasks.tsv');
const units = unitDirectoryDefault();

function serverDoc(): { doc: Y.Doc; tableId: string } {
  const imported = tableImportText(readFileSync(FIXTURE, 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, imported.value.table, { ownersOf: (row) => unitsLeading(units, row.cells.lead ?? '') });
  return { doc, tableId };
}

/** The audit places of the update a client makes with `change` on a copy of `server`. */
function auditedPlaces(server: Y.Doc, change: (client: Y.Doc) => void, actor?: Actor) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  change(client);
  const inspection = updateInspect(server, Y.mergeUpdates(updates));
  if (!inspection.ok) throw inspection.error;
  if (actor) expect(permissionCheckChanges(actor, inspection.changes)).toEqual({ ok: true });
  return changesSummarize(inspection.changes);
}

describe('the audit of an update', () => {
  it('records inserting a row as the row created, not as a comment on it', () => {
    const { doc, tableId } = serverDoc();
    let rowId = '';
    const places = auditedPlaces(doc, (client) => {
      rowId = planDocInsertRow(client, tableId, { kind: 'item', owners: ['phong-kinh-te'], createdBy: 'u-kt', cells: { task: 'Nhiệm vụ mới' } });
    });
    expect(places).toContainEqual({ tableId, rowId, field: '(row.created)' });
    expect(places.map((p) => p.field)).not.toContain('(comment)');
  });

  it('records a progress report once per row and period, however many keys it writes', () => {
    const { doc, tableId } = serverDoc();
    const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' };
    const item = planDocOrderedRowIds(doc, tableId).find((id) => planDocRowInfo(doc, tableId, id)?.kind === 'item') ?? '';
    const places = auditedPlaces(doc, (client) => planDocProgressWrite(client, item, '2026-Q1', { status: 'behind', difficulties: 'Thiếu máy' }, { userId: 'u-coord', unitId: 'phong-van-hoa-xa-hoi' }), coordinator);
    expect(places).toEqual([{ tableId: null, rowId: item, field: '(progress).2026-Q1' }]);
  });

  it('still records a comment written on a row', () => {
    const { doc, tableId } = serverDoc();
    const rowId = planDocOrderedRowIds(doc, tableId)[3] ?? '';
    const places = auditedPlaces(doc, (client) => planDocCommentAdd(client, rowId, { author: 'u-lead', text: 'Xem lại thời hạn' }));
    expect(places).toEqual([{ tableId: null, rowId, field: '(comment)' }]);
  });

  it('accepts a reviewer’s request for changes with its reason and records the state and the comment', () => {
    const { doc, tableId } = serverDoc();
    const rowId = planDocOrderedRowIds(doc, tableId)[3] ?? '';
    const reviewer: Actor = { userId: 'u-lead', role: 'reviewer', unitId: null };
    const places = auditedPlaces(doc, (client) => planDocChangesRequest(client, rowId, { by: 'u-lead', text: 'Ghi rõ sản phẩm' }), reviewer);
    expect(places).toEqual(
      expect.arrayContaining([
        { tableId: null, rowId, field: '(review:changes_requested)' },
        { tableId: null, rowId, field: '(comment)' },
      ]),
    );
  });
});
