/** The cluster bench's markdown tables and the targets of issue 11. */
import { median } from '../lib/stats.ts';
import { type Cell, fmt, ratio, tableMarkdown } from '../lib/table.ts';
import { type ClusterRelayResult, RELAY_ARM_LABELS, type RelayArmKey } from './cluster-relay.ts';
import type { FailoverKill } from './failover.ts';
import { MEMORY_BUDGET_MB, type MemorySample, type PlanMemoryResult } from './plan-memory.ts';
import type { ThroughputResult } from './throughput.ts';

/** The targets of issue 11 ("Scale-out"). */
export const CLUSTER_TARGETS = { relayedP99Ratio: 2, durableUpdatesPerSecond: 1000 } as const;

export interface ClusterBenchResults {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  quick: boolean;
  /** `uptime` at the start and the end of the run. */
  uptimeStart: string;
  uptimeEnd?: string;
  /** The commit measured, and what of apps/ and packages/ differed from it. */
  commit: string;
  uncommitted: string[];
  pin: { server: string; generator: string } | null;
  waits: Array<{ part: string; idlePercent: number; waitedSeconds: number }>;
  relay?: ClusterRelayResult[];
  throughput?: ThroughputResult[];
  failover?: FailoverKill[];
  memory?: { idle: MemorySample; results: PlanMemoryResult[] };
}

const ARMS: readonly RelayArmKey[] = ['sqlite', 'owner', 'non-owner'];

/** Relay latency, every set-up side by side. */
export function relayTable(results: readonly ClusterRelayResult[]): string {
  const rows: Cell[][] = results.map((r) => [
    `${r.clients} × ${r.rate}/s`,
    RELAY_ARM_LABELS[r.arm],
    fmt(r.editsPerSecond, 0),
    fmt(r.deliveriesPerSecond, 0),
    fmt(r.latency.p50, 2),
    fmt(r.latency.p95, 2),
    fmt(r.latency.p99, 2),
    fmt(r.latency.max, 1),
    fmt(r.latencyAll.p99, 2),
    r.undelivered,
    fmt(r.serverCpuPercent, 0),
    fmt(r.machineBusyPercent, 0),
    fmt(r.generatorLoopDelayP99Ms, 1),
    r.closes,
    fmt(r.loadAverage, 1),
  ]);
  return tableMarkdown(
    'Relay: edit → other clients (ms; 500-row plan, stock y-websocket clients)',
    ['scenario', 'set-up', 'edits/s', 'deliveries/s', 'p50', 'p95', 'p99', 'max', 'p99 to last client', 'undelivered', 'server CPU %', 'machine busy %', 'generator loop p99', 'closes', 'load avg'],
    rows,
  );
}

/** p99 of each set-up and the ratios, per scenario. */
export function relayRatioTable(results: readonly ClusterRelayResult[]): string {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const rows: Cell[][] = scenarios.map((name) => {
    const by = new Map(results.filter((r) => r.scenario === name).map((r) => [r.arm, r]));
    const [a, b, c] = ARMS.map((arm) => by.get(arm));
    const cb = c && b ? c.latency.p99 / b.latency.p99 : Number.NaN;
    return [
      `${(a ?? b ?? c)?.clients ?? '?'} × ${(a ?? b ?? c)?.rate ?? '?'}/s`,
      `${fmt(a?.latency.p50, 2)} / ${fmt(a?.latency.p99, 2)}`,
      `${fmt(b?.latency.p50, 2)} / ${fmt(b?.latency.p99, 2)}`,
      `${fmt(c?.latency.p50, 2)} / ${fmt(c?.latency.p99, 2)}`,
      ratio(b?.latency.p99, a?.latency.p99),
      ratio(c?.latency.p50, b?.latency.p50),
      ratio(c?.latency.p95, b?.latency.p95),
      ratio(c?.latency.p99, b?.latency.p99),
      Number.isFinite(cb) ? (cb <= CLUSTER_TARGETS.relayedP99Ratio ? 'met' : 'missed') : '–',
    ];
  });
  return tableMarkdown(
    `Relay through the non-owner: ratios (target p99(c) / p99(b) ≤ ${CLUSTER_TARGETS.relayedP99Ratio}×)`,
    ['scenario', '(a) p50 / p99', '(b) p50 / p99', '(c) p50 / p99', 'p99 (b)/(a)', 'p50 (c)/(b)', 'p95 (c)/(b)', 'p99 (c)/(b)', 'target'],
    rows,
  );
}

