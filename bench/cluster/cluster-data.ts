/**
 * The data of the cluster bench, set up through the server's own records API (the asynchronous
 * `Sql` both engines implement, as `testing/cluster-harness.ts` does): a fresh PostgreSQL
 * database for the run (dropped after), or a SQLite data directory for the single-server
 * baseline; plans grown from the real fixture (`planTableBuild`) and, per plan, editor accounts
 * of the bench units with session tokens.
 */
import { rmSync } from 'node:fs';
import type { TableModel, Unit } from '@phuluc/domain';
import * as Y from 'yjs';
import { membershipSet } from '@phuluc/server/src/auth/memberships.ts';
import { passwordHash } from '@phuluc/server/src/auth/passwords.ts';
import { sessionCreate } from '@phuluc/server/src/auth/sessions.ts';
import { planCreate } from '@phuluc/server/src/store/plans.ts';
import { type Storage, storageOpen } from '@phuluc/server/src/store/storage.ts';
import { unitsDirectory } from '@phuluc/server/src/store/units.ts';
import { userCreate } from '@phuluc/server/src/store/users.ts';
import { pgTestDatabase } from '@phuluc/server/src/testing/pg-test-database.ts';
import { BENCH_UNITS, planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir } from '../lib/plan-data.ts';

/** An editor account: its session token and unit (bench editor i belongs to `BENCH_UNITS[i % 10]`). */
export interface ClusterAccount {
  userId: string;
  token: string;
  unitId: string;
}

/** A plan in the bench's storage and the editors who may edit it. */
export interface SeededPlan {
  planId: string;
  accounts: ClusterAccount[];
}

/** A fresh PostgreSQL database for one run, and how to drop it. */
export interface BenchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * Creates an empty database on the PostgreSQL server of PHULUC_TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), named `phuluc_test_<random>`; `drop()` ends
 * whatever is still connected to it and drops it.
 */
export async function benchDatabaseCreate(): Promise<BenchDatabase> {
  const db = await pgTestDatabase();
  if (!db) throw new Error('the cluster bench needs PostgreSQL (PHULUC_TEST_DATABASE_URL, default 127.0.0.1:5432, user postgres)');
  return db;
}

/** Creates plans and accounts in one storage (PostgreSQL or a SQLite data directory). */
export class BenchSeeder {
  private users = 0;
  private hash: string | null = null;
  private readonly tables = new Map<number, TableModel>();

  private constructor(
    readonly storage: Storage,
    readonly dataDir: string,
  ) {}

  /** Opens (creating and migrating) the storage: PostgreSQL at `databaseUrl`, else SQLite in a new temporary directory. */
  static async open(name: string, databaseUrl: string | null): Promise<BenchSeeder> {
    const dataDir = benchTempDir(name);
    return new BenchSeeder(await storageOpen({ dataDir, databaseUrl }), dataDir);
  }

  /** A plan of `items` item rows (cached per size) and `editors` editors of it. */
  async plan(items: number, editors: number): Promise<SeededPlan> {
    const { sql } = this.storage;
    let table = this.tables.get(items);
    if (!table) this.tables.set(items, (table = planTableBuild(items)));
    const plan = await planCreate(sql, await unitsDirectory(sql), { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table });
    this.hash ??= await passwordHash('mật-khẩu-đo', { N: 1024, r: 8, p: 1 });
    const hash = this.hash;
    const accounts: ClusterAccount[] = [];
    await sql.transaction(async (tx) => {
      for (let i = 0; i < editors; i += 1) {
        const unitId = (BENCH_UNITS[i % BENCH_UNITS.length] as Unit).id;
        this.users += 1;
        const user = await userCreate(tx, { username: `bench-cluster-${this.users}`, name: `Người đo ${this.users}`, role: 'user', passwordHash: hash });
        await membershipSet(tx, { userId: user.id, planId: plan.id, role: 'editor', unitId });
        accounts.push({ userId: user.id, token: (await sessionCreate(tx, user.id, { ttlMs: 24 * 3_600_000 })).token, unitId });
      }
    });
    return { planId: plan.id, accounts };
  }

  /** A plan's document as stored (the load-worker and raw clients build their copies from it). */
  async planDoc(planId: string): Promise<Y.Doc> {
    const docs = await this.storage.docStore('shared');
    try {
      const loaded = await docs.load(planId);
      if (!loaded) throw new Error(`plan ${planId} has no document`);
      const doc = new Y.Doc();
      Y.applyUpdateV2(doc, loaded.state);
      return doc;
    } finally {
      await docs.close();
    }
  }

  /** The address of the server holding the plan's lease (`plan_leases.owner_url`), or null. */
  async ownerUrl(planId: string): Promise<string | null> {
    const row = await this.storage.sql.get<{ owner_url: string }>('SELECT owner_url FROM plan_leases WHERE plan_id = ?', [planId]);
    return row?.owner_url ?? null;
  }

  /**
   * Updates committed so far to these plans: the last sequence number each plan's log reached
   * (folded into the snapshot or still in the log), summed. Read from the database, so it counts
   * what is durable whatever the server answers meanwhile.
   */
  async committedUpdates(planIds: readonly string[]): Promise<number> {
    const row = await this.storage.sql.get<{ n: number | string | null }>(
      `SELECT sum(GREATEST(s.upto_seq, COALESCE((SELECT max(u.seq) FROM doc_updates u WHERE u.plan_id = s.plan_id), 0))) AS n
         FROM doc_snapshots s WHERE s.plan_id IN (${planIds.map(() => '?').join(', ')})`,
      [...planIds],
    );
    return Number(row?.n ?? 0);
  }

  /** Closes the storage and removes the data directory. */
  async close(): Promise<void> {
    await this.storage.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
