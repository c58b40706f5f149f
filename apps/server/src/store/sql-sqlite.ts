/**
 * `Sql` on one SQLite connection. Statements run synchronously (SQLite answers these small
 * record queries in microseconds); a transaction spans awaits, so while one is open every other
 * statement on the connection waits for it to end instead of landing inside it.
 */
import type { Database } from './db.ts';
import type { Sql, SqlParam } from './sql.ts';

export function sqlSqlite(db: Database): Sql {
  let open = false;
  let queue: Promise<void> = Promise.resolve();

  /** Resolves when no transaction is open; the statement must then run without awaiting again. */
  const free = async (): Promise<void> => {
    while (open) await queue;
  };
  const direct: Pick<Sql, 'all' | 'get' | 'run'> = {
    all: async <T>(query: string, params: readonly SqlParam[] = []) => db.prepare(query).all(...params) as T[],
    get: async <T>(query: string, params: readonly SqlParam[] = []) => db.prepare(query).get(...params) as T | undefined,
    run: async (query, params = []) => db.prepare(query).run(...params).changes,
  };

  const sql: Sql = {
    engine: 'sqlite',
    async all<T>(query: string, params?: readonly SqlParam[]) {
      await free();
      return direct.all<T>(query, params);
    },
    async get<T>(query: string, params?: readonly SqlParam[]) {
      await free();
      return direct.get<T>(query, params);
    },
    async run(query, params) {
      await free();
      return direct.run(query, params);
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const previous = queue;
      let release = (): void => {};
      queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      return (async () => {
        await previous;
        open = true;
        try {
          db.exec('BEGIN IMMEDIATE');
          const result = await fn(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          open = false;
          release();
        }
      })();
    },
    async ping() {
      await free();
      db.prepare('SELECT 1').get();
    },
    async close() {
      await queue;
      if (db.open) db.close();
    },
  };
  // Inside a transaction: straight to the connection (a nested transaction joins the open one).
  const tx: Sql = {
    ...direct,
    engine: 'sqlite',
    transaction: (fn) => fn(tx),
    ping: async () => void db.prepare('SELECT 1').get(),
    close: async () => {},
  };
  return sql;
}
