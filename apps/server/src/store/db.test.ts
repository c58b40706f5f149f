/** Opening the database: the file, the pragmas, versioned migrations, the tables the sync layer relies on. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, dbOpen } from './db.ts';
import { MIGRATIONS, type Migration, migrationsRun, migrationsVersion } from './migrations.ts';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'phuluc-db-')), 'nested', 'data');
});
afterEach(() => rmSync(join(dir, '..', '..'), { recursive: true, force: true }));

const columns = (db: ReturnType<typeof dbOpen>, table: string) =>
  (db.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(table) as Array<{ name: string; type: string; nn: number; pk: number }>).map(
    (c) => `${c.name} ${c.type}${c.nn ? ' NOT NULL' : ''}${c.pk ? ` pk${c.pk}` : ''}`,
  );

describe('dbOpen', () => {
  it('creates the directory and phuluc.sqlite in WAL mode with full sync, foreign keys and a busy timeout', () => {
    const db = dbOpen(dir);
    try {
      expect(existsSync(join(dir, DB_FILE_NAME))).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(migrationsVersion(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('has the document log, snapshot and audit tables exactly as the sync layer uses them', () => {
    const db = dbOpen(dir);
    try {
      expect(columns(db, 'doc_updates')).toEqual(['plan_id TEXT NOT NULL pk1', 'seq INTEGER NOT NULL pk2', 'data BLOB NOT NULL', 'user_id TEXT', 'at INTEGER NOT NULL']);
      expect(columns(db, 'doc_snapshots')).toEqual(['plan_id TEXT pk1', 'data BLOB NOT NULL', 'upto_seq INTEGER NOT NULL', 'at INTEGER NOT NULL']);
      expect(columns(db, 'audit')).toEqual([
        'id INTEGER pk1',
        'plan_id TEXT NOT NULL',
        'user_id TEXT',
        'at INTEGER NOT NULL',
        'action TEXT NOT NULL',
        'changes TEXT NOT NULL',
        'detail TEXT',
      ]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'audit_plan'`).get()).toEqual({ name: 'audit_plan' });
    } finally {
      db.close();
    }
  });

  it('opens an existing file again without re-running migrations, keeping its data', () => {
    const first = dbOpen(dir);
    first.prepare(`INSERT INTO audit (plan_id, at, action, changes) VALUES ('p', 1, 'login', '[]')`).run();
    first.close();
    const again = dbOpen(dir);
    try {
      expect(again.prepare('SELECT count(*) AS n FROM audit').get()).toEqual({ n: 1 });
    } finally {
      again.close();
    }
  });

  it('refuses a file made by a newer version', () => {
    const db = dbOpen(dir);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => dbOpen(dir)).toThrow(/mới hơn/);
  });
});

describe('migrationsRun', () => {
  it('runs only the pending migrations, each all-or-nothing', () => {
    const db = dbOpen(dir);
    try {
      const extra: Migration[] = [
        ...MIGRATIONS,
        { version: MIGRATIONS.length + 1, name: 'ok', sql: 'CREATE TABLE extra_one (x INTEGER)' },
        { version: MIGRATIONS.length + 2, name: 'broken', sql: 'CREATE TABLE extra_two (x INTEGER); SELECT * FROM no_such_table' },
      ];
      expect(() => migrationsRun(db, extra)).toThrow(/no_such_table/);
      expect(migrationsVersion(db)).toBe(MIGRATIONS.length + 1);
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'extra_%' ORDER BY name`).all();
      expect(tables).toEqual([{ name: 'extra_one' }]);
    } finally {
      db.close();
    }
  });
});
