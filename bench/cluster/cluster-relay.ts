/**
 * Relay latency on one server and through a cluster: the relay part's load (C stock
 * y-websocket clients editing random cells of a 500-row plan at a fixed rate, in the
 * `relay/load-worker.ts` threads, latency matched from state vectors by `propagationCompute`)
 * on several "arms" measured in the same minutes: (a) one SQLite server, (b) clients on the
 * owner of a plan in a 2-server PostgreSQL cluster, (c) clients on the other server, every
 * connection relayed to the owner. Each arm has its own plan and its own clients, connected
 * side by side; the load visits one arm at a time in alternating segments with the same edit
 * sequence, so the arms share the background noise of a shared machine.
 */
import { clockNow } from '../lib/clock.ts';
import { loadAverage } from '../lib/proc-stat.ts';
import { statsSummarize } from '../lib/stats.ts';
import { type ArrivalLog, type EditLog, type Propagation, RECEIVER_SET_STRIDE, propagationCompute } from '../relay/clients.ts';
import type { LatencySummary, RelayScenario } from '../relay/relay-bench.ts';
import type { ClusterAccount } from './cluster-data.ts';
import { machineCpuMeter, pidsCpuMeter } from './cpu-meter.ts';
import { LoadWorkerHandle } from '../relay/load-worker-handle.ts';

/** The three set-ups of the relay part. */
export type RelayArmKey = 'sqlite' | 'owner' | 'non-owner';

export const RELAY_ARM_LABELS: Record<RelayArmKey, string> = {
  sqlite: '(a) 1 server, SQLite',
  owner: '(b) 2 servers (PostgreSQL), clients on the owner',
  'non-owner': '(c) 2 servers (PostgreSQL), clients on the non-owner',
};

/** One set-up: where its clients connect, to which plan, as whom. */
export interface ClusterRelayArm {
  key: RelayArmKey;
  wsBase: string;
  planId: string;
  /** At least as many as the scenario has clients. */
  accounts: readonly ClusterAccount[];
  /** The server processes an edit goes through (their CPU is the arm's server CPU). */
  pids: readonly number[];
  /** Before the clients connect (the non-owner arm has the owner take its plan first). */
  beforeConnect?: () => Promise<void>;
  /** Once every client synced: checks where the plan is served; returns a note for the report. */
  afterConnect?: () => Promise<string>;
}

export interface ClusterRelayResult {
  scenario: string;
  arm: RelayArmKey;
  clients: number;
  rate: number;
  measureSeconds: number;
  editsPerSecond: number;
  deliveriesPerSecond: number;
  /** Edit → one other client, every delivery (ms). */
  latency: LatencySummary;
  /** Edit → the last other client (ms). */
  latencyAll: LatencySummary;
  undelivered: number;
  /** CPU of the arm's server processes, % of one core. */
  serverCpuPercent: number;
  /** Busy share of the whole machine (2 cores) while the arm was measured, %. */
  machineBusyPercent: number;
  generatorCpuPercent: number;
  generatorLoopDelayP99Ms: number;
  sendLagP99Ms: number;
  connectSeconds: number;
  closes: number;
  loadAverage: number;
  note: string;
}

