/**
 * The thread that encodes whole documents for the sync layer (see `full-state.ts`), so the
 * event loop never spends tens of milliseconds on a 5,000-row plan: converting a loaded state
 * to the wire format (v1), and folding a cached encoding and the updates after it into one.
 */
import * as Y from 'yjs';
import { threadServe } from '../threads/thread-rpc.ts';

const handlers = {
  /** A v2 update as v1. */
  v2ToV1(update: Uint8Array): Uint8Array {
    return Y.convertUpdateFormatV2ToV1(update);
  },
  /** Several v1 updates as one. */
  mergeV1(updates: readonly Uint8Array[]): Uint8Array {
    return Y.mergeUpdates(updates as Uint8Array[]);
  },
};

export type DocEncodeThreadHandlers = typeof handlers;

threadServe(handlers);
