/**
 * Named versions of a plan ("Dự thảo lần 1", "Trình ký"): frozen copies of the whole document,
 * each the `Y.encodeStateAsUpdateV2` of the live document at the moment it was saved, as SQLite
 * statements on one connection (the document store's; see `DocStore.versionSave` and the
 * others). A version is never changed after it is written; `versionWithDoc` (version-doc.ts)
 * reads one into a fresh Y.Doc.
 */
import type { Database } from './db.ts';

/** What the list shows of a version (the snapshot itself is read separately). */
export interface VersionRecord {
  id: string;
  planId: string;
  name: string;
  createdBy: string | null;
  /** The creator's display name, or null when the account is gone. */
  createdByName: string | null;
  createdAt: number;
  /** Size of the snapshot in bytes. */
  size: number;
}

/** A version as the stores read it (`size`: the snapshot's length in bytes). */
export interface VersionRow {
  id: string;
  plan_id: string;
  name: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: number;
  size: number;
}

const SELECT = `SELECT v.id, v.plan_id, v.name, v.created_by, u.name AS created_by_name, v.created_at, length(v.snapshot) AS size
                  FROM versions v LEFT JOIN users u ON u.id = v.created_by`;

/** A version row as the API shows it. */
export function versionFromRow(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    name: row.name,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    size: row.size,
  };
}

/** What saving a version takes: `snapshot` is `Y.encodeStateAsUpdateV2` of the plan's document. */
export interface VersionInput {
  id: string;
  planId: string;
  name: string;
  createdBy: string | null;
  snapshot: Uint8Array;
  now: number;
}

/** Stores a version of a plan. */
export function versionCreate(db: Database, input: VersionInput): VersionRecord {
  const id = input.id;
  db.prepare('INSERT INTO versions (id, plan_id, name, created_by, created_at, snapshot) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    input.planId,
    input.name,
    input.createdBy,
    input.now,
    Buffer.from(input.snapshot.buffer, input.snapshot.byteOffset, input.snapshot.byteLength),
  );
  return versionGet(db, input.planId, id) as VersionRecord;
}

/** A plan's versions, newest first. */
export function versionsForPlan(db: Database, planId: string): VersionRecord[] {
  const rows = db.prepare(`${SELECT} WHERE v.plan_id = ? ORDER BY v.created_at DESC, v.rowid DESC`).all(planId) as VersionRow[];
  return rows.map(versionFromRow);
}

/** One version of a plan (a version of another plan reads as missing). */
export function versionGet(db: Database, planId: string, versionId: string): VersionRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE v.plan_id = ? AND v.id = ?`).get(planId, versionId) as VersionRow | undefined;
  return row ? versionFromRow(row) : undefined;
}

/** The stored snapshot of a version, or undefined. */
export function versionSnapshot(db: Database, planId: string, versionId: string): Uint8Array | undefined {
  const row = db.prepare('SELECT snapshot FROM versions WHERE plan_id = ? AND id = ?').get(planId, versionId) as { snapshot: Buffer } | undefined;
  return row ? new Uint8Array(row.snapshot.buffer, row.snapshot.byteOffset, row.snapshot.byteLength) : undefined;
}
