/**
 * The document store on PostgreSQL, the same tables and the same behaviour as the SQLite one
 * (`doc-log.ts`), safe with several servers on one database:
 * - a load reads the snapshot, the log after it and the client authors in one statement, so
 *   it sees them as of one instant even while a compaction commits;
 * - appends take the lock of each plan's snapshot row (`FOR UPDATE`, in plan order) before
 *   numbering, so the appenders of a plan, in this process or another, number one after the
 *   other without gap or duplicate. Appends asked for while a transaction is in flight are
 *   committed together in the next one (one commit for all); when that fails each is tried
 *   alone, so one bad request fails by itself;
 * - compaction reads and folds outside any transaction and writes in a short one that replaces
 *   the snapshot only if it is still the one the fold started from (compare-and-swap), then
 *   drops the folded part of the log: appends meanwhile are kept, a stale fold writes nothing.
 * The audit trail is written with the appends and never touched by compaction.
 */
import { AUDIT_ACTIONS } from '@phuluc/domain';
import postgres from 'postgres';
import { type DocLoaded, type DocLogEntry, type DocLogRejection, type DocStore, DocStoreFencedError, type VersionSave } from './doc-store.ts';
import { idCreate } from './ids.ts';
import type { PgSql, PgTransaction } from './pg.ts';
import { versionFromRow, type VersionRow } from './versions.ts';
import { DOC_FOLDER_INLINE, type DocFolder } from './doc-fold.ts';

/** Type oids for the arrays handed to `unnest`. */
const OID = { bytea: 17, int8: 20, text: 25 } as const;

/** One row of a load: the snapshot (kind 0), an update of the log (1) or a client author (2). */
interface LoadRow {
  kind: 0 | 1 | 2;
  /** upto_seq of the snapshot, seq of an update, the client id of an author. */
  seq: number;
  data: Uint8Array | null;
  user_id: string | null;
}


interface Queued {
  entries: readonly DocLogEntry[];
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * A store on a pool `pgOpen` opened (migrated); `close` ends the pool unless `shared` (the pool
 * is someone else's: the records' own, for one-shot tools).
 */
export function docStorePostgres(sql: PgSql, options: { shared?: boolean; folder?: DocFolder } = {}): DocStore {
  const folder = options.folder ?? DOC_FOLDER_INLINE;
  let queue: Queued[] = [];
  /**
   * Entries of a transaction whose outcome is unknown (the connection broke, the commit may have
   * happened): asked again, they are first looked for in the log, so none is logged twice.
   */
  const uncertain = new WeakSet<DocLogEntry>();
  let scheduled = false;
  let inFlight: Promise<void> | undefined;

  /** Starts a commit of the queue on the next turn of the event loop, unless one runs already. */
  function commitSchedule(): void {
    if (scheduled || inFlight) return;
    scheduled = true;
    // A turn later, so that the appends asked for in the same turn share the commit.
    setImmediate(() => {
      scheduled = false;
      inFlight = commitQueued().finally(() => {
        inFlight = undefined;
        if (queue.length > 0) commitSchedule();
      });
    });
  }

  /** Commits every queued append: together, or one by one when together fails. Never rejects. */
  async function commitQueued(): Promise<void> {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      const seqs = await appendTx(sql, batch.flatMap((q) => q.entries), uncertain);
      let at = 0;
      for (const q of batch) {
        q.resolve(seqs.slice(at, at + q.entries.length));
        at += q.entries.length;
      }
    } catch (error) {
      if (!failedCleanly(error)) for (const q of batch) for (const e of q.entries) uncertain.add(e);
      if (batch.length === 1 || !failedCleanly(error)) {
        for (const q of batch) q.reject(error);
        return;
      }
      for (const q of batch) {
        try {
          q.resolve(await appendTx(sql, q.entries, uncertain));
        } catch (alone) {
          q.reject(alone);
        }
      }
    }
  }

