/**
 * bench/relay: C stock y-websocket clients editing random cells of a 500-row plan at a fixed
 * rate, against Phuluc (auth, permission check and durable SQLite writes all on) and, with the
 * very same load, the reference server from `@y/websocket-server`. Each server runs in its own
 * child process; the clients live in this one, spread over worker threads (the load generator).
 *
 * Per scenario and server: edit → other client latency (every delivery, and until the last
 * other client has it), deliveries per second, the server's CPU and RSS, and the generator's
 * own CPU and event-loop delay (when those are high, the figures measure the generator).
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { clockNow } from '../lib/clock.ts';
import { planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir, type PlanData, planDataCreate } from '../lib/plan-data.ts';
import { cpuMeter, loadAverage, procMemory } from '../lib/proc-stat.ts';
import { type ServerKind, serverChildStart } from '../lib/server-child.ts';
import { statsSummarize } from '../lib/stats.ts';
import { type ArrivalLog, type EditLog, type Propagation, propagationCompute } from './clients.ts';
import type { WorkerCommand, WorkerReport } from './load-worker.ts';

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
  rssIdleMB: number;
  rssSyncedMB: number;
  rssAfterMB: number;
  rssPeakMB: number;
  closes: number;
  loadAverage: number;
  /** Phuluc only: what its /metrics said at the end. */
  serverMetrics?: Record<string, number>;
}

