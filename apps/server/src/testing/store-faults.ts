/**
 * A document store that fails on demand, for tests of what the pipeline does when the disk
 * does (full, gone): the real store underneath, with appends refused while `failing` is set.
 * Test-only.
 */
import type { DocStore } from '../store/doc-store.ts';

export interface FaultyStore extends DocStore {
  /** While true, every append rejects without writing anything. */
  failing: boolean;
  /** Appends refused so far. */
  refusedAppends: number;
}

/** Wraps `store` so that appends can be made to fail. */
export function docStoreFaulty(store: DocStore): FaultyStore {
  const faulty: FaultyStore = {
    failing: false,
    refusedAppends: 0,
    ready: () => store.ready(),
    load: (planId) => store.load(planId),
    append(entries) {
      if (faulty.failing) {
        faulty.refusedAppends += 1;
        return Promise.reject(new Error('SQLITE_FULL: database or disk is full (simulated)'));
      }
      return store.append(entries);
    },
    reject: (entry) => store.reject(entry),
    compact: (planId, uptoSeq) => store.compact(planId, uptoSeq),
    versionSave: (input) => store.versionSave(input),
    versionsList: (planId) => store.versionsList(planId),
    versionGet: (planId, versionId) => store.versionGet(planId, versionId),
    versionSnapshot: (planId, versionId) => store.versionSnapshot(planId, versionId),
    close: () => store.close(),
  };
  return faulty;
}
