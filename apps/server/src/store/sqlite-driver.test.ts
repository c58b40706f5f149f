/** The SQLite driver: which one each Node loads, and that it has the API @types/better-sqlite3 describes. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BetterSqlite3, SQLITE_DRIVER, sqliteDriverPackage } from './sqlite-driver.ts';

describe('sqliteDriverPackage', () => {
  it('is better-sqlite3 12 on Node 20 and better-sqlite3 13 from Node 22 on', () => {
    expect(sqliteDriverPackage('20.19.0')).toBe('better-sqlite3');
    expect(sqliteDriverPackage('21.7.3')).toBe('better-sqlite3');
    expect(sqliteDriverPackage('22.0.0')).toBe('better-sqlite3-13');
    expect(sqliteDriverPackage('24.1.0')).toBe('better-sqlite3-13');
    expect(sqliteDriverPackage('26.0.0')).toBe('better-sqlite3-13');
  });

  it('loads the major that suits the running Node', () => {
    const { version } = createRequire(import.meta.url)(`${SQLITE_DRIVER}/package.json`) as { version: string };
    const major = Number.parseInt(process.versions.node, 10);
    expect(Number.parseInt(version, 10)).toBe(major >= 22 ? 13 : 12);
  });
});

describe('the loaded driver', () => {
  it('has the database and statement API the types describe', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      for (const method of ['prepare', 'transaction', 'exec', 'pragma', 'function', 'aggregate', 'loadExtension', 'close', 'defaultSafeIntegers', 'backup', 'table', 'unsafeMode', 'serialize'] as const) {
        expect(typeof db[method], method).toBe('function');
      }
      expect({ memory: db.memory, readonly: db.readonly, name: db.name, open: db.open, inTransaction: db.inTransaction }).toEqual({
        memory: true,
        readonly: false,
        name: ':memory:',
        open: true,
        inTransaction: false,
      });
      expect(db.pragma('foreign_keys = ON')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)')).toBe(db);

      const insert = db.prepare<[string, Buffer]>('INSERT INTO t (name, data) VALUES (?, ?)');
      expect({ database: insert.database, source: insert.source, reader: insert.reader, readonly: insert.readonly, busy: insert.busy }).toEqual({
        database: db,
        source: 'INSERT INTO t (name, data) VALUES (?, ?)',
        reader: false,
        readonly: false,
        busy: false,
      });
      expect(insert.run('một', Buffer.from([1, 2]))).toEqual({ changes: 1, lastInsertRowid: 1 });

      const insertMany = db.transaction((names: string[]) => {
        expect(db.inTransaction).toBe(true);
        for (const name of names) insert.run(name, Buffer.alloc(0));
        return names.length;
      });
      for (const variant of ['default', 'deferred', 'immediate', 'exclusive'] as const) expect(typeof insertMany[variant], variant).toBe('function');
      expect(insertMany.immediate(['hai', 'ba'])).toBe(2);
      expect(() => db.transaction(() => {
        insert.run('bốn', Buffer.alloc(0));
        throw new Error('rolled back');
      })()).toThrow('rolled back');

      const select = db.prepare<[number], { id: number; name: string; data: Buffer }>('SELECT id, name, data FROM t WHERE id >= ? ORDER BY id');
      expect(select.reader).toBe(true);
      expect(select.get(1)).toEqual({ id: 1, name: 'một', data: Buffer.from([1, 2]) });
      expect(select.all(2).map((row) => row.name)).toEqual(['hai', 'ba']);
      expect([...select.iterate(1)].length).toBe(3);
      expect(select.columns().map((c) => [c.name, c.column, c.table, c.type])).toEqual([
        ['id', 'id', 't', 'INTEGER'],
        ['name', 'name', 't', 'TEXT'],
        ['data', 'data', 't', 'BLOB'],
      ]);
      const count = db.prepare<[], number>('SELECT count(*) FROM t');
      expect(count.pluck().get()).toBe(3);
      expect(count.pluck(false).raw().get()).toEqual([3]);
      expect(db.prepare('SELECT 2 AS two').expand().get()).toEqual({ $: { two: 2 } });
      expect(db.prepare<[], { big: bigint }>('SELECT 9007199254740993 AS big').safeIntegers().get()?.big).toBe(9007199254740993n);
      expect(db.prepare('SELECT id FROM t WHERE id = ?').bind(2).get()).toEqual({ id: 2 });

      expect(db.function('twice', { deterministic: true }, (x: number) => x * 2)).toBe(db);
      expect(db.prepare<[], number>('SELECT twice(21)').pluck().get()).toBe(42);
      expect(Buffer.isBuffer(db.serialize())).toBe(true);

      let error: unknown;
      try {
        db.exec('INSERT INTO t (id, name, data) VALUES (1, NULL, NULL)');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BetterSqlite3.SqliteError);
      expect(error).toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    } finally {
      db.close();
    }
    expect(db.open).toBe(false);
  });
});
