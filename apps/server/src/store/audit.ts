/**
 * The audit trail: who did what to which plan, when. Kept apart from the document log, so
 * compaction never erases it. `changes` lists the (table, row, field) an update touched. The
 * actions and the markers in `field` are the domain's (`AUDIT_ACTIONS`, `AUDIT_MARKERS`).
 */
import { type AuditAction, type AuditChange, auditChangeSchema } from '@phuluc/domain';
import type { Sql } from './sql.ts';

export type { AuditAction, AuditChange } from '@phuluc/domain';

/** One line of the audit trail; `action` is as stored (`auditActionRead` tells whether this version knows it). */
export interface AuditEntry {
  id: number;
  planId: string;
  userId: string | null;
  at: number;
  action: string;
  changes: AuditChange[];
  detail: string | null;
}

/** The plan id of entries about no plan (logins). */
export const AUDIT_NO_PLAN = '';

/** Appends an entry; returns its id. */
export async function auditAppend(
  db: Sql,
  entry: { planId: string; userId: string | null; action: AuditAction; changes?: readonly AuditChange[]; detail?: string | null; at?: number },
): Promise<number> {
  const row = await db.get<{ id: number }>('INSERT INTO audit (plan_id, user_id, at, action, changes, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id', [
    entry.planId,
    entry.userId,
    entry.at ?? Date.now(),
    entry.action,
    JSON.stringify(entry.changes ?? []),
    entry.detail ?? null,
  ]);
  return Number(row?.id);
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
export async function auditPage(db: Sql, planId: string, options: { before?: number; limit: number }): Promise<AuditEntry[]> {
  const rows = await db.all<AuditRow>('SELECT * FROM audit WHERE plan_id = ? AND id < ? ORDER BY id DESC LIMIT ?', [
    planId,
    options.before ?? Number.MAX_SAFE_INTEGER,
    options.limit,
  ]);
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

/** The stored changes JSON as a list; anything malformed reads as no changes, a malformed item is left out. */
function auditChangesParse(json: string): AuditChange[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((c: unknown) => {
      const change = auditChangeSchema.safeParse(c);
      return change.success ? [change.data] : [];
    });
  } catch {
    return [];
  }
}
