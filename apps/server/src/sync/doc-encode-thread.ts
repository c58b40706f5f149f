/**
 * The thread that encodes whole documents for the sync layer (see `full-state.ts`), so the
 * event loop never spends tens of milliseconds on a 5,000-row plan: cutting a loaded state into
 * chunks the event loop applies one per turn, converting it to the wire format (v1), and folding
 * a cached encoding and the updates after it into one.
 */
import * as Y from 'yjs';
import { threadServe } from '../threads/thread-rpc.ts';
import { updateChunks } from './update-chunks.ts';

/** Structs per load chunk: ≈ 0.3 ms of `applyUpdate` each (median; a few ms with a GC) on this project's machines. */
const LOAD_CHUNK_STRUCTS = 300;

/** Loaded states between `loadBegin` and `loadChunks`. */
const loading = new Map<number, Uint8Array>();
let nextKey = 1;

const handlers = {
  /** A loaded state (v2) encoded whole (v1) for late joiners; the state is kept for `loadChunks`. */
  loadBegin(state: Uint8Array): { key: number; full: Uint8Array } {
    const key = nextKey;
    nextKey += 1;
    loading.set(key, state);
    return { key, full: Y.convertUpdateFormatV2ToV1(state) };
  },
  /** The state kept by `loadBegin` as the chunks to apply it with (and forgotten). */
  loadChunks(key: number): Uint8Array[] {
    const state = loading.get(key);
    loading.delete(key);
    if (!state) throw new Error(`no loaded state ${key}`);
    return updateChunks(state, LOAD_CHUNK_STRUCTS);
  },
  /** Several v1 updates as one. */
  mergeV1(updates: readonly Uint8Array[]): Uint8Array {
    return Y.mergeUpdates(updates as Uint8Array[]);
  },
};

export type DocEncodeThreadHandlers = typeof handlers;

threadServe(handlers);