  /** Resolves once no append is queued or being committed. */
  async function drained(): Promise<void> {
    while (inFlight || scheduled || queue.length > 0) {
      await (inFlight ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  return {
    async ready() {
      await sql`SELECT 1`;
    },

    async load(planId) {
      // One statement, so one snapshot of the database: a compaction commits entirely before
      // or after it.
      const rows = await sql<LoadRow[]>`
        SELECT 0 AS kind, s.upto_seq AS seq, s.data, NULL::text AS user_id
          FROM doc_snapshots s WHERE s.plan_id = ${planId}
        UNION ALL
        SELECT 1, u.seq, u.data, NULL
          FROM doc_updates u JOIN doc_snapshots s ON s.plan_id = u.plan_id
         WHERE u.plan_id = ${planId} AND u.seq > s.upto_seq
        UNION ALL
        SELECT 2, c.client_id, NULL, c.user_id
          FROM doc_clients c WHERE c.plan_id = ${planId}
        ORDER BY kind, seq`;
      return docLoaded(rows, folder);
    },

    append(entries) {
      if (entries.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ entries, resolve, reject });
        commitSchedule();
      });
    },

    async reject(entry: DocLogRejection) {
      await sql`
        INSERT INTO audit (plan_id, user_id, at, action, changes, detail)
        VALUES (${entry.planId}, ${entry.userId}, ${entry.at}, ${AUDIT_ACTIONS.rejected}, ${JSON.stringify(entry.changes)}, ${entry.reason})`;
    },

    async compact(planId, uptoSeq) {
      await compact(sql, folder, planId, uptoSeq);
    },

    async versionSave(input: VersionSave) {
      const id = idCreate();
      return sql.begin(async (tx) => {
        const rows = await tx<VersionRow[]>`
          WITH v AS (
            INSERT INTO versions (id, plan_id, name, created_by, created_at, snapshot)
            VALUES (${id}, ${input.planId}, ${input.name}, ${input.createdBy}, ${input.at}, ${input.snapshot})
            RETURNING id, plan_id, name, created_by, created_at, octet_length(snapshot) AS size
          )
          SELECT v.id, v.plan_id, v.name, v.created_by, u.name AS created_by_name, v.created_at, v.size
            FROM v LEFT JOIN users u ON u.id = v.created_by`;
        await tx`
          INSERT INTO audit (plan_id, user_id, at, action, changes, detail)
          VALUES (${input.planId}, ${input.createdBy}, ${input.at}, ${AUDIT_ACTIONS.versionCreate}, '[]', ${input.name})`;
        return versionFromRow(rows[0] as VersionRow);
      });
    },

    async versionsList(planId) {
      const rows = await sql<VersionRow[]>`
        SELECT v.id, v.plan_id, v.name, v.created_by, u.name AS created_by_name, v.created_at, octet_length(v.snapshot) AS size
          FROM versions v LEFT JOIN users u ON u.id = v.created_by
         WHERE v.plan_id = ${planId}
         ORDER BY v.created_at DESC, v.seq DESC`;
      return rows.map(versionFromRow);
    },

    async versionGet(planId, versionId) {
      const rows = await sql<VersionRow[]>`
        SELECT v.id, v.plan_id, v.name, v.created_by, u.name AS created_by_name, v.created_at, octet_length(v.snapshot) AS size
          FROM versions v LEFT JOIN users u ON u.id = v.created_by
         WHERE v.plan_id = ${planId} AND v.id = ${versionId}`;
      return rows[0] ? versionFromRow(rows[0]) : undefined;
    },

    async versionSnapshot(planId, versionId) {
      const rows = await sql<Array<{ snapshot: Uint8Array }>>`SELECT snapshot FROM versions WHERE plan_id = ${planId} AND id = ${versionId}`;
      return rows[0] ? bytesView(rows[0].snapshot) : undefined;
    },

    async close() {
      await drained();
      await folder.close();
      if (!options.shared) await sql.end({ timeout: 5 });
    },
  };
}

/** The document of a load's rows, or null when the plan has no snapshot (no such plan). */
async function docLoaded(rows: readonly LoadRow[], folder: DocFolder): Promise<DocLoaded | null> {
  const first = rows[0];
  if (!first || first.kind !== 0 || !first.data) return null;
  const snapshot = bytesView(first.data);
  const updates: Uint8Array[] = [];
  let lastSeq = first.seq;
  const clientAuthors = new Map<number, string>();
  for (const row of rows) {
    if (row.kind === 1 && row.data) {
      updates.push(bytesView(row.data));
      lastSeq = row.seq;
    } else if (row.kind === 2 && row.user_id !== null) {
      clientAuthors.set(row.seq, row.user_id);
    }
  }
  const bytes = updates.reduce((n, u) => n + u.byteLength, snapshot.byteLength);
  const state = updates.length === 0 ? snapshot : await folder.merge({ snapshot, updates });
  return { state, lastSeq, tailLength: updates.length, bytes, clientAuthors };
}

/**
 * Appends entries (any plans) in one transaction; resolves with their sequence numbers, in
 * entry order. Each plan's snapshot row is locked first (all of them in one statement, in plan
 * order, so two batches never wait for each other crosswise); the last number is read after
 * the lock, when every earlier appender of the plan has committed.
 */
