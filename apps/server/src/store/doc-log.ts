/**
 * The durable history of each plan document: an append-only log of the updates the server
 * accepted (v1, as they came over the wire) on top of a compacted snapshot (v2). An update is
 * committed here, with its audit entry, before anyone else sees it. Compaction folds the log
 * into the snapshot in one transaction; the audit table is never compacted.
 */
import { AUDIT_ACTIONS, type AuditAction } from '@phuluc/domain';
import type { Database, Statement } from 'better-sqlite3';

/** What a plan's document is made of on disk. */
export interface DocLogState {
  snapshot: Uint8Array | null;
  uptoSeq: number;
  updates: Uint8Array[];
  lastSeq: number;
  /** Who writes under each Yjs client id of the document (the server's own writes have none). */
  clientAuthors: Map<number, string>;
}

/** One accepted update to persist, with who made it and what it touched. */
export interface DocLogEntry {
  planId: string;
  data: Uint8Array;
  userId: string | null;
  at: number;
  changes: ReadonlyArray<{ tableId: string | null; rowId: string | null; field: string | null }>;
  /** The audit action; 'update' when absent (a change the server makes itself names its own, e.g. 'review.reset'). */
  action?: AuditAction;
  /** Client ids the update writes under, bound to `userId` from now on (first writer wins). */
  clients?: readonly number[];
}

/** An attempt refused by the permission check (kept in the audit trail too). */
export interface DocLogRejection {
  planId: string;
  userId: string | null;
  at: number;
  reason: string;
  changes: DocLogEntry['changes'];
}

export class DocLog {
  private readonly snapshotGet: Statement<[string], { data: Buffer; upto_seq: number }>;
  private readonly updatesGet: Statement<[string, number], { seq: number; data: Buffer }>;
  private readonly lastSeqGet: Statement<[string], { seq: number | null }>;
  private readonly updateInsert: Statement<[string, number, Uint8Array, string | null, number]>;
  private readonly auditInsert: Statement<[string, string | null, number, string, string, string | null]>;
  private readonly snapshotUpsert: Statement<[string, Uint8Array, number, number]>;
  private readonly updatesDelete: Statement<[string, number]>;
  private readonly clientInsert: Statement<[string, number, string]>;
  private readonly clientsGet: Statement<[string], { client_id: number; user_id: string }>;
  private readonly lastSeqs = new Map<string, number>();
  private readonly appendTx: (entries: readonly DocLogEntry[]) => number[];
  private readonly compactTx: (planId: string, snapshot: Uint8Array, uptoSeq: number) => void;

  constructor(private readonly db: Database) {
    this.snapshotGet = db.prepare('SELECT data, upto_seq FROM doc_snapshots WHERE plan_id = ?');
    this.updatesGet = db.prepare('SELECT seq, data FROM doc_updates WHERE plan_id = ? AND seq > ? ORDER BY seq');
    this.lastSeqGet = db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE plan_id = ?');
    this.updateInsert = db.prepare('INSERT INTO doc_updates (plan_id, seq, data, user_id, at) VALUES (?, ?, ?, ?, ?)');
    this.auditInsert = db.prepare('INSERT INTO audit (plan_id, user_id, at, action, changes, detail) VALUES (?, ?, ?, ?, ?, ?)');
    this.snapshotUpsert = db.prepare(
      `INSERT INTO doc_snapshots (plan_id, data, upto_seq, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (plan_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, at = excluded.at`,
    );
    this.updatesDelete = db.prepare('DELETE FROM doc_updates WHERE plan_id = ? AND seq <= ?');
    this.clientInsert = db.prepare('INSERT OR IGNORE INTO doc_clients (plan_id, client_id, user_id) VALUES (?, ?, ?)');
    this.clientsGet = db.prepare('SELECT client_id, user_id FROM doc_clients WHERE plan_id = ?');

    this.appendTx = db.transaction((entries: readonly DocLogEntry[]) =>
      entries.map((e) => {
        const seq = this.seqNext(e.planId);
        this.updateInsert.run(e.planId, seq, e.data, e.userId, e.at);
        if (e.changes.length > 0) this.auditInsert.run(e.planId, e.userId, e.at, e.action ?? AUDIT_ACTIONS.update, JSON.stringify(e.changes), null);
        if (e.userId !== null) for (const client of e.clients ?? []) this.clientInsert.run(e.planId, client, e.userId);
        return seq;
      }),
    );
    this.compactTx = db.transaction((planId: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.snapshotUpsert.run(planId, snapshot, uptoSeq, Date.now());
      this.updatesDelete.run(planId, uptoSeq);
    });
  }

  /** True when the plan has a document (every plan is created with a snapshot). */
  exists(planId: string): boolean {
    return this.snapshotGet.get(planId) !== undefined;
  }

  /** Snapshot and the log after it, in order. */
  load(planId: string): DocLogState | null {
    const snap = this.snapshotGet.get(planId);
    if (!snap) return null;
    const rows = this.updatesGet.all(planId, snap.upto_seq);
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : snap.upto_seq;
    this.lastSeqs.set(planId, Math.max(lastSeq, this.lastSeqs.get(planId) ?? 0));
    const clientAuthors = new Map(this.clientsGet.all(planId).map((r) => [r.client_id, r.user_id]));
    return { snapshot: new Uint8Array(snap.data), uptoSeq: snap.upto_seq, updates: rows.map((r) => new Uint8Array(r.data)), lastSeq, clientAuthors };
  }

  /** Appends updates (any plans) in one durable transaction; returns their sequence numbers. */
  append(entries: readonly DocLogEntry[]): number[] {
    if (entries.length === 0) return [];
    try {
      return this.appendTx(entries);
    } catch (error) {
      // The transaction rolled back: forget the sequence numbers it handed out.
      for (const e of entries) this.lastSeqs.delete(e.planId);
      throw error;
    }
  }

  /** Records a refused update in the audit trail. */
  reject(entry: DocLogRejection): void {
    this.auditInsert.run(entry.planId, entry.userId, entry.at, AUDIT_ACTIONS.rejected, JSON.stringify(entry.changes), entry.reason);
  }

  /** Replaces the snapshot and drops the log up to `uptoSeq`, atomically. */
  compact(planId: string, snapshot: Uint8Array, uptoSeq: number): void {
    this.compactTx(planId, snapshot, uptoSeq);
  }

  /** Number of updates logged after the snapshot. */
  tailLength(planId: string): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE plan_id = ?').get(planId) as { n: number };
    return row.n;
  }

  private seqNext(planId: string): number {
    let last = this.lastSeqs.get(planId);
    if (last === undefined) {
      const snap = this.snapshotGet.get(planId);
      last = Math.max(this.lastSeqGet.get(planId)?.seq ?? 0, snap?.upto_seq ?? 0);
    }
    const next = last + 1;
    this.lastSeqs.set(planId, next);
    return next;
  }
}
