/**
 * Pinning the benchmark to cores, so the load generator is not what limits the servers:
 * `--pin 0:1` (or PHULUC_BENCH_PIN=0:1) runs every server child on CPU 0 (`taskset -c 0`) and
 * the bench process with its load-generator threads on CPU 1 (`taskset -a -p`), from the
 * cold-load bench on (the in-process benches run before, unpinned).
 */
import { execFileSync } from 'node:child_process';

export interface BenchPin {
  /** CPU list for the server children (taskset syntax). */
  server: string;
  /** CPU list for the bench process and its threads. */
  generator: string;
}

let pin: BenchPin | null = null;

/** Reads `--pin S:G` or PHULUC_BENCH_PIN; null when neither is given. */
export function benchPinParse(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchPin | null {
  const at = argv.findIndex((a) => a === '--pin' || a.startsWith('--pin='));
  const raw = at < 0 ? env.PHULUC_BENCH_PIN : (argv[at] as string).includes('=') ? (argv[at] as string).slice(6) : argv[at + 1];
  if (!raw) return null;
  const match = /^([\d,-]+):([\d,-]+)$/.exec(raw);
  if (!match) throw new Error(`--pin takes SERVER_CPUS:GENERATOR_CPUS (e.g. 0:1), not "${raw}"`);
  return { server: match[1] as string, generator: match[2] as string };
}

/** Pins this process (all its threads, and those it starts later) and remembers the servers' CPUs. */
export function benchPinApply(wanted: BenchPin | null): void {
  pin = wanted;
  if (!wanted) return;
  execFileSync('taskset', ['-a', '-cp', wanted.generator, String(process.pid)], { stdio: 'ignore' });
}

/** The command and arguments that start `args` with node on the servers' CPUs (or unpinned). */
export function benchServerCommand(args: readonly string[]): { command: string; args: string[] } {
  if (!pin) return { command: process.execPath, args: [...args] };
  return { command: 'taskset', args: ['-c', pin.server, process.execPath, ...args] };
}
