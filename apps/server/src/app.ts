/**
 * `createApp(ctx)`: the HTTP side of the server as a Hono app — the JSON API under /api,
 * /healthz, /metrics, and the built web app (or a page saying it is not built). The sync
 * endpoint is attached to the HTTP server separately (`sync/`), not routed here.
 * Every state-changing request must come from the server's own origin (or an allowed one), and
 * every HTML page carries a Content-Security-Policy.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authRoutes } from './api/auth-routes.ts';
import { exportRoutes } from './api/export-routes.ts';
import { importRoutes } from './api/import-routes.ts';
import { type ApiDeps, type ApiEnv, sameOriginRequired } from './api/http.ts';
import { planWritesForward } from './api/plan-forward.ts';
import { nextYearRoutes } from './api/next-year-routes.ts';
import { planRoutes } from './api/plan-routes.ts';
import { unitRoutes } from './api/unit-routes.ts';
import { versionRoutes } from './api/version-routes.ts';
import { headerFirst } from './auth/request-origin.ts';
import { reviewRoutes } from './review/review-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import type { AppContext } from './context.ts';
import { ApiError, apiErrorFrom, CODE_BY_HTTP_STATUS, HTTP_STATUS_BY_CODE } from './errors.ts';
import { METRICS_CONTENT_TYPE } from './metrics.ts';

/** Options for tests: a clock to move sessions and rate limits through time, and a wait that need not wait. */
export interface AppOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Hono's own exceptions (malformed requests, body limits) as our error type. */
function errorNormalise(error: unknown): ApiError {
  if (error instanceof HTTPException) return new ApiError(CODE_BY_HTTP_STATUS[error.status] ?? 'badRequest', undefined, { cause: error });
  return apiErrorFrom(error);
}

const NOT_BUILT_STYLE = 'body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5 }';
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Phuluc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${NOT_BUILT_STYLE}</style></head>
<body>
<h1>Phuluc</h1>
<p>Máy chủ đang chạy, nhưng ứng dụng web chưa được dựng (build).</p>
<p>Hãy chạy <code>pnpm --filter @phuluc/web build</code> rồi khởi động lại máy chủ. API vẫn hoạt động tại <code>/api</code>.</p>
</body></html>`;

const NOT_BUILT_STYLE_HASH = createHash('sha256').update(NOT_BUILT_STYLE).digest('base64');

/**
 * The Content-Security-Policy of every HTML page. The built app (Vite) loads its scripts, its
 * validation worker and its styles from /assets, sets styles only through the DOM (allowed), and
 * talks to /api and /sync on its own host; the "not built" page's one style block is allowed
 * by its hash. `ws(s)://host` is spelled out because older browsers do not count it as 'self'.
 */
function contentSecurityPolicy(host: string | null): string {
  const sockets = host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    `style-src 'self' 'sha256-${NOT_BUILT_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Equal tokens, compared in constant time (through their digests, so lengths do not show either). */
function tokensEqual(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Paths never answered by the web app: API and sync answer JSON 404s of their own. */
function pathIsServer(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/sync' || path.startsWith('/sync/') || path === '/healthz' || path === '/metrics';
}

/** Builds the app. Each call has its own login throttles, so tests do not share them. */
export function createApp(ctx: AppContext, options: AppOptions = {}): Hono<ApiEnv> {
  const deps: ApiDeps = {
    ctx,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const app = new Hono<ApiEnv>();

  app.onError((error, c) => {
    const apiError = errorNormalise(error);
    if (apiError.code === 'internal') console.error('Lỗi máy chủ:', apiError.cause ?? error);
    if (apiError.retryAfter !== undefined) c.header('Retry-After', String(apiError.retryAfter));
    return c.json(apiError.toBody(), HTTP_STATUS_BY_CODE[apiError.code]);
  });
  app.notFound((c) => c.json(new ApiError('notFound').toBody(), HTTP_STATUS_BY_CODE.notFound));

  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' }));
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.toLowerCase().startsWith('text/html')) {
      const forwarded = ctx.config.trustProxy ? headerFirst(c.req.header('x-forwarded-host')) : null;
      c.res.headers.set('Content-Security-Policy', contentSecurityPolicy(forwarded ?? new URL(c.req.url).host));
    }
  });
  app.use('*', sameOriginRequired(deps));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: ctx.config.maxBodyBytes,
      onError: () => {
        throw new ApiError('payloadTooLarge', `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(ctx.config.maxBodyBytes / 1024 / 1024)} MB).`);
      },
    }),
  );

  app.use('/api/plans/*', planWritesForward(deps));

  // Whether this server can serve: its database answers (else 503); with several servers, also
  // whether Redis does (without it the server still serves, its login brake counts alone).
  app.get('/healthz', async (c) => {
    const database = await ctx.sql.ping().then(
      () => true,
      () => false,
    );
    const body = { ok: database, database, ...(ctx.redis ? { redis: ctx.redis.ready() } : {}) };
    return c.json(body, database ? 200 : 503);
  });
  // For the monitoring system only, with its own token (PHULUC_METRICS_TOKEN); off without one.
  app.get('/metrics', (c) => {
    const expected = ctx.config.metricsToken;
    if (!expected) throw new ApiError('notFound');
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !tokensEqual(given, expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ApiError('unauthenticated', 'Cần mã truy cập số liệu (Authorization: Bearer) để xem /metrics.');
    }
    c.header('Cache-Control', 'no-store');
    return c.body(ctx.metrics.text(), 200, { 'Content-Type': METRICS_CONTENT_TYPE });
  });

  app.route('/api', authRoutes(deps));
  app.route('/api', planRoutes(deps));
  app.route('/api', unitRoutes(deps));
  app.route('/api', versionRoutes(deps));
  app.route('/api', reviewRoutes(deps));
  app.route('/api', importRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.route('/api', reportRoutes(deps));
  app.route('/api', nextYearRoutes(deps));

  webAppMount(app, ctx.config.webDir);
  return app;
}

/** Serves the built web app: its files, and index.html for any other page (the app routes itself). */
function webAppMount(app: Hono<ApiEnv>, webDir: string | null): void {
  const indexPath = webDir ? join(webDir, 'index.html') : null;
  const built = indexPath !== null && existsSync(indexPath);
  if (built && webDir) {
    const files = serveStatic<ApiEnv>({ root: webDir });
    app.get('*', (c, next) => {
      if (pathIsServer(c.req.path)) return next();
      // Vite names built assets by content hash: they never change (a miss falls through to no-cache).
      if (c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return files(c, next);
    });
  }
  app.get('*', (c, next) => {
    if (pathIsServer(c.req.path)) return next();
    if (!built || !indexPath) return c.html(NOT_BUILT_PAGE);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  });
}
