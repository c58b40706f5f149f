/**
 * Nothing the server relayed is lost when it is killed: ten stock clients type into their own
 * rows, the server (a child process) gets SIGKILL mid-stream and restarts on the same data;
 * a fresh client must at once see every edit any client had received from another client
 * (relayed means persisted), and once the old clients are back everyone converges to one state
 * holding every edit anyone made, offline ones included.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDocCellText, planDocOrderedRowIds, planDocReadTable, planDocRowInfo, tableImportText, unitDirectoryDefault } from '@phuluc/domain';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { membershipSet } from '../auth/memberships.ts';
import { passwordHash } from '../auth/passwords.ts';
import { sessionCreate } from '../auth/sessions.ts';
import { dbOpen } from '../store/db.ts';
import { planCreate } from '../store/plans.ts';
import { sqlSqlite } from '../store/sql-sqlite.ts';
import { unitsSeed } from '../store/units.ts';
import { userCreate } from '../store/users.ts';
import { FIXTURES_DIR, waitFor } from '../testing/sync-harness.ts';

const BIN = join(import.meta.dirname, '../../bin/phuluc.mjs');
const CLIENTS = 10;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function serverSpawn(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > 20_000) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a server killed with SIGKILL', () => {
  it('loses nothing it relayed, and everyone converges after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'phuluc-crash-'));
    dirs.push(dataDir);
    // Prepare the data directory: the plan, one editor per client, their sessions.
    const db = sqlSqlite(dbOpen(dataDir));
    const units = unitDirectoryDefault();
    await unitsSeed(db, units);
    const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
    if (!imported.ok) throw new Error(imported.reason);
    const plan = await planCreate(db, units, { commune: 'Tân Thanh', year: 2026, table: imported.value.table });
    const probe = new Y.Doc();
    Y.applyUpdateV2(probe, ((await db.get<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE plan_id = ?', [plan.id])) as { data: Buffer }).data);
    const tableId = [...probe.getMap('tables').keys()][0] as string;
    const items = planDocOrderedRowIds(probe, tableId).filter((id) => planDocRowInfo(probe, tableId, id)?.kind === 'item');
    const hash = await passwordHash('x-mat-khau-thu', { N: 1024, r: 8, p: 1 });
    const tokens: string[] = [];
    const rows: string[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const row = items[i] as string;
      const owner = planDocRowInfo(probe, tableId, row)?.owners[0] ?? 'phong-kinh-te';
      const user = await userCreate(db, { username: `client${i}`, name: `Client ${i}`, role: 'user', passwordHash: hash });
      // Coordinators may write any row; each client still types only into "its" row.
      await membershipSet(db, { userId: user.id, planId: plan.id, role: 'coordinator', unitId: owner });
      tokens.push((await sessionCreate(db, user.id, { ttlMs: 3_600_000 })).token);
      rows.push(row);
    }
    const freshUser = await userCreate(db, { username: 'fresh', name: 'Fresh', role: 'user', passwordHash: hash });
    await membershipSet(db, { userId: freshUser.id, planId: plan.id, role: 'viewer', unitId: null });
    const freshToken = (await sessionCreate(db, freshUser.id, { ttlMs: 3_600_000 })).token;
    await db.close();

    const port = await freePort();
    children.push(await serverSpawn(dataDir, port));
    const wsUrl = `ws://127.0.0.1:${port}/sync`;
    const connect = (token: string, doc: Y.Doc) =>
      new WebsocketProvider(wsUrl, plan.id, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
        maxBackoffTime: 100,
      });
    const docs = tokens.map(() => new Y.Doc());
    const providers = tokens.map((t, i) => connect(t, docs[i] as Y.Doc));
    await waitFor(() => providers.every((p) => p.synced), 10_000, 'clients to sync');

    // Each client types numbered marks into its own row's note, every few milliseconds.
    const made: string[][] = tokens.map(() => []);
    let typing = true;
    const typeLoop = (i: number): void => {
      if (!typing) return;
      const mark = `[${i}:${made[i]?.length}]`;
      const text = planDocCellText(docs[i] as Y.Doc, tableId, rows[i] as string, 'note');
      text?.insert(text.length, mark);
      made[i]?.push(mark);
      setTimeout(() => typeLoop(i), 5 + Math.random() * 10);
    };
    for (let i = 0; i < CLIENTS; i += 1) typeLoop(i);
    await new Promise((r) => setTimeout(r, 800));

    // Kill mid-stream. What each client had received from the others at that moment:
    children[0]?.kill('SIGKILL');
    const received = new Set<string>();
    docs.forEach((doc, i) => {
      rows.forEach((row, j) => {
        if (j === i) return;
        for (const m of (planDocCellText(doc, tableId, row, 'note')?.toString() ?? '').match(/\[\d+:\d+\]/g) ?? []) received.add(m);
      });
    });
    for (const p of providers) p.disconnect();
    await new Promise((r) => setTimeout(r, 150)); // offline typing goes on
    typing = false;
    expect(received.size).toBeGreaterThan(CLIENTS * 5);

    // Restart on the same data; before the old clients are back, a fresh client sees all that was relayed.
    children.push(await serverSpawn(dataDir, port));
    const freshDoc = new Y.Doc();
    const fresh = connect(freshToken, freshDoc);
    await waitFor(() => fresh.synced, 10_000, 'fresh client');
    const freshMarks = new Set(rows.flatMap((row) => (planDocCellText(freshDoc, tableId, row, 'note')?.toString() ?? '').match(/\[\d+:\d+\]/g) ?? []));
    const lost = [...received].filter((m) => !freshMarks.has(m));
    expect(lost).toEqual([]);

    // The old clients come back with their offline edits; everyone converges on every edit made.
    for (const p of providers) p.connect();
    const state = (d: Y.Doc) => JSON.stringify(planDocReadTable(d, tableId));
    await waitFor(() => docs.every((d) => state(d) === state(freshDoc)), 20_000, 'convergence after restart');
    rows.forEach((row, i) => {
      const note = planDocCellText(freshDoc, tableId, row, 'note')?.toString() ?? '';
      for (const mark of made[i] ?? []) expect(note).toContain(mark);
    });
    fresh.destroy();
    for (const p of providers) p.destroy();
    children[1]?.kill('SIGKILL');
  }, 60_000);
});
