/**
 * Opening PostgreSQL, the second storage engine (for several servers on one database): a small
 * pool of connections through the `postgres` client, every one with the settings the stores
 * rely on, checked with a first query, and the schema migrated to the latest version
 * (`pg-migrations.ts`). BIGINT columns (times in ms, sequence numbers) and counts come back as
 * JS numbers: none of ours goes past 2^53.
 */
import postgres from 'postgres';
import { pgMigrationsRun } from './pg-migrations.ts';

/** int8 (BIGINT, count(*)) and numeric (sum of BIGINTs) read as numbers. */
const PG_TYPES = {
  bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (raw: string) => Number(raw) },
  numeric: { to: 1700, from: [1700], serialize: (value: number) => String(value), parse: (raw: string) => Number(raw) },
} satisfies Record<string, postgres.PostgresType>;

/** The JS types of the database types read our way (`PG_TYPES`). */
type PgTypes = { bigint: number; numeric: number };

/** A pool of connections to a migrated database, as `pgOpen` opens it. */
export type PgSql = postgres.Sql<PgTypes>;

/** A transaction on such a pool (`sql.begin`). */
export type PgTransaction = postgres.TransactionSql<PgTypes>;

/** Values of `synchronous_commit` under which a commit waits for the local WAL flush. */
const SYNCHRONOUS_COMMIT_DURABLE = new Set(['on', 'remote_apply', 'remote_write', 'local']);

/**
 * Connects to the database at `url` (a `postgres://` address; `max`: connections in the pool,
 * 10 by default), checks that it answers and migrates it. A database that cannot be reached is
 * reported with its host, never its password.
 */
export async function pgOpen(url: string, options: { max?: number } = {}): Promise<PgSql> {
  const sql: PgSql = postgres(url, {
    max: options.max ?? 10,
    types: PG_TYPES,
    onnotice: () => {},
    connection: {
      application_name: 'phuluc',
      // An acknowledged update must survive a crash of the database server, whatever its
      // postgresql.conf says.
      synchronous_commit: 'on',
      // The client reads bytea in the hex format only.
      bytea_output: 'hex',
    },
  });
  let commit: string | undefined;
  try {
    commit = (await sql<Array<{ commit: string }>>`SELECT current_setting('synchronous_commit') AS commit`)[0]?.commit;
  } catch (error) {
    await sql.end({ timeout: 0 });
    throw new Error(`Không kết nối được PostgreSQL tại ${pgWhere(sql)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    // Parameters in the address win over ours (`?synchronous_commit=off`): refuse them.
    if (commit === undefined || !SYNCHRONOUS_COMMIT_DURABLE.has(commit)) {
      throw new Error(`PostgreSQL tại ${pgWhere(sql)} chạy với synchronous_commit = ${commit ?? '?'}: dữ liệu đã xác nhận có thể mất khi máy chủ dừng đột ngột. Hãy bỏ tham số này khỏi địa chỉ cơ sở dữ liệu.`);
    }
    await pgMigrationsRun(sql);
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
  return sql;
}

/** host:port of a pool (every host of a multi-host address; the socket path of a local one). */
function pgWhere(sql: PgSql): string {
  const { host, port, path } = sql.options;
  if (path) return path;
  return host.map((h, i) => `${h}:${port[i] ?? port[0] ?? 5432}`).join(',');
}

/** The address with its password replaced by `***`, for logs and messages. */
export function pgUrlRedacted(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const start = scheme + 3;
  const rest = url.slice(start);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const colon = authority.indexOf(':');
  if (colon < 0 || colon > at) return url;
  return url.slice(0, start + colon + 1) + '***' + url.slice(start + at);
}
