/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me`. A login answers the session
 * token (for clients without cookies) and sets the session cookie; failed logins are throttled
 * per (username, client address) and per client address, and slowed per username
 * (`auth/login-limiter.ts`).
 */
import { type ApiUser, AUDIT_ACTIONS, LOGIN_BODY_LABELS, loginBodySchema, loginResponseSchema, meResponseSchema, okResponseSchema } from '@phuluc/domain';
import { Hono } from 'hono';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { passwordVerify, passwordVerifyNobody } from '../auth/passwords.ts';
import { type SessionUser, sessionCreate, sessionDelete, sessionFromToken, sessionTokenFromRequest } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { redisFailureWindows } from '../cluster/redis-failures.ts';
import { AUDIT_NO_PLAN, auditAppend } from '../store/audit.ts';
import { userByUsername } from '../store/users.ts';
import { type ApiDeps, type ApiEnv, clientAddress, jsonBodyParse, jsonReply, sessionCookieClear, sessionCookieSet, sessionRequired } from './http.ts';

/** How a user is shown to the client. */
export function userJson(user: SessionUser): ApiUser {
  return { id: user.userId, username: user.username, name: user.name, role: user.role };
}

/** How long to wait, in Vietnamese: seconds under a minute, else whole minutes. */
function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

/** The auth routes, mounted under /api. */
export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { config, sql } = deps.ctx;
  const limiter = new LoginLimiter(config.loginMaxFailures, config.loginWindowMs, deps.ctx.redis ? redisFailureWindows(deps.ctx.redis) : undefined);
  const app = new Hono<ApiEnv>();

  app.post('/auth/login', async (c) => {
    const input = await jsonBodyParse(c, loginBodySchema, LOGIN_BODY_LABELS);
    const address = clientAddress(c, config.trustProxy);
    const wait = await limiter.retryAfter(input.username, address, deps.now());
    if (wait > 0) {
      throw new ApiError('rateLimited', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${waitText(wait)}.`, { retryAfter: wait });
    }
    const delay = await limiter.delayMs(input.username, deps.now());
    if (delay > 0) await deps.sleep(delay);
    const user = await userByUsername(sql, input.username);
    const ok = user && user.disabledAt === null ? await passwordVerify(input.password, user.passwordHash) : await passwordVerifyNobody(input.password);
    const now = deps.now();
    if (!user || !ok) {
      await limiter.fail(input.username, address, now);
      throw new ApiError('badCredentials');
    }
    await limiter.succeed(input.username, address);
    const session = await sessionCreate(sql, user.id, {
      ttlMs: config.sessionTtlMs,
      now,
      ip: address,
      userAgent: c.req.header('user-agent') ?? null,
    });
    await auditAppend(sql, { planId: AUDIT_NO_PLAN, userId: user.id, action: AUDIT_ACTIONS.login, at: now });
    sessionCookieSet(c, deps, session.token, session.expiresAt);
    const sessionUser: SessionUser = { userId: user.id, username: user.username, name: user.name, role: user.role, expiresAt: session.expiresAt };
    return jsonReply(c, loginResponseSchema, { token: session.token, user: userJson(sessionUser), expiresAt: session.expiresAt });
  });

  app.post('/auth/logout', async (c) => {
    const token = sessionTokenFromRequest(c.req.raw.headers);
    if (token) {
      const user = await sessionFromToken(sql, token, deps.now());
      await sessionDelete(sql, token);
      if (user) await auditAppend(sql, { planId: AUDIT_NO_PLAN, userId: user.userId, action: AUDIT_ACTIONS.logout, at: deps.now() });
    }
    sessionCookieClear(c, deps);
    return jsonReply(c, okResponseSchema, { ok: true });
  });

  app.get('/me', sessionRequired(deps), (c) => {
    const user = c.get('user');
    return jsonReply(c, meResponseSchema, { user: userJson(user), expiresAt: user.expiresAt });
  });

  return app;
}
