/**
 * Request helpers shared by the API routes: the Hono environment, the session guard, the
 * same-origin guard on state-changing requests, reading and validating JSON bodies with the
 * domain's zod schemas (Vietnamese messages), answers typed by them, the client's address, the
 * session cookie.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { headerFirst, requestOriginTrusted } from '../auth/request-origin.ts';
import { cookieValue, SESSION_COOKIE, type SessionUser, sessionFromToken, sessionTokenFromRequest } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';

/** Hono's environment for the API: the session set by `sessionRequired`. */
export interface ApiEnv {
  Variables: { user: SessionUser; token: string };
}

/** The clock and the rest of what routes share besides the context. */
export interface ApiDeps {
  ctx: AppContext;
  now: () => number;
  /** Waits (the login brake); tests pass one that only records. */
  sleep: (ms: number) => Promise<void>;
}

const vietnamese = z.locales.vi();

/**
 * Validates `value` with `schema`; a failure is a `validation` ApiError whose message names the
 * first offending field by its Vietnamese label (from `labels`, else its path).
 */
export function inputParse<S extends z.ZodType>(schema: S, value: unknown, labels: Readonly<Record<string, string>> = {}): z.output<S> {
  const result = schema.safeParse(value, { error: vietnamese.localeError });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const name = labels[path] ?? (path || 'Dữ liệu');
  throw new ApiError('validation', `${name}: ${issue?.message ?? 'không hợp lệ'}`, { cause: result.error });
}

/**
 * Answers `body` as JSON, typed by the domain's schema of that answer (`@phuluc/domain`'s api/):
 * a field the schema lacks or names otherwise fails the type check here, as it would fail the
 * web client's parse. The schema is for the type only; `api-contract.test.ts` parses the real answers.
 */
export function jsonReply<S extends z.ZodType>(c: Context, _schema: S, body: z.input<S>, status: ContentfulStatusCode = 200): Response {
  return c.json(body as object, status);
}

/** The media type of a Content-Type header, lower-cased, without its parameters ('' when absent). */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The JSON body, unvalidated. Only `Content-Type: application/json` is read (415 otherwise): the
 * types a page of another site may send without asking (text/plain, forms) never reach a route.
 * A body that is not JSON is a `badRequest`.
 */
export async function jsonBodyRead(c: Context): Promise<unknown> {
  if (mediaTypeOf(c) !== 'application/json') throw new ApiError('unsupportedMediaType');
  try {
    return await c.req.json();
  } catch (error) {
    throw new ApiError('badRequest', 'Nội dung gửi lên không phải JSON hợp lệ.', { cause: error });
  }
}

/** The JSON body, validated (see `jsonBodyRead`). */
export async function jsonBodyParse<S extends z.ZodType>(c: Context, schema: S, labels?: Readonly<Record<string, string>>): Promise<z.output<S>> {
  return inputParse(schema, await jsonBodyRead(c), labels);
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403 `crossSite`) a state-changing request made by a page of another origin, before
 * any route runs — the session cookie alone says who, not from where (`auth/request-origin.ts`).
 */
export function sameOriginRequired(deps: Pick<ApiDeps, 'ctx'>): MiddlewareHandler {
  const { trustProxy, allowedOrigins } = deps.ctx.config;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const forwardedHost = trustProxy ? headerFirst(c.req.header('x-forwarded-host')) : null;
      const trusted = requestOriginTrusted({
        origin: c.req.header('origin') ?? null,
        fetchSite: c.req.header('sec-fetch-site') ?? null,
        host: forwardedHost ?? new URL(c.req.url).host,
        https: requestIsHttps(c, trustProxy),
        allowedOrigins,
      });
      if (!trusted) throw new ApiError('crossSite');
    }
    await next();
  };
}

/** The client's address: the socket's, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown';
  }
}

/** True when the browser reached us over https (directly or through a trusted proxy). */
export function requestIsHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && headerFirst(c.req.header('x-forwarded-proto')) === 'https';
}

/** Sets the HttpOnly, SameSite=Lax session cookie (Secure over https) to live until `expiresAt`. */
export function sessionCookieSet(c: Context, deps: ApiDeps, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: requestIsHttps(c, deps.ctx.config.trustProxy),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt - deps.now()) / 1000)),
  });
}

/** Removes the session cookie. */
export function sessionCookieClear(c: Context, deps: ApiDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: requestIsHttps(c, deps.ctx.config.trustProxy) });
}

/**
 * Guards a route: the request must carry a valid session (cookie or bearer token; never
 * `?token=`, which only the sync endpoint reads), else 401. Sets `user` and `token`; a cookie
 * session gets its cookie's lifetime slid too.
 */
export function sessionRequired(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const token = sessionTokenFromRequest(c.req.raw.headers);
    const user = token ? await sessionFromToken(deps.ctx.sql, token, deps.now()) : null;
    if (!token || !user) throw new ApiError('unauthenticated');
    c.set('user', user);
    c.set('token', token);
    if (cookieValue(c.req.header('cookie'), SESSION_COOKIE) === token) sessionCookieSet(c, deps, token, user.expiresAt);
    await next();
  };
}

/** How long a request waits for the store to make its change durable before answering 503. */
export const STORE_WAIT_MS = 15_000;

/**
 * Waits for `durable` (a write reaching the disk); when the store has not managed it within
 * STORE_WAIT_MS the request ends with `storeUnavailable` (the write is still queued and retried).
 */
export async function durableWithin<T>(durable: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ApiError('storeUnavailable')), STORE_WAIT_MS);
  });
  try {
    return await Promise.race([durable, late]);
  } finally {
    clearTimeout(timer);
  }
}
