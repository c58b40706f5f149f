/**
 * A load-generator thread: holds a share of the bench clients — one set per server under test,
 * connected side by side, each set on its own plan or all on one — makes their edits on
 * schedule, one set at a time, and logs edits and arrivals. Several threads spread the clients' own Yjs work (every client applies every other
 * client's edit) over the cores; the main thread only orchestrates and computes the figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { clockNow } from '../lib/clock.ts';
import { randomSeeded } from '../lib/stats.ts';
import { type ArrivalLog, type BenchClient, type EditLog, RECEIVER_SET_STRIDE, arrivalsWatch, benchClientCreate, benchEdit, clientsSynced, editRecord, rowsOwnedBy } from './clients.ts';

/** Messages from the main thread. */
export type WorkerCommand =
  | { type: 'connect'; set: number; wsBase: string; room: string; clients: Array<{ index: number; token: string | null; unitId: string }> }
  | { type: 'run'; set: number; start: number; windowStart: number; windowEnd: number; intervalMs: number; seed: number }
  | { type: 'collect' }
  | { type: 'close' };

/** Messages to the main thread. */
export type WorkerReport =
  | { type: 'synced'; set: number; clientIds: number[] }
  | { type: 'ran'; sendLag: number[]; loopDelayP99Ms: number }
  | { type: 'logs'; edits: EditLog; arrivals: ArrivalLog; closes: number[] }
  | { type: 'closed' }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('load-worker runs as a worker thread');

const sets = new Map<number, BenchClient[]>();
/** The table each set edits (a set may have a plan of its own). */
const tableIds = new Map<number, string>();
const edits: EditLog = { client: [], clock: [], sentAt: [] };
const arrivals: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
let sentEdits = 0;
let sentArrivals = 0;
const timers = new Set<NodeJS.Timeout>();

const send = (report: WorkerReport): void => port.postMessage(report);

async function connect(cmd: Extract<WorkerCommand, { type: 'connect' }>): Promise<void> {
  const clients: BenchClient[] = [];
  if (cmd.clients.length === 0) {
    send({ type: 'synced', set: cmd.set, clientIds: [] });
    return;
  }
  for (let i = 0; i < cmd.clients.length; i += 25) {
    const batch = cmd.clients.slice(i, i + 25).map((c) => benchClientCreate(c.index, cmd.wsBase, cmd.room, c.token));
    clients.push(...batch);
    await clientsSynced(batch, 60_000);
  }
  const first = clients[0];
  if (!first) throw new Error('no clients');
  const id: unknown = first.doc.getMap('tables').keys().next().value;
  if (typeof id !== 'string') throw new Error('the plan has no table');
  tableIds.set(cmd.set, id);
  cmd.clients.forEach((c, i) => {
    const client = clients[i] as BenchClient;
    client.rows = rowsOwnedBy(client.doc, id, c.unitId);
    if (client.rows.length === 0) throw new Error(`client ${c.index} owns no row`);
    arrivalsWatch(client.doc, cmd.set * RECEIVER_SET_STRIDE + c.index, arrivals, clockNow);
  });
  // Connects add to the set: a first client alone (to see the server load the plan), then the rest.
  sets.set(cmd.set, [...(sets.get(cmd.set) ?? []), ...clients]);
  send({ type: 'synced', set: cmd.set, clientIds: clients.map((c) => c.doc.clientID) });
}

/** Open loop: each client of the set edits on its own fixed schedule, whatever the server does. */
function run(cmd: Extract<WorkerCommand, { type: 'run' }>): void {
  const sendLag: number[] = [];
  let running = true;
  const tableId = tableIds.get(cmd.set) ?? '';
  for (const client of sets.get(cmd.set) ?? []) {
    // The same seed for every set: each server gets the same sequence of edits.
    const random = randomSeeded(cmd.seed + client.index * 7919);
    let due = cmd.start + random() * cmd.intervalMs;
    const schedule = (): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!running) return;
        const now = clockNow();
        if (now >= cmd.windowStart && now < cmd.windowEnd) sendLag.push(now - due);
        if (benchEdit(client, tableId, random)) editRecord(edits, client.doc, now);
        due += cmd.intervalMs;
        if (due < cmd.windowEnd) schedule();
      }, Math.max(0, due - clockNow()));
      timers.add(timer);
    };
    schedule();
  }
  const loop = monitorEventLoopDelay({ resolution: 1 });
  setTimeout(() => loop.enable(), Math.max(0, cmd.windowStart - clockNow()));
  setTimeout(() => {
    running = false;
    for (const t of timers) clearTimeout(t);
    loop.disable();
    send({ type: 'ran', sendLag, loopDelayP99Ms: loop.percentile(99) / 1e6 });
  }, Math.max(0, cmd.windowEnd - clockNow()));
}

/** Sends what was logged since the last collect, and the connection closes seen per set. */
function collect(): void {
  const e: EditLog = { client: edits.client.slice(sentEdits), clock: edits.clock.slice(sentEdits), sentAt: edits.sentAt.slice(sentEdits) };
  const a: ArrivalLog = {
    receiver: arrivals.receiver.slice(sentArrivals),
    client: arrivals.client.slice(sentArrivals),
    clock: arrivals.clock.slice(sentArrivals),
    at: arrivals.at.slice(sentArrivals),
  };
  sentEdits = edits.client.length;
  sentArrivals = arrivals.client.length;
  const closes: number[] = [];
  for (const [set, clients] of sets) closes[set] = clients.reduce((n, c) => n + c.closes.length, 0);
  send({ type: 'logs', edits: e, arrivals: a, closes });
}

port.on('message', (cmd: WorkerCommand) => {
  try {
    switch (cmd.type) {
      case 'connect':
        connect(cmd).catch((error: unknown) => send({ type: 'error', message: String((error as Error).stack ?? error) }));
        return;
      case 'run':
        run(cmd);
        return;
      case 'collect':
        collect();
        return;
      case 'close':
        for (const t of timers) clearTimeout(t);
        for (const clients of sets.values()) for (const c of clients) c.destroy();
        send({ type: 'closed' });
        port.close();
        return;
    }
  } catch (error) {
    send({ type: 'error', message: String((error as Error).stack ?? error) });
  }
});
