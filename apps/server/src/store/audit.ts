/**
 * The audit trail: who did what to which plan, when. Kept apart from the document log, so
 * compaction never erases it. `changes` lists the (table, row, field) an update touched.
 */
import type { Database } from './db.ts';

/** One place an update touched; null parts mean the change is above that level (a table, a row itself, the plan's meta). */
export interface AuditChange {
  tableId: string | null;
  rowId?: string | null;
  field?: string | null;
}

/** Actions written by this module's callers; the sync endpoint writes 'update' and 'rejected'. */
export type AuditAction = 'update' | 'rejected' | 'login' | 'logout' | 'plan.create' | 'plan.delete' | (string & {});

/** One line of the audit trail. */
export interface AuditEntry {
  id: number;
  planId: string;
  userId: string | null;
  at: number;
  action: AuditAction;
  changes: AuditChange[];
  detail: string | null;
}

/** The plan id of entries about no plan (logins). */
export const AUDIT_NO_PLAN = '';

/** Appends an entry; returns its id. */
export function auditAppend(
  db: Database,
  entry: { planId: string; userId: string | null; action: AuditAction; changes?: readonly AuditChange[]; detail?: string | null; at?: number },
): number {
  const result = db
    .prepare('INSERT INTO audit (plan_id, user_id, at, action, changes, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entry.planId, entry.userId, entry.at ?? Date.now(), entry.action, JSON.stringify(entry.changes ?? []), entry.detail ?? null);
  return Number(result.lastInsertRowid);
}

interface AuditRow {
  id: number;
  plan_id: string;
  user_id: string | null;
  at: number;
  action: string;
  changes: string;
  detail: string | null;
}

/** A plan's entries, newest first: up to `limit` of them with an id below `before` (when given). */
export function auditPage(db: Database, planId: string, options: { before?: number; limit: number }): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit WHERE plan_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
    .all(planId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as AuditRow[];
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    userId: row.user_id,
    at: row.at,
    action: row.action,
    changes: auditChangesParse(row.changes),
    detail: row.detail,
  }));
}

/** The stored changes JSON as a list; anything malformed reads as no changes. */
function auditChangesParse(json: string): AuditChange[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is AuditChange => typeof c === 'object' && c !== null && 'tableId' in c,
    );
  } catch {
    return [];
  }
}
