/**
 * The tables the runner prints (markdown, so they paste into BENCHMARKS.md as they are), and the
 * issue's targets checked against the figures.
 */
import type { ColdLoadResult } from '../cold-load/cold-load-bench.ts';
import { EDIT_KIND_LABELS, EDIT_KINDS, type PermissionResult } from '../permission/permission-bench.ts';
import { PIPELINE_OP_LABELS, PIPELINE_OPS, type PipelineResult } from '../pipeline/pipeline-bench.ts';
import type { RelayResult } from '../relay/relay-bench.ts';
import { type Cell, fmt, ratio, tableMarkdown } from './table.ts';

/** Every measurement of one run. */
export interface BenchResults {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  quick: boolean;
  loadAverageStart: number;
  /** Where the servers and the load generator ran (taskset), when pinned. */
  pin?: { server: string; generator: string } | null;
  /** With --wait-idle: how idle the CPUs were before each part, after waiting how long. */
  waits: Array<{ part: string; idlePercent: number; waitedSeconds: number }>;
  relay?: RelayResult[];
  coldLoad?: ColdLoadResult;
  permission?: PermissionResult[];
  pipeline?: PipelineResult[];
}

/** The issue's targets (issue 3, "Tests and benchmark"). */
export const TARGETS = {
  p99At10Ms: 4,
  p99At50Ms: 10,
  lateJoinerMs: 100,
  permissionUs: 100,
  memoryGrowthMB: 25,
} as const;

function relayPair(results: readonly RelayResult[], scenario: string): { phuluc?: RelayResult; reference?: RelayResult } {
  return {
    phuluc: results.find((r) => r.scenario === scenario && r.server === 'phuluc'),
    reference: results.find((r) => r.scenario === scenario && r.server === 'reference'),
  };
}

export function relayTables(results: readonly RelayResult[]): string {
  const latency = tableMarkdown(
    'Relay: edit → other clients (ms; 500-row plan, stock y-websocket clients)',
    ['scenario', 'server', 'edits/s', 'deliveries/s', 'p50', 'p95', 'p99', 'max', 'p99 to last client', 'undelivered', 'server CPU %', 'generator CPU %', 'generator loop p99', 'load avg'],
    results.map((r) => [
      `${r.clients} × ${r.rate}/s`,
      r.server,
      fmt(r.editsPerSecond, 0),
      fmt(r.deliveriesPerSecond, 0),
      fmt(r.latency.p50, 2),
      fmt(r.latency.p95, 2),
      fmt(r.latency.p99, 2),
      fmt(r.latency.max, 1),
      fmt(r.latencyAll.p99, 2),
      r.undelivered,
      fmt(r.serverCpuPercent, 0),
      fmt(r.generatorCpuPercent, 0),
      fmt(r.generatorLoopDelayP99Ms, 1),
      fmt(r.loadAverage, 1),
    ]),
  );
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const ratios = tableMarkdown(
    'Relay: Phuluc / reference (same load, same run; < 1 is better for latency, CPU and memory)',
    ['scenario', 'p50', 'p95', 'p99', 'p99 to last client', 'deliveries/s', 'server CPU', 'RSS growth from 1 client (after GC)'],
    scenarios.map((name) => {
      const { phuluc: p, reference: r } = relayPair(results, name);
      const clients = p ?? r;
      return [
        clients ? `${clients.clients} × ${clients.rate}/s` : name,
        ratio(p?.latency.p50, r?.latency.p50),
        ratio(p?.latency.p95, r?.latency.p95),
        ratio(p?.latency.p99, r?.latency.p99),
        ratio(p?.latencyAll.p99, r?.latencyAll.p99),
        ratio(p?.deliveriesPerSecond, r?.deliveriesPerSecond),
        ratio(p?.serverCpuPercent, r?.serverCpuPercent),
        ratio(p ? p.memory.after.rssMB - p.memory.oneClient.rssMB : undefined, r ? r.memory.after.rssMB - r.memory.oneClient.rssMB : undefined),
      ];
    }),
  );
  const memory = tableMarkdown(
    'Server memory after a full GC (MB; RSS / JS heap + external): before any connection, one client (plan loaded), all synced, after the scenario',
    ['scenario', 'server', 'before', '1 client', 'all synced', 'after', 'RSS growth from before', 'RSS growth from 1 client', 'heap growth from 1 client', 'RSS under load', 'peak RSS', 'connect s', 'closes'],
    results.map((r) => {
      const m = r.memory;
      const both = (x: { rssMB: number; heapMB: number }): string => `${fmt(x.rssMB, 1)} / ${fmt(x.heapMB, 1)}`;
      return [
        `${r.clients} × ${r.rate}/s`,
        r.server,
        both(m.idle),
        both(m.oneClient),
        both(m.synced),
        both(m.after),
        fmt(m.after.rssMB - m.idle.rssMB, 1),
        fmt(m.after.rssMB - m.oneClient.rssMB, 1),
        fmt(m.after.heapMB - m.oneClient.heapMB, 1),
        fmt(r.rssLoadMB, 1),
        fmt(r.rssPeakMB, 1),
        fmt(r.connectSeconds, 1),
        r.closes,
      ];
    }),
  );
  const persist = results
    .filter((r) => r.server === 'phuluc' && r.serverMetrics)
    .map((r): Cell[] => {
      const m = r.serverMetrics as Record<string, number>;
      const count = m.phuluc_persist_seconds_count ?? 0;
      return [
        `${r.clients} × ${r.rate}/s`,
        m.phuluc_updates_received_total,
        m.phuluc_updates_persisted_total,
        m.phuluc_updates_rejected_total,
        count,
        fmt(count > 0 ? ((m.phuluc_persist_seconds_sum ?? 0) / count) * 1000 : Number.NaN, 2),
        fmt(count > 0 ? (m.phuluc_updates_persisted_total ?? 0) / count : Number.NaN, 2),
      ];
    });
  const metrics =
    persist.length > 0
      ? tableMarkdown(
          "Phuluc's own /metrics over the whole scenario (warm-up included)",
          ['scenario', 'updates received', 'persisted', 'rejected', 'commits', 'mean commit ms', 'updates per commit'],
          persist,
        )
      : '';
  return [latency, ratios, memory, metrics].filter(Boolean).join('\n');
}

