/**
 * Where plan documents are kept: the one interface the sync pipeline, the API and the CLI use
 * to load a document, append the updates the server accepted (with their audit rows), record
 * refused attempts, compact, and keep named versions. Every operation is asynchronous and no caller may assume
 * otherwise; how a store keeps the data (SQLite in worker threads, PostgreSQL) is its own affair.
 *
 * A document on disk is a snapshot plus a log of the updates accepted after it, each with a
 * sequence number; compaction folds the log up to a number into the snapshot.
 */
import type { AuditAction } from '@phuluc/domain';
import type { VersionRecord } from './versions.ts';

/**
 * Whose acceptance an append rests on when several servers share the data: the server that
 * owned the plan and its lease's epoch (`cluster/plan-leases.ts`). A store refuses an append
 * whose fence is no longer the plan's (`DocStoreFencedError`).
 */
export interface DocFence {
  owner: string;
  epoch: number;
}

/** An append refused because another server owns the plan now; nothing of the batch was written. */
export class DocStoreFencedError extends Error {
  override name = 'DocStoreFencedError';
  constructor(readonly planIds: readonly string[]) {
    super(`plans owned by another server now: ${planIds.join(', ')}`);
  }
}

/** One accepted update to persist, with who made it and what it touched. */
export interface DocLogEntry {
  planId: string;
  /** The update (v1, as it came over the wire). */
  data: Uint8Array;
  userId: string | null;
  at: number;
  changes: ReadonlyArray<{ tableId: string | null; rowId: string | null; field: string | null }>;
  /** The audit action; 'update' when absent (a change the server makes itself names its own, e.g. 'review.reset'). */
  action?: AuditAction;
  /** Client ids the update writes under, bound to `userId` from now on (first writer wins). */
  clients?: readonly number[];
  /** Written only while the plan's lease is still this one (several servers); absent: one server, no lease. */
  fence?: DocFence;
}

/** An attempt refused by the permission check (kept in the audit trail too). */
export interface DocLogRejection {
  planId: string;
  userId: string | null;
  at: number;
  reason: string;
  changes: DocLogEntry['changes'];
}

/** A document as loaded: its whole state in one update, and where its log stands. */
export interface DocLoaded {
  /** Snapshot and log folded into one update (v2). */
  state: Uint8Array;
  /** Sequence number of the last logged update (the snapshot's when the log is empty). */
  lastSeq: number;
  /** Updates logged after the snapshot. */
  tailLength: number;
  /** Bytes the document takes on disk: snapshot plus log (for the size limit). */
  bytes: number;
  /** Who writes under each Yjs client id of the document (the server's own writes have none). */
  clientAuthors: Map<number, string>;
}

export interface DocStore {
  /** Resolves once the store can serve (the server waits for it before it listens). */
  ready: () => Promise<void>;
  /** The document of a plan, or null when there is none. */
  load: (planId: string) => Promise<DocLoaded | null>;
  /**
   * Appends updates (of any plans) durably, each with its audit row, in one transaction;
   * resolves with their sequence numbers once they are on disk, or rejects having written none.
   */
  append: (entries: readonly DocLogEntry[]) => Promise<number[]>;
  /** Records a refused update in the audit trail. */
  reject: (entry: DocLogRejection) => Promise<void>;
  /**
   * Folds the snapshot and the log up to `uptoSeq` into a new snapshot and drops that part of
   * the log, atomically; appends made meanwhile are not held up and are kept.
   */
  compact: (planId: string, uptoSeq: number) => Promise<void>;
  /** Saves a named version of a plan (its document frozen: `Y.encodeStateAsUpdateV2`), with an audit row. */
  versionSave: (input: VersionSave) => Promise<VersionRecord>;
  /** A plan's versions, newest first. */
  versionsList: (planId: string) => Promise<VersionRecord[]>;
  /** One version of a plan (a version of another plan reads as missing). */
  versionGet: (planId: string, versionId: string) => Promise<VersionRecord | undefined>;
  /** The stored snapshot of a version. */
  versionSnapshot: (planId: string, versionId: string) => Promise<Uint8Array | undefined>;
  /** Ends the store once what was asked of it is done. */
  close: () => Promise<void>;
}

/** A version to save. */
export interface VersionSave {
  planId: string;
  name: string;
  createdBy: string | null;
  snapshot: Uint8Array;
  at: number;
}