/** Durable updates per second. */
export function throughputTable(results: readonly ThroughputResult[]): string {
  const rows: Cell[][] = results.map((r) => [
    `${r.plans} × ${r.clients / r.plans}`,
    fmt(r.offeredPerSecond, 0),
    r.metricsAnswered ? fmt(r.receivedPerSecond, 0) : 'no answer',
    fmt(r.persistedPerSecond, 0),
    fmt(r.meanCommitMs, 2),
    fmt(r.updatesPerCommit, 1),
    fmt(r.ownerCpuPercent, 0),
    fmt(r.postgresCpuPercent, 0),
    fmt(r.machineBusyPercent, 0),
    r.rejected,
    r.closes.length === 0 ? 'none' : r.closes.slice(0, 3).join('; '),
    r.drainSeconds >= 30 ? '> 30' : fmt(r.drainSeconds, 1),
    fmt(r.loadAverage, 1),
    `${r.persistedPerSecond >= CLUSTER_TARGETS.durableUpdatesPerSecond ? 'met' : 'missed'}${r.drainSeconds > 5 ? ' (falling behind)' : ''}`,
  ]);
  return tableMarkdown(
    `Throughput: durable updates/s one owner commits (each client ${results[0]?.ratePerClient ?? '?'} updates/s, the server's limit is 100 per connection; ${fmt(results[0]?.measureSeconds, 0)} s measured; durable counted in the database)`,
    ['plans × clients', 'offered/s', 'received/s', 'durable/s', 'mean commit ms', 'updates per commit', 'owner CPU %', 'PostgreSQL CPU %', 'machine busy %', 'rejected', 'closes', 'drain s', 'load avg', `≥ ${CLUSTER_TARGETS.durableUpdatesPerSecond}/s`],
    rows,
  );
}

/** One row per kill, then the median and the maximum. */
export function failoverTable(kills: readonly FailoverKill[]): string {
  const rows: Cell[][] = kills.map((k) => [
    k.kill,
    `${k.killed} → ${k.newOwner ?? '?'}`,
    fmt(k.ownerAfterMs, 0),
    fmt(k.syncedAfterMs, 0),
    fmt(k.convergedAfterMs, 0),
    `${k.trackedMarks} / ${k.typedMarks}`,
    k.lost,
    k.doubled,
    k.closes || 'none',
    fmt(k.restartMs, 0),
    fmt(k.loadAverage, 1),
  ]);
  const lease = kills.flatMap((k) => (k.ownerAfterMs === null ? [] : [k.ownerAfterMs]));
  const synced = kills.map((k) => k.syncedAfterMs ?? Number.POSITIVE_INFINITY);
  const converged = kills.map((k) => k.convergedAfterMs ?? Number.POSITIVE_INFINITY);
  const worst = (values: number[]): string => (Number.isFinite(Math.max(...values)) ? fmt(Math.max(...values), 0) : 'never');
  rows.push(['median', '', fmt(median(lease), 0), fmt(median(synced), 0), fmt(median(converged), 0), '', '', '', '', '', '']);
  rows.push(['max', '', worst(lease), worst(synced), worst(converged), '', '', '', '', '', '']);
  return tableMarkdown(
    'Failover: kill -9 of the owner → a new owner, → every client converged (ms)',
    ['kill', 'server killed → new owner', 'lease taken after', 'all clients synced after', 'converged after', 'marks waited for / typed', 'lost', 'doubled', 'client closes (code×n)', 'restart ms', 'load avg'],
    rows,
  );
}

/**
 * Plans of one size that fit in the memory budget next to an idle server: by the larger of the
 * two growths per plan (RSS after GC, JS heap + external), since RSS first fills memory the
 * process already held and the heap leaves out the threads' own memory.
 */
export function plansInBudget(idle: MemorySample, r: PlanMemoryResult): number {
  const perPlan = Math.max(r.perPlanRssMB, r.perPlanHeapMB);
  return perPlan > 0 ? Math.floor((MEMORY_BUDGET_MB - idle.rssMB) / perPlan) : Number.NaN;
}

