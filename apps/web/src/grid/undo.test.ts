import { describe, expect, it } from 'vitest';
import { planDocCellText, planDocOrderedRowIds, planDocSetCell } from '@phuluc/domain';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { gridUndoManagerCreate, gridUndoSittingEnd, gridUndoSittingStart } from './undo.ts';
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

describe('one cell edit is one undo step', () => {
  /**
   * Types `text` into the cell a letter at a time, `gapMs` apart (a slow typist, or a busy
   * machine). The undo manager reads the clock through lib0, which fake timers do not reach: the
   * pause is its last change moved back by `gapMs`.
   */
  function typeSlowly(doc: Y.Doc, undo: Y.UndoManager, tableId: string, rowId: string, text: string, gapMs: number): void {
    for (const letter of text) {
      if (undo.lastChange > 0) undo.lastChange -= gapMs;
      doc.transact(() => {
        const cell = planDocCellText(doc, tableId, rowId, 'note');
        cell?.insert(cell.length, letter);
      }, LOCAL_ORIGIN);
    }
  }

  it('however long the pauses between keys, Ctrl+Z after Enter takes the whole edit back, and the next edit is a step of its own', () => {
    const a = testDoc([task('Một')]);
    const [one] = planDocOrderedRowIds(a.doc, a.tableId) as [string];
    const undo = gridUndoManagerCreate(a.doc, a.tableId);
    if (!undo) throw new Error('an undo manager expected');
    planDocSetCell(a.doc, a.tableId, one, 'note', 'Ghi chú:');
    gridUndoSittingStart(undo);
    typeSlowly(a.doc, undo, a.tableId, one, 'đã xong', 2000);
    gridUndoSittingEnd(undo);
    gridUndoSittingStart(undo);
    typeSlowly(a.doc, undo, a.tableId, one, ' (2)', 2000);
    gridUndoSittingEnd(undo);
    expect(undo.undoStack).toHaveLength(2);
    undo.undo();
    expect(planDocCellText(a.doc, a.tableId, one, 'note')?.toString()).toBe('Ghi chú:đã xong');
    undo.undo();
    expect(planDocCellText(a.doc, a.tableId, one, 'note')?.toString()).toBe('Ghi chú:');
  });

  it('outside an edit, changes far apart stay separate steps', () => {
    const a = testDoc([task('Một')]);
    const [one] = planDocOrderedRowIds(a.doc, a.tableId) as [string];
    const undo = gridUndoManagerCreate(a.doc, a.tableId);
    if (!undo) throw new Error('an undo manager expected');
    planDocSetCell(a.doc, a.tableId, one, 'note', 'Ghi chú:');
    typeSlowly(a.doc, undo, a.tableId, one, 'ab', 2000);
    expect(undo.undoStack).toHaveLength(2);
  });
});
