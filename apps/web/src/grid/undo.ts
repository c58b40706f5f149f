/**
 * Undo and redo of one's own changes only: a `Y.UndoManager` over the table's types that tracks
 * nothing but this tab's `LOCAL_ORIGIN` transactions, so another person's edit is never undone
 * (and their later edits to the same text survive an undo of ours).
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../sync/origins.ts';

/** Typing pauses shorter than this are one undo step (like a word in a text editor). */
export const UNDO_CAPTURE_MS = 600;

/** An undo manager for a table, or null when the table is not in the document (yet). */
export function gridUndoManagerCreate(doc: Y.Doc, tableId: string): Y.UndoManager | null {
  const table = doc.getMap<unknown>('tables').get(tableId);
  if (!(table instanceof Y.Map)) return null;
  return new Y.UndoManager(table, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: UNDO_CAPTURE_MS });
}