export function coldLoadTables(r: ColdLoadResult): string {
  const p = r.median.phuluc;
  const ref = r.median.reference;
  const main = tableMarkdown(
    `Late joiner: ${r.items.toLocaleString('en')}-row plan (${r.rows} rows with sections), median of ${r.runs.length / Object.keys(r.median).filter((k) => r.median[k as 'phuluc']).length} fresh starts (ms)`,
    ['server', 'cold: connect → synced', 'cold: → table read', 'warm: connect → synced', 'memory for the loaded plan, after GC: RSS / heap MB'],
    [
      ['Phuluc (plan on disk, not loaded)', fmt(p?.cold.syncedMs, 0), fmt(p?.cold.readableMs, 0), fmt(p?.warm.syncedMs, 0), `${fmt(p?.rssGrowthMB, 1)} / ${fmt(p?.heapGrowthMB, 1)}`],
      ['reference (plan in memory)', fmt(ref?.cold.syncedMs, 0), fmt(ref?.cold.readableMs, 0), fmt(ref?.warm.syncedMs, 0), `${fmt(ref?.rssGrowthMB, 1)} / ${fmt(ref?.heapGrowthMB, 1)}`],
      ['Phuluc / reference', ratio(p?.cold.syncedMs, ref?.cold.syncedMs), ratio(p?.cold.readableMs, ref?.cold.readableMs), ratio(p?.warm.syncedMs, ref?.warm.syncedMs), '–'],
    ],
  );
  const steps = tableMarkdown(
    'Late joiner: the steps, in-process (median ms) and sizes',
    ['step', 'value'],
    [
      ['server: load the v2 snapshot into a Y.Doc', fmt(r.steps.serverLoadMs, 1)],
      ['server: encode the sync step 2 (v1, whole document)', fmt(r.steps.serverEncodeMs, 1)],
      ['client: Y.applyUpdate of it', fmt(r.steps.clientApplyMs, 1)],
      ['client: planDocReadTable', fmt(r.steps.tableReadMs, 1)],
      ['encoded size v1 (KiB)', fmt(r.v1Bytes / 1024, 0)],
      ['encoded size v2 (KiB)', fmt(r.v2Bytes / 1024, 0)],
    ],
  );
  return `${main}\n${steps}`;
}

export function permissionTable(results: readonly PermissionResult[]): string {
  const of = (items: number, kind: string): PermissionResult | undefined => results.find((r) => r.items === items && r.kind === kind);
  return tableMarkdown(
    'Permission check per update: updateAuthorize (inspection, client ids, permissionCheckChanges), editor role (µs)',
    [
      'edit',
      'bytes',
      'changes',
      '500 rows median',
      '500 rows p99',
      '5,000 rows median',
      '5,000 rows p99',
      '5,000 / 500',
      'same update re-checked (500 / 5,000)',
      'Y.applyUpdate median (500 / 5,000)',
    ],
    EDIT_KINDS.map((kind) => {
      const a = of(500, kind);
      const b = of(5000, kind);
      return [
        EDIT_KIND_LABELS[kind],
        fmt(a?.updateBytesMedian, 0),
        fmt(a?.changesPerUpdate, 1),
        fmt(a?.checkMedianUs, 1),
        fmt(a?.checkP99Us, 1),
        fmt(b?.checkMedianUs, 1),
        fmt(b?.checkP99Us, 1),
        ratio(b?.checkMedianUs, a?.checkMedianUs),
        `${fmt(a?.repeatUs, 1)} / ${fmt(b?.repeatUs, 1)}`,
        `${fmt(a?.applyMedianUs, 1)} / ${fmt(b?.applyMedianUs, 1)}`,
      ];
    }),
  );
}

