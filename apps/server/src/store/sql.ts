/**
 * The database the records (accounts, sessions, plans, memberships, units, audit) live in, as
 * one small asynchronous interface both engines implement: the embedded SQLite file and
 * PostgreSQL. The statements are written once, in the dialect both understand, with `?`
 * placeholders; each engine runs them its own way (`sql-sqlite.ts`, `sql-postgres.ts`).
 */

/** A statement's parameters: strings, numbers, null, bytes. */
export type SqlParam = string | number | null | Uint8Array;

export interface Sql {
  /** Every row of a query. */
  all: <T>(query: string, params?: readonly SqlParam[]) => Promise<T[]>;
  /** The first row of a query, or undefined. */
  get: <T>(query: string, params?: readonly SqlParam[]) => Promise<T | undefined>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run: (query: string, params?: readonly SqlParam[]) => Promise<number>;
  /**
   * Runs `fn` in one transaction: committed when its promise resolves, rolled back when it
   * rejects. Statements go through `tx`; nothing else on this database interleaves with them.
   */
  transaction: <T>(fn: (tx: Sql) => Promise<T>) => Promise<T>;
  /** Asks the database the cheapest question there is; rejects when it cannot answer (health checks). */
  ping: () => Promise<void>;
  /** Which engine this is (for `/healthz` and the logs). */
  readonly engine: 'sqlite' | 'postgres';
  /** Closes the connection(s) once running statements are done. */
  close: () => Promise<void>;
}
