/**
 * Opening where the data lives: the embedded SQLite file in the data directory (the default),
 * or PostgreSQL when the configuration names a database. Either way the caller gets the records
 * (`Sql`), migrated, with the units seeded on first start, and the document store on the same
 * data. The server and the CLI open storage only through here.
 */
import { type ClusterInstance, PLAN_LEASE_DEFAULTS, PlanLeases } from '../cluster/plan-leases.ts';
import type { ServerConfig } from '../env.ts';
import type { Gauge } from '../metrics.ts';
import { dbOpen } from './db.ts';
import type { DocStore } from './doc-store.ts';
import { docFolderThreaded } from './doc-fold.ts';
import { docStorePostgres } from './doc-store-postgres.ts';
import { docStoreInline, docStoreSqlite } from './doc-store-sqlite.ts';
import { pgOpen, pgUrlRedacted } from './pg.ts';
import type { Sql } from './sql.ts';
import { sqlPostgres } from './sql-postgres.ts';
import { sqlSqlite } from './sql-sqlite.ts';
import { unitsSeedIfEmpty } from './units.ts';

export interface Storage {
  /** The records: accounts, sessions, plans, memberships, units, audit. */
  sql: Sql;
  /**
   * A document store on the same data. `shared`: for one-shot tools (the CLI), on the records'
   * own connection; otherwise the server's (SQLite: writer and reader threads; PostgreSQL: its
   * own pool). The caller closes it before `close`.
   */
  docStore: (use: 'server' | 'shared') => Promise<DocStore>;
  /**
   * Plan leases, for several servers on one database (PostgreSQL only; null on the SQLite file,
   * which one process holds).
   */
  planLeases: ((instance: ClusterInstance, gauge: Gauge) => PlanLeases) | null;
  /** Where the data is, for people (a PostgreSQL address without its password). */
  where: string;
  close: () => Promise<void>;
}

/** Opens (creating and migrating) the storage the configuration names. */
export async function storageOpen(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<Storage> {
  const url = config.databaseUrl;
  let storage: Storage;
  if (url) {
    const pg = await pgOpen(url);
    storage = {
      sql: sqlPostgres(pg),
      docStore: async (use) => (use === 'shared' ? docStorePostgres(pg, { shared: true }) : docStorePostgres(await pgOpen(url), { folder: docFolderThreaded() })),
      planLeases: (instance, gauge) => new PlanLeases(pg, instance, PLAN_LEASE_DEFAULTS, gauge),
      where: pgUrlRedacted(url),
      close: () => storage.sql.close(),
    };
  } else {
    const db = dbOpen(config.dataDir);
    storage = {
      sql: sqlSqlite(db),
      docStore: async (use) => (use === 'shared' ? docStoreInline(db) : docStoreSqlite(config.dataDir)),
      planLeases: null,
      where: config.dataDir,
      close: () => storage.sql.close(),
    };
  }
  try {
    await unitsSeedIfEmpty(storage.sql);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