async function appendTx(sql: PgSql, all: readonly DocLogEntry[], uncertain: WeakSet<DocLogEntry>): Promise<number[]> {
  return sql.begin(async (tx) => {
    // An entry of a transaction that may have committed: if it is in the log, it keeps its number.
    const already = new Map<DocLogEntry, number>();
    for (const e of all) {
      if (!uncertain.has(e)) continue;
      const data = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
      const found = await tx<Array<{ seq: number }>>`SELECT seq FROM doc_updates WHERE plan_id = ${e.planId} AND data = ${data} LIMIT 1`;
      if (found[0]) already.set(e, found[0].seq);
    }
    const entries = all.filter((e) => !already.has(e));
    if (entries.length === 0) return all.map((e) => already.get(e) as number);
    const planIds = [...new Set(entries.map((e) => e.planId))];
    const locked = await tx<Array<{ plan_id: string; upto_seq: number }>>`
      SELECT plan_id, upto_seq FROM doc_snapshots
       WHERE plan_id = ANY(${tx.array(planIds, OID.text)}::text[])
       ORDER BY plan_id FOR UPDATE`;
    // One subquery per plan: each reads the end of the primary key's index, not the whole log.
    const logged = await tx<Array<{ plan_id: string; seq: number | null }>>`
      SELECT p.plan_id, (SELECT max(u.seq) FROM doc_updates u WHERE u.plan_id = p.plan_id) AS seq
        FROM unnest(${tx.array(planIds, OID.text)}::text[]) AS p(plan_id)`;
    await fencesCheck(tx, entries);
    const last = new Map<string, number>();
    for (const row of locked) last.set(row.plan_id, row.upto_seq);
    for (const row of logged) last.set(row.plan_id, Math.max(last.get(row.plan_id) ?? 0, row.seq ?? 0));
    const seqs = entries.map((e) => {
      const seq = (last.get(e.planId) ?? 0) + 1;
      last.set(e.planId, seq);
      return seq;
    });
    await updatesInsert(tx, entries, seqs);
    await auditInsert(tx, entries.filter((e) => e.changes.length > 0));
    await clientsInsert(tx, entries);
    const numbered = new Map(entries.map((e, i) => [e, seqs[i] as number]));
    return all.map((e) => already.get(e) ?? (numbered.get(e) as number));
  });
}

/**
 * Refuses the batch when an entry's fence is no longer its plan's lease (another server took
 * the plan over). The lease rows are read under a share lock, so a takeover waits for this
 * transaction and the new owner loads what it commits.
 */
async function fencesCheck(tx: PgTransaction, entries: readonly DocLogEntry[]): Promise<void> {
  const fenced = entries.filter((e) => e.fence !== undefined);
  if (fenced.length === 0) return;
  const planIds = [...new Set(fenced.map((e) => e.planId))];
  const leases = await tx<Array<{ plan_id: string; owner: string; epoch: number }>>`
    SELECT plan_id, owner, epoch FROM plan_leases
     WHERE plan_id = ANY(${tx.array(planIds, OID.text)}::text[])
     ORDER BY plan_id FOR SHARE`;
  const current = new Map(leases.map((l) => [l.plan_id, l]));
  const stale = new Set<string>();
  for (const e of fenced) {
    const lease = current.get(e.planId);
    if (!lease || lease.owner !== e.fence?.owner || lease.epoch !== e.fence.epoch) stale.add(e.planId);
  }
  if (stale.size > 0) throw new DocStoreFencedError([...stale]);
}

/** The log rows, one statement whatever their number (arrays, not one parameter per value). */
async function updatesInsert(tx: PgTransaction, entries: readonly DocLogEntry[], seqs: readonly number[]): Promise<void> {
  await tx`
    INSERT INTO doc_updates (plan_id, seq, data, user_id, at)
    SELECT plan_id, seq, data, user_id, at
      FROM unnest(${tx.array(entries.map((e) => e.planId), OID.text)}::text[],
                  ${tx.array([...seqs], OID.int8)}::bigint[],
                  ${tx.array(entries.map((e) => e.data), OID.bytea)}::bytea[],
                  ${tx.array(entries.map((e) => e.userId), OID.text)}::text[],
                  ${tx.array(entries.map((e) => e.at), OID.int8)}::bigint[]) AS t(plan_id, seq, data, user_id, at)`;
}

