/**
 * Fresh PostgreSQL databases for the tests of the PostgreSQL engine: each test gets an empty
 * database of its own (`phuluc_test_<random>`) on the server of `PHULUC_TEST_DATABASE_URL`
 * (the local one by default), and drops it afterwards. Where no PostgreSQL answers, the tests
 * are skipped with one warning on a developer's machine, and fail in CI: there the service is
 * part of the run, and a suite that skips itself would pass without testing. Test-only.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { pgUrlRedacted } from '../store/pg.ts';

/** The server the test databases are created on (a database on it to connect to for that). */
export const PG_TEST_URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A test database: its address, and how to drop it (connections to it are ended first). */
export interface PgTestDatabase {
  url: string;
  drop: () => Promise<void>;
}

function baseUrl(): string {
  return process.env.PHULUC_TEST_DATABASE_URL || PG_TEST_URL_DEFAULT;
}

function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** A short-lived connection to the base database, ended after `fn`. */
async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(baseUrl(), { max: 1, onnotice: () => {}, connect_timeout: 5, connection: { application_name: 'phuluc-tests' } });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

let available: Promise<boolean> | undefined;

/**
 * Whether the test server answers (asked once per process). Outside CI a missing server
 * resolves false, with one warning; in CI it rejects.
 */
export function pgTestAvailable(): Promise<boolean> {
  available ??= withAdmin(async (sql) => {
    await sql`SELECT 1`;
    return true;
  }).catch((error: unknown) => {
    const why = `PostgreSQL tại ${pgUrlRedacted(baseUrl())} không trả lời (${error instanceof Error ? error.message : String(error)})`;
    if (inCi()) throw new Error(`${why}: CI cần PostgreSQL cho các bài kiểm tra này (PHULUC_TEST_DATABASE_URL).`, { cause: error });
    console.warn(`${why}: bỏ qua các bài kiểm tra PostgreSQL.`);
    return false;
  });
  return available;
}

/** The address of database `name` on the server of `url` (the path replaced, the rest kept). */
function urlWithDatabase(url: string, name: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!match) throw new Error(`not a database address: ${pgUrlRedacted(url)}`);
  return `${match[1]}/${name}${match[3] ?? ''}`;
}

/**
 * Creates an empty database for one test; null when no PostgreSQL answers outside CI (the
 * caller skips). Throws in CI when none answers.
 */
export async function pgTestDatabase(): Promise<PgTestDatabase | null> {
  if (!(await pgTestAvailable())) return null;
  const name = `phuluc_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((sql) => sql.unsafe(`CREATE DATABASE ${name}`));
  return {
    url: urlWithDatabase(baseUrl(), name),
    drop: () =>
      // FORCE (PostgreSQL 13+) ends the connections still open to it first, a pool a failed
      // test left behind included.
      withAdmin(async (sql) => {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
