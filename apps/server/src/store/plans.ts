/**
 * Plans: the registry row (commune, year, who may see it) and creating a plan's first
 * document. A new plan's document is written as its first snapshot (`doc_snapshots`,
 * upto_seq 0), in the same transaction as the plan row: a plan never exists without a document.
 */
import {
  type ItemRow,
  type PlanRole,
  planDocAddTable,
  planDocCreate,
  planDocImportTable,
  type TableModel,
  type TemplateId,
  type UnitDirectory,
  rowOwnersForLead,
} from '@phuluc/domain';
import * as Y from 'yjs';
import type { Sql } from './sql.ts';
import { idCreate } from './ids.ts';

/** A plan as registered (its content lives in the document). */
export interface PlanRecord {
  id: string;
  commune: string;
  province: string | null;
  year: number;
  title: string;
  createdBy: string | null;
  createdAt: number;
  deletedAt: number | null;
}

interface PlanRow {
  id: string;
  commune: string;
  province: string | null;
  year: number;
  title: string;
  created_by: string | null;
  created_at: number;
  deleted_at: number | null;
}

function planFromRow(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    commune: row.commune,
    province: row.province,
    year: row.year,
    title: row.title,
    createdBy: row.created_by,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
  };
}

/** The plan with this id; a deleted plan only when `includeDeleted`. */
export async function planGet(db: Sql, planId: string, options: { includeDeleted?: boolean } = {}): Promise<PlanRecord | undefined> {
  const row = await db.get<PlanRow>('SELECT * FROM plans WHERE id = ?', [planId]);
  if (!row || (row.deleted_at !== null && !options.includeDeleted)) return undefined;
  return planFromRow(row);
}

/** A plan in a user's list, with the user's role in it. */
export interface PlanListed extends PlanRecord {
  myRole: PlanRole;
  myUnitId: string | null;
}

/** The live plans a user may open (an admin: all), newest year first, then by commune. */
export async function plansForUser(db: Sql, user: { userId: string; role: 'admin' | 'user' }): Promise<PlanListed[]> {
  const rows = await db.all<PlanRow & { my_role: PlanRole | null; my_unit: string | null }>(
    `SELECT p.*, m.role AS my_role, m.unit_id AS my_unit
       FROM plans p LEFT JOIN memberships m ON m.plan_id = p.id AND m.user_id = ?
      WHERE p.deleted_at IS NULL AND (? = 'admin' OR m.role IS NOT NULL)
      ORDER BY p.year DESC, p.commune, p.created_at`,
    [user.userId, user.role],
  );
  return rows.map((row) => ({
    ...planFromRow(row),
    myRole: user.role === 'admin' ? 'admin' : (row.my_role ?? 'viewer'),
    myUnitId: row.my_unit,
  }));
}

/** Every live plan (CLI listing). */
export async function plansAll(db: Sql): Promise<PlanRecord[]> {
  return (await db.all<PlanRow>('SELECT * FROM plans WHERE deleted_at IS NULL ORDER BY year DESC, commune, created_at')).map(planFromRow);
}

/** Marks a plan deleted (kept on disk, hidden everywhere); false when there was no live plan. */
export async function planSoftDelete(db: Sql, planId: string, now: number = Date.now()): Promise<boolean> {
  return (await db.run('UPDATE plans SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [now, planId])) > 0;
}

/** What a new plan starts from. */
export interface PlanCreateInput {
  commune: string;
  province?: string | null;
  year: number;
  title?: string;
  /** Start with one empty table of this layout. */
  template?: TemplateId;
  /** Start with this imported table (wins over `template`). */
  table?: TableModel;
  /** The plan number and issue date its file's heading gives ("(Kèm theo Kế hoạch số 123/KH-UBND ngày …)"). */
  planNumber?: string;
  issuedOn?: string;
  createdBy?: string | null;
  now?: number;
  /** Writes the rest of the first document after the meta (next year's plan: its tables, last year's evaluation). */
  docWrite?: (doc: Y.Doc) => void;
}

/** The default title of a plan. */
export function planTitleDefault(commune: string, year: number): string {
  return `Kế hoạch chuyển đổi số năm ${year} của xã ${commune}`;
}

/**
 * Creates a plan: the registry row and its first document (meta, and the imported or template
 * table with each row's owners read from its lead cell), in one transaction; `audit` adds its
 * audit row to the same transaction.
 */
export async function planCreate(
  db: Sql,
  units: UnitDirectory,
  input: PlanCreateInput,
  audit?: (tx: Sql, plan: PlanRecord) => Promise<unknown>,
): Promise<PlanRecord> {
  const now = input.now ?? Date.now();
  const plan: PlanRecord = {
    id: idCreate(),
    commune: input.commune,
    province: input.province ?? null,
    year: input.year,
    title: input.title ?? planTitleDefault(input.commune, input.year),
    createdBy: input.createdBy ?? null,
    createdAt: now,
    deletedAt: null,
  };
  const doc = planDocCreate({ commune: plan.commune, province: plan.province ?? '', year: plan.year, title: plan.title, planNumber: input.planNumber ?? '', issuedOn: input.issuedOn ?? '' });
  let snapshot: Uint8Array;
  try {
    if (input.table) planDocImportTable(doc, input.table, { ownersOf: (row: ItemRow) => rowOwnersForLead(units, row.cells.lead ?? '') });
    else if (input.template) planDocAddTable(doc, { template: input.template });
    input.docWrite?.(doc);
    snapshot = Y.encodeStateAsUpdateV2(doc);
  } finally {
    doc.destroy();
  }
  await db.transaction(async (tx) => {
    await tx.run('INSERT INTO plans (id, commune, province, year, title, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      plan.id,
      plan.commune,
      plan.province,
      plan.year,
      plan.title,
      plan.createdBy,
      plan.createdAt,
    ]);
    await tx.run('INSERT INTO doc_snapshots (plan_id, data, upto_seq, at) VALUES (?, ?, 0, ?)', [plan.id, snapshot, now]);
    await audit?.(tx, plan);
  });
  return plan;
}
