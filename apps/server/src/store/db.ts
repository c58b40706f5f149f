/**
 * Opening the embedded SQLite database: `<dataDir>/phuluc.sqlite`, in WAL mode with full
 * fsync (an update the server acknowledged survives a crash or power loss), foreign keys on,
 * and the schema migrated to the latest version.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BetterSqlite3, type Database } from './sqlite-driver.ts';
import { migrationsRun } from './migrations.ts';

export type { Database, Statement } from 'better-sqlite3';

/** File name of the database inside the data directory. */
export const DB_FILE_NAME = 'phuluc.sqlite';

/** Opens (creating the directory and file if needed) and migrates the database. */
export function dbOpen(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = dbConnect(join(dataDir, DB_FILE_NAME));
  try {
    migrationsRun(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * A connection to a database file with the settings every connection needs (the store's
 * threads open their own this way, on a file `dbOpen` has migrated).
 */
export function dbConnect(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Asks the database the cheapest question there is; throws when it cannot answer (health checks). */
export function dbPing(db: Database): void {
  db.prepare('SELECT 1').get();
}
