/**
 * The PostgreSQL document store against the DocStore contract, and what only PostgreSQL has to
 * get right: migrations that several servers may run at once, appenders in two processes (two
 * pools) numbering one plan's log, compaction racing appends. Each test has a database of its
 * own; without a PostgreSQL they are skipped (outside CI; in CI they fail).
 */
import {
  type ItemRow,
  planDocCellText,
  planDocCreate,
  planDocImportTable,
  planDocOrderedRowIds,
  planDocTableIds,
  rowOwnersForLead,
  tableImportText,
  unitDirectoryDefault,
} from '@phuluc/domain';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRead } from '../testing/api-context.ts';
import { docReplica, docStoreContract } from '../testing/doc-store-contract.ts';
import { pgTestAvailable, type PgTestDatabase, pgTestDatabase } from '../testing/pg-test-database.ts';
import type { DocLogEntry, DocStore } from './doc-store.ts';
import { docFolderThreaded } from './doc-fold.ts';
import { docStorePostgres } from './doc-store-postgres.ts';
import { idCreate } from './ids.ts';
import { MIGRATIONS, migrationsRun } from './migrations.ts';
import { type PgSql, pgOpen, pgUrlRedacted } from './pg.ts';
import { PG_MIGRATIONS, pgMigrationsVersion } from './pg-migrations.ts';
import { BetterSqlite3 } from './sqlite-driver.ts';

const available = await pgTestAvailable();

let tanThanhSnapshot: Uint8Array | undefined;

/** The first snapshot of the Tân Thanh plan, built as `planCreate` builds it (once per file). */
function tanThanhFirstSnapshot(): Uint8Array {
  if (tanThanhSnapshot) return tanThanhSnapshot;
  const imported = tableImportText(fixtureRead('tan-thanh-2026-tasks.tsv'), { format: 'tsv' });
  if (!imported.ok) throw new Error(imported.reason);
  const units = unitDirectoryDefault();
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh', planNumber: '', issuedOn: '' });
  try {
    planDocImportTable(doc, imported.value.table, { ownersOf: (row: ItemRow) => rowOwnersForLead(units, row.cells.lead ?? '') });
    tanThanhSnapshot = Y.encodeStateAsUpdateV2(doc);
  } finally {
    doc.destroy();
  }
  return tanThanhSnapshot;
}

/** Registers the Tân Thanh plan with its first snapshot (upto_seq 0), straight in SQL; its id. */
async function planTanThanhInsert(sql: PgSql): Promise<string> {
  const id = idCreate();
  const now = Date.now();
  await sql.begin(async (tx) => {
    await tx`INSERT INTO plans (id, commune, province, year, title, created_at)
             VALUES (${id}, 'Tân Thanh', 'Tuyên Quang', 2026, 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh', ${now})`;
    await tx`INSERT INTO doc_snapshots (plan_id, data, upto_seq, at) VALUES (${id}, ${tanThanhFirstSnapshot()}, 0, ${now})`;
  });
  return id;
}

async function auditActions(sql: PgSql, planId: string): Promise<string[]> {
  return (await sql<Array<{ action: string }>>`SELECT action FROM audit WHERE plan_id = ${planId} ORDER BY id`).map((r) => r.action);
}

/** The stored document as a Y.Doc. */
async function storedDoc(store: DocStore, planId: string): Promise<Y.Doc> {
  const loaded = await store.load(planId);
  if (!loaded) throw new Error('no plan');
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, loaded.state);
  return doc;
}

