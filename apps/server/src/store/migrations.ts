/**
 * The SQLite schema as an ordered list of migrations. The file records how many have run in
 * `PRAGMA user_version`; each pending migration runs in its own transaction, so a crash leaves
 * the file at the previous version. Never edit a migration that has shipped: append a new one.
 */
import type { Database } from 'better-sqlite3';

/** One step of the schema. `version` is its 1-based position in `MIGRATIONS`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, plans, document log, audit',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER
      );

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
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      );

      -- user x plan x role; the unit is required for editors and optional for the others.
      CREATE TABLE memberships (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'reviewer', 'viewer')),
        unit_id TEXT REFERENCES units(id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, plan_id),
        CHECK (role <> 'editor' OR unit_id IS NOT NULL)
      ) WITHOUT ROWID;
      CREATE INDEX memberships_plan ON memberships(plan_id);

      -- Only the SHA-256 of a session token is stored.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ttl_ms INTEGER NOT NULL,
        ip TEXT,
        user_agent TEXT
      ) WITHOUT ROWID;
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expiry ON sessions(expires_at);

      CREATE TABLE doc_updates (plan_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, user_id TEXT, at INTEGER NOT NULL, PRIMARY KEY (plan_id, seq)) WITHOUT ROWID;
      CREATE TABLE doc_snapshots (plan_id TEXT PRIMARY KEY, data BLOB NOT NULL, upto_seq INTEGER NOT NULL, at INTEGER NOT NULL); -- data = Y.encodeStateAsUpdateV2
      CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL, user_id TEXT, at INTEGER NOT NULL, action TEXT NOT NULL, changes TEXT NOT NULL, detail TEXT);
      CREATE INDEX audit_plan ON audit(plan_id, id);
    `,
  },
  {
    version: 2,
    name: 'named versions',
    sql: `
      -- snapshot = Y.encodeStateAsUpdateV2 of the live document when the version was saved; never updated.
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        snapshot BLOB NOT NULL
      );
      CREATE INDEX versions_plan ON versions(plan_id, created_at);
    `,
  },
  {
    version: 3,
    name: 'authors of document client ids',
    sql: `
      -- Each Yjs client id writes for one person only: the first user whose accepted update
      -- used it. Kept apart from the log so compaction does not forget it.
      CREATE TABLE doc_clients (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (plan_id, client_id)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version of a database file. */
export function migrationsVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the pending migrations, each in a transaction that also bumps `user_version`. A file
 * newer than this program is refused rather than misread.
 */
export function migrationsRun(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = migrationsVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`Tệp dữ liệu có phiên bản ${current}, mới hơn phiên bản ${latest} mà chương trình này hiểu. Hãy cập nhật Phuluc.`);
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is a number from our own table.
      db.pragma(`user_version = ${Number(migration.version)}`);
    })();
  }
  return migrationsVersion(db);
}