/** Memory per loaded plan. */
export function memoryTable(memory: { idle: MemorySample; results: PlanMemoryResult[] }): string {
  const rows: Cell[][] = memory.results.map((r) => [
    `${r.rows.toLocaleString('en-US')} rows`,
    r.plans,
    `${fmt(r.before.rssMB, 0)} / ${fmt(r.before.heapMB, 0)}`,
    `${fmt(r.afterFirst.rssMB, 0)} / ${fmt(r.afterFirst.heapMB, 0)}`,
    `${fmt(r.afterAll.rssMB, 0)} / ${fmt(r.afterAll.heapMB, 0)}`,
    fmt(r.afterAll.vmRssMB, 0),
    fmt(r.perPlanRssMB, 2),
    fmt(r.perPlanVmRssMB, 2),
    fmt(r.perPlanHeapMB, 2),
    fmt(r.loadMs, 0),
    plansInBudget(memory.idle, r),
  ]);
  return tableMarkdown(
    `Memory per loaded plan, one server on PostgreSQL (MB; RSS / JS heap + external, after a full GC; idle server ${fmt(memory.idle.rssMB, 0)} / ${fmt(memory.idle.heapMB, 0)})`,
    ['plan size', 'plans', 'before', 'after the first', 'after all', 'VmRSS after all (no GC)', 'per plan: RSS', 'per plan: VmRSS', 'per plan: heap', 'load ms (median)', `plans in ${MEMORY_BUDGET_MB} MB (larger growth)`],
    rows,
  );
}

/** The targets of issue 11 and what was measured. */
export function clusterTargetsTable(results: ClusterBenchResults): string {
  const rows: Cell[][] = [];
  for (const name of [...new Set((results.relay ?? []).map((r) => r.scenario))]) {
    const b = results.relay?.find((r) => r.scenario === name && r.arm === 'owner');
    const c = results.relay?.find((r) => r.scenario === name && r.arm === 'non-owner');
    const x = b && c ? c.latency.p99 / b.latency.p99 : Number.NaN;
    rows.push([`relay p99 through the non-owner, ${b?.clients ?? '?'} × ${b?.rate ?? '?'}/s`, `≤ ${CLUSTER_TARGETS.relayedP99Ratio}× on the owner`, `${fmt(c?.latency.p99, 2)} / ${fmt(b?.latency.p99, 2)} ms = ${fmt(x, 2)}×`, x <= CLUSTER_TARGETS.relayedP99Ratio ? 'met' : 'missed']);
  }
  const best = Math.max(...(results.throughput ?? []).map((t) => t.persistedPerSecond));
  if (results.throughput?.length) {
    rows.push([
      'durable updates/s, one owner',
      `≥ ${CLUSTER_TARGETS.durableUpdatesPerSecond}/s`,
      results.throughput.map((t) => `${t.plans} × ${t.clients / t.plans}: ${fmt(t.persistedPerSecond, 0)}/s`).join('; '),
      best >= CLUSTER_TARGETS.durableUpdatesPerSecond ? 'met' : 'missed',
    ]);
  }
  if (results.failover?.length) {
    const converged = results.failover.map((k) => k.convergedAfterMs ?? Number.POSITIVE_INFINITY);
    const lost = results.failover.reduce((n, k) => n + k.lost + k.doubled, 0);
    rows.push(['failover, kill -9 of the owner (measured; no target given)', '–', `converged after ${fmt(median(converged), 0)} ms median, ${fmt(Math.max(...converged), 0)} ms max (${results.failover.length} kills)`, '–']);
    rows.push(['nothing lost or doubled over the kills', '0', String(lost), lost === 0 ? 'met' : 'missed']);
  }
  for (const r of results.memory?.results ?? []) {
    rows.push([
      `plans of ${r.rows.toLocaleString('en-US')} rows in ${MEMORY_BUDGET_MB} MB (measured; no target given)`,
      '–',
      `${fmt(Math.max(r.perPlanRssMB, r.perPlanHeapMB), 1)} MB each → ${plansInBudget(results.memory?.idle as MemorySample, r)}`,
      '–',
    ]);
  }
  return tableMarkdown('Targets (issue 11)', ['target', 'limit', 'measured', 'verdict'], rows);
}

/** Everything, for the console and bench/results/cluster.md. */
export function clusterReport(results: ClusterBenchResults): string {
  const parts = [
    `Run ${results.date}, Node ${results.node}, ${results.cpus} × ${results.cpuModel}; commit ${results.commit}${results.uncommitted.length > 0 ? ` with uncommitted changes in ${results.uncommitted.join(', ')}` : ''}.`,
    `uptime at start: ${results.uptimeStart}${results.uptimeEnd ? `; at end: ${results.uptimeEnd}` : ''}.`,
    '',
  ];
  if (results.relay?.length) parts.push(relayTable(results.relay), relayRatioTable(results.relay));
  if (results.throughput?.length) parts.push(throughputTable(results.throughput));
  if (results.failover?.length) parts.push(failoverTable(results.failover));
  if (results.memory) parts.push(memoryTable(results.memory));
  parts.push(clusterTargetsTable(results));
  return parts.join('\n');
}
