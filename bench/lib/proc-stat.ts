/**
 * CPU time and memory of another process (a server child) from /proc, so the load generator
 * can measure the server without sharing its event loop. Linux only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | null = null;

/** Kernel clock ticks per second (USER_HZ), for the utime/stime fields of /proc/PID/stat. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU seconds the process has used so far. */
export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / ticksPerSecond();
}

/** Resident memory now and at its peak, in MB of 10^6 bytes (VmRSS, VmHWM; the targets are in MB). */
export function procMemory(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMB: (kib('VmRSS') * 1024) / 1e6, peakMB: (kib('VmHWM') * 1024) / 1e6 };
}

/** The 1-minute load average (other people's work on a shared machine skews every figure). */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Measures CPU use of a process between `start()` and `stop()` as a percentage of one core. */
export function cpuMeter(pid: number): { stop: () => { cpuPercent: number; cpuSeconds: number; wallSeconds: number } } {
  const cpu0 = procCpuSeconds(pid);
  const t0 = performance.now();
  return {
    stop() {
      const cpuSeconds = procCpuSeconds(pid) - cpu0;
      const wallSeconds = (performance.now() - t0) / 1000;
      return { cpuPercent: (cpuSeconds / wallSeconds) * 100, cpuSeconds, wallSeconds };
    },
  };
}

/** Share of CPU time (all cores) spent idle over the next `ms` milliseconds, in %. */
export async function cpuIdlePercent(ms: number): Promise<number> {
  const read = (): { idle: number; total: number } => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return b.total > a.total ? ((b.idle - a.idle) / (b.total - a.total)) * 100 : 100;
}

/**
 * On a shared machine, waits (at most `maxSeconds`) until other people's work leaves the CPUs
 * at least `percent` idle over 5 s. Returns the idle share seen last and how long it waited.
 */
export async function idleWait(percent: number, maxSeconds: number): Promise<{ idlePercent: number; waitedSeconds: number }> {
  const start = performance.now();
  for (;;) {
    const idle = await cpuIdlePercent(5000);
    const waited = (performance.now() - start) / 1000;
    if (idle >= percent || waited >= maxSeconds) return { idlePercent: idle, waitedSeconds: waited };
  }
}
