/**
 * The servers under test, each started as a child process (its own event loop and core, apart
 * from the load generator): Phuluc (`serverStart`, what `phuluc serve` runs) and the reference
 * server, both with a memory probe on the IPC channel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { benchServerCommand } from './pin.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MemoryReport } from '../servers/memory-probe.ts';

/** The token the benchmarked servers want for `/metrics` (PHULUC_METRICS_TOKEN; without one it is off). */
export const BENCH_METRICS_TOKEN = 'phuluc-bench-metrics-token';

/** Headers of a `/metrics` request to a benchmarked server. */
export const BENCH_METRICS_HEADERS = { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` } as const;

export const REPO_ROOT = join(import.meta.dirname, '../..');
const BENCH_DIR = join(import.meta.dirname, '..');

/** Children still running: killed if the generator dies, so no server outlives a failed run. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export type ServerKind = 'phuluc' | 'reference';

/** Memory of a server child after a full GC: RSS, and the JS heap in use plus external buffers. */
export interface MemoryAfterGc {
  rssMB: number;
  heapMB: number;
}

/** A running server child. */
export interface ServerChild {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Base URL of the y-websocket endpoint (the provider appends `/<room>`). */
  wsBase: string;
  /** Its memory after a full garbage collection. */
  memoryAfterGc: () => Promise<MemoryAfterGc>;
  /** Stops the child (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop: () => Promise<void>;
}

export interface ServerChildOptions {
  /** Phuluc: the data directory. */
  dataDir?: string;
  /** Reference: the document to serve (name and v1 update), written to `scratchDir`. */
  doc?: { name: string; update: Uint8Array; scratchDir: string };
  /** Write a V8 CPU profile of the child into this directory when it exits. */
  cpuProfileDir?: string;
}

/** Starts a server child and resolves once it listens. */
export async function serverChildStart(kind: ServerKind, options: ServerChildOptions): Promise<ServerChild> {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  let args: string[];
  if (kind === 'phuluc') {
    if (!options.dataDir) throw new Error('phuluc child needs a data directory');
    args = [...profile, '--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'servers/phuluc-server.ts'), `--data=${options.dataDir}`];
  } else {
    const docArgs: string[] = [];
    if (options.doc) {
      const file = join(options.doc.scratchDir, `${options.doc.name}.ydoc`);
      writeFileSync(file, options.doc.update);
      // `=` form: a plan id may start with "-".
      docArgs.push(`--doc-name=${options.doc.name}`, `--doc-file=${file}`);
    }
    args = [...profile, '--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'servers/reference-server.ts'), ...docArgs];
  }
  const pinned = benchServerCommand(args);
  const child = spawn(pinned.command, pinned.args, {
    cwd: BENCH_DIR,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', PHULUC_METRICS_TOKEN: BENCH_METRICS_TOKEN },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 30 s\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code}) before listening\n${stderr}`));
    });
    lines.on('line', (line) => {
      try {
        const info = JSON.parse(line) as { port?: number };
        if (typeof info.port === 'number') {
          clearTimeout(timer);
          resolve(info.port);
        }
      } catch {
        // not the JSON line
      }
    });
  });
  const wsBase = kind === 'phuluc' ? `ws://127.0.0.1:${port}/sync` : `ws://127.0.0.1:${port}`;
  return { kind, pid: child.pid as number, port, wsBase, memoryAfterGc: () => memoryAsk(child), stop: () => childStop(child) };
}

/** The child's memory after a full GC (MB of 10^6 bytes). */
function memoryAsk(child: ChildProcess): Promise<MemoryAfterGc> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('server child did not report its memory'));
    }, 10_000);
    const onMessage = (message: MemoryReport): void => {
      if (message?.type !== 'memory') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ rssMB: message.rss / 1e6, heapMB: (message.heapUsed + message.external) / 1e6 });
    };
    child.on('message', onMessage);
    child.send('memory');
  });
}

async function childStop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
