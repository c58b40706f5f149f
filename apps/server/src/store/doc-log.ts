/**
 * The SQLite tables behind the document store, as synchronous statements on one connection:
 * an append-only log of the updates the server accepted (v1, as they came over the wire) on
 * top of a compacted snapshot (v2), the audit trail, and which user writes under which Yjs
 * client id. Used by the store's threads (`doc-store-thread.ts`) and by `docStoreInline`; no
 * other code touches these tables.
 */
import type { AuditAction } from '@phuluc/domain';
import * as Y from 'yjs';
import type { Database, Statement } from './db.ts';
import type { DocLoaded, DocLogEntry, DocLogRejection } from './doc-store.ts';
import { versionCreate, type VersionInput, type VersionRecord } from './versions.ts';

/** An entry as written: with its audit action decided (the domain's `AUDIT_ACTIONS`). */
export type DocLogRow = DocLogEntry & { action: AuditAction };

/**
 * A refusal as written, with its action (`AUDIT_ACTIONS.rejected`). The threads that run this
 * module never load the domain package: callers pass the actions in.
 */
export type DocLogRefusal = DocLogRejection & { action: AuditAction };

export class DocLog {
  private readonly snapshotGet: Statement<[string], { data: Buffer; upto_seq: number }>;
  private readonly updatesGet: Statement<[string, number], { seq: number; data: Buffer }>;
  private readonly updatesUpTo: Statement<[string, number, number], { seq: number; data: Buffer }>;
  private readonly lastSeqGet: Statement<[string], { seq: number | null }>;
  private readonly updateInsert: Statement<[string, number, Uint8Array, string | null, number]>;
  private readonly auditInsert: Statement<[string, string | null, number, string, string, string | null]>;
  private readonly snapshotReplace: Statement<[Uint8Array, number, number, string, number]>;
  private readonly updatesDelete: Statement<[string, number]>;
  private readonly clientInsert: Statement<[string, number, string]>;
  private readonly clientsGet: Statement<[string], { client_id: number; user_id: string }>;
  private readonly lastSeqs = new Map<string, number>();
  private readonly appendTx: (entries: readonly DocLogRow[]) => number[];
  private readonly compactTx: (planId: string, snapshot: Uint8Array, fromSeq: number, uptoSeq: number) => boolean;
  private readonly versionTx: (input: VersionInput, action: AuditAction) => VersionRecord;

  constructor(db: Database) {
    this.snapshotGet = db.prepare('SELECT data, upto_seq FROM doc_snapshots WHERE plan_id = ?');
    this.updatesGet = db.prepare('SELECT seq, data FROM doc_updates WHERE plan_id = ? AND seq > ? ORDER BY seq');
    this.updatesUpTo = db.prepare('SELECT seq, data FROM doc_updates WHERE plan_id = ? AND seq > ? AND seq <= ? ORDER BY seq');
    this.lastSeqGet = db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE plan_id = ?');
    this.updateInsert = db.prepare('INSERT INTO doc_updates (plan_id, seq, data, user_id, at) VALUES (?, ?, ?, ?, ?)');
    this.auditInsert = db.prepare('INSERT INTO audit (plan_id, user_id, at, action, changes, detail) VALUES (?, ?, ?, ?, ?, ?)');
    this.snapshotReplace = db.prepare('UPDATE doc_snapshots SET data = ?, upto_seq = ?, at = ? WHERE plan_id = ? AND upto_seq = ?');
    this.updatesDelete = db.prepare('DELETE FROM doc_updates WHERE plan_id = ? AND seq <= ?');
    this.clientInsert = db.prepare('INSERT OR IGNORE INTO doc_clients (plan_id, client_id, user_id) VALUES (?, ?, ?)');
    this.clientsGet = db.prepare('SELECT client_id, user_id FROM doc_clients WHERE plan_id = ?');

    this.appendTx = db.transaction((entries: readonly DocLogRow[]) =>
      entries.map((e) => {
        const seq = this.seqNext(e.planId);
        this.updateInsert.run(e.planId, seq, e.data, e.userId, e.at);
        if (e.changes.length > 0) this.auditInsert.run(e.planId, e.userId, e.at, e.action, JSON.stringify(e.changes), null);
        if (e.userId !== null) for (const client of e.clients ?? []) this.clientInsert.run(e.planId, client, e.userId);
        return seq;
      }),
    );
    this.versionTx = db.transaction((input: VersionInput, action: AuditAction) => {
      const version = versionCreate(db, input);
      this.auditInsert.run(input.planId, input.createdBy, input.now, action, '[]', input.name);
      return version;
    });
    // The snapshot is replaced only if it is still the one the fold started from.
    this.compactTx = db.transaction((planId: string, snapshot: Uint8Array, fromSeq: number, uptoSeq: number) => {
      if (this.snapshotReplace.run(snapshot, uptoSeq, Date.now(), planId, fromSeq).changes !== 1) return false;
      this.updatesDelete.run(planId, uptoSeq);
      return true;
    });
  }

  /** Snapshot and log folded into one update (v2), or null for an unknown plan. */
  load(planId: string): DocLoaded | null {
    const snap = this.snapshotGet.get(planId);
    if (!snap) return null;
    const rows = this.updatesGet.all(planId, snap.upto_seq);
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : snap.upto_seq;
    this.lastSeqs.set(planId, Math.max(lastSeq, this.lastSeqs.get(planId) ?? 0));
    const clientAuthors = new Map(this.clientsGet.all(planId).map((r) => [r.client_id, r.user_id]));
    const bytes = snap.data.byteLength + rows.reduce((n, r) => n + r.data.byteLength, 0);
    const state = rows.length === 0 ? new Uint8Array(snap.data) : Y.mergeUpdatesV2([snap.data, ...rows.map((r) => Y.convertUpdateFormatV1ToV2(r.data))]);
    return { state, lastSeq, tailLength: rows.length, bytes, clientAuthors };
  }

  /** Appends updates (any plans) in one durable transaction; returns their sequence numbers. */
  append(entries: readonly DocLogRow[]): number[] {
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
  reject(entry: DocLogRefusal): void {
    this.auditInsert.run(entry.planId, entry.userId, entry.at, entry.action, JSON.stringify(entry.changes), entry.reason);
  }

  /**
   * Folds the snapshot and the log up to `uptoSeq` into a new snapshot (through a garbage-
   * collecting Y.Doc, so deleted content does not pile up) and drops that part of the log, in
   * one transaction. Reading and folding happen outside it; false when another compaction
   * changed the snapshot meanwhile (nothing is written then).
   */
  compact(planId: string, uptoSeq: number): boolean {
    const snap = this.snapshotGet.get(planId);
    if (!snap || snap.upto_seq >= uptoSeq) return false;
    const doc = new Y.Doc({ gc: true });
    try {
      Y.applyUpdateV2(doc, snap.data);
      for (const row of this.updatesUpTo.all(planId, snap.upto_seq, uptoSeq)) Y.applyUpdate(doc, row.data);
      if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error(`plan ${planId}: the log up to ${uptoSeq} does not fold into a whole document`);
      return this.compactTx(planId, Y.encodeStateAsUpdateV2(doc), snap.upto_seq, uptoSeq);
    } finally {
      doc.destroy();
    }
  }

  /** Saves a version with its audit row (`action`: the domain's `AUDIT_ACTIONS.versionCreate`), in one transaction. */
  versionSave(input: VersionInput, action: AuditAction): VersionRecord {
    return this.versionTx(input, action);
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
