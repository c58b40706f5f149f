/** The app around the API: health, metrics, error shapes, and serving the web app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from './app.ts';
import { bearer, type TestContext, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from './testing/api-context.ts';

const METRICS_TOKEN = 'ma-so-lieu-0123456789abcdef';

let t: TestContext;
beforeEach(async () => {
  t = await testContextCreate();
});
afterEach(async () => {
  await t.cleanup();
});

describe('GET /healthz and GET /metrics', () => {
  it('answers ok when the database answers', async () => {
    const res = await createApp(t.ctx).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: true });
  });

  it('answers 503, saying so, when the database does not answer', async () => {
    await t.ctx.sql.close();
    const res = await createApp(t.ctx).request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, database: false });
  });

  it('exposes the sync metrics in Prometheus text format to the holder of the metrics token', async () => {
    t.ctx.metrics.wsConnections.inc(3);
    t.ctx.metrics.updatesReceived.inc(7);
    t.ctx.metrics.persistSeconds.observe(0.002);
    const res = await createApp({ ...t.ctx, config: { ...t.ctx.config, metricsToken: METRICS_TOKEN } }).request('/metrics', { headers: bearer(METRICS_TOKEN) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE phuluc_ws_connections gauge\nphuluc_ws_connections 3\n');
    expect(text).toContain('phuluc_updates_received_total 7\n');
    expect(text).toContain('phuluc_updates_rejected_total 0\n');
    expect(text).toContain('phuluc_updates_persisted_total 0\n');
    expect(text).toContain('phuluc_docs_loaded 0\n');
    expect(text).toContain('phuluc_persist_seconds_bucket{le="0.001"} 0\nphuluc_persist_seconds_bucket{le="0.0025"} 1\n');
    expect(text).toContain('phuluc_persist_seconds_count 1\n');
  });
});

describe('who may read /metrics', () => {
  it('/metrics is off (404) when no metrics token is configured', async () => {
    const res = await createApp(t.ctx).request('/metrics');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('phuluc_');
  });

  it('/metrics answers 401 without the token, with a wrong one, or with a session token', async () => {
    const app = createApp({ ...t.ctx, config: { ...t.ctx.config, metricsToken: METRICS_TOKEN } });
    await testUserAdd(t.ctx, { username: 'admin', admin: true });
    const session = await testLogin(app, 'admin');
    for (const headers of [{}, bearer(`${METRICS_TOKEN}x`), bearer(session), { Cookie: `phuluc_session=${session}` }]) {
      const res = await app.request(`/metrics?token=${METRICS_TOKEN}`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('phuluc_');
    }
  });
});

describe('errors', () => {
  it('answers an unknown API path with a JSON 404', async () => {
    const res = await createApp(t.ctx).request('/api/khong-co');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'notFound', message: 'Không tìm thấy.' } });
  });

  it('never leaks an internal error’s message or stack to the client', async () => {
    const plan = await testPlanTanThanh(t.ctx);
    await testUserAdd(t.ctx, { username: 'admin', admin: true });
    const broken = {
      ...t.ctx,
      docs: {
        withDoc: () => Promise.reject(new Error('SQLITE_CORRUPT at /srv/secret/path')),
      },
    };
    const app = createApp(broken);
    const token = await testLogin(app, 'admin');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request(`/api/plans/${plan.id}`, { headers: bearer(token) });
    const logCalls = logged.mock.calls.length;
    logged.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Lỗi máy chủ. Vui lòng thử lại sau.' } });
    expect(text).not.toContain('secret');
    expect(logCalls).toBe(1);
  });
});

describe('the web app', () => {
  it('says in Vietnamese that the web app is not built when there is none', async () => {
    const res = await createApp(t.ctx).request('/plans/abc');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('ứng dụng web chưa được dựng');
  });

  it('serves the built files, immutable assets, and index.html for any page', async () => {
    const web = mkdtempSync(join(tmpdir(), 'phuluc-web-'));
    try {
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
      writeFileSync(join(web, 'assets', 'main-abc123.js'), 'console.log(1)');
      const app = createApp({ ...t.ctx, config: { ...t.ctx.config, webDir: web } });
      const asset = await app.request('/assets/main-abc123.js');
      expect(await asset.text()).toBe('console.log(1)');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const page = await app.request('/plans/abc/edit');
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      // API paths stay JSON, never the page.
      expect((await app.request('/api/khong-co')).headers.get('content-type')).toContain('application/json');
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });

  it('every HTML page carries a Content-Security-Policy: scripts and styles from the server only, no framing, sync over ws(s) to itself', async () => {
    const web = mkdtempSync(join(tmpdir(), 'phuluc-web-'));
    try {
      writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
      const built = createApp({ ...t.ctx, config: { ...t.ctx.config, webDir: web } });
      const pages = [
        await built.request('http://127.0.0.1:8787/ke-hoach/abc'),
        await built.request('http://127.0.0.1:8787/index.html'),
        await createApp(t.ctx).request('http://127.0.0.1:8787/dang-nhap'),
      ];
      for (const page of pages) {
        expect(page.headers.get('content-type')).toContain('text/html');
        const csp = Object.fromEntries(
          (page.headers.get('content-security-policy') ?? '').split(';').map((d) => {
            const [name = '', ...values] = d.trim().split(/\s+/);
            return [name, values];
          }),
        );
        expect(csp['default-src']).toEqual(["'self'"]);
        expect(csp['script-src']).toEqual(["'self'"]);
        expect(csp['object-src']).toEqual(["'none'"]);
        expect(csp['frame-ancestors']).toEqual(["'none'"]);
        expect(csp['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:8787', 'wss://127.0.0.1:8787']);
        expect(csp['style-src']?.[0]).toBe("'self'");
        expect(csp['style-src']).not.toContain("'unsafe-inline'");
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
        expect(page.headers.get('x-frame-options')).toBe('DENY');
        expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      }
      // The "not built" page keeps its look under that policy: its one style block is allowed by hash.
      const notBuilt = await createApp(t.ctx).request('/');
      expect(await notBuilt.text()).not.toMatch(/style="/);
      // JSON answers are never sniffed as anything else.
      expect((await built.request('/api/khong-co')).headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });
});
