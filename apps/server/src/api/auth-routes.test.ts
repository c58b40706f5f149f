/** Logging in and out through the API: sessions, cookies, wrong passwords, throttling, expiry. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { sessionTokenHash } from '../auth/sessions.ts';
import { AUDIT_NO_PLAN } from '../store/audit.ts';
import { bearer, TEST_PASSWORD, type TestContext, testApp, testContextCreate, testLogin, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
beforeEach(async () => {
  t = await testContextCreate();
  await testUserAdd(t.ctx, { username: 'kinhte', name: 'Nguyễn Văn Kinh' });
});
afterEach(async () => {
  await t.cleanup();
});

const login = (app: ReturnType<typeof testApp>, username: string, password: string, headers: Record<string, string> = {}) =>
  app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

describe('POST /api/auth/login', () => {
  it('answers the token and the user, and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await login(testApp(t.ctx), 'kinhte', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { username: string; name: string; role: string } };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({ username: 'kinhte', name: 'Nguyễn Văn Kinh', role: 'user' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`phuluc_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await testApp(t.ctx).request('https://phuluc.example/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kinhte', password: TEST_PASSWORD }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('stores only the SHA-256 of the token', async () => {
    const token = await testLogin(testApp(t.ctx), 'kinhte');
    const rows = await t.ctx.sql.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows).toEqual([{ token_hash: sessionTokenHash(token) }]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('accepts the username in any case and logs the login in the audit trail', async () => {
    await testLogin(testApp(t.ctx), 'KinhTe');
    const audit = await t.ctx.sql.all('SELECT plan_id, action FROM audit');
    expect(audit).toEqual([{ plan_id: AUDIT_NO_PLAN, action: 'login' }]);
  });

  it('refuses a wrong password and an unknown user alike, in Vietnamese', async () => {
    const app = testApp(t.ctx);
    const wrong = await login(app, 'kinhte', 'sai-mật-khẩu');
    const nobody = await login(app, 'khongco', TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    const body = await wrong.json();
    expect(body).toEqual({ error: { code: 'badCredentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    expect(await nobody.json()).toEqual(body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers a validation error for a missing password', async () => {
    const res = await testApp(t.ctx).request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kinhte' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toMatch(/^Mật khẩu: /);
  });

  it('answers badRequest for a body that is not JSON', async () => {
    const res = await testApp(t.ctx).request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'badRequest', message: 'Nội dung gửi lên không phải JSON hợp lệ.' } });
  });
});

describe('login throttling', () => {
  const noSleep = { waits: [] as number[], sleep: (ms: number) => (noSleep.waits.push(ms), Promise.resolve()) };
  beforeEach(() => {
    noSleep.waits = [];
  });
  /** An app behind a trusted proxy, so each test can come from the address it says. */
  const appAt = (now: () => number, config: Partial<typeof t.ctx.config> = {}) =>
    createApp({ ...t.ctx, config: { ...t.ctx.config, trustProxy: true, ...config } }, { now, sleep: noSleep.sleep });
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  it('five wrong passwords from another address do not lock the owner out', async () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    const app = appAt(() => now);
    for (let i = 0; i < 5; i += 1) expect((await login(app, 'kinhte', `đoán-${i}`, from('203.0.113.9'))).status).toBe(401);
    expect((await login(app, 'kinhte', TEST_PASSWORD, from('203.0.113.9'))).status).toBe(429);
    const owner = await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'));
    expect(owner.status).toBe(200);
  });

  it('refuses a sixth attempt on one username from one address within five minutes, even with the right password, and lets it in afterwards', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const app = appAt(() => now);
    for (let i = 0; i < 5; i += 1) expect((await login(app, 'kinhte', `sai-${i}-mật-khẩu`, from('198.51.100.7'))).status).toBe(401);
    const blocked = await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await blocked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rateLimited');
    expect(body.error.message).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.');
    now += 5 * 60 * 1000 + 1;
    expect((await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'))).status).toBe(200);
  });

  it('throttles one client address trying many usernames (four times the per-name allowance)', async () => {
    const app = appAt(() => Date.parse('2026-03-02T08:00:00Z'), { loginMaxFailures: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push((await login(app, `nguoi${i}`, 'đoán-mò-mật-khẩu', from('203.0.113.9'))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    // Another address is not concerned.
    expect((await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'))).status).toBe(200);
  });

  it('makes each further attempt on a username that keeps failing a little slower, a few seconds at most, from any address', async () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    const app = appAt(() => now);
    for (let i = 0; i < 8; i += 1) expect((await login(app, 'kinhte', `đoán-${i}`, from(`203.0.113.${i}`))).status).toBe(401);
    expect((await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'))).status).toBe(200);
    expect(noSleep.waits).toEqual([250, 500, 1000, 2000, 3000, 3000, 3000, 3000]);
    // A success forgets the failures: the next login is not slowed.
    expect((await login(app, 'kinhte', TEST_PASSWORD, from('198.51.100.7'))).status).toBe(200);
    expect(noSleep.waits).toHaveLength(8);
  });
});

describe('GET /api/me and POST /api/auth/logout', () => {
  it('knows who is logged in by bearer token or by cookie', async () => {
    const app = testApp(t.ctx);
    const token = await testLogin(app, 'kinhte');
    const byBearer = await app.request('/api/me', { headers: bearer(token) });
    const byCookie = await app.request('/api/me', { headers: { Cookie: `other=1; phuluc_session=${token}` } });
    expect(byBearer.status).toBe(200);
    expect(byCookie.status).toBe(200);
    expect(((await byBearer.json()) as { user: { username: string } }).user.username).toBe('kinhte');
    expect(byCookie.headers.get('set-cookie')).toContain('phuluc_session=');
  });

  it('a session token in the URL (?token=) opens nothing on the API', async () => {
    const app = testApp(t.ctx);
    const token = await testLogin(app, 'kinhte');
    expect((await app.request(`/api/me?token=${token}`)).status).toBe(401);
    expect((await app.request(`/api/plans?token=${token}`)).status).toBe(401);
  });

  it('answers 401 without a session', async () => {
    const res = await testApp(t.ctx).request('/api/me');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.' } });
  });

  it('ends the session on logout: the token no longer works and the cookie is cleared', async () => {
    const app = testApp(t.ctx);
    const token = await testLogin(app, 'kinhte');
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: bearer(token) });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/phuluc_session=;.*Max-Age=0/i);
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
  });

  it('answers 401 once the session has expired (12 hours without use)', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const app = testApp(t.ctx, () => now);
    const token = await testLogin(app, 'kinhte');
    now += 11 * 60 * 60 * 1000;
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(200);
    // Used at 11 h: the expiry slid to 23 h.
    now += 11 * 60 * 60 * 1000;
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(200);
    now += 12 * 60 * 60 * 1000 + 1;
    const res = await app.request('/api/me', { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('answers 401 for a session row that expired while the server was down', async () => {
    const app = testApp(t.ctx);
    const token = await testLogin(app, 'kinhte');
    await t.ctx.sql.run('UPDATE sessions SET expires_at = ?', [Date.now() - 1000]);
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
    expect(await t.ctx.sql.get('SELECT count(*) AS n FROM sessions')).toEqual({ n: 0 });
  });
});
