/**
 * The document store on the embedded SQLite file. The event-loop thread never waits for the
 * disk: appends go to a writer thread (its own connection, `synchronous=FULL`, concurrent
 * requests grouped into one commit), loads and compactions to a reader thread that reads and
 * folds the document there and writes the new snapshot in a short transaction of its own.
 * `docStoreInline` is the same store on the caller's connection and thread, for one-shot tools
 * (the CLI) and tests of code that only needs a store.
 */
import { join } from 'node:path';
import { AUDIT_ACTIONS } from '@phuluc/domain';
import { type Database, DB_FILE_NAME } from './db.ts';
import { DocLog, type DocLogRefusal, type DocLogRow } from './doc-log.ts';
import type { DocLogEntry, DocLogRejection, DocStore, VersionSave } from './doc-store.ts';
import { idCreate } from './ids.ts';
import { type VersionInput, versionGet, versionSnapshot, versionsForPlan } from './versions.ts';
import type { DocStoreThreadData, DocStoreThreadHandlers } from './doc-store-thread.ts';
import { threadStart } from '../threads/thread-rpc.ts';

const THREAD = new URL('./doc-store-thread.ts', import.meta.url);

/** The store of the database in `dataDir` (already created and migrated by `dbOpen`). */
export function docStoreSqlite(dataDir: string): DocStore {
  const data: DocStoreThreadData = { file: join(dataDir, DB_FILE_NAME) };
  const writer = threadStart<DocStoreThreadHandlers>(THREAD, data, 'phuluc-doc-writer');
  const reader = threadStart<DocStoreThreadHandlers>(THREAD, data, 'phuluc-doc-reader');
  return {
    async ready() {
      await Promise.all([writer.ready(), reader.ready()]);
    },
    load: (planId) => reader.call('load', planId),
    append: (entries) => (entries.length === 0 ? Promise.resolve([]) : writer.call('append', entries.map(rowOf))),
    reject: (entry) => writer.call('reject', refusalOf(entry)),
    async compact(planId, uptoSeq) {
      await reader.call('compact', { planId, uptoSeq });
    },
    versionSave: (input) => writer.call('versionSave', { version: versionInputOf(input), action: AUDIT_ACTIONS.versionCreate }),
    versionsList: (planId) => reader.call('versionsList', planId),
    versionGet: async (planId, versionId) => (await reader.call('versionGet', { planId, versionId })) ?? undefined,
    versionSnapshot: async (planId, versionId) => (await reader.call('versionSnapshot', { planId, versionId })) ?? undefined,
    async close() {
      await Promise.all([writer.close(), reader.close()]);
    },
  };
}

/** The store on an open connection, in the calling thread (each call blocks it while it runs). */
export function docStoreInline(db: Database): DocStore {
  const log = new DocLog(db);
  return {
    async ready() {},
    load: async (planId) => log.load(planId),
    append: async (entries) => log.append(entries.map(rowOf)),
    reject: async (entry) => log.reject(refusalOf(entry)),
    async compact(planId, uptoSeq) {
      log.compact(planId, uptoSeq);
    },
    versionSave: async (input) => log.versionSave(versionInputOf(input), AUDIT_ACTIONS.versionCreate),
    versionsList: async (planId) => versionsForPlan(db, planId),
    versionGet: async (planId, versionId) => versionGet(db, planId, versionId),
    versionSnapshot: async (planId, versionId) => versionSnapshot(db, planId, versionId),
    async close() {},
  };
}

/** An entry with its audit action: 'update' unless it names its own. */
function rowOf(entry: DocLogEntry): DocLogRow {
  return { ...entry, action: entry.action ?? AUDIT_ACTIONS.update };
}

function refusalOf(entry: DocLogRejection): DocLogRefusal {
  return { ...entry, action: AUDIT_ACTIONS.rejected };
}

/** A version to save with its new id. */
function versionInputOf(input: VersionSave): VersionInput {
  return { id: idCreate(), planId: input.planId, name: input.name, createdBy: input.createdBy, snapshot: input.snapshot, now: input.at };
}
