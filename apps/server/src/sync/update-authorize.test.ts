/**
 * The rule for a row an editor adds (DESIGN.md: owners = the editor's unit): his new row comes led
 * by his unit — its lead cell names the unit and its owners are the unit — and the server accepts
 * exactly that, while it still refuses a new row owned by another unit.
 */
import { type Actor, planDocCellText, planDocInsertRow, planDocReadTable, rowLeadForNew, rowOwnersForNew, unitDirectoryDefault } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateBy } from '../testing/update-craft.ts';
import { fuzzBaseDoc } from '../testing/update-fuzz.ts';
import { updateAuthorize } from './update-authorize.ts';

const units = unitDirectoryDefault();
const kinhTe: Actor = { userId: 'u-kt', role: 'editor', unitId: 'phong-kinh-te' };
const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' };

const tableIdOf = (doc: Y.Doc): string => [...doc.getMap('tables').keys()][0] as string;


/** An item row inserted as `actor`, with the given lead and owners. */
function rowInsertBy(doc: Y.Doc, actor: Actor, lead: string, owners: string[]): { update: Uint8Array; rowId: string } {
  let rowId = '';
  const update = updateBy(doc, (replica) => {
    rowId = planDocInsertRow(replica, tableIdOf(replica), { kind: 'item', cells: { task: 'Nhiệm vụ mới', lead }, owners, createdBy: actor.userId });
  });
  return { update, rowId };
}

describe("an editor's new row", () => {
  it('is accepted led by his own unit: lead cell naming it, owners = his unit', () => {
    const doc = fuzzBaseDoc();
    const lead = rowLeadForNew(kinhTe, units);
    expect(lead).toBe('Phòng Kinh tế');
    const { update, rowId } = rowInsertBy(doc, kinhTe, lead, rowOwnersForNew(kinhTe, units, lead));
    const decision = updateAuthorize(doc, update, kinhTe, new Map());
    expect(decision.ok, decision.ok ? '' : decision.error.message).toBe(true);
    Y.applyUpdate(doc, update);
    const row = planDocReadTable(doc, tableIdOf(doc)).rows.find((r) => r.id === rowId);
    expect(row).toMatchObject({ kind: 'item', owners: ['phong-kinh-te'], cells: { lead: 'Phòng Kinh tế' } });
  });

  it('is refused when it is owned by another unit, or shared with one', () => {
    const doc = fuzzBaseDoc();
    for (const owners of [['van-phong-hdnd-va-ubnd-xa'], ['phong-kinh-te', 'van-phong-hdnd-va-ubnd-xa'], []]) {
      const { update } = rowInsertBy(doc, kinhTe, 'Phòng Kinh tế', owners);
      const decision = updateAuthorize(doc, update, kinhTe, new Map());
      expect(decision.ok, JSON.stringify(owners)).toBe(false);
      if (!decision.ok) expect(decision.error.message).toContain('Dòng mới phải thuộc đơn vị của bạn.');
    }
  });

  it('keeps its lead the coordinator’s to change: the editor may not rewrite it, the coordinator may', () => {
    const doc = fuzzBaseDoc();
    const { update, rowId } = rowInsertBy(doc, kinhTe, 'Phòng Kinh tế', ['phong-kinh-te']);
    Y.applyUpdate(doc, update);
    const relead = (replica: Y.Doc): void => {
      const text = planDocCellText(replica, tableIdOf(replica), rowId, 'lead');
      text?.delete(0, text.length);
      text?.insert(0, 'Phòng Văn hóa - Xã hội');
    };
    expect(updateAuthorize(doc, updateBy(doc, relead), kinhTe, new Map()).ok).toBe(false);
    expect(updateAuthorize(doc, updateBy(doc, relead), coordinator, new Map()).ok).toBe(true);
  });
});
