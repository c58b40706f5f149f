import { describe, expect, it } from 'vitest';
import { planDocCellText, planDocOrderedRowIds, planDocSetCell } from '@phuluc/domain';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { gridUndoManagerCreate } from './undo.ts';
import { task, testDoc, testDocsLink } from './test-doc.test-helper.ts';
import * as Y from 'yjs';

describe('gridUndoManagerCreate', () => {
  it('undoes only this tab’s own edits, never another person’s', () => {
    const a = testDoc([task('Một'), task('Hai')]);
    const b = new Y.Doc();
    testDocsLink(a.doc, b);
    const [one, two] = planDocOrderedRowIds(a.doc, a.tableId) as [string, string];
    const undo = gridUndoManagerCreate(a.doc, a.tableId);
    expect(undo).not.toBeNull();
    a.doc.transact(() => planDocSetCell(a.doc, a.tableId, one, 'task', 'Một (của tôi)'), LOCAL_ORIGIN);
    // The other person edits another cell and, later, the same cell.
    planDocSetCell(b, a.tableId, two, 'task', 'Hai (của người khác)');
    undo?.undo();
    expect(planDocCellText(a.doc, a.tableId, one, 'task')?.toString()).toBe('Một');
    expect(planDocCellText(a.doc, a.tableId, two, 'task')?.toString()).toBe('Hai (của người khác)');
    expect(planDocCellText(b, a.tableId, one, 'task')?.toString()).toBe('Một');
    undo?.redo();
    expect(planDocCellText(b, a.tableId, one, 'task')?.toString()).toBe('Một (của tôi)');
  });

  it('is null for a table that is not in the document', () => {
    expect(gridUndoManagerCreate(new Y.Doc(), 'none')).toBeNull();
  });
});
