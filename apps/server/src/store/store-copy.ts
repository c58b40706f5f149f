/**
 * Moving a deployment from the embedded SQLite file to PostgreSQL: every table copied row by
 * row in one PostgreSQL transaction (nothing is left half-copied), into a database that holds no
 * account or plan yet, then checked: the same number of rows in every table, and every plan's
 * document, loaded through each engine's document store, the same.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { DB_FILE_NAME, dbOpen } from './db.ts';
import { docStorePostgres } from './doc-store-postgres.ts';
import { docStoreInline } from './doc-store-sqlite.ts';
import { pgOpen } from './pg.ts';
import type { Sql, SqlParam } from './sql.ts';
import { sqlPostgres } from './sql-postgres.ts';
import { sqlSqlite } from './sql-sqlite.ts';

/** The tables, parents before children; each row is copied as it is (ids, times, bytes). */
const TABLES: ReadonlyArray<{ name: string; columns: readonly string[]; order: string; identity?: string }> = [
  { name: 'users', columns: ['id', 'username', 'name', 'role', 'password_hash', 'created_at', 'disabled_at'], order: 'created_at, id' },
  { name: 'units', columns: ['id', 'name', 'scope', 'aliases', 'position'], order: 'position' },
  { name: 'plans', columns: ['id', 'commune', 'province', 'year', 'title', 'created_by', 'created_at', 'deleted_at'], order: 'created_at, id' },
  { name: 'memberships', columns: ['user_id', 'plan_id', 'role', 'unit_id', 'created_at'], order: 'plan_id, user_id' },
  { name: 'sessions', columns: ['token_hash', 'user_id', 'created_at', 'expires_at', 'ttl_ms', 'ip', 'user_agent'], order: 'created_at, token_hash' },
  { name: 'doc_snapshots', columns: ['plan_id', 'data', 'upto_seq', 'at'], order: 'plan_id' },
  { name: 'doc_updates', columns: ['plan_id', 'seq', 'data', 'user_id', 'at'], order: 'plan_id, seq' },
  { name: 'doc_clients', columns: ['plan_id', 'client_id', 'user_id'], order: 'plan_id, client_id' },
  { name: 'audit', columns: ['id', 'plan_id', 'user_id', 'at', 'action', 'changes', 'detail'], order: 'id', identity: 'id' },
  // Versions keep their order: PostgreSQL numbers them as they are inserted (rowid order here).
  { name: 'versions', columns: ['id', 'plan_id', 'name', 'created_by', 'created_at', 'snapshot'], order: 'rowid' },
];

/** What was copied: rows per table, and the plans whose documents were compared. */
export interface StoreCopyReport {
  rows: Record<string, number>;
  plansChecked: number;
}

/** Thrown when the copy cannot be made or does not check out; the message is for people (Vietnamese). */
export class StoreCopyError extends Error {
  override name = 'StoreCopyError';
}

