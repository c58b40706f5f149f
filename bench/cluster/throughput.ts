/**
 * Durable updates per second that one owner server commits to PostgreSQL. Many editors send
 * edits as fast as the server lets one connection send (its limit is 100 messages/s per
 * connection, a burst of 500; past it the connection is closed), for a bounded time. The
 * edits are real: each client's updates are made beforehand on its own copy of the plan
 * (typing into cells of rows its unit owns), so every one passes the permission check; during
 * the run a client only sends them on schedule and discards what it receives, so the load
 * generator costs little next to the server. Durable updates are counted in the database (the
 * last sequence number of each plan's log) at both ends of the measured window; the owner's
 * counters give the rest (received, commits, updates per commit).
 */
import { planDocCellText, planDocTableIds } from '@phuluc/domain';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadAverage } from '../lib/proc-stat.ts';
import { randomSeeded } from '../lib/stats.ts';
import { rowsOwnedBy } from '../relay/clients.ts';
import type { BenchSeeder } from './cluster-data.ts';
import type { ServeProcess } from './cluster-instance.ts';
import { machineCpuMeter, pidsCpuMeter, postgresPids } from './cpu-meter.ts';

/** How the load is spread: `plans` plans of 500 rows, `clientsPerPlan` editors on each. */
export interface ThroughputConfig {
  plans: number;
  clientsPerPlan: number;
}

export interface ThroughputResult {
  plans: number;
  clients: number;
  ratePerClient: number;
  measureSeconds: number;
  /** What the clients sent during the window, per second. */
  offeredPerSecond: number;
  receivedPerSecond: number;
  persistedPerSecond: number;
  rejected: number;
  /** Close codes the clients saw (none expected). */
  closes: string[];
  meanCommitMs: number;
  updatesPerCommit: number;
  ownerCpuPercent: number;
  postgresCpuPercent: number;
  machineBusyPercent: number;
  /** Whether the owner answered /metrics at both ends of the window (within 30 s). */
  metricsAnswered: boolean;
  /** After the senders stopped: until everything sent was committed (at most 30 s). */
  drainSeconds: number;
  loadAverage: number;
}

export interface ThroughputOptions {
  owner: ServeProcess;
  seeder: BenchSeeder;
  /** Messages per second each client sends (under the server's 100/s per connection). */
  ratePerClient: number;
  warmupSeconds: number;
  measureSeconds: number;
  log?: (line: string) => void;
}

/** Item rows of each plan. */
const THROUGHPUT_PLAN_ROWS = 500;
const EDIT_FIELDS = ['task', 'detail', 'timeframe', 'output', 'supervisor', 'monitor', 'note'] as const;
const WORDS = ['ư', 'số', ' hóa', 'dữ liệu', ' Quý II', 'đạt', '; ', 'báo cáo', '100%', 'thôn', ' ấp', 'ký số'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A y-websocket "update" message (sync, step update) carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `count` typed edits by a fresh client of the plan (its own Yjs client id), each as the message the stock client would send. */
function editsPrepare(state: Uint8Array, tableId: string, unitId: string, count: number, seed: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const rows = rowsOwnedBy(doc, tableId, unitId);
  if (rows.length === 0) throw new Error(`unit ${unitId} owns no row`);
  const messages: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => messages.push(updateMessage(update)));
  const random = randomSeeded(seed);
  while (messages.length < count) {
    const rowId = rows[Math.floor(random() * rows.length)] as string;
    const text = planDocCellText(doc, tableId, rowId, EDIT_FIELDS[Math.floor(random() * EDIT_FIELDS.length)] as string);
    if (!text) continue;
    text.insert(Math.floor(random() * (text.length + 1)), WORDS[Math.floor(random() * WORDS.length)] as string);
  }
  doc.destroy();
  return messages;
}

interface RawClient {
  ws: WebSocket;
  messages: Uint8Array[];
  sent: number;
  closes: string[];
}

