/**
 * A plan cut into chunks for loading: applied one at a time, the chunks give exactly the
 * document (the real Tân Thanh plan, edited and partly deleted by two people), none of them
 * leaves anything pending, and none is larger than asked.
 */
import {
  planDocCellText,
  planDocCreate,
  planDocDeleteRow,
  planDocImportTable,
  planDocOrderedRowIds,
  planDocReadTable,
  planDocTableIds,
  tableImportText,
} from '@phuluc/domain';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fixtureRead } from '../testing/api-context.ts';
import { updateChunks } from './update-chunks.ts';

/** The fixture plan as the server creates it, then edited (typing, deleting text and rows) by two others. */
function planEdited(): Y.Doc {
  const imported = tableImportText(fixtureRead('tan-thanh-2026-tasks.tsv'), { format: 'tsv' });
  if (!imported.ok) throw new Error(imported.reason);
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch', planNumber: '', issuedOn: '' });
  planDocImportTable(doc, imported.value.table, { id: 't1', ownersOf: () => [] });
  for (const person of [1, 2]) {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const tableId = planDocTableIds(other)[0] as string;
    const rows = planDocOrderedRowIds(other, tableId);
    for (const [i, rowId] of rows.slice(0, 12).entries()) {
      const cell = planDocCellText(other, tableId, rowId, 'note');
      cell?.insert(0, `Người ${person} sửa ${i} `);
      if (i % 3 === 0) cell?.delete(0, 4);
    }
    planDocDeleteRow(other, tableId, rows[20 + person] as string);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  }
  // Two people taking turns in one cell, each typing after what the other just typed: their
  // structs point at each other's back and forth.
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
  const tableId = planDocTableIds(a)[0] as string;
  const rowId = planDocOrderedRowIds(a, tableId)[5] as string;
  for (let turn = 0; turn < 8; turn += 1) {
    const [me, them] = turn % 2 === 0 ? [a, b] : [b, a];
    Y.applyUpdate(me, Y.encodeStateAsUpdate(them));
    const cell = planDocCellText(me, tableId, rowId, 'detail');
    cell?.insert(Math.floor((cell.length * turn) / 8), ` lượt ${turn}`);
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(b));
  return doc;
}

describe('updateChunks', () => {
  it('cuts a plan into chunks that, applied one by one, give the same plan', () => {
    const doc = planEdited();
    const state = Y.encodeStateAsUpdateV2(doc);
    const chunks = updateChunks(state, 10);
    expect(chunks.length).toBeGreaterThan(20);
    const copy = new Y.Doc();
    for (const chunk of chunks) {
      Y.applyUpdate(copy, chunk);
      expect(copy.store.pendingStructs).toBeNull();
      // At most 10 structs each (the last chunk carries only the delete set).
      expect(Y.decodeUpdate(chunk).structs.length).toBeLessThanOrEqual(10);
    }
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
    const tableId = planDocTableIds(doc)[0] as string;
    expect(planDocReadTable(copy, tableId)).toEqual(planDocReadTable(doc, tableId));
    expect(planDocOrderedRowIds(copy, tableId)).toHaveLength(planDocOrderedRowIds(doc, tableId).length);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(doc));
  });

  it('refuses an update with gaps rather than cut it wrong', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('updateV2', (u: Uint8Array) => updates.push(u));
    for (const word of ['một', 'hai', 'ba']) doc.getText('t').insert(0, word);
    // The first and third changes without the second: a merge with a gap (a skip) in it.
    expect(() => updateChunks(Y.mergeUpdatesV2([updates[0] as Uint8Array, updates[2] as Uint8Array]), 50)).toThrow(/gaps/);
  });
});