describe.skipIf(!available)('PostgreSQL', () => {
  for (const threaded of [false, true]) {
  docStoreContract(threaded ? 'PostgreSQL, folding in a thread' : 'PostgreSQL', async () => {
    const db = (await pgTestDatabase()) as PgTestDatabase;
    const sql = await pgOpen(db.url, { max: 4 });
    const planId = await planTanThanhInsert(sql);
    const store = docStorePostgres(sql, threaded ? { folder: docFolderThreaded() } : {});
    await store.ready();
    return {
      store,
      planId,
      auditActions: () => auditActions(sql, planId),
      async cleanup() {
        await store.close();
        await db.drop();
      },
    };
  });
  }

  describe('PostgreSQL specifics', () => {
    let db: PgTestDatabase;
    const pools: PgSql[] = [];
    const stores: DocStore[] = [];

    async function open(): Promise<PgSql> {
      const sql = await pgOpen(db.url, { max: 4 });
      pools.push(sql);
      return sql;
    }

    async function fresh(): Promise<void> {
      db = (await pgTestDatabase()) as PgTestDatabase;
    }

    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await Promise.all(pools.splice(0).map((p) => p.end({ timeout: 5 })));
      await db?.drop();
    });

    it('creates the same tables and columns as the SQLite schema, plus the plan leases', async () => {
      await fresh();
      const sql = await open();
      const lite = new BetterSqlite3(':memory:');
      try {
        migrationsRun(lite, MIGRATIONS);
        const liteTables = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
        const liteColumns = liteTables.flatMap((table) => (lite.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => `${table}.${c.name}`));
        const pgColumns = (
          await sql<Array<{ column: string }>>`
            SELECT table_name || '.' || column_name AS column FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name NOT IN ('schema_migrations', 'plan_leases')`
        ).map((r) => r.column);
        // versions.seq stands for SQLite's implicit rowid.
        expect(pgColumns.sort()).toEqual([...liteColumns, 'versions.seq'].sort());
        expect(await sql`SELECT 1 FROM plan_leases`).toHaveLength(0);
      } finally {
        lite.close();
      }
    });

    it('migrates once: a second start runs nothing', async () => {
      await fresh();
      const first = await open();
      const before = await first<Array<{ version: number; applied_at: number }>>`SELECT version, applied_at FROM schema_migrations ORDER BY version`;
      expect(before.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const second = await open();
      expect(await pgMigrationsVersion(second)).toBe(PG_MIGRATIONS.length);
      expect([...(await second`SELECT version, applied_at FROM schema_migrations ORDER BY version`)]).toEqual([...before]);
    });

    it('lets several servers start on a fresh database at once: one migrates, all open', async () => {
      await fresh();
      const opened = await Promise.all([open(), open(), open()]);
      for (const sql of opened) expect(await pgMigrationsVersion(sql)).toBe(PG_MIGRATIONS.length);
      expect((await opened[0]`SELECT count(*) AS n FROM schema_migrations`)[0]).toEqual({ n: PG_MIGRATIONS.length });
    });

    it('refuses a database newer than the program', async () => {
      await fresh();
      const sql = await open();
      const newer = PG_MIGRATIONS.length + 1;
      await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${newer}, 'from the future', 0)`;
      await expect(pgOpen(db.url)).rejects.toThrow(`Cơ sở dữ liệu PostgreSQL có phiên bản ${newer}, mới hơn phiên bản ${PG_MIGRATIONS.length} mà chương trình này hiểu. Hãy cập nhật Phuluc.`);
    });

    it('runs its sessions with synchronous_commit on, reads BIGINT and counts as numbers, and names itself', async () => {
      await fresh();
      const sql = await open();
      const [row] = await sql`SELECT current_setting('synchronous_commit') AS commit, current_setting('application_name') AS app, count(*) AS n, 9007199254740991::bigint AS big, sum(2::bigint) AS total`;
      expect(row).toEqual({ commit: 'on', app: 'phuluc', n: 1, big: Number.MAX_SAFE_INTEGER, total: 2 });
    });

    it('refuses an address that turns synchronous_commit off', async () => {
      await fresh();
      await expect(pgOpen(`${db.url}?synchronous_commit=off`)).rejects.toThrow(/synchronous_commit = off/);
    });

    it('numbers the appends of two servers on one plan without gap or duplicate, and keeps every edit', async () => {
      await fresh();
      const [a, b] = [docStorePostgres(await open()), docStorePostgres(await open())];
      stores.push(a, b);
      const planId = await planTanThanhInsert(pools[0] as PgSql);
      const [ra, rb] = [await docReplica(a, planId, 'u-a'), await docReplica(b, planId, 'u-b')];
      const seqs: number[] = [];
      const writer = async (store: DocStore, r: typeof ra, tag: string): Promise<void> => {
        for (let i = 0; i < 200; i++) seqs.push(...(await store.append([r.type(`${tag}${i};`)])));
      };
      await Promise.all([writer(a, ra, 'a'), writer(b, rb, 'b')]);
      expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));

      const reference = new Y.Doc();
      Y.applyUpdate(reference, Y.encodeStateAsUpdate(ra.doc));
      Y.applyUpdate(reference, Y.encodeStateAsUpdate(rb.doc));
      const stored = await storedDoc(a, planId);
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(reference));
      const loaded = await b.load(planId);
      expect(loaded).toMatchObject({ lastSeq: 400, tailLength: 400 });
      expect(loaded?.clientAuthors).toEqual(new Map([[ra.doc.clientID, 'u-a'], [rb.doc.clientID, 'u-b']]));
      const note = (await docReplica(a, planId, 'u-c')).note();
      for (let i = 0; i < 200; i++) {
        expect(note).toContain(`a${i};`);
        expect(note).toContain(`b${i};`);
      }
    });

    it('commits appends asked for together in one transaction, and fails only the bad one when it cannot', async () => {
      await fresh();
      const sql = await open();
      const store = docStorePostgres(sql);
      stores.push(store);
      const planId = await planTanThanhInsert(sql);
      const r = await docReplica(store, planId, 'u-1');
      const good = [r.type('một'), r.type(' hai')];
      const results = await Promise.allSettled([
        store.append([good[0] as DocLogEntry]),
        store.append([{ ...(good[1] as DocLogEntry), data: null as unknown as Uint8Array }]),
        store.append([good[1] as DocLogEntry]),
      ]);
      expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[0] as PromiseFulfilledResult<number[]>).value).toEqual([1]);
      expect((results[2] as PromiseFulfilledResult<number[]>).value).toEqual([2]);
      expect(await auditActions(sql, planId)).toEqual(['update', 'update']);
    });

    it('finishes the appends asked for before it closes', async () => {
      await fresh();
      const sql = await open();
      const planId = await planTanThanhInsert(sql);
      const reader = docStorePostgres(await open());
      stores.push(reader);
      const store = docStorePostgres(sql);
      const r = await docReplica(store, planId, 'u-1');
      pools.splice(pools.indexOf(sql), 1);
      const appended = store.append([r.type('cuối')]);
      await store.close();
      expect(await appended).toEqual([1]);
      expect(await reader.load(planId)).toMatchObject({ lastSeq: 1, tailLength: 1 });
    });

    it('keeps every append while compactions race them and joiners load, 1,000 rounds, and never touches the audit trail', { timeout: 180_000 }, async () => {
      await fresh();
      const store = docStorePostgres(await open());
      const compactor = docStorePostgres(await open());
      stores.push(store, compactor);
      const sql = pools[0] as PgSql;
      const planId = await planTanThanhInsert(sql);
      const r = await docReplica(store, planId, 'u-1');
      let acknowledged = 0;
      let appends = 0;
      const tableId = planDocTableIds(r.doc)[0] as string;
      const rowId = planDocOrderedRowIds(r.doc, tableId)[1] as string;
      for (let round = 0; round < 1000; round++) {
        const pending = [store.append([r.type(`<${round}a>`)]), store.append([r.type(`<${round}b>`), r.type(`<${round}c>`)])];
        appends += 3;
        // Every other round asks past what is committed: only what is there is folded.
        const compaction = compactor.compact(planId, round % 2 === 0 ? acknowledged : acknowledged + 2);
        // A joiner loading meanwhile gets a whole document holding at least what was acknowledged.
        const join = compactor.load(planId);
        const seqs = (await Promise.all(pending)).flat();
        await compaction;
        const joined = await join;
        expect(joined?.lastSeq).toBeGreaterThanOrEqual(acknowledged);
        const joinedDoc = new Y.Doc();
        Y.applyUpdateV2(joinedDoc, joined?.state ?? new Uint8Array());
        expect(joinedDoc.store.pendingStructs).toBeNull();
        if (round > 0) expect(planDocCellText(joinedDoc, tableId, rowId, 'note')?.toString()).toContain(`<${round - 1}c>`);
        joinedDoc.destroy();
        acknowledged = Math.max(acknowledged, ...seqs);
      }
      await compactor.compact(planId, acknowledged - 1);

      const loaded = await store.load(planId);
      expect(loaded).toMatchObject({ lastSeq: appends, tailLength: 1 });
      const stored = await storedDoc(store, planId);
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(r.doc));
      expect(planDocCellText(stored, tableId, rowId, 'note')?.toString()).toBe(r.note());
      expect((await sql`SELECT count(*) AS n FROM audit WHERE plan_id = ${planId}`)[0]).toEqual({ n: appends });
      expect((await sql`SELECT count(*) AS n FROM doc_updates WHERE plan_id = ${planId}`)[0]).toEqual({ n: 1 });
    });
  });
});

describe('PostgreSQL addresses', () => {
  it('hides the password of an address', () => {
    expect(pgUrlRedacted('postgres://phuluc:b%C3%AD-m%E1%BA%ADt@db.example:5432/phuluc?sslmode=require')).toBe('postgres://phuluc:***@db.example:5432/phuluc?sslmode=require');
    expect(pgUrlRedacted('postgres://postgres@127.0.0.1:5432/postgres')).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(pgUrlRedacted('postgresql://u:p@ss@h/db')).toBe('postgresql://u:***@h/db');
  });

  it('says in Vietnamese which server it could not reach, without the password', async () => {
    const failure = pgOpen('postgres://phuluc:bi-mat@127.0.0.1:1/phuluc');
    await expect(failure).rejects.toThrow(/^Không kết nối được PostgreSQL tại 127\.0\.0\.1:1: /);
    await expect(failure).rejects.not.toThrow(/bi-mat/);
  });
});
