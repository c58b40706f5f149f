/**
 * A thread of the SQLite document store (see `doc-store-sqlite.ts`), with its own connection
 * to the database file. The writer thread appends: requests that arrive while it is busy are
 * committed together in one transaction (one fsync for all), and if that transaction fails each
 * is tried alone, so one bad request fails by itself. The reader thread loads and compacts,
 * so neither holds up the writer.
 */
import { dbConnect } from './db.ts';
import { DocLog, type DocLogRefusal, type DocLogRow } from './doc-log.ts';
import type { DocLoaded } from './doc-store.ts';
import { type VersionInput, type VersionRecord, versionGet, versionSnapshot, versionsForPlan } from './versions.ts';
import type { AuditAction } from '@phuluc/domain';
import { threadData, threadServe } from '../threads/thread-rpc.ts';

export interface DocStoreThreadData {
  file: string;
}

const db = dbConnect(threadData<DocStoreThreadData>().file);
const log = new DocLog(db);

interface Queued {
  entries: readonly DocLogRow[];
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}
let queue: Queued[] = [];
let commitScheduled = false;

/** Commits every queued append: together, or one by one when together fails. */
function commitQueued(): void {
  commitScheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  try {
    const seqs = log.append(batch.flatMap((q) => q.entries));
    let at = 0;
    for (const q of batch) {
      q.resolve(seqs.slice(at, at + q.entries.length));
      at += q.entries.length;
    }
  } catch (error) {
    if (batch.length === 1) {
      (batch[0] as Queued).reject(error);
      return;
    }
    for (const q of batch) {
      try {
        q.resolve(log.append(q.entries));
      } catch (alone) {
        q.reject(alone);
      }
    }
  }
}

const handlers = {
  append(entries: readonly DocLogRow[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      queue.push({ entries, resolve, reject });
      if (!commitScheduled) {
        commitScheduled = true;
        setImmediate(commitQueued);
      }
    });
  },
  reject(entry: DocLogRefusal): void {
    log.reject(entry);
  },
  load(planId: string): DocLoaded | null {
    return log.load(planId);
  },
  compact(input: { planId: string; uptoSeq: number }): boolean {
    return log.compact(input.planId, input.uptoSeq);
  },
  versionSave(input: { version: VersionInput; action: AuditAction }): VersionRecord {
    return log.versionSave(input.version, input.action);
  },
  versionsList(planId: string): VersionRecord[] {
    return versionsForPlan(db, planId);
  },
  versionGet(input: { planId: string; versionId: string }): VersionRecord | null {
    return versionGet(db, input.planId, input.versionId) ?? null;
  },
  versionSnapshot(input: { planId: string; versionId: string }): Uint8Array | null {
    const snapshot = versionSnapshot(db, input.planId, input.versionId);
    return snapshot ? new Uint8Array(snapshot) : null;
  },
};

export type DocStoreThreadHandlers = typeof handlers;

threadServe(handlers, () => db.close());
