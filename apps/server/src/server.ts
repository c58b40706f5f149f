/**
 * `serverStart`: one Node process serving the web app, the JSON API and the sync endpoint.
 * Opens (and migrates) the storage — the SQLite file, or PostgreSQL when configured — seeds the
 * units on first start and the demo when asked,
 * builds the context, listens, and attaches the sync endpoint to the same HTTP server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { sessionsPurgeExpired } from './auth/sessions.ts';
import type { ClusterInstance, PlanLeases } from './cluster/plan-leases.ts';
import { type RedisLink, redisConnect } from './cluster/redis-link.ts';
import type { AppContext } from './context.ts';
import { type DemoSeed, demoSeedIfEmpty } from './demo/demo-seed.ts';
import { configFromEnv } from './env.ts';
import { metricsCreate } from './metrics.ts';
import type { DocStore } from './store/doc-store.ts';
import { storageOpen } from './store/storage.ts';
import { reviewResetInstall } from './review/review-reset.ts';
import { DOC_HUB_DEFAULTS, DocHub } from './sync/doc-hub.ts';
import { idCreate } from './store/ids.ts';
import { type SyncEndpoint, syncAttach } from './sync/sync-endpoint.ts';
import { unitsDirectory } from './store/units.ts';

/** How to start. `webDir` defaults to PHULUC_WEB_DIR, else apps/web/dist. */
export interface ServerStartOptions {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of the SQLite file (default: PHULUC_DATABASE_URL, else none). */
  databaseUrl?: string | null;
  /** Redis shared by several servers (default: PHULUC_REDIS_URL, else none). */
  redisUrl?: string | null;
  demo?: boolean;
  webDir?: string;
  /** The document store, given the data directory (default: the storage's own); closed with the server. */
  docStore?: (dataDir: string) => DocStore;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext<DocHub>;
  /** The sync endpoint (its connections, and `recheck()` of sessions and roles). */
  sync: SyncEndpoint;
  /** Where the data is: the data directory, or the PostgreSQL address without its password. */
  storage: string;
  /** This server among several on one database (PostgreSQL), or null (SQLite: the only one). */
  instance: ClusterInstance | null;
  /** The demo this start created (accounts with their passwords), or null. */
  demo: DemoSeed | null;
  /** Stops accepting, closes the sync connections, flushes documents, closes the database. */
  close: () => Promise<void>;
}

/** The built web app next to this package: apps/web/dist. */
export function webDirDefault(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

const SESSION_PURGE_MS = 60 * 60 * 1000;

/** Starts the server; port 0 picks a free port (see `port` / `url` of the result). */
export async function serverStart(options: ServerStartOptions): Promise<RunningServer> {
  const config = configFromEnv(process.env, {
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    demo: options.demo ?? false,
    ...(options.webDir === undefined ? {} : { webDir: options.webDir }),
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
  });
  config.webDir ??= webDirDefault();
  const storage = await storageOpen(config);
  let store: DocStore | null = null;
  let leases: PlanLeases | null = null;
  let redis: RedisLink | null = null;
  try {
    const { sql } = storage;
    redis = config.redisUrl ? redisConnect(config.redisUrl) : null;
    const base = { config, sql, redis, units: await unitsDirectory(sql), metrics: metricsCreate() };
    store = options.docStore ? options.docStore(config.dataDir) : await storage.docStore('server');
    // Several servers on one database: plans are owned through leases; the address others reach
    // this server at is known once it listens.
    const instance: ClusterInstance = { id: idCreate(), url: '' };
    leases = storage.planLeases?.(instance, base.metrics.plansOwned) ?? null;
    const ctx: AppContext<DocHub> = { ...base, store, docs: new DocHub(store, base.metrics, DOC_HUB_DEFAULTS, undefined, leases) };
    reviewResetInstall(ctx.docs);
    await ctx.docs.ready();

    const app = createApp(ctx);
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    instance.url = config.internalUrl ?? internalUrlDefault(config.host, port);
    leases?.start();
    const endpoint = syncAttach(server, ctx);
    // Seeded only once the port is ours: a failed start must not swallow the one-time passwords.
    const demo = config.demo ? await demoSeedIfEmpty(ctx) : null;
    const purge = setInterval(() => void sessionsPurgeExpired(sql).catch(() => {}), SESSION_PURGE_MS);
    purge.unref();

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        clearInterval(purge);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await endpoint.close();
        server.closeAllConnections();
        await stopped;
        await ctx.docs.close();
        await leases?.close();
        await ctx.store.close();
        await redis?.close();
        await storage.close();
      })();
      return closing;
    };
    return {
      url: `http://${hostForUrl(config.host)}:${port}`,
      port,
      ctx,
      sync: endpoint,
      storage: storage.where,
      instance: leases ? instance : null,
      demo,
      close,
    };
  } catch (error) {
    await leases?.close().catch(() => {});
    await redis?.close();
    await store?.close().catch(() => {});
    await storage.close();
    throw error;
  }
}

/** Where the other servers reach this one by default: its host name when it listens everywhere. */
function internalUrlDefault(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? hostname() : hostForUrl(host);
  return `http://${name}:${port}`;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
