/** Whole-document encodings computed off the event loop (in `doc-encode-thread.ts`). */
import { threadStart } from '../threads/thread-rpc.ts';
import type { DocEncodeThreadHandlers } from './doc-encode-thread.ts';

export interface DocEncoder {
  /** A v2 update as v1. */
  v2ToV1: (update: Uint8Array) => Promise<Uint8Array>;
  /** Several v1 updates as one. */
  mergeV1: (updates: readonly Uint8Array[]) => Promise<Uint8Array>;
  /** Resolves once the encoder can serve. */
  ready: () => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the encoding thread (lazily, on the first call). */
export function docEncoderThreaded(): DocEncoder {
  const thread = threadStart<DocEncodeThreadHandlers>(new URL('./doc-encode-thread.ts', import.meta.url), null, 'phuluc-doc-encoder');
  return {
    v2ToV1: (update) => thread.call('v2ToV1', update),
    mergeV1: (updates) => thread.call('mergeV1', updates),
    ready: () => thread.ready(),
    close: () => thread.close(),
  };
}
