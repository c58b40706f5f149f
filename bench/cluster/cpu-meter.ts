/**
 * CPU meters for the cluster bench, from /proc (Linux): a group of processes (the server
 * instances an edit goes through, or every PostgreSQL process), and the whole machine — which,
 * on a machine shared with other people's work, says how much of the figures is someone else's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { procCpuSeconds } from '../lib/proc-stat.ts';

/** CPU seconds of `pids` (a process gone meanwhile counts what it had used when last read). */
export function pidsCpuMeter(pids: readonly number[]): { stop: () => { cpuSeconds: number; cpuPercent: number; wallSeconds: number } } {
  const read = (pid: number): number => {
    try {
      return procCpuSeconds(pid);
    } catch {
      return Number.NaN;
    }
  };
  const start = pids.map(read);
  const t0 = performance.now();
  return {
    stop() {
      const wallSeconds = (performance.now() - t0) / 1000;
      let cpu = 0;
      pids.forEach((pid, i) => {
        const delta = read(pid) - (start[i] as number);
        if (Number.isFinite(delta)) cpu += delta;
      });
      return { cpuSeconds: cpu, cpuPercent: (cpu / wallSeconds) * 100, wallSeconds };
    },
  };
}

/** Busy share of all CPUs (user + system + irq + steal…, not idle or iowait) between start and stop, in %. */
export function machineCpuMeter(): { stop: () => number } {
  const read = (): { idle: number; total: number } => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
  };
  const a = read();
  return {
    stop() {
      const b = read();
      return b.total > a.total ? (1 - (b.idle - a.idle) / (b.total - a.total)) * 100 : 0;
    },
  };
}

/** Every process named `postgres` on this machine (the server, its background workers, every backend). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
