/** The app around the API: health, metrics, error shapes, and serving the web app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from './app.ts';
import { bearer, type TestContext, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from './testing/api-context.ts';

let t: TestContext;
beforeEach(() => {
  t = testContextCreate();
});
afterEach(() => t.cleanup());

describe('GET /healthz and GET /metrics', () => {
  it('answers ok when the database answers', async () => {
    const res = await createApp(t.ctx).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('exposes the sync metrics in Prometheus text format', async () => {
    t.ctx.metrics.wsConnections.inc(3);
    t.ctx.metrics.updatesReceived.inc(7);
    t.ctx.metrics.persistSeconds.observe(0.002);
    const res = await createApp(t.ctx).request('/metrics');
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

describe('errors', () => {
  it('answers an unknown API path with a JSON 404', async () => {
    const res = await createApp(t.ctx).request('/api/khong-co');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'notFound', message: 'Không tìm thấy.' } });
  });

  it('never leaks an internal error’s message or stack to the client', async () => {
    const plan = testPlanTanThanh(t.ctx);
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
});
