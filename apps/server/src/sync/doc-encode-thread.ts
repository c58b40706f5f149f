/**
 * The thread that encodes whole documents for the sync layer (see `full-state.ts`), so the
 * event loop never spends tens of milliseconds on a 5,000-row plan: cutting a loaded state into
 * chunks the event loop applies one per turn, converting it to the wire format (v1), and folding
 * a cached encoding and the updates after it into one.
 */
import * as Y from 'yjs';
import { threadServe } from '../threads/thread-rpc.ts';
import { syncStep2Message } from './full-state.ts';
import { updateChunks } from './update-chunks.ts';

/** Structs per load chunk: ≈ 0.3 ms of `applyUpdate` each (median; a few ms with a GC) on this project's machines. */
const LOAD_CHUNK_STRUCTS = 300;

/** Loaded states between `loadBegin` and `loadChunks`, and the base kept for each loaded plan. */
const loading = new Map<number, Uint8Array>();
const bases = new Map<number, Uint8Array>();
let nextKey = 1;

const handlers = {
  /**
   * A loaded state (v2) encoded whole (v1) as a sync step 2 message. The state is kept for
   * `loadChunks`, the encoding as the plan's base (under `key`) for `fold`.
   */
  loadBegin(state: Uint8Array): { key: number; message: Uint8Array } {
    const key = nextKey;
    nextKey += 1;
    loading.set(key, state);
    const full = Y.convertUpdateFormatV2ToV1(state);
    bases.set(key, full);
    return { key, message: syncStep2Message(full) };
  },
  /** The state kept by `loadBegin` as the chunks to apply it with (and forgotten). */
  loadChunks(key: number): Uint8Array[] {
    const state = loading.get(key);
    loading.delete(key);
    if (!state) throw new Error(`no loaded state ${key}`);
    return updateChunks(state, LOAD_CHUNK_STRUCTS);
  },
  /** The base kept under `key` with `updates` folded in: kept, and returned as a sync step 2 message. */
  fold(input: { key: number; updates: readonly Uint8Array[] }): Uint8Array {
    const base = bases.get(input.key);
    if (!base) throw new Error(`no base ${input.key}`);
    const merged = Y.mergeUpdates([base, ...input.updates]);
    bases.set(input.key, merged);
    return syncStep2Message(merged);
  },
  /** Forgets what is kept under `key` (the plan was unloaded). */
  forget(key: number): void {
    loading.delete(key);
    bases.delete(key);
  },
};

export type DocEncodeThreadHandlers = typeof handlers;

threadServe(handlers);
