/**
 * Test harness for several servers on one PostgreSQL database: a fresh database with the Tân
 * Thanh plan and editor accounts (set up through the records, as an admin would), real
 * `phuluc serve` processes on 127.0.0.1 that the tests kill (-9), freeze (SIGSTOP) and restart
 * on the same port, and stock `y-websocket` clients spread over them. Everything it starts,
 * `close()` stops. Test-only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { planDocCellText, planDocOrderedRowIds, planDocRowInfo, planDocTableIds, tableImportText } from '@phuluc/domain';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { membershipSet } from '../auth/memberships.ts';
import { passwordHash } from '../auth/passwords.ts';
import { sessionCreate } from '../auth/sessions.ts';
import { FIXTURES_DIR } from '../fixtures.ts';
import { planCreate } from '../store/plans.ts';
import { storageOpen } from '../store/storage.ts';
import { unitsDirectory } from '../store/units.ts';
import { userCreate } from '../store/users.ts';
import type { PgTestDatabase } from './pg-test-database.ts';
import { syncClientOpen } from './sync-client.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
export const METRICS_TOKEN = 'cluster-test-metrics-token';

/** One `phuluc serve` process. */
export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** What it wrote to stderr (for failure messages). */
  stderr: () => string;
}

/** An editor and the row only their unit owns. */
export interface Editor {
  username: string;
  token: string;
  unitId: string;
  rowId: string;
}

export interface ClusterClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  /** The text of the client's row note as this client sees it. */
  note: (rowId: string) => string;
  destroy: () => void;
}

export interface Cluster {
  planId: string;
  tableId: string;
  editors: Editor[];
  instances: Array<Instance | null>;
  /** Index of the instance that holds the plan's lease, by the database (null: none). */
  ownerIndex: () => Promise<number | null>;
  client: (instance: number, editor: Editor) => ClusterClient;
  /** kill -9. */
  kill: (instance: number) => Promise<void>;
  signal: (instance: number, signal: 'SIGSTOP' | 'SIGCONT') => void;
  /** Starts the instance again on its port. */
  restart: (instance: number) => Promise<void>;
  metrics: (instance: number) => Promise<string>;
  close: () => Promise<void>;
}

/** Starts a process and waits for its JSON line. */
async function instanceStart(dataDir: string, databaseUrl: string, port: number, redisUrl: string | undefined): Promise<Instance> {
  const args = [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', '--json', '--data', dataDir, '--database', databaseUrl];
  if (redisUrl) args.push('--redis', redisUrl);
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PHULUC_METRICS_TOKEN: METRICS_TOKEN },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const started = JSON.parse(line) as { url: string; port: number };
  return { url: started.url, port: started.port, child, stderr: () => stderr };
}

/**
 * A database prepared with the plan and `editorCount` editors (spread over the units that own
 * rows alone), and `instanceCount` servers on it.
 */
export async function clusterStart(database: PgTestDatabase, options: { instances: number; editors: number; redisUrl?: string }): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'phuluc-cluster-'));
  const storage = await storageOpen({ dataDir, databaseUrl: database.url });
  let planId: string;
  let tableId: string;
  const editors: Editor[] = [];
  try {
    const { sql } = storage;
    const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
    if (!imported.ok) throw new Error(imported.reason);
    const units = await unitsDirectory(sql);
    const plan = await planCreate(sql, units, { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table: imported.value.table });
    planId = plan.id;
    const docs = await storage.docStore('shared');
    const loaded = await docs.load(planId);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, loaded?.state ?? new Uint8Array());
    tableId = planDocTableIds(doc)[0] as string;
    const soleRows: Array<{ unitId: string; rowId: string }> = [];
    for (const rowId of planDocOrderedRowIds(doc, tableId)) {
      const info = planDocRowInfo(doc, tableId, rowId);
      if (info?.kind === 'item' && info.owners.length === 1) soleRows.push({ unitId: info.owners[0] as string, rowId });
    }
    doc.destroy();
    await docs.close();
    const hash = await passwordHash('mật-khẩu-thử', { N: 1024, r: 8, p: 1 });
    for (let i = 0; i < options.editors; i += 1) {
      const row = soleRows[i % soleRows.length] as { unitId: string; rowId: string };
      const username = `editor${i}`;
      const user = await userCreate(sql, { username, name: `Biên tập ${i}`, role: 'user', passwordHash: hash });
      await membershipSet(sql, { userId: user.id, planId, role: 'editor', unitId: row.unitId });
      const { token } = await sessionCreate(sql, user.id, { ttlMs: 3_600_000 });
      editors.push({ username, token, unitId: row.unitId, rowId: row.rowId });
    }
  } finally {
    await storage.close();
  }

  const instances: Array<Instance | null> = [];
  for (let i = 0; i < options.instances; i += 1) instances.push(await instanceStart(dataDir, database.url, 0, options.redisUrl));
  const ports = instances.map((inst) => inst?.port ?? 0);
  const clients = new Set<ClusterClient>();
  const owners = await storageOpen({ dataDir, databaseUrl: database.url });

  const cluster: Cluster = {
    planId,
    tableId,
    editors,
    instances,
    async ownerIndex() {
      const row = await owners.sql.get<{ owner_url: string }>('SELECT owner_url FROM plan_leases WHERE plan_id = ?', [planId]);
      if (!row) return null;
      const at = instances.findIndex((inst) => inst !== null && inst.url === row.owner_url);
      return at < 0 ? null : at;
    },
    client(index, editor) {
      const opened = syncClientOpen(`ws://127.0.0.1:${ports[index]}/sync`, planId, editor.token, 300);
      const client: ClusterClient = {
        ...opened,
        note: (rowId) => planDocCellText(opened.doc, tableId, rowId, 'note')?.toString() ?? '',
        destroy() {
          opened.destroy();
          clients.delete(client);
        },
      };
      clients.add(client);
      return client;
    },
    async kill(index) {
      const inst = instances[index];
      if (!inst) return;
      instances[index] = null;
      const exited = new Promise((resolve) => inst.child.once('exit', resolve));
      inst.child.kill('SIGKILL');
      await exited;
    },
    signal(index, signal) {
      instances[index]?.child.kill(signal);
    },
    async restart(index) {
      instances[index] = await instanceStart(dataDir, database.url, ports[index] as number, options.redisUrl);
    },
    async metrics(index) {
      const inst = instances[index];
      if (!inst) return '';
      const res = await fetch(`${inst.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      return res.text();
    },
    async close() {
      for (const c of [...clients]) c.destroy();
      await owners.close();
      await Promise.all(
        instances.map(async (inst) => {
          if (!inst) return;
          inst.child.kill('SIGCONT');
          const exited = new Promise((resolve) => inst.child.once('exit', resolve));
          inst.child.kill('SIGTERM');
          const timer = setTimeout(() => inst.child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        }),
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
