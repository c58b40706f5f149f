/**
 * Failover: the owner of a plan is killed (-9) while editors connected to the other servers
 * keep typing. Measured from the kill: when another server holds the plan's lease, and when
 * every client has converged — has every mark typed, by every client, before the kill and in
 * the first second after it (typed while the owner is dead, sent when the clients are through
 * again). Then the killed server is started again on its port and the next round begins, with
 * fresh clients on the servers that do not own the plan (the owner moves at every kill).
 *
 * Arrival is read from state vectors, as in the relay part (a client has a mark once its state
 * for the author reaches the author's clock after typing it); at the end of each round the
 * notes are also read as text, to count marks lost or applied twice.
 */
import { planDocCellText, planDocTableIds } from '@phuluc/domain';
import * as Y from 'yjs';
import { clockNow } from '../lib/clock.ts';
import { loadAverage } from '../lib/proc-stat.ts';
import { type BenchClient, benchClientCreate, clientsSynced, rowsOwnedBy } from '../relay/clients.ts';
import type { BenchSeeder } from './cluster-data.ts';
import { type ServeProcess, serveStart } from './cluster-instance.ts';

/** One kill and what followed. */
export interface FailoverKill {
  kill: number;
  /** Index of the server killed, and of the one that took the plan over. */
  killed: number;
  newOwner: number | null;
  /** Kill → another server holds the lease (ms). */
  ownerAfterMs: number | null;
  /** Kill → every client synced again (its last reconnection that succeeded; ms). */
  syncedAfterMs: number | null;
  /** Kill → every client has every tracked mark (ms); null: not within the time limit. */
  convergedAfterMs: number | null;
  /** Marks typed before the kill and in the first second after it (all clients). */
  trackedMarks: number;
  /** Every mark of the round (typing went on until convergence). */
  typedMarks: number;
  /** Marks some client does not have at the end of the round / has more than once. */
  lost: number;
  doubled: number;
  /** Close codes the clients saw (code × count). */
  closes: string;
  restartMs: number;
  loadAverage: number;
}

export interface FailoverOptions {
  seeder: BenchSeeder;
  databaseUrl: string;
  servers: number;
  kills: number;
  editors: number;
  /** Marks per second each editor types. */
  rate: number;
  log?: (line: string) => void;
}

/** Marks typed this long after the kill are still waited for. */
export const FAILOVER_AFTER_KILL_MS = 1000;
/** Item rows of the plan. */
export const FAILOVER_PLAN_ROWS = 500;
/** The reconnect backoff cap of the web app's provider (y-websocket's default). */
const WEB_MAX_BACKOFF_MS = 2500;
const CONVERGE_LIMIT_MS = 60_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Mark {
  text: string;
  author: number;
  /** The author's clock after typing it. */
  clock: number;
  at: number;
}

