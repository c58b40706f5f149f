/**
 * Undo and redo of one's own changes only: a `Y.UndoManager` over the table's types that tracks
 * nothing but this tab's `LOCAL_ORIGIN` transactions, so another person's edit is never undone
 * (and their later edits to the same text survive an undo of ours).
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../sync/origins.ts';

/** Changes closer together than this are one undo step (a paste and the owners it sets, say). */
export const UNDO_CAPTURE_MS = 600;

/**
 * One cell edit, from the first key to Enter, is one undo step however slowly it was typed (as in
 * a spreadsheet: Ctrl+Z after Enter takes the whole edit back, never half a word because the
 * person paused or the machine was busy). Undo inside the open editor is the editor's own.
 */
export function gridUndoSittingStart(manager: Y.UndoManager): void {
  // No stopCapturing here: the key that opened the editor may already have written its letter.
  manager.captureTimeout = Number.POSITIVE_INFINITY;
}

/** The end of a cell edit: what comes next is a new undo step. */
export function gridUndoSittingEnd(manager: Y.UndoManager): void {
  manager.captureTimeout = UNDO_CAPTURE_MS;
  manager.stopCapturing();
}

/** An undo manager for a table, or null when the table is not in the document (yet). */
export function gridUndoManagerCreate(doc: Y.Doc, tableId: string): Y.UndoManager | null {
  const table = doc.getMap<unknown>('tables').get(tableId);
  if (!(table instanceof Y.Map)) return null;
  return new Y.UndoManager(table, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: UNDO_CAPTURE_MS });
}