/** The audit rows of entries that touched something, their ids in entry order. */
async function auditInsert(tx: PgTransaction, entries: readonly DocLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx`
    INSERT INTO audit (plan_id, user_id, at, action, changes, detail)
    SELECT plan_id, user_id, at, action, changes, NULL
      FROM unnest(${tx.array(entries.map((e) => e.planId), OID.text)}::text[],
                  ${tx.array(entries.map((e) => e.userId), OID.text)}::text[],
                  ${tx.array(entries.map((e) => e.at), OID.int8)}::bigint[],
                  ${tx.array(entries.map((e) => e.action ?? AUDIT_ACTIONS.update), OID.text)}::text[],
                  ${tx.array(entries.map((e) => JSON.stringify(e.changes)), OID.text)}::text[])
           WITH ORDINALITY AS t(plan_id, user_id, at, action, changes, n)
     ORDER BY n`;
}

/** Binds the entries' client ids to their users; the first writer of a client id keeps it. */
async function clientsInsert(tx: PgTransaction, entries: readonly DocLogEntry[]): Promise<void> {
  const planIds: string[] = [];
  const clientIds: number[] = [];
  const userIds: string[] = [];
  for (const e of entries) {
    if (e.userId === null) continue;
    for (const client of e.clients ?? []) {
      planIds.push(e.planId);
      clientIds.push(client);
      userIds.push(e.userId);
    }
  }
  if (planIds.length === 0) return;
  await tx`
    INSERT INTO doc_clients (plan_id, client_id, user_id)
    SELECT plan_id, client_id, user_id
      FROM unnest(${tx.array(planIds, OID.text)}::text[], ${tx.array(clientIds, OID.int8)}::bigint[], ${tx.array(userIds, OID.text)}::text[])
           WITH ORDINALITY AS t(plan_id, client_id, user_id, n)
     ORDER BY n
    ON CONFLICT DO NOTHING`;
}

/**
 * Whether a failed transaction surely wrote nothing, so that its requests may be tried again one
 * by one: the server refused a statement, or the client a value. When the connection was lost,
 * the commit may have happened: trying again could log the updates twice.
 */
function failedCleanly(error: unknown): boolean {
  if (error instanceof postgres.PostgresError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return !(typeof code === 'string' && (code.startsWith('CONNECT') || /^E[A-Z]+$/.test(code)));
}

/**
 * Folds the snapshot and the log up to `uptoSeq` (as far as it is committed) into a new snapshot
 * through a garbage-collecting Y.Doc, then replaces the snapshot and drops the folded updates in
 * one short transaction, if the snapshot is still the one read. False when there was nothing to
 * fold or another compaction won.
 */
async function compact(sql: PgSql, folder: DocFolder, planId: string, uptoSeq: number): Promise<boolean> {
  const rows = await sql<Array<{ kind: 0 | 1; seq: number; data: Uint8Array }>>`
    SELECT 0 AS kind, s.upto_seq AS seq, s.data FROM doc_snapshots s WHERE s.plan_id = ${planId}
    UNION ALL
    SELECT 1, u.seq, u.data
      FROM doc_updates u JOIN doc_snapshots s ON s.plan_id = u.plan_id
     WHERE u.plan_id = ${planId} AND u.seq > s.upto_seq AND u.seq <= ${uptoSeq}
    ORDER BY kind, seq`;
  const snap = rows[0];
  if (!snap || snap.kind !== 0 || snap.seq >= uptoSeq || rows.length === 1) return false;
  // What is folded is what was read: a number above the committed log folds what is there,
  // and an update committed later under it is never dropped unfolded.
  const foldedSeq = (rows[rows.length - 1] as { seq: number }).seq;
  let snapshot: Uint8Array;
  try {
    snapshot = await folder.fold({ snapshot: snap.data, updates: rows.slice(1).map((r) => r.data) });
  } catch (error) {
    throw new Error(`plan ${planId}: the log up to ${foldedSeq} does not fold into a whole document`, { cause: error });
  }
  return sql.begin(async (tx) => {
    const replaced = await tx`
      UPDATE doc_snapshots SET data = ${snapshot}, upto_seq = ${foldedSeq}, at = ${Date.now()}
       WHERE plan_id = ${planId} AND upto_seq = ${snap.seq}`;
    if (replaced.count !== 1) return false;
    await tx`DELETE FROM doc_updates WHERE plan_id = ${planId} AND seq <= ${foldedSeq}`;
    return true;
  });
}


/** A plain Uint8Array on the bytes of a Buffer the client returned (no copy). */
function bytesView(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
