/**
 * The PostgreSQL schema as an ordered list of migrations, the counterpart of `migrations.ts`:
 * the same tables and columns in PostgreSQL's types. The database records what has run in
 * `schema_migrations`; each pending migration runs in its own transaction, so a crash leaves
 * the database at the previous version. Several servers may start on one database at once:
 * each migrating transaction first takes a transaction-scoped advisory lock and reads the
 * version again under it, so one server migrates and the others find the work done. Never edit
 * a migration that has shipped: append a new one.
 */
import type { Migration } from './migrations.ts';
import type { PgSql } from './pg.ts';

export type { Migration } from './migrations.ts';

/**
 * Key of the advisory lock every migrating transaction takes ('phuluc' in ASCII): only one
 * server migrates a database at a time.
 */
export const PG_MIGRATIONS_LOCK = 0x7068756c7563;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, plans, document log, audit, versions, client authors, plan leases',
    // Times are milliseconds since the epoch (BIGINT), as in the SQLite file.
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        disabled_at BIGINT
      );
      -- Unique regardless of case (SQLite: COLLATE NOCASE); queries compare lower(username).
      CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scope TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of spellings
        position INTEGER NOT NULL
      );

      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        commune TEXT NOT NULL,
        province TEXT,
        year INTEGER NOT NULL,
        title TEXT NOT NULL,
        created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        deleted_at BIGINT
      );

      -- user x plan x role; the unit is required for editors and optional for the others.
      CREATE TABLE memberships (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'reviewer', 'viewer')),
        unit_id TEXT REFERENCES units(id),
        created_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, plan_id),
        CHECK (role <> 'editor' OR unit_id IS NOT NULL)
      );
      CREATE INDEX memberships_plan ON memberships (plan_id);

      -- Only the SHA-256 of a session token is stored.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        ttl_ms BIGINT NOT NULL,
        ip TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expiry ON sessions (expires_at);

      -- data = the update as it came over the wire (v1).
      CREATE TABLE doc_updates (
        plan_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        user_id TEXT,
        at BIGINT NOT NULL,
        PRIMARY KEY (plan_id, seq)
      );
      -- data = Y.encodeStateAsUpdateV2; every plan has its row (appenders lock it).
      CREATE TABLE doc_snapshots (
        plan_id TEXT PRIMARY KEY,
        data BYTEA NOT NULL,
        upto_seq BIGINT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan_id TEXT NOT NULL,
        user_id TEXT,
        at BIGINT NOT NULL,
        action TEXT NOT NULL,
        changes TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_plan ON audit (plan_id, id);

      -- snapshot = Y.encodeStateAsUpdateV2 of the live document when the version was saved; never
      -- updated. seq orders versions saved in the same millisecond (SQLite: the rowid, which its
      -- indexes carry too).
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        snapshot BYTEA NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX versions_plan ON versions (plan_id, created_at, seq);

      -- Each Yjs client id writes for one person only: the first user whose accepted update
      -- used it. Kept apart from the log so compaction does not forget it. Yjs client ids go up
      -- to 2^32, past INTEGER.
      CREATE TABLE doc_clients (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        client_id BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (plan_id, client_id)
      );

      -- Which server owns a plan's live document (owner: the server's id; owner_url: where the
      -- others reach it), until when (ms, the database's clock). The epoch grows at every change
      -- of owner: appends carry the one they were accepted under and are refused under another.
      CREATE TABLE plan_leases (
        plan_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        owner_url TEXT NOT NULL,
        epoch BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
];

const VERSION_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )`;

type Runner = Pick<PgSql, 'unsafe'>;

async function versionRead(sql: Runner): Promise<number> {
  const rows = await sql.unsafe<Array<{ version: number | null }>>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

/** The schema version of a database (0 when it was never migrated). */
export async function pgMigrationsVersion(sql: PgSql): Promise<number> {
  const rows = await sql<Array<{ exists: boolean }>>`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`;
  return rows[0]?.exists ? versionRead(sql) : 0;
}

/**
 * Runs the pending migrations, each in a transaction that also records it in
 * `schema_migrations`; resolves with the version the database is at. A database newer than
 * this program is refused rather than misread.
 */
export async function pgMigrationsRun(sql: PgSql, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<number> {
  const latest = migrations.length;
  for (;;) {
    // One transaction per migration; each takes the lock and reads the version again, since
    // another server may have migrated while this one waited.
    const step = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${PG_MIGRATIONS_LOCK})`;
      await tx.unsafe(VERSION_TABLE);
      const current = await versionRead(tx);
      if (current > latest) {
        throw new Error(`Cơ sở dữ liệu PostgreSQL có phiên bản ${current}, mới hơn phiên bản ${latest} mà chương trình này hiểu. Hãy cập nhật Phuluc.`);
      }
      const migration = migrations[current];
      if (!migration) return { done: true, version: current };
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${Date.now()})`;
      return { done: false, version: migration.version };
    });
    if (step.done) return step.version;
  }
}