export interface ClusterRelayOptions {
  workers: number;
  warmupSeconds: number;
  /** Measured seconds per arm, split into `segments` segments. */
  measureSeconds: number;
  segments: number;
  segmentWarmupSeconds: number;
  log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface ArmState {
  arm: ClusterRelayArm;
  set: number;
  clientIds: Set<number>;
  windows: Array<{ start: number; end: number }>;
  connectSeconds: number;
  cpuSeconds: number;
  wallSeconds: number;
  machineBusy: number[];
  genCpuMs: number;
  sendLag: number[];
  loopDelayP99Ms: number;
  loadAverages: number[];
  note: string;
}

/** Runs one scenario on every arm (same load, alternating segments) and returns one result per arm. */
export async function clusterRelayRun(scenario: RelayScenario, arms: readonly ClusterRelayArm[], options: ClusterRelayOptions): Promise<ClusterRelayResult[]> {
  const log = options.log ?? (() => {});
  const workers = Array.from({ length: Math.min(options.workers, scenario.clients) }, () => new LoadWorkerHandle());
  const states: ArmState[] = arms.map((arm, set) => ({
    arm,
    set,
    clientIds: new Set(),
    windows: [],
    connectSeconds: 0,
    cpuSeconds: 0,
    wallSeconds: 0,
    machineBusy: [],
    genCpuMs: 0,
    sendLag: [],
    loopDelayP99Ms: 0,
    loadAverages: [],
    note: '',
  }));
  try {
    for (const s of states) {
      if (s.arm.accounts.length < scenario.clients) throw new Error(`arm ${s.arm.key}: ${s.arm.accounts.length} accounts for ${scenario.clients} clients`);
      await s.arm.beforeConnect?.();
      const connectStart = performance.now();
      // Client 0 alone first (the server loads the plan), then everyone else, as the relay part does.
      const connect = async (which: (index: number) => boolean): Promise<void> => {
        workers.forEach((w, k) => {
          const mine = s.arm.accounts
            .slice(0, scenario.clients)
            .flatMap((account, index) => (index % workers.length === k && which(index) ? [{ index, token: account.token, unitId: account.unitId }] : []));
          w.send({ type: 'connect', set: s.set, wsBase: s.arm.wsBase, room: s.arm.planId, clients: mine });
        });
        for (const r of await Promise.all(workers.map((w) => w.next('synced')))) for (const id of r.clientIds) s.clientIds.add(id);
      };
      await connect((i) => i === 0);
      await connect((i) => i > 0);
      s.connectSeconds = (performance.now() - connectStart) / 1000;
      s.note = (await s.arm.afterConnect?.()) ?? '';
      log(`  ${s.arm.key}: ${scenario.clients} clients synced in ${s.connectSeconds.toFixed(1)} s${s.note ? ` (${s.note})` : ''}`);
    }
    const allIds = states.flatMap((s) => [...s.clientIds]);
    if (new Set(allIds).size !== allIds.length) throw new Error('two bench clients drew the same Yjs client id; run again');
    await sleep(1000);

    // Warm-up (discarded) on each arm, then the measured segments, the order reversed every other round.
    const plan: Array<{ s: ArmState; warmup: number; measure: number; seed: number; measured: boolean }> = [];
    for (const s of states) plan.push({ s, warmup: options.warmupSeconds, measure: 0, seed: 1, measured: false });
    for (let k = 0; k < options.segments; k += 1) {
      const order = k % 2 === 0 ? states : [...states].reverse();
      for (const s of order) plan.push({ s, warmup: options.segmentWarmupSeconds, measure: options.measureSeconds / options.segments, seed: 100 + k, measured: true });
    }
    const seedBase = Math.round(scenario.rate * 100) + scenario.clients * 1000;
    for (const step of plan) {
      const start = clockNow() + 100;
      const windowStart = start + step.warmup * 1000;
      const windowEnd = windowStart + step.measure * 1000;
      for (const w of workers) w.send({ type: 'run', set: step.s.set, start, windowStart, windowEnd, intervalMs: 1000 / scenario.rate, seed: seedBase + step.seed });
      await sleep(windowStart - clockNow());
      const serverCpu = pidsCpuMeter(step.s.arm.pids);
      const machine = machineCpuMeter();
      const genCpu0 = process.cpuUsage();
      await sleep(windowEnd - clockNow());
      const cpu = serverCpu.stop();
      const busy = machine.stop();
      const gen = process.cpuUsage(genCpu0);
      const ran = await Promise.all(workers.map((w) => w.next('ran')));
      if (!step.measured) continue;
      const s = step.s;
      s.windows.push({ start: windowStart, end: windowEnd });
      s.cpuSeconds += cpu.cpuSeconds;
      s.wallSeconds += cpu.wallSeconds;
      s.machineBusy.push(busy);
      s.genCpuMs += (gen.user + gen.system) / 1000;
      for (const r of ran) s.sendLag.push(...r.sendLag);
      s.loopDelayP99Ms = Math.max(s.loopDelayP99Ms, ...ran.map((r) => r.loopDelayP99Ms));
      s.loadAverages.push(loadAverage());
    }

    // Collect the logs until every measured edit reached every other client (bounded).
    const edits: EditLog = { client: [], clock: [], sentAt: [] };
    const arrivals: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
    let closes: number[] = [];
    let computed = new Map<ArmState, Propagation>();
    const drainUntil = performance.now() + 8000;
    for (;;) {
      for (const w of workers) w.send({ type: 'collect' });
      closes = [];
      for (const logs of await Promise.all(workers.map((w) => w.next('logs')))) {
        for (const k of Object.keys(edits) as Array<keyof EditLog>) for (const v of logs.edits[k]) edits[k].push(v);
        for (const k of Object.keys(arrivals) as Array<keyof ArrivalLog>) for (const v of logs.arrivals[k]) arrivals[k].push(v);
        logs.closes.forEach((n, set) => (closes[set] = (closes[set] ?? 0) + (n ?? 0)));
      }
      computed = new Map(states.map((s) => [s, propagationCompute(...logsOfArm(s, edits, arrivals), scenario.clients - 1, s.windows)]));
      if ([...computed.values()].every((p) => p.undelivered === 0) || performance.now() > drainUntil) break;
      await sleep(300);
    }

    return states.map((s) => {
      const propagation = computed.get(s) as Propagation;
      const seconds = s.wallSeconds;
      return {
        scenario: scenario.name,
        arm: s.arm.key,
        clients: scenario.clients,
        rate: scenario.rate,
        measureSeconds: seconds,
        editsPerSecond: propagation.measuredEdits / seconds,
        deliveriesPerSecond: propagation.deliveriesInWindow / seconds,
        latency: statsSummarize(propagation.deliveries),
        latencyAll: statsSummarize(propagation.allReceived),
        undelivered: propagation.undelivered,
        serverCpuPercent: (s.cpuSeconds / seconds) * 100,
        machineBusyPercent: s.machineBusy.reduce((a, b) => a + b, 0) / Math.max(1, s.machineBusy.length),
        generatorCpuPercent: (s.genCpuMs / 1000 / seconds) * 100,
        generatorLoopDelayP99Ms: s.loopDelayP99Ms,
        sendLagP99Ms: statsSummarize(s.sendLag).p99,
        connectSeconds: s.connectSeconds,
        closes: closes[s.set] ?? 0,
        loadAverage: Math.max(...s.loadAverages),
        note: s.note,
      };
    });
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/** The edits made by an arm's clients and the arrivals its clients saw. */
function logsOfArm(s: ArmState, edits: EditLog, arrivals: ArrivalLog): [EditLog, ArrivalLog] {
  const e: EditLog = { client: [], clock: [], sentAt: [] };
  edits.client.forEach((client, i) => {
    if (!s.clientIds.has(client)) return;
    e.client.push(client);
    e.clock.push(edits.clock[i] as number);
    e.sentAt.push(edits.sentAt[i] as number);
  });
  const a: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
  arrivals.receiver.forEach((receiver, i) => {
    if (Math.floor(receiver / RECEIVER_SET_STRIDE) !== s.set) return;
    a.receiver.push(receiver);
    a.client.push(arrivals.client[i] as number);
    a.clock.push(arrivals.clock[i] as number);
    a.at.push(arrivals.at[i] as number);
  });
  return [e, a];
}
