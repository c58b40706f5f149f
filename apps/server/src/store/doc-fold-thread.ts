/** The thread that loads and compacts PostgreSQL documents off the event loop (see `doc-fold.ts`). */
import { threadServe } from '../threads/thread-rpc.ts';
import { docFold, type DocFoldInput, docMerge } from './doc-fold.ts';

const handlers = {
  merge: (input: DocFoldInput) => docMerge(input),
  fold: (input: DocFoldInput) => docFold(input),
};

export type DocFoldThreadHandlers = typeof handlers;

threadServe(handlers);
