/** Where a request's session token comes from, and how sessions expire and slide. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestContext, testContextCreate, testUserAdd } from '../testing/api-context.ts';
import { sessionCreate, sessionFromToken, sessionsDeleteForUser, sessionsPurgeExpired, sessionTokenFromRequest } from './sessions.ts';

const TOKEN = 'A'.repeat(43);
const query = (q = '') => new URL(`http://localhost/sync/plan${q}`).searchParams;

describe('sessionTokenFromRequest', () => {
  it('reads the session cookie among others, from fetch Headers and from Node headers', () => {
    expect(sessionTokenFromRequest(new Headers({ cookie: `a=1; phuluc_session=${TOKEN}; b=2` }), query())).toBe(TOKEN);
    expect(sessionTokenFromRequest({ cookie: `phuluc_session=${TOKEN}` }, query())).toBe(TOKEN);
  });

  it('prefers an explicit bearer token, then ?token=, over the cookie', () => {
    const headers = { cookie: 'phuluc_session=cookie-token', authorization: 'Bearer bearer-token' };
    expect(sessionTokenFromRequest(headers, query('?token=query-token'))).toBe('bearer-token');
    expect(sessionTokenFromRequest({ cookie: 'phuluc_session=cookie-token' }, query('?token=query-token'))).toBe('query-token');
  });

  it('reads ?token= only when given the query (the sync endpoint), never from the headers alone', () => {
    expect(sessionTokenFromRequest({ cookie: 'phuluc_session=cookie-token' })).toBe('cookie-token');
    expect(sessionTokenFromRequest({})).toBeNull();
  });

  it('answers null when the request carries no token', () => {
    expect(sessionTokenFromRequest(new Headers({ cookie: 'other=1', authorization: 'Basic abc' }), query())).toBeNull();
  });
});

describe('sessions in the database', () => {
  let t: TestContext;
  let userId: string;
  beforeEach(async () => {
    t = await testContextCreate();
    userId = (await testUserAdd(t.ctx, { username: 'vhxh', name: 'Phòng Văn hóa - Xã hội' })).id;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('find the user of a fresh session and slide its expiry when used', async () => {
    const hour = 60 * 60 * 1000;
    const { token, expiresAt } = await sessionCreate(t.ctx.sql, userId, { ttlMs: 12 * hour, now: 0 });
    expect(expiresAt).toBe(12 * hour);
    const user = await sessionFromToken(t.ctx.sql, token, 6 * hour);
    expect(user).toEqual({ userId, username: 'vhxh', name: 'Phòng Văn hóa - Xã hội', role: 'user', expiresAt: 18 * hour });
    expect((await sessionFromToken(t.ctx.sql, token, 18 * hour - 1))?.userId).toBe(userId);
    expect(await sessionFromToken(t.ctx.sql, token, 30 * hour)).toBeNull();
  });

  it('refuse malformed and unknown tokens without touching the database', async () => {
    expect(await sessionFromToken(t.ctx.sql, 'short')).toBeNull();
    expect(await sessionFromToken(t.ctx.sql, TOKEN)).toBeNull();
  });

  it('end every session of a user (password change) and purge expired ones', async () => {
    const a = await sessionCreate(t.ctx.sql, userId, { ttlMs: 1000, now: 0 });
    await sessionCreate(t.ctx.sql, userId, { ttlMs: 1000, now: 0 });
    expect(await sessionsPurgeExpired(t.ctx.sql, 500)).toBe(0);
    expect(await sessionsDeleteForUser(t.ctx.sql, userId)).toBe(2);
    expect(await sessionFromToken(t.ctx.sql, a.token, 10)).toBeNull();
    await sessionCreate(t.ctx.sql, userId, { ttlMs: 1000, now: 0 });
    expect(await sessionsPurgeExpired(t.ctx.sql, 1000)).toBe(1);
  });

  it('refuse the session of a disabled account', async () => {
    const { token } = await sessionCreate(t.ctx.sql, userId, { ttlMs: 1000, now: 0 });
    await t.ctx.sql.run('UPDATE users SET disabled_at = 1 WHERE id = ?', [userId]);
    expect(await sessionFromToken(t.ctx.sql, token, 10)).toBeNull();
  });
});
