/**
 * bench/relay: C stock y-websocket clients editing random cells of a 500-row plan at a fixed
 * rate, against Phuluc (auth, permission check and durable SQLite writes all on) and, with the
 * very same load, the reference server from `@y/websocket-server`. Each server runs in its own
 * child process; the clients live in this one, spread over worker threads (the load generator).
 * Up to 100 clients, both servers are measured in alternating segments with their own client
 * sets connected side by side, so the noise of a shared machine hits both alike.
 *
 * Per scenario and server: edit → other client latency (every delivery, and until the last
 * other client has it), deliveries per second, the server's CPU and RSS, and the generator's
 * own CPU and event-loop delay (when those are high, the figures measure the generator).
 */
import { rmSync } from 'node:fs';
import { clockNow } from '../lib/clock.ts';
import { planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir, type PlanData, planDataCreate } from '../lib/plan-data.ts';
import { cpuMeter, loadAverage, procMemory } from '../lib/proc-stat.ts';
import { BENCH_METRICS_HEADERS, type MemoryAfterGc, type ServerChild, type ServerKind, serverChildStart } from '../lib/server-child.ts';
import { median, statsSummarize } from '../lib/stats.ts';
import { type ArrivalLog, type EditLog, type Propagation, RECEIVER_SET_STRIDE, propagationCompute } from './clients.ts';
import { LoadWorkerHandle } from './load-worker-handle.ts';

/** A load: `clients` editors, each making `rate` edits per second. */
export interface RelayScenario {
  name: string;
  clients: number;
  rate: number;
}

export const RELAY_SCENARIOS: readonly RelayScenario[] = [
  { name: '10x10', clients: 10, rate: 10 },
  { name: '50x5', clients: 50, rate: 5 },
  { name: '200x0.25', clients: 200, rate: 0.25 },
];

/** Above this many clients the servers are measured one after the other, not interleaved. */
const INTERLEAVE_MAX_CLIENTS = 100;

/** Item rows of the relay plan. */
export const RELAY_PLAN_ROWS = 500;

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one scenario on one server measured. */
export interface RelayResult {
  scenario: string;
  server: ServerKind;
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
  serverCpuPercent: number;
  generatorCpuPercent: number;
  generatorLoopDelayP99Ms: number;
  /** How late the generator sent edits against their schedule, p99 (ms). */
  sendLagP99Ms: number;
  connectSeconds: number;
  /**
   * Server memory after a full GC: before any connection (Phuluc has not loaded the plan yet;
   * the reference holds it), with one client (the plan loaded everywhere), with all clients
   * synced, and after the scenario (clients still connected).
   */
  memory: Record<'idle' | 'oneClient' | 'synced' | 'after', MemoryAfterGc>;
  /** Median RSS of the samples taken while the load ran (no forced GC). */
  rssLoadMB: number;
  rssPeakMB: number;
  closes: number;
  loadAverage: number;
  /** Phuluc only: what its /metrics said at the end. */
  serverMetrics?: Record<string, number>;
}

