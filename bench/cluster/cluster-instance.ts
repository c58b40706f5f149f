/**
 * Phuluc server processes for the cluster bench, on one PostgreSQL database: `phuluc serve` as
 * an operator starts it (the relay, throughput and failover parts kill -9 and restart them on
 * the same port), or the bench's own server child (`servers/phuluc-server.ts`: `serverStart`
 * with the memory probe, given the database through PHULUC_DATABASE_URL) for the memory part,
 * which wants the RSS after a full GC. Every process started here is killed if the bench
 * process exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MemoryReport } from '../servers/memory-probe.ts';
import { benchServerCommand } from '../lib/pin.ts';
import { BENCH_METRICS_HEADERS, BENCH_METRICS_TOKEN, type MemoryAfterGc, REPO_ROOT } from '../lib/server-child.ts';

const SERVER_DIR = join(REPO_ROOT, 'apps/server');
const PHULUC_BIN = join(SERVER_DIR, 'bin/phuluc.mjs');
const PROBE_SERVER = join(import.meta.dirname, '../servers/phuluc-server.ts');

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One server process on the cluster's database. */
export interface ServeProcess {
  /** Its address as the other servers see it (`owner_url` of the leases it holds). */
  url: string;
  port: number;
  pid: number;
  /** Base of the sync endpoint for a y-websocket provider (it appends `/<planId>`). */
  wsBase: string;
  /** What it wrote to stderr lately (for failure messages). */
  stderr: () => string;
  /** Its counters and gauges from `/metrics` (an empty record when it does not answer). */
  metrics: () => Promise<Record<string, number>>;
  /** kill -9, resolved once the process is gone. */
  kill: () => Promise<void>;
  /** SIGTERM (SIGKILL after 10 s), resolved once the process is gone. */
  stop: () => Promise<void>;
  /** The memory-probe child only: its memory after a full GC. */
  memoryAfterGc: () => Promise<MemoryAfterGc>;
}

export interface ServeOptions {
  dataDir: string;
  databaseUrl: string;
  /** 0 (the default) picks a free port; a restart passes the port it had. */
  port?: number;
  /** Start the bench's server child with the memory probe (`servers/phuluc-server.ts`) instead of `phuluc serve`. */
  probe?: boolean;
}

/** Starts a server on the cluster's database and resolves once it listens. */
export async function serveStart(options: ServeOptions): Promise<ServeProcess> {
  const port = String(options.port ?? 0);
  const args = options.probe
    ? ['--expose-gc', '--import', 'tsx', PROBE_SERVER, `--data=${options.dataDir}`, `--port=${port}`]
    : [PHULUC_BIN, 'serve', '--port', port, '--host', '127.0.0.1', '--json', '--data', options.dataDir, '--database', options.databaseUrl];
  const command = benchServerCommand(args);
  const child = spawn(command.command, command.args, {
    cwd: SERVER_DIR,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.probe ? (['ipc'] as const) : [])],
    env: { ...process.env, NODE_ENV: 'production', PHULUC_METRICS_TOKEN: BENCH_METRICS_TOKEN, PHULUC_DATABASE_URL: options.databaseUrl },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${stderr}`)), 60_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        // `phuluc serve --json` prints its url; the probe child only its port (on 127.0.0.1).
        const info = JSON.parse(line) as { url?: string; port?: number };
        if (typeof info.port === 'number') {
          clearTimeout(timer);
          resolve({ url: info.url ?? `http://127.0.0.1:${info.port}`, port: info.port });
        }
      } catch {
        // not the JSON line
      }
    });
  });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (gone()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url: started.url,
    port: started.port,
    pid: child.pid as number,
    wsBase: `${started.url.replace(/^http/, 'ws')}/sync`,
    stderr: () => stderr,
    metrics: () => metricsRead(started.url),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    memoryAfterGc: () => memoryAsk(child),
  };
}

/** A server's Prometheus counters and gauges (histogram buckets keep their `{le="…"}`). */
export async function metricsRead(url: string): Promise<Record<string, number>> {
  try {
    // A saturated server answers late: wait for it rather than read nothing.
    const res = await fetch(`${url}/metrics`, { headers: BENCH_METRICS_HEADERS, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) return {};
    const out: Record<string, number> = {};
    for (const line of (await res.text()).split('\n')) {
      const m = /^(phuluc_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
      if (m) out[m[1] as string] = Number(m[2]);
    }
    return out;
  } catch {
    return {};
  }
}

/** The probe child's memory after a full GC (MB of 10^6 bytes), asked over IPC. */
function memoryAsk(child: ChildProcess): Promise<MemoryAfterGc> {
  if (!child.send) return Promise.reject(new Error('not a memory-probe child'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('server child did not report its memory'));
    }, 20_000);
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
