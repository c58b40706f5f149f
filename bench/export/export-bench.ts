/**
 * The export benchmark: time and peak memory to export a 5,000-row table in each format, each
 * measured in a fresh child process (so one format's memory does not hide in another's), the
 * whole export as the server does it (validation, layout, file). Targets (issue 5): ≤ 2 s and
 * ≤ 300 MB peak for each format.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXPORT_FORMATS } from '@phuluc/server/src/exports/export.ts';
import { loadAverage } from '../lib/proc-stat.ts';
import { median } from '../lib/stats.ts';
import { type Cell, fmt, tableMarkdown } from '../lib/table.ts';

export const EXPORT_TARGETS = { seconds: 2, peakMB: 300 } as const;

/** One format's figures (medians over the runs; memory: the worst run). */
export interface ExportBenchResult {
  format: string;
  rows: number;
  runs: number;
  megabytes: number;
  refused: boolean;
  coldMs: number;
  coldCpuMs: number;
  /** CPU of the JavaScript thread alone: about the wall time on an idle machine. */
  coldMainCpuMs: number;
  warmMs: number;
  warmMainCpuMs: number;
  baselineMB: number;
  peakMB: number;
  loadAverage: number;
}

interface ChildOutput {
  format: string;
  rows: number;
  bytes: number;
  refused: boolean;
  coldMs: number;
  coldCpuMs: number;
  coldMainCpuMs: number;
  warmMs: number;
  warmMainCpuMs: number;
  baselineMB: number;
  peakMB: number;
}

/** Runs every format `runs` times, each run in its own process. */
export function exportBench(options: { quick: boolean; items?: number; log: (line: string) => void }): ExportBenchResult[] {
  const items = options.items ?? 5000;
  const runs = options.quick ? 1 : 3;
  const child = join(import.meta.dirname, 'export-child.ts');
  const results: ExportBenchResult[] = [];
  for (const format of EXPORT_FORMATS) {
    const outputs: ChildOutput[] = [];
    const load = loadAverage();
    for (let run = 0; run < runs; run += 1) {
      const res = spawnSync(process.execPath, ['--import', 'tsx', child, format, String(items)], { encoding: 'utf8', timeout: 300_000, cwd: import.meta.dirname });
      if (res.status !== 0) throw new Error(`export bench ${format}: ${res.stderr || res.error?.message}`);
      const line = res.stdout.trim().split('\n').pop() ?? '';
      outputs.push(JSON.parse(line) as ChildOutput);
    }
    const first = outputs[0] as ChildOutput;
    const result: ExportBenchResult = {
      format,
      rows: first.rows,
      runs,
      megabytes: first.bytes / 1e6,
      refused: outputs.some((o) => o.refused),
      coldMs: median(outputs.map((o) => o.coldMs)),
      coldCpuMs: median(outputs.map((o) => o.coldCpuMs)),
      coldMainCpuMs: median(outputs.map((o) => o.coldMainCpuMs)),
      warmMs: median(outputs.map((o) => o.warmMs)),
      warmMainCpuMs: median(outputs.map((o) => o.warmMainCpuMs)),
      baselineMB: median(outputs.map((o) => o.baselineMB)),
      peakMB: Math.max(...outputs.map((o) => o.peakMB)),
      loadAverage: load,
    };
    options.log(`export ${format}: ${fmt(result.coldMs, 0)} ms, peak ${fmt(result.peakMB, 0)} MB`);
    results.push(result);
  }
  return results;
}

/**
 * The results as a markdown table, with the verdict on the targets. Time is judged on the wall
 * clock; on a busy machine (load average above the core count) the wall clock measures the
 * other work too, and the JavaScript thread's CPU time is the figure an idle machine would show:
 * the verdict then says which it used.
 */
export function exportBenchTable(results: readonly ExportBenchResult[], cores: number): string {
  const verdict = (r: ExportBenchResult): string => {
    const busy = r.loadAverage > cores;
    const time = busy ? r.coldMainCpuMs : r.coldMs;
    const fast = time <= EXPORT_TARGETS.seconds * 1000;
    const small = r.peakMB <= EXPORT_TARGETS.peakMB;
    const basis = busy ? ' (time: JS-thread CPU, machine busy)' : '';
    return (fast && small ? 'met' : `missed (${[fast ? '' : 'time', small ? '' : 'memory'].filter(Boolean).join(', ')})`) + basis;
  };
  const rows: Cell[][] = results.map((r) => [
    r.format,
    r.rows,
    fmt(r.megabytes, 2),
    fmt(r.coldMs, 0),
    fmt(r.coldMainCpuMs, 0),
    fmt(r.coldCpuMs, 0),
    fmt(r.warmMs, 0),
    fmt(r.warmMainCpuMs, 0),
    fmt(r.baselineMB, 0),
    fmt(r.peakMB, 0),
    fmt(r.loadAverage, 1),
    verdict(r) + (r.refused ? ' (as a draft)' : ''),
  ]);
  return tableMarkdown(
    `Export: one table of ${results[0]?.rows ?? 0} rows per format (ms; MB = 10^6 bytes; fresh process per run; targets ≤ ${EXPORT_TARGETS.seconds} s, ≤ ${EXPORT_TARGETS.peakMB} MB peak)`,
    ['format', 'rows', 'file MB', 'cold wall', 'cold JS CPU', 'cold all CPU', 'warm wall', 'warm JS CPU', 'RSS before', 'peak RSS', 'load avg', 'targets'],
    rows,
  );
}