export interface RelayRunOptions {
  /** Load-generator threads the clients are spread over. */
  workers: number;
  /** Discarded load on each server before the measured segments. */
  warmupSeconds: number;
  /** Measured seconds per server, split into `segments` alternating segments. */
  measureSeconds: number;
  segments: number;
  /** Discarded start of each segment (the server was idle during the other's segment). */
  segmentWarmupSeconds: number;
  cpuProfileDir?: string | null;
  /** Called before each scenario (the runner waits for a quiet machine there when asked). */
  beforeScenario?: (scenario: RelayScenario) => Promise<void>;
  log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Prepares a Phuluc data directory for a scenario (the plan and one editor account per client). */
export async function relayDataCreate(scenario: RelayScenario): Promise<PlanData> {
  return planDataCreate(benchTempDir(`relay-${scenario.name}`), planTableBuild(RELAY_PLAN_ROWS), { editors: scenario.clients });
}


/** One server under test during a scenario, and what was measured on it so far. */
interface Arm {
  kind: ServerKind;
  set: number;
  server: ServerChild;
  idle?: MemoryAfterGc;
  oneClient?: MemoryAfterGc;
  synced?: MemoryAfterGc;
  connectSeconds: number;
  clientIds: Set<number>;
  windows: Array<{ start: number; end: number }>;
  cpuSeconds: number;
  wallSeconds: number;
  genCpuMs: number;
  sendLag: number[];
  loopDelayP99Ms: number;
  loadAverages: number[];
  rssSamples: number[];
}

/**
 * Runs one scenario on every server at once: each server gets its own set of clients, all
 * connected side by side, and the load goes to one set at a time in alternating segments
 * (A B A B …, same edit sequence for each), so both servers see the same background noise of a
 * shared machine. Servers are started fresh for the scenario and stopped after.
 */
export async function relayRun(scenario: RelayScenario, kinds: readonly ServerKind[], data: PlanData, options: RelayRunOptions): Promise<RelayResult[]> {
  const log = options.log ?? (() => {});
  const arms: Arm[] = [];
  const workers = Array.from({ length: Math.min(options.workers, scenario.clients) }, () => new LoadWorkerHandle());
  try {
    for (const [set, kind] of kinds.entries()) {
      const server = await serverChildStart(kind, {
        dataDir: data.dataDir,
        doc: { name: data.planId, update: data.docUpdate, scratchDir: data.dataDir },
        cpuProfileDir: kind === 'phuluc' ? (options.cpuProfileDir ?? undefined) : undefined,
      });
      arms.push({ kind, set, server, connectSeconds: 0, clientIds: new Set(), windows: [], cpuSeconds: 0, wallSeconds: 0, genCpuMs: 0, sendLag: [], loopDelayP99Ms: 0, loadAverages: [], rssSamples: [] });
    }
    await sleep(500);
    for (const arm of arms) arm.idle = await arm.server.memoryAfterGc();

    for (const arm of arms) {
      const connectStart = performance.now();
      // Client 0 alone first: the server has the plan loaded (Phuluc loads it on demand) and one
      // connection; then everyone else.
      const connect = async (indices: (index: number) => boolean): Promise<void> => {
        workers.forEach((w, k) => {
          const mine = data.accounts.slice(0, scenario.clients).flatMap((account, index) =>
            index % workers.length === k && indices(index) ? [{ index, token: arm.kind === 'phuluc' ? account.token : null, unitId: account.unitId }] : [],
          );
          w.send({ type: 'connect', set: arm.set, wsBase: arm.server.wsBase, room: data.planId, clients: mine });
        });
        for (const r of await Promise.all(workers.map((w) => w.next('synced')))) for (const id of r.clientIds) arm.clientIds.add(id);
      };
      await connect((i) => i === 0);
      await sleep(300);
      arm.oneClient = await arm.server.memoryAfterGc();
      await connect((i) => i > 0);
      arm.connectSeconds = (performance.now() - connectStart) / 1000;
      log(`  ${arm.kind}: ${scenario.clients} clients synced in ${arm.connectSeconds.toFixed(1)} s (${workers.length} generator threads)`);
    }
    const allIds = arms.flatMap((a) => [...a.clientIds]);
    if (new Set(allIds).size !== allIds.length) throw new Error('two bench clients drew the same Yjs client id; run again');
    await sleep(1000);
    for (const arm of arms) arm.synced = await arm.server.memoryAfterGc();

    // Warm-up segments (discarded), then the measured ones, alternating between the servers.
    const plan: Array<{ arm: Arm; warmup: number; measure: number; seed: number; measured: boolean }> = [];
    for (const arm of arms) plan.push({ arm, warmup: options.warmupSeconds, measure: 0, seed: 1, measured: false });
    for (let k = 0; k < options.segments; k += 1) {
      const order = k % 2 === 0 ? arms : [...arms].reverse();
      for (const arm of order) plan.push({ arm, warmup: options.segmentWarmupSeconds, measure: options.measureSeconds / options.segments, seed: 100 + k, measured: true });
    }
    const seedBase = Math.round(scenario.rate * 100) + scenario.clients * 1000;
    for (const step of plan) {
      const start = clockNow() + 100;
      const windowStart = start + step.warmup * 1000;
      const windowEnd = windowStart + step.measure * 1000;
      for (const w of workers) w.send({ type: 'run', set: step.arm.set, start, windowStart, windowEnd, intervalMs: 1000 / scenario.rate, seed: seedBase + step.seed });
      await sleep(windowStart - clockNow());
      const serverCpu = cpuMeter(step.arm.server.pid);
      const genCpu0 = process.cpuUsage();
      // RSS moves with every GC: sample it through the window rather than trust one reading.
      const sampler = setInterval(() => step.measured && step.arm.rssSamples.push(procMemory(step.arm.server.pid).rssMB), 200);
      await sleep(windowEnd - clockNow());
      clearInterval(sampler);
      const cpu = serverCpu.stop();
      const gen = process.cpuUsage(genCpu0);
      const ran = await Promise.all(workers.map((w) => w.next('ran')));
      if (!step.measured) continue;
      const arm = step.arm;
      arm.windows.push({ start: windowStart, end: windowEnd });
      arm.cpuSeconds += cpu.cpuSeconds;
      arm.wallSeconds += cpu.wallSeconds;
      arm.genCpuMs += (gen.user + gen.system) / 1000;
      for (const r of ran) arm.sendLag.push(...r.sendLag);
      arm.loopDelayP99Ms = Math.max(arm.loopDelayP99Ms, ...ran.map((r) => r.loopDelayP99Ms));
      arm.loadAverages.push(loadAverage());
    }

    // Collect the logs until every measured edit reached every other client (bounded).
    const edits: EditLog = { client: [], clock: [], sentAt: [] };
    const arrivals: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
    let closes: number[] = [];
    let computed: Map<Arm, Propagation>;
    const drainUntil = performance.now() + 6000;
    for (;;) {
      for (const w of workers) w.send({ type: 'collect' });
      closes = [];
      for (const logs of await Promise.all(workers.map((w) => w.next('logs')))) {
        for (const k of Object.keys(edits) as Array<keyof EditLog>) for (const v of logs.edits[k]) edits[k].push(v);
        for (const k of Object.keys(arrivals) as Array<keyof ArrivalLog>) for (const v of logs.arrivals[k]) arrivals[k].push(v);
        logs.closes.forEach((n, set) => (closes[set] = (closes[set] ?? 0) + (n ?? 0)));
      }
      computed = new Map(arms.map((arm) => [arm, propagationCompute(...logsOfArm(arm, edits, arrivals), scenario.clients - 1, arm.windows)]));
      if ([...computed.values()].every((p) => p.undelivered === 0) || performance.now() > drainUntil) break;
      await sleep(300);
    }

    const results: RelayResult[] = [];
    for (const arm of arms) {
      const propagation = computed.get(arm) as Propagation;
      const after = await arm.server.memoryAfterGc();
      const peak = procMemory(arm.server.pid).peakMB;
      const measureSeconds = arm.wallSeconds;
      results.push({
        scenario: scenario.name,
        server: arm.kind,
        clients: scenario.clients,
        rate: scenario.rate,
        measureSeconds,
        editsPerSecond: propagation.measuredEdits / measureSeconds,
        deliveriesPerSecond: propagation.deliveriesInWindow / measureSeconds,
        latency: statsSummarize(propagation.deliveries),
        latencyAll: statsSummarize(propagation.allReceived),
        undelivered: propagation.undelivered,
        serverCpuPercent: (arm.cpuSeconds / arm.wallSeconds) * 100,
        generatorCpuPercent: (arm.genCpuMs / 1000 / arm.wallSeconds) * 100,
        generatorLoopDelayP99Ms: arm.loopDelayP99Ms,
        sendLagP99Ms: statsSummarize(arm.sendLag).p99,
        loadAverage: Math.max(...arm.loadAverages),
        connectSeconds: arm.connectSeconds,
        memory: { idle: memoryOr(arm.idle), oneClient: memoryOr(arm.oneClient), synced: memoryOr(arm.synced), after },
        rssLoadMB: median(arm.rssSamples),
        rssPeakMB: peak,
        closes: closes[arm.set] ?? 0,
        serverMetrics: arm.kind === 'phuluc' ? await metricsFetch(arm.server.port) : undefined,
      });
    }
    return results;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    for (const arm of arms) await arm.server.stop();
  }
}

function memoryOr(m: MemoryAfterGc | undefined): MemoryAfterGc {
  return m ?? { rssMB: Number.NaN, heapMB: Number.NaN };
}

/** The edits made by an arm's clients and the arrivals its clients saw. */
function logsOfArm(arm: Arm, edits: EditLog, arrivals: ArrivalLog): [EditLog, ArrivalLog] {
  const e: EditLog = { client: [], clock: [], sentAt: [] };
  edits.client.forEach((client, i) => {
    if (!arm.clientIds.has(client)) return;
    e.client.push(client);
    e.clock.push(edits.clock[i] as number);
    e.sentAt.push(edits.sentAt[i] as number);
  });
  const a: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
  arrivals.receiver.forEach((receiver, i) => {
    if (Math.floor(receiver / RECEIVER_SET_STRIDE) !== arm.set) return;
    a.receiver.push(receiver);
    a.client.push(arrivals.client[i] as number);
    a.clock.push(arrivals.clock[i] as number);
    a.at.push(arrivals.at[i] as number);
  });
  return [e, a];
}

/** Phuluc's counters and the mean durable-commit time, from its Prometheus endpoint. */
async function metricsFetch(port: number): Promise<Record<string, number> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: BENCH_METRICS_HEADERS });
    if (!res.ok) return undefined;
    const out: Record<string, number> = {};
    for (const line of (await res.text()).split('\n')) {
      const m = /^(phuluc_[a-z_]+(?:\{le="[^"]+"\})?) ([0-9.e+-]+)$/.exec(line);
      if (m) out[m[1] as string] = Number(m[2]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Runs the selected scenarios on the selected servers; the same load on each, interleaved. */
export async function relayBench(scenarios: readonly RelayScenario[], servers: readonly ServerKind[], options: RelayRunOptions): Promise<RelayResult[]> {
  const results: RelayResult[] = [];
  for (const scenario of scenarios) {
    await options.beforeScenario?.(scenario);
    options.log?.(
      `relay ${scenario.name}: ${scenario.clients} editors × ${scenario.rate} edits/s, ${options.segments} × ${(options.measureSeconds / options.segments).toFixed(1)} s measured per server, ${scenario.clients <= INTERLEAVE_MAX_CLIENTS ? 'interleaved' : 'one server after the other'}`,
    );
    const data = await relayDataCreate(scenario);
    try {
      // Interleaving keeps both sets of clients connected; with 200 clients per set the
      // generator's own memory and GC would double, so those servers take turns instead.
      const rs: RelayResult[] = [];
      if (scenario.clients <= INTERLEAVE_MAX_CLIENTS) rs.push(...(await relayRun(scenario, servers, data, options)));
      else for (const kind of servers) rs.push(...(await relayRun(scenario, [kind], data, options)));
      for (const r of rs) {
        options.log?.(`  ${r.server}: p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ${r.deliveriesPerSecond.toFixed(0)} deliveries/s, server CPU ${r.serverCpuPercent.toFixed(0)}%`);
      }
      results.push(...rs);
    } finally {
      rmSync(data.dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