/** Opens a raw sync connection and resolves once the server greeted it (the plan is loaded). */
function rawConnect(wsBase: string, planId: string, token: string, messages: Uint8Array[]): Promise<RawClient> {
  const ws = new WebSocket(`${wsBase}/${encodeURIComponent(planId)}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
  const client: RawClient = { ws, messages, sent: 0, closes: [] };
  ws.on('close', (code: number, reason: Buffer) => client.closes.push(`${code} ${reason.toString()}`.trim()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw client: no greeting in 30 s')), 30_000);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve(client);
    });
    ws.once('close', (code: number) => {
      clearTimeout(timer);
      reject(new Error(`raw client closed before the greeting (${code})`));
    });
    ws.on('error', () => {});
  });
}

const metric = (m: Record<string, number>, name: string): number => m[name] ?? 0;

/** One throughput run: seeds the plans, prepares the edits, sends them on schedule, reads the owner's counters. */
export async function throughputRun(config: ThroughputConfig, options: ThroughputOptions): Promise<ThroughputResult> {
  const log = options.log ?? (() => {});
  const { owner, seeder, ratePerClient } = options;
  const perClient = Math.ceil(ratePerClient * (options.warmupSeconds + options.measureSeconds)) + 20;
  const prepared: Array<{ planId: string; token: string; messages: Uint8Array[] }> = [];
  const prepStart = performance.now();
  for (let p = 0; p < config.plans; p += 1) {
    const seeded = await seeder.plan(THROUGHPUT_PLAN_ROWS, config.clientsPerPlan);
    const doc = await seeder.planDoc(seeded.planId);
    const tableId = planDocTableIds(doc)[0] as string;
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    seeded.accounts.forEach((account, i) => {
      prepared.push({ planId: seeded.planId, token: account.token, messages: editsPrepare(state, tableId, account.unitId, perClient, 7000 + p * 100 + i) });
    });
  }
  log(`  throughput ${config.plans} × ${config.clientsPerPlan}: ${prepared.length * perClient} edits prepared in ${((performance.now() - prepStart) / 1000).toFixed(1)} s`);

  const planIds = [...new Set(prepared.map((x) => x.planId))];
  const clients = await Promise.all(prepared.map((p) => rawConnect(owner.wsBase, p.planId, p.token, p.messages)));
  for (const planId of planIds) {
    const ownerUrl = await seeder.ownerUrl(planId);
    if (ownerUrl !== owner.url) throw new Error(`throughput: plan ${planId} is owned by ${ownerUrl ?? 'nobody'}, not by the server the clients are on`);
  }
  await sleep(500);
  const committedBase = await seeder.committedUpdates(planIds);

  // Open loop: client k has sent floor(elapsed × rate) of its edits at every tick.
  const t0 = performance.now();
  const sendUntil = t0 + (options.warmupSeconds + options.measureSeconds) * 1000;
  let offeredInWindow = 0;
  let windowOpen = false;
  const tick = (): void => {
    const now = Math.min(performance.now(), sendUntil);
    const due = Math.min(perClient, Math.floor(((now - t0) / 1000) * ratePerClient));
    for (const c of clients) {
      while (c.sent < due && c.ws.readyState === WebSocket.OPEN) {
        c.ws.send(c.messages[c.sent] as Uint8Array);
        c.sent += 1;
        if (windowOpen) offeredInWindow += 1;
      }
    }
  };
  const ticker = setInterval(tick, 5);
  // The window's ends: the committed count from the database (what is durable, whatever the
  // server answers meanwhile), the server's counters for the rest.
  const mark = async (): Promise<{ at: number; committed: number; m: Record<string, number> }> => {
    const before = performance.now();
    const committed = await seeder.committedUpdates(planIds);
    const at = (before + performance.now()) / 2;
    return { at, committed, m: await owner.metrics() };
  };
  await sleep(options.warmupSeconds * 1000);
  const m0 = await mark();
  windowOpen = true;
  const ownerCpu = pidsCpuMeter([owner.pid]);
  const pgCpu = pidsCpuMeter(postgresPids());
  const machine = machineCpuMeter();
  await sleep(sendUntil - performance.now());
  clearInterval(ticker);
  tick();
  windowOpen = false;
  const m1 = await mark();
  const cpu = ownerCpu.stop();
  const pg = pgCpu.stop();
  const busy = machine.stop();
  const sent = clients.reduce((n, c) => n + c.sent, 0);

  // Drain: everything sent is committed (bounded).
  const drainStart = performance.now();
  while (performance.now() - drainStart < 30_000 && (await seeder.committedUpdates(planIds)) - committedBase < sent) await sleep(100);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const last = await owner.metrics();
  for (const c of clients) c.ws.close();

  const seconds = (m1.at - m0.at) / 1000;
  // A server too busy to answer /metrics within 30 s leaves its counters unknown (NaN), not zero.
  const answered = Object.keys(m0.m).length > 0 && Object.keys(m1.m).length > 0;
  const delta = (name: string): number => (answered ? metric(m1.m, name) - metric(m0.m, name) : Number.NaN);
  const commits = delta('phuluc_persist_seconds_count');
  return {
    plans: config.plans,
    clients: clients.length,
    ratePerClient,
    measureSeconds: seconds,
    offeredPerSecond: offeredInWindow / seconds,
    receivedPerSecond: delta('phuluc_updates_received_total') / seconds,
    persistedPerSecond: (m1.committed - m0.committed) / seconds,
    rejected: metric(last, 'phuluc_updates_rejected_total'),
    closes: clients.flatMap((c) => c.closes).filter((c) => !c.startsWith('1005') && !c.startsWith('1000')),
    meanCommitMs: commits > 0 ? (delta('phuluc_persist_seconds_sum') / commits) * 1000 : Number.NaN,
    updatesPerCommit: commits > 0 ? delta('phuluc_updates_persisted_total') / commits : Number.NaN,
    metricsAnswered: answered,
    ownerCpuPercent: cpu.cpuPercent,
    postgresCpuPercent: pg.cpuPercent,
    machineBusyPercent: busy,
    drainSeconds,
    loadAverage: loadAverage(),
  };
}
