/** Whole-document encodings computed off the event loop (in `doc-encode-thread.ts`). */
import { threadStart } from '../threads/thread-rpc.ts';
import type { DocEncodeThreadHandlers } from './doc-encode-thread.ts';

export interface DocEncoder {
  /**
   * A loaded state (v2) encoded whole (v1) as a sync step 2 message; the thread keeps the state for `loadChunks` and the encoding for `fold`, under `key`. The
   * state's buffer is handed over (copying 3 MB would itself block the event loop for ≈ 15 ms).
   */
  loadBegin: (state: Uint8Array) => Promise<{ key: number; message: Uint8Array }>;
  /** The state `loadBegin` kept, cut into chunks (v1) to apply one at a time. */
  loadChunks: (key: number) => Promise<Uint8Array[]>;
  /** The encoding kept under `key` with `updates` folded in, as a sync step 2 message. */
  fold: (key: number, updates: readonly Uint8Array[]) => Promise<Uint8Array>;
  /** Forgets what is kept under `key`. */
  forget: (key: number) => Promise<void>;
  /** Resolves once the encoder can serve. */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the encoding thread (lazily, on the first call). */
export function docEncoderThreaded(): DocEncoder {
  const thread = threadStart<DocEncodeThreadHandlers>(new URL('./doc-encode-thread.ts', import.meta.url), null, 'phuluc-doc-encoder');
  return {
    loadBegin: (state) => thread.call('loadBegin', state, ownBuffer(state)),
    loadChunks: (key) => thread.call('loadChunks', key),
    fold: (key, updates) => thread.call('fold', { key, updates }),
    forget: (key) => thread.call('forget', key),
    ready: () => thread.ready(),
    close: () => thread.close(),
  };
}

/** The buffer of `bytes` when it is all of it (so it can be handed over), else nothing. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}
