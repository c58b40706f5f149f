/**
 * The server's configuration: read once from the environment, validated by zod, then
 * overridden by what the command line says. Nothing else reads `process.env`.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { originNormalise } from './auth/request-origin.ts';

const HOUR_MS = 60 * 60 * 1000;

const envSchema = z.object({
  PHULUC_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  PHULUC_HOST: z.string().min(1).default('127.0.0.1'),
  PHULUC_DATA_DIR: z.string().min(1).default('./data'),
  PHULUC_WEB_DIR: z.string().min(1).optional(),
  /**
   * Several servers on one database: where the others reach this one (http://host:port); by
   * default http://<host name>:<port> when listening on every address, else http://<host>:<port>.
   */
  PHULUC_INTERNAL_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, { error: 'một địa chỉ http://máy:cổng, không có đường dẫn' })
    .optional(),
  /** Several servers: Redis for what moves between them (the login brake's counts), redis://host:port. */
  PHULUC_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, { error: 'một địa chỉ redis://máy:cổng' })
    .optional(),
  /** Keep everything in PostgreSQL instead of the SQLite file in the data directory (postgres://…). */
  PHULUC_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'một địa chỉ postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu' })
    .optional(),
  /** Session lifetime in hours; each request slides it forward. */
  PHULUC_SESSION_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For and https from X-Forwarded-Proto. */
  PHULUC_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Origins besides the server's own that may send state-changing requests and open the sync
   * WebSocket with a session cookie, comma-separated (e.g. a dev server on another port that does
   * not proxy). Vite's `pnpm dev` proxy keeps the Host header, so it needs none.
   */
  PHULUC_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) {
        const origin = originNormalise(item);
        if (!origin) {
          ctx.addIssue({ code: 'custom', message: `«${item}» không phải một origin (http(s)://tên-máy[:cổng], không có đường dẫn)` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  /** Bearer token for `GET /metrics`; without it the endpoint is off (404). */
  PHULUC_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, { error: 'ít nhất 16 ký tự ASCII in được, không có khoảng trắng' })
    .optional(),
});

/** Everything the server's modules need to know about how they run. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file and anything else stored). */
  dataDir: string;
  /** PostgreSQL holds the data instead of the SQLite file (postgres://…); null: the SQLite file. */
  databaseUrl: string | null;
  /** Redis shared by the servers of one database (redis://…); null: none (limits per server). */
  redisUrl: string | null;
  /** Where the other servers on the same database reach this one; null: derived from host and port. */
  internalUrl: string | null;
  /** Seed the demo commune, plan and accounts on first start. */
  demo: boolean;
  /** The built web app to serve, or null to serve the "not built" page. */
  webDir: string | null;
  sessionTtlMs: number;
  trustProxy: boolean;
  /** Failed logins allowed per (username, client address) within `loginWindowMs`; an address alone may fail 4× as often. */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Largest JSON or imported file body accepted by the API. */
  maxBodyBytes: number;
  /** Other origins trusted like the server's own (see PHULUC_ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The bearer token `/metrics` asks for; null turns `/metrics` off. */
  metricsToken: string | null;
}

/** Reads the environment (PHULUC_*); a bad value is an Error naming the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Biến môi trường ${String(issue?.path[0] ?? '')} không hợp lệ: ${issue?.message ?? ''}`);
  }
  const e = parsed.data;
  return configCreate({
    port: e.PHULUC_PORT,
    host: e.PHULUC_HOST,
    dataDir: e.PHULUC_DATA_DIR,
    webDir: e.PHULUC_WEB_DIR ?? null,
    databaseUrl: e.PHULUC_DATABASE_URL ?? null,
    internalUrl: e.PHULUC_INTERNAL_URL ?? null,
    redisUrl: e.PHULUC_REDIS_URL ?? null,
    sessionTtlMs: Math.round(e.PHULUC_SESSION_HOURS * HOUR_MS),
    trustProxy: e.PHULUC_TRUST_PROXY,
    allowedOrigins: e.PHULUC_ALLOWED_ORIGINS,
    metricsToken: e.PHULUC_METRICS_TOKEN ?? null,
    ...overrides,
  });
}

/** A complete configuration from defaults and the given values (tests build theirs this way). */
export function configCreate(values: Partial<ServerConfig> & { dataDir: string }): ServerConfig {
  return {
    port: 8787,
    host: '127.0.0.1',
    demo: false,
    webDir: null,
    databaseUrl: null,
    internalUrl: null,
    redisUrl: null,
    sessionTtlMs: 12 * HOUR_MS,
    trustProxy: false,
    loginMaxFailures: 5,
    loginWindowMs: 5 * 60 * 1000,
    maxBodyBytes: 10 * 1024 * 1024,
    allowedOrigins: [],
    metricsToken: null,
    ...values,
    dataDir: resolve(values.dataDir),
  };
}
