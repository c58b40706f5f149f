/**
 * The Yjs work of loading and compacting a stored document: a snapshot (v2) and the log after
 * it (v1 updates) merged into one update, or folded through a garbage-collecting Y.Doc into a
 * new snapshot. Pure functions, run in a worker thread by the PostgreSQL store
 * (`doc-fold-thread.ts`) so a large plan never holds up the event loop, or inline by one-shot tools.
 */
import * as Y from 'yjs';
import { threadStart } from '../threads/thread-rpc.ts';
import type { DocFoldThreadHandlers } from './doc-fold-thread.ts';

export interface DocFoldInput {
  snapshot: Uint8Array;
  updates: Uint8Array[];
}

/** Snapshot and log as one update (v2). */
export function docMerge(input: DocFoldInput): Uint8Array {
  if (input.updates.length === 0) return input.snapshot;
  return Y.mergeUpdatesV2([input.snapshot, ...input.updates.map((u) => Y.convertUpdateFormatV1ToV2(u))]);
}

/** Snapshot and log folded into a new snapshot (v2); throws when they do not make a whole document. */
export function docFold(input: DocFoldInput): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdateV2(doc, input.snapshot);
    for (const update of input.updates) Y.applyUpdate(doc, update);
    if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error('the log does not fold into a whole document');
    return Y.encodeStateAsUpdateV2(doc);
  } finally {
    doc.destroy();
  }
}

/** Where the folding runs: a worker thread (`docFolderThreaded`) or here (`DOC_FOLDER_INLINE`). */
export interface DocFolder {
  merge: (input: DocFoldInput) => Promise<Uint8Array>;
  fold: (input: DocFoldInput) => Promise<Uint8Array>;
  close: () => Promise<void>;
}

/** Folding on the calling thread. */
export const DOC_FOLDER_INLINE: DocFolder = {
  merge: async (input) => docMerge(input),
  fold: async (input) => docFold(input),
  close: async () => {},
};

/** Folding in a worker thread of its own (the buffers are copied: the client's may share a pool). */
export function docFolderThreaded(): DocFolder {
  const thread = threadStart<DocFoldThreadHandlers>(new URL('./doc-fold-thread.ts', import.meta.url), null, 'phuluc-doc-fold');
  return {
    merge: (input) => thread.call('merge', input),
    fold: (input) => thread.call('fold', input),
    close: () => thread.close(),
  };
}