/** Runs `kills` rounds on a fresh set of servers; returns one record per kill. */
export async function failoverRun(options: FailoverOptions): Promise<FailoverKill[]> {
  const log = options.log ?? (() => {});
  const { seeder } = options;
  const seeded = await seeder.plan(FAILOVER_PLAN_ROWS, options.editors);
  const servers: Array<ServeProcess | null> = [];
  for (let i = 0; i < options.servers; i += 1) servers.push(await serveStart({ dataDir: seeder.dataDir, databaseUrl: options.databaseUrl }));
  const ports = servers.map((s) => (s as ServeProcess).port);
  const kills: FailoverKill[] = [];
  let clients: BenchClient[] = [];
  try {
    // Server 0 takes the plan first: a client of its own, gone once the round's clients are in.
    const account0 = seeded.accounts[0];
    if (!account0) throw new Error('failover: no editor');
    let anchor: BenchClient | null = benchClientCreate(999, (servers[0] as ServeProcess).wsBase, seeded.planId, account0.token);
    await clientsSynced([anchor], 30_000);

    for (let kill = 0; kill < options.kills; kill += 1) {
      const ownerUrl = await seeder.ownerUrl(seeded.planId);
      const owner = servers.findIndex((s) => s !== null && s.url === ownerUrl);
      if (owner < 0) throw new Error(`failover: the plan's lease names ${ownerUrl ?? 'nobody'}, no running server`);
      const others = servers.flatMap((s, i) => (s !== null && i !== owner ? [i] : []));
      clients = seeded.accounts.map((account, i) => {
        const client = benchClientCreate(i, (servers[others[i % others.length] as number] as ServeProcess).wsBase, seeded.planId, account.token);
        client.provider.maxBackoffTime = WEB_MAX_BACKOFF_MS;
        return client;
      });
      await clientsSynced(clients, 60_000);
      if (anchor) {
        anchor.destroy();
        anchor = null;
      }
      const tableId = planDocTableIds((clients[0] as BenchClient).doc)[0] as string;
      // Each editor types at the end of the note of a row of their unit: a different row per
      // editor and per round (a cell holds at most 20,000 characters).
      const perUnit = Math.ceil(clients.length / 10);
      const rowOf = clients.map((c, i) => {
        const rows = rowsOwnedBy(c.doc, tableId, (seeded.accounts[i] as { unitId: string }).unitId);
        return rows[(kill * perUnit + Math.floor(i / 10)) % rows.length] as string;
      });
      const marks: Mark[][] = clients.map(() => []);
      const typers = clients.map((c, i) =>
        setInterval(() => {
          const note = planDocCellText(c.doc, tableId, rowOf[i] as string, 'note');
          if (!note) return;
          const text = `‹${kill}.${i}.${marks[i]?.length ?? 0}›`;
          note.insert(note.length, text);
          marks[i]?.push({ text, author: c.doc.clientID, clock: Y.getState(c.doc.store, c.doc.clientID), at: clockNow() });
        }, 1000 / options.rate),
      );
      try {
        await sleep(2000 + Math.random() * 1500);
        const killedAt = clockNow();
        const syncedAt = clients.map(() => Number.NaN);
        clients.forEach((c, i) =>
          c.provider.on('sync', (synced: boolean) => {
            if (synced) syncedAt[i] = clockNow();
          }),
        );
        const killedUrl = (servers[owner] as ServeProcess).url;
        await (servers[owner] as ServeProcess).kill();
        servers[owner] = null;

        // The new owner, from the lease table.
        const lease: { afterMs: number | null; owner: number | null } = { afterMs: null, owner: null };
        const leaseWatch = (async () => {
          while (clockNow() - killedAt < CONVERGE_LIMIT_MS) {
            const url = await seeder.ownerUrl(seeded.planId);
            if (url !== null && url !== killedUrl) {
              lease.afterMs = clockNow() - killedAt;
              lease.owner = servers.findIndex((s) => s?.url === url);
              return;
            }
            await sleep(25);
          }
        })();

        // Convergence on the marks typed up to a second after the kill.
        let convergedAfterMs: number | null = null;
        let tracked: Mark[][] = [];
        while (clockNow() - killedAt < CONVERGE_LIMIT_MS) {
          await sleep(10);
          const now = clockNow();
          if (now - killedAt < FAILOVER_AFTER_KILL_MS) continue;
          tracked = marks.map((list) => list.filter((m) => m.at <= killedAt + FAILOVER_AFTER_KILL_MS));
          const lasts = tracked.map((list) => list[list.length - 1]);
          const everywhere = clients.every((receiver) =>
            lasts.every((m) => !m || m.author === receiver.doc.clientID || Y.getState(receiver.doc.store, m.author) >= m.clock),
          );
          if (everywhere) {
            convergedAfterMs = now - killedAt;
            break;
          }
        }
        await leaseWatch;
        await sleep(500);
        for (const t of typers) clearInterval(t);

        // Everything typed in the round, everywhere, exactly once.
        const all = marks.flat();
        const lastsAll = marks.map((list) => list[list.length - 1]);
        const settleStart = clockNow();
        while (
          clockNow() - settleStart < 15_000 &&
          !clients.every((r) => lastsAll.every((m) => !m || m.author === r.doc.clientID || Y.getState(r.doc.store, m.author) >= m.clock))
        ) {
          await sleep(50);
        }
        let lost = 0;
        let doubled = 0;
        marks.forEach((list, author) => {
          const notes = clients.map((c) => planDocCellText(c.doc, tableId, rowOf[author] as string, 'note')?.toString() ?? '');
          for (const m of list) {
            const counts = notes.map((n) => n.split(m.text).length - 1);
            if (counts.some((n) => n === 0)) lost += 1;
            if (counts.some((n) => n > 1)) doubled += 1;
          }
        });
        const closeCounts = new Map<number, number>();
        for (const c of clients) for (const close of c.closes) closeCounts.set(close.code, (closeCounts.get(close.code) ?? 0) + 1);

        const restartStart = clockNow();
        servers[owner] = await serveStart({ dataDir: seeder.dataDir, databaseUrl: options.databaseUrl, port: ports[owner] });
        const record: FailoverKill = {
          kill: kill + 1,
          killed: owner,
          newOwner: lease.owner,
          ownerAfterMs: lease.afterMs,
          syncedAfterMs: syncedAt.every(Number.isFinite) ? Math.max(...syncedAt) - killedAt : null,
          convergedAfterMs,
          trackedMarks: tracked.reduce((n, list) => n + list.length, 0),
          typedMarks: all.length,
          lost,
          doubled,
          closes: [...closeCounts].map(([code, n]) => `${code}×${n}`).join(' '),
          restartMs: clockNow() - restartStart,
          loadAverage: loadAverage(),
        };
        kills.push(record);
        log(
          `  kill ${record.kill}: server ${owner} → server ${lease.owner ?? '?'}; lease after ${fmtMs(lease.afterMs)}, all synced after ${fmtMs(record.syncedAfterMs)}, converged after ${fmtMs(convergedAfterMs)}; ${all.length} marks, lost ${lost}, doubled ${doubled}; closes ${record.closes || 'none'}`,
        );
      } finally {
        for (const t of typers) clearInterval(t);
        for (const c of clients) c.destroy();
        clients = [];
      }
      await sleep(300);
    }
  } finally {
    for (const c of clients) c.destroy();
    await Promise.all(servers.flatMap((s) => (s ? [s.stop()] : [])));
  }
  return kills;
}

function fmtMs(ms: number | null): string {
  return ms === null ? 'never' : `${ms.toFixed(0)} ms`;
}