export function pipelineTable(results: readonly PipelineResult[]): string {
  const of = (items: number, op: string): PipelineResult | undefined => results.find((r) => r.items === items && r.op === op);
  const blocked = (r: PipelineResult | undefined): string => (r ? `${fmtBlock(r.blockMedianMs)} / ${fmtBlock(r.blockMaxMs)}` : '–');
  return tableMarkdown(
    "Where a Phuluc server's time goes: each step in-process, the event loop's longest block while it ran (median / worst, ms) and the time until done (median ms)",
    ['step', '500 rows: loop blocked', '500 rows: done in', '5,000 rows: loop blocked', '5,000 rows: done in'],
    PIPELINE_OPS.map((op) => [PIPELINE_OP_LABELS[op], blocked(of(500, op)), fmt(of(500, op)?.medianMs, 2), blocked(of(5000, op)), fmt(of(5000, op)?.medianMs, 2)]),
  );
}

/** A block below the 1 ms resolution of the measurement reads "< 1". */
function fmtBlock(ms: number): string {
  return ms < 1 ? '< 1' : ms.toFixed(1);
}

/** The issue's targets next to the figures: met or not. */
export function targetsTable(results: BenchResults): string {
  const rows: Cell[][] = [];
  const verdict = (value: number | undefined, limit: number): string => (value === undefined || !Number.isFinite(value) ? 'not measured' : value <= limit ? 'met' : 'missed');
  const relay = results.relay ?? [];
  const at10 = relayPair(relay, '10x10');
  const at50 = relayPair(relay, '50x5');
  rows.push(['relay p99 at 10 editors × 10/s', `≤ ${TARGETS.p99At10Ms} ms`, fmt(at10.phuluc?.latency.p99, 2), fmt(at10.reference?.latency.p99, 2), verdict(at10.phuluc?.latency.p99, TARGETS.p99At10Ms)]);
  rows.push(['relay p99 at 50 editors × 5/s', `≤ ${TARGETS.p99At50Ms} ms`, fmt(at50.phuluc?.latency.p99, 2), fmt(at50.reference?.latency.p99, 2), verdict(at50.phuluc?.latency.p99, TARGETS.p99At50Ms)]);
  const cold = results.coldLoad?.median;
  rows.push(['late joiner, 5,000 rows (cold, connect → synced)', `≤ ${TARGETS.lateJoinerMs} ms`, fmt(cold?.phuluc?.cold.syncedMs, 0), fmt(cold?.reference?.cold.syncedMs, 0), verdict(cold?.phuluc?.cold.syncedMs, TARGETS.lateJoinerMs)]);
  const perm = results.permission ?? [];
  const worst = perm.length > 0 ? Math.max(...perm.map((r) => r.checkMedianUs)) : undefined;
  rows.push(['permission check per update (worst median, any size)', `≤ ${TARGETS.permissionUs} µs`, fmt(worst, 1), '–', verdict(worst, TARGETS.permissionUs)]);
  const growth = (r: RelayResult | undefined, from: 'idle' | 'oneClient'): number | undefined => (r ? r.memory.after.rssMB - r.memory[from].rssMB : undefined);
  rows.push([
    'server RSS growth (after GC), 50 editors: from before any connection (plan load included)',
    `≤ ${TARGETS.memoryGrowthMB} MB`,
    fmt(growth(at50.phuluc, 'idle'), 1),
    fmt(growth(at50.reference, 'idle'), 1),
    verdict(growth(at50.phuluc, 'idle'), TARGETS.memoryGrowthMB),
  ]);
  rows.push([
    'server RSS growth (after GC), 50 editors: from the plan loaded with 1 client',
    `≤ ${TARGETS.memoryGrowthMB} MB`,
    fmt(growth(at50.phuluc, 'oneClient'), 1),
    fmt(growth(at50.reference, 'oneClient'), 1),
    verdict(growth(at50.phuluc, 'oneClient'), TARGETS.memoryGrowthMB),
  ]);
  return tableMarkdown('Targets (issue 3)', ['target', 'limit', 'Phuluc', 'reference', 'verdict'], rows);
}

/** Everything measured, as markdown. */
export function reportMarkdown(results: BenchResults): string {
  const parts = [
    `Run ${results.date}, Node ${results.node}, ${results.cpus} CPUs (${results.cpuModel}), load average at start ${results.loadAverageStart}${results.pin ? `, servers pinned to CPU ${results.pin.server} and the load generator to CPU ${results.pin.generator}` : ''}${results.quick ? ', QUICK smoke run (figures not representative)' : ''}.\n`,
  ];
  if (results.waits.length > 0) {
    parts.push(
      tableMarkdown(
        'CPU idle before each part (--wait-idle)',
        ['part', 'idle %', 'waited s'],
        results.waits.map((w) => [w.part, fmt(w.idlePercent, 0), fmt(w.waitedSeconds, 0)]),
      ),
    );
  }
  if (results.relay?.length) parts.push(relayTables(results.relay));
  if (results.coldLoad) parts.push(coldLoadTables(results.coldLoad));
  if (results.permission?.length) parts.push(permissionTable(results.permission));
  if (results.pipeline?.length) parts.push(pipelineTable(results.pipeline));
  parts.push(targetsTable(results));
  return parts.join('\n');
}
