/** Reading a version: its snapshot as a fresh document in today's layout. */
import { planDocMigrate } from '@phuluc/domain';
import * as Y from 'yjs';

/**
 * Runs `fn` on a fresh document built from a version's snapshot, brought up to the current
 * layout (destroyed afterwards). A version saved by an older Phuluc reads with today's layout
 * (the copy only; the stored snapshot stays as saved).
 */
export function versionWithDoc<T>(snapshot: Uint8Array, fn: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdateV2(doc, snapshot);
    planDocMigrate(doc);
    return fn(doc);
  } finally {
    doc.destroy();
  }
}
