/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me`. A login answers the session
 * token (for clients without cookies) and sets the session cookie; failed logins are throttled
 * per username and per client address.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { passwordVerify, passwordVerifyNobody } from '../auth/passwords.ts';
import { type SessionUser, sessionCreate, sessionDelete, sessionFromToken, sessionTokenFromRequest } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { AUDIT_NO_PLAN, auditAppend } from '../store/audit.ts';
import { userByUsername } from '../store/users.ts';
import { type ApiDeps, type ApiEnv, clientAddress, jsonBodyParse, sessionCookieClear, sessionCookieSet, sessionRequired } from './http.ts';

const loginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  // Length-capped so a megabyte "password" cannot tie up scrypt.
  password: z.string().min(1).max(200),
});
const LOGIN_LABELS = { username: 'Tên đăng nhập', password: 'Mật khẩu' };

/** How a user is shown to the client. */
export function userJson(user: SessionUser): { id: string; username: string; name: string; role: SessionUser['role'] } {
  return { id: user.userId, username: user.username, name: user.name, role: user.role };
}

/** The auth routes, mounted under /api. A client address may fail 4× as often as one username (offices share an address). */
export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { config, db } = deps.ctx;
  const byUser = new LoginLimiter(config.loginMaxFailures, config.loginWindowMs);
  const byAddress = new LoginLimiter(config.loginMaxFailures * 4, config.loginWindowMs);
  const app = new Hono<ApiEnv>();

  app.post('/auth/login', async (c) => {
    const input = await jsonBodyParse(c, loginSchema, LOGIN_LABELS);
    const now = deps.now();
    const userKey = `user:${input.username.toLowerCase()}`;
    const addressKey = `ip:${clientAddress(c, config.trustProxy)}`;
    const wait = Math.max(byUser.retryAfter([userKey], now), byAddress.retryAfter([addressKey], now));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError('rateLimited', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`, {
        retryAfter: wait,
      });
    }
    const user = userByUsername(db, input.username);
    const ok = user && user.disabledAt === null ? await passwordVerify(input.password, user.passwordHash) : await passwordVerifyNobody(input.password);
    if (!user || !ok) {
      byUser.fail([userKey], now);
      byAddress.fail([addressKey], now);
      throw new ApiError('badCredentials');
    }
    byUser.clear(userKey);
    const session = sessionCreate(db, user.id, {
      ttlMs: config.sessionTtlMs,
      now,
      ip: addressKey.slice(3),
      userAgent: c.req.header('user-agent') ?? null,
    });
    auditAppend(db, { planId: AUDIT_NO_PLAN, userId: user.id, action: 'login', at: now });
    sessionCookieSet(c, deps, session.token, session.expiresAt);
    const sessionUser: SessionUser = { userId: user.id, username: user.username, name: user.name, role: user.role, expiresAt: session.expiresAt };
    return c.json({ token: session.token, user: userJson(sessionUser), expiresAt: session.expiresAt });
  });

  app.post('/auth/logout', (c) => {
    const token = sessionTokenFromRequest(c.req.raw.headers, new URL(c.req.url));
    if (token) {
      const user = sessionFromToken(db, token, deps.now());
      sessionDelete(db, token);
      if (user) auditAppend(db, { planId: AUDIT_NO_PLAN, userId: user.userId, action: 'logout', at: deps.now() });
    }
    sessionCookieClear(c, deps);
    return c.json({ ok: true });
  });

  app.get('/me', sessionRequired(deps), (c) => {
    const user = c.get('user');
    return c.json({ user: userJson(user), expiresAt: user.expiresAt });
  });

  return app;
}
