/**
 * A Phuluc data directory ready for a benchmark: the SQLite database with the commune's units,
 * one plan of the given table, and one account per bench client (an editor of a bench unit, or
 * a coordinator) with a session token — set up directly in the database, as the sync tests do.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableModel, Unit } from '@phuluc/domain';
import * as Y from 'yjs';
import { membershipSet } from '@phuluc/server/src/auth/memberships.ts';
import { passwordHash } from '@phuluc/server/src/auth/passwords.ts';
import { sessionCreate } from '@phuluc/server/src/auth/sessions.ts';
import { dbOpen } from '@phuluc/server/src/store/db.ts';
import type { Sql } from '@phuluc/server/src/store/sql.ts';
import { sqlSqlite } from '@phuluc/server/src/store/sql-sqlite.ts';
import { planCreate } from '@phuluc/server/src/store/plans.ts';
import { unitsDirectory, unitsSeedIfEmpty } from '@phuluc/server/src/store/units.ts';
import { userCreate } from '@phuluc/server/src/store/users.ts';
import { BENCH_UNITS } from './plan-build.ts';

/** One bench account: its session token and, for an editor, its unit. */
export interface BenchAccount {
  userId: string;
  token: string;
  role: 'editor' | 'coordinator';
  unitId: string;
}

export interface PlanData {
  dataDir: string;
  planId: string;
  tableId: string;
  accounts: BenchAccount[];
  /** The plan's document as stored (v1 encoding), for the reference server. */
  docUpdate: Uint8Array;
}

/** A temporary directory for one benchmark's files. */
export function benchTempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `phuluc-bench-${name}-`));
}

/** Creates the data directory with the plan and `editors` editor accounts (+ `coordinators`). */
export async function planDataCreate(dataDir: string, table: TableModel, options: { editors: number; coordinators?: number }): Promise<PlanData> {
  const db = dbOpen(dataDir);
  const sql = sqlSqlite(db);
  try {
    await unitsSeedIfEmpty(sql);
    const units = await unitsDirectory(sql);
    const plan = await planCreate(sql, units, { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table });
    const hash = await passwordHash('mật-khẩu-đo', { N: 1024, r: 8, p: 1 });
    const accounts: BenchAccount[] = [];
    const add = async (tx: Sql, i: number, role: BenchAccount['role']): Promise<void> => {
      const unitId = (BENCH_UNITS[i % BENCH_UNITS.length] as Unit).id;
      const user = await userCreate(tx, { username: `bench-${role}-${i}`, name: `Người đo ${i}`, role: 'user', passwordHash: hash });
      await membershipSet(tx, { userId: user.id, planId: plan.id, role, unitId });
      accounts.push({ userId: user.id, token: (await sessionCreate(tx, user.id, { ttlMs: 24 * 3_600_000 })).token, role, unitId });
    };
    await sql.transaction(async (tx) => {
      for (let i = 0; i < options.editors; i += 1) await add(tx, i, 'editor');
      for (let i = 0; i < (options.coordinators ?? 0); i += 1) await add(tx, i, 'coordinator');
    });
    const snap = db.prepare('SELECT data FROM doc_snapshots WHERE plan_id = ?').get(plan.id) as { data: Buffer };
    const docUpdate = Y.convertUpdateFormatV2ToV1(new Uint8Array(snap.data));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, docUpdate);
    const tableId = doc.getMap('tables').keys().next().value as string;
    doc.destroy();
    return { dataDir, planId: plan.id, tableId, accounts, docUpdate };
  } finally {
    await sql.close();
  }
}