/** Copies the SQLite data in `fromDir` into the (empty) PostgreSQL database at `toUrl`, then checks it. */
export async function storeCopy(fromDir: string, toUrl: string): Promise<StoreCopyReport> {
  // dbOpen would create a missing directory and an empty file: a mistyped --from would then
  // "copy" nothing, successfully, and leave an empty data directory behind.
  if (!existsSync(join(fromDir, DB_FILE_NAME))) throw new StoreCopyError(`Không có dữ liệu SQLite để chép: không thấy tệp ${join(fromDir, DB_FILE_NAME)}.`);
  const db = dbOpen(fromDir);
  const from = sqlSqlite(db);
  const pg = await pgOpen(toUrl).catch(async (error: unknown) => {
    await from.close();
    throw error;
  });
  const to = sqlPostgres(pg);
  try {
    const taken = await to.get<{ n: number }>('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM plans) AS n');
    if ((taken?.n ?? 0) > 0) throw new StoreCopyError('Cơ sở dữ liệu PostgreSQL đích đã có tài khoản hoặc kế hoạch: chỉ chép vào một cơ sở dữ liệu trống.');
    const rows: Record<string, number> = {};
    await to.transaction(async (tx) => {
      // A fresh database has the shipped units seeded by an earlier start: the copied ones replace them.
      await tx.run('DELETE FROM units');
      for (const table of TABLES) rows[table.name] = await tableCopy(from, tx, table);
    });
    for (const table of TABLES) {
      const copied = await to.get<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`);
      if (copied?.n !== rows[table.name]) throw new StoreCopyError(`Bảng ${table.name}: ${rows[table.name]} dòng ở SQLite nhưng ${copied?.n} dòng ở PostgreSQL.`);
    }
    const plansChecked = await documentsCompare(db, pg);
    return { rows, plansChecked };
  } finally {
    await to.close();
    await from.close();
  }
}

async function tableCopy(from: Sql, to: Sql, table: (typeof TABLES)[number]): Promise<number> {
  const list = table.columns.join(', ');
  const insert = `INSERT INTO ${table.name} (${list})${table.identity ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES (${table.columns.map(() => '?').join(', ')})`;
  const source = await from.all<Record<string, SqlParam>>(`SELECT ${list} FROM ${table.name} ORDER BY ${table.order}`);
  for (const row of source) {
    try {
      await to.run(insert, table.columns.map((c) => row[c] ?? null));
    } catch (error) {
      // SQLite keeps values PostgreSQL refuses (a fraction in an INTEGER column): say where, and
      // that the transaction rolled everything back.
      if (!(error instanceof postgres.PostgresError)) throw error;
      throw new StoreCopyError(`Bảng ${table.name}: PostgreSQL không nhận một dòng (${error.message}). Chưa chép gì: cơ sở dữ liệu đích vẫn trống.`, { cause: error });
    }
  }
  if (table.identity) {
    // The next id PostgreSQL hands out follows the copied ones.
    await to.get(`SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'), greatest((SELECT max(${table.identity}) FROM ${table.name}), 1))`);
  }
  return source.length;
}

/** Loads every plan through both document stores and compares the documents; returns how many. */
async function documentsCompare(db: Parameters<typeof docStoreInline>[0], pg: Parameters<typeof docStorePostgres>[0]): Promise<number> {
  const sqlite = docStoreInline(db);
  const postgres = docStorePostgres(pg, { shared: true });
  const plans = db.prepare('SELECT id FROM plans ORDER BY id').all() as Array<{ id: string }>;
  for (const { id } of plans) {
    const [a, b] = await Promise.all([sqlite.load(id), postgres.load(id)]);
    if (!a || !b) throw new StoreCopyError(`Kế hoạch ${id}: không đọc được tài liệu ${a ? 'ở PostgreSQL' : 'ở SQLite'}.`);
    if (a.lastSeq !== b.lastSeq || !documentsEqual(a.state, b.state)) throw new StoreCopyError(`Kế hoạch ${id}: tài liệu ở PostgreSQL khác ở SQLite.`);
  }
  return plans.length;
}

/** Two states hold the same document: the same state vector, the same deletions, the same content. */
function documentsEqual(a: Uint8Array, b: Uint8Array): boolean {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  try {
    Y.applyUpdateV2(docA, a);
    Y.applyUpdateV2(docB, b);
    const same = (x: Uint8Array, y: Uint8Array): boolean => Buffer.from(x).equals(Buffer.from(y));
    return (
      same(Y.encodeStateVector(docA), Y.encodeStateVector(docB)) &&
      same(Y.encodeStateAsUpdateV2(docA, Y.encodeStateVector(docB)), Y.encodeStateAsUpdateV2(docB, Y.encodeStateVector(docA))) &&
      JSON.stringify(docA.getMap('tables').toJSON()) === JSON.stringify(docB.getMap('tables').toJSON()) &&
      JSON.stringify(docA.getMap('meta').toJSON()) === JSON.stringify(docB.getMap('meta').toJSON())
    );
  } finally {
    docA.destroy();
    docB.destroy();
  }
}