export interface RelayRunOptions {
  /** Load-generator threads the clients are spread over. */
  workers: number;
  warmupSeconds: number;
  measureSeconds: number;
  cpuProfileDir?: string | null;
  log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Prepares a Phuluc data directory for a scenario (the plan and one editor account per client). */
export async function relayDataCreate(scenario: RelayScenario): Promise<PlanData> {
  return planDataCreate(benchTempDir(`relay-${scenario.name}`), planTableBuild(RELAY_PLAN_ROWS), { editors: scenario.clients });
}

/** A load-generator thread and the reports it sends. */
class LoadWorker {
  private readonly worker = new Worker(new URL('./load-worker.mjs', import.meta.url));
  private readonly queue: WorkerReport[] = [];
  private readonly waiters: Array<{ type: WorkerReport['type']; resolve: (r: WorkerReport) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (report: WorkerReport) => {
      if (report.type === 'error') return this.fail(new Error(`load worker: ${report.message}`));
      const i = this.waiters.findIndex((w) => w.type === report.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(report);
      else this.queue.push(report);
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  send(cmd: WorkerCommand): void {
    this.worker.postMessage(cmd);
  }

  next<T extends WorkerReport['type']>(type: T): Promise<Extract<WorkerReport, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    const i = this.queue.findIndex((r) => r.type === type);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as Extract<WorkerReport, { type: T }>);
    return new Promise((resolve, reject) => this.waiters.push({ type, resolve: resolve as (r: WorkerReport) => void, reject }));
  }

  async close(): Promise<void> {
    if (!this.failure) {
      this.send({ type: 'close' });
      await Promise.race([this.next('closed'), sleep(5000)]).catch(() => undefined);
    }
    await this.worker.terminate();
  }
}

/** Runs one scenario against one server (started fresh for it, stopped after). */
export async function relayRun(scenario: RelayScenario, kind: ServerKind, data: PlanData, options: RelayRunOptions): Promise<RelayResult> {
  const log = options.log ?? (() => {});
  const server = await serverChildStart(kind, {
    dataDir: data.dataDir,
    doc: { name: data.planId, update: data.docUpdate, scratchDir: data.dataDir },
    cpuProfileDir: kind === 'phuluc' ? (options.cpuProfileDir ?? undefined) : undefined,
  });
  const workers = Array.from({ length: Math.min(options.workers, scenario.clients) }, () => new LoadWorker());
  try {
    await sleep(500);
    const idle = procMemory(server.pid);

    const connectStart = performance.now();
    workers.forEach((w, k) => {
      const mine = data.accounts.slice(0, scenario.clients).flatMap((account, index) =>
        index % workers.length === k ? [{ index, token: kind === 'phuluc' ? account.token : null, unitId: account.unitId }] : [],
      );
      w.send({ type: 'connect', wsBase: server.wsBase, room: data.planId, clients: mine });
    });
    const ids = (await Promise.all(workers.map((w) => w.next('synced')))).flatMap((r) => r.clientIds);
    if (new Set(ids).size !== ids.length) throw new Error('two bench clients drew the same Yjs client id; run again');
    const connectSeconds = (performance.now() - connectStart) / 1000;
    log(`  ${kind}: ${scenario.clients} clients synced in ${connectSeconds.toFixed(1)} s (${workers.length} generator threads)`);
    await sleep(1000);
    const synced = procMemory(server.pid);

    // The schedule, on the clock every thread shares.
    const start = clockNow() + 300;
    const windowStart = start + options.warmupSeconds * 1000;
    const windowEnd = windowStart + options.measureSeconds * 1000;
    const seed = 1000 + Math.round(scenario.rate * 100) + scenario.clients;
    for (const w of workers) w.send({ type: 'run', start, windowStart, windowEnd, intervalMs: 1000 / scenario.rate, seed });
    await sleep(windowStart - clockNow());
    const serverCpu = cpuMeter(server.pid);
    const genCpu0 = process.cpuUsage();
    const genT0 = performance.now();
    await sleep(windowEnd - clockNow());
    const cpu = serverCpu.stop();
    const gen = process.cpuUsage(genCpu0);
    const genWall = performance.now() - genT0;
    const ran = await Promise.all(workers.map((w) => w.next('ran')));

    // Collect the logs until every measured edit reached every other client (bounded).
    const edits: EditLog = { client: [], clock: [], sentAt: [] };
    const arrivals: ArrivalLog = { receiver: [], client: [], clock: [], at: [] };
    let closes = 0;
    let propagation: Propagation;
    const drainUntil = performance.now() + 6000;
    for (;;) {
      for (const w of workers) w.send({ type: 'collect' });
      closes = 0;
      for (const logs of await Promise.all(workers.map((w) => w.next('logs')))) {
        for (const k of Object.keys(edits) as Array<keyof EditLog>) edits[k].push(...logs.edits[k]);
        for (const k of Object.keys(arrivals) as Array<keyof ArrivalLog>) for (const v of logs.arrivals[k]) arrivals[k].push(v);
        closes += logs.closes;
      }
      propagation = propagationCompute(edits, arrivals, scenario.clients - 1, { start: windowStart, end: windowEnd });
      if (propagation.undelivered === 0 || performance.now() > drainUntil) break;
      await sleep(300);
    }
    const after = procMemory(server.pid);
    const serverMetrics = kind === 'phuluc' ? await metricsFetch(server.port) : undefined;
    return {
      scenario: scenario.name,
      server: kind,
      clients: scenario.clients,
      rate: scenario.rate,
      measureSeconds: options.measureSeconds,
      editsPerSecond: propagation.measuredEdits / options.measureSeconds,
      deliveriesPerSecond: propagation.deliveriesInWindow / options.measureSeconds,
      latency: statsSummarize(propagation.deliveries),
      latencyAll: statsSummarize(propagation.allReceived),
      undelivered: propagation.undelivered,
      serverCpuPercent: cpu.cpuPercent,
      generatorCpuPercent: ((gen.user + gen.system) / 1000 / genWall) * 100,
      generatorLoopDelayP99Ms: Math.max(...ran.map((r) => r.loopDelayP99Ms)),
      sendLagP99Ms: statsSummarize(ran.flatMap((r) => r.sendLag)).p99,
      loadAverage: loadAverage(),
      connectSeconds,
      rssIdleMB: idle.rssMB,
      rssSyncedMB: synced.rssMB,
      rssAfterMB: after.rssMB,
      rssPeakMB: after.peakMB,
      closes,
      serverMetrics,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await server.stop();
  }
}

/** Phuluc's counters and the mean durable-commit time, from its Prometheus endpoint. */
async function metricsFetch(port: number): Promise<Record<string, number> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
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

/** Runs the selected scenarios on the selected servers; the same load on each. */
export async function relayBench(
  scenarios: readonly RelayScenario[],
  servers: readonly ServerKind[],
  options: RelayRunOptions,
): Promise<RelayResult[]> {
  const results: RelayResult[] = [];
  // The generator's first seconds of load (JIT, first GCs) inflate the tail of whichever server
  // comes first: warm it up on a discarded run, and alternate which server goes first.
  const warmScenario = RELAY_SCENARIOS[0] as RelayScenario;
  const warmData = await relayDataCreate(warmScenario);
  try {
    options.log?.('relay: warming up the load generator (discarded)');
    await relayRun(warmScenario, servers.includes('reference') ? 'reference' : 'phuluc', warmData, { ...options, warmupSeconds: 1, measureSeconds: Math.min(4, options.measureSeconds), cpuProfileDir: null });
  } finally {
    rmSync(warmData.dataDir, { recursive: true, force: true });
  }
  for (const [i, scenario] of scenarios.entries()) {
    options.log?.(`relay ${scenario.name}: ${scenario.clients} editors × ${scenario.rate} edits/s (${options.warmupSeconds} s warm-up, ${options.measureSeconds} s measured)`);
    const data = await relayDataCreate(scenario);
    try {
      for (const kind of i % 2 === 0 ? servers : [...servers].reverse()) {
        const r = await relayRun(scenario, kind, data, options);
        options.log?.(`  ${kind}: p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ${r.deliveriesPerSecond.toFixed(0)} deliveries/s, server CPU ${r.serverCpuPercent.toFixed(0)}%`);
        results.push(r);
      }
    } finally {
      rmSync(data.dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
