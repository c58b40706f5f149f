/**
 * The SQLite driver, chosen once per process by the major version of the running Node:
 *
 * - Node 20: better-sqlite3 12, the last major that runs there (13 segfaults in `new Database()`
 *   on Node 20);
 * - Node 22 and later: better-sqlite3 13, installed under the alias `better-sqlite3-13`. 12 aborts
 *   Node 24 processes at exit (`Assertion failed: (env) != nullptr` in Statement::~Statement,
 *   WiseLibs/better-sqlite3#1515); 13 is a Node-API port that ships prebuilt binaries and does not.
 *
 * Both have the API that @types/better-sqlite3 describes (13 only adds `explain()` and the
 * file-descriptor options), so the store is typed against `better-sqlite3` whichever one is
 * loaded. This is the only module that loads a driver; the rest imports types only.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3Constructor from 'better-sqlite3';

export type { Database, Statement } from 'better-sqlite3';

/** The packages that can drive SQLite (names as installed in apps/server's node_modules). */
export type SqliteDriverPackage = 'better-sqlite3' | 'better-sqlite3-13';

/** The first Node major that loads better-sqlite3 13 (its `engines`: node >= 22). */
export const SQLITE_DRIVER_13_SINCE_NODE = 22;

/** The driver package for a Node version (`process.versions.node`, e.g. "24.1.0"). */
export function sqliteDriverPackage(nodeVersion: string): SqliteDriverPackage {
  return Number.parseInt(nodeVersion, 10) >= SQLITE_DRIVER_13_SINCE_NODE ? 'better-sqlite3-13' : 'better-sqlite3';
}

/** The driver this process uses. */
export const SQLITE_DRIVER: SqliteDriverPackage = sqliteDriverPackage(process.versions.node);

/** The chosen driver's Database constructor. */
export const BetterSqlite3 = createRequire(import.meta.url)(SQLITE_DRIVER) as typeof BetterSqlite3Constructor;
