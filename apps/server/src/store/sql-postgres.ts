/**
 * `Sql` on a PostgreSQL pool (`pg.ts`). The shared statements' `?` placeholders become `$1…$n`
 * (none of our statements has a `?` inside a literal); transactions are `BEGIN … COMMIT` on one
 * connection of the pool.
 */
import type { PgSql } from './pg.ts';
import type { Sql, SqlParam } from './sql.ts';

/** `?` placeholders numbered for PostgreSQL, each statement converted once. */
const numbered = new Map<string, string>();
function placeholdersNumber(query: string): string {
  let text = numbered.get(query);
  if (text === undefined) {
    let n = 0;
    text = query.replace(/\?/g, () => `$${++n}`);
    numbered.set(query, text);
  }
  return text;
}

type Runner = Pick<PgSql, 'unsafe'>;

function params(values: readonly SqlParam[]): never[] {
  return values.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v)) as never[];
}

function sqlOn(runner: Runner, begin: <T>(fn: (tx: Sql) => Promise<T>) => Promise<T>, close: () => Promise<void>): Sql {
  return {
    engine: 'postgres',
    all: async <T>(query: string, values: readonly SqlParam[] = []) =>
      (await runner.unsafe(placeholdersNumber(query), params(values), { prepare: true })) as unknown as T[],
    get: async <T>(query: string, values: readonly SqlParam[] = []) =>
      ((await runner.unsafe(placeholdersNumber(query), params(values), { prepare: true })) as unknown as T[])[0],
    run: async (query, values = []) => (await runner.unsafe(placeholdersNumber(query), params(values), { prepare: true })).count,
    transaction: begin,
    ping: async () => void (await runner.unsafe('SELECT 1')),
    close,
  };
}

export function sqlPostgres(pg: PgSql): Sql {
  const begin = <T>(fn: (tx: Sql) => Promise<T>): Promise<T> =>
    pg.begin(async (conn) => {
      // A nested transaction joins the open one.
      const tx: Sql = sqlOn(conn, (inner) => inner(tx), async () => {});
      return fn(tx);
    }) as Promise<T>;
  return sqlOn(pg, begin, () => pg.end({ timeout: 5 }));
}
