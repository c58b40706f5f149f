/**
 * With several servers on one database, a request that changes a plan's document (an import, a
 * version) is served by the server that owns the plan's live document: another server passes it
 * on whole — method, path, body, the session cookie or token — and returns the owner's answer.
 * The origin check has been made here already, so the request goes on without its Origin (the
 * owner treats it like any client that sends none) and marked as relayed (never relayed twice).
 * Reads are served where they land: from the store, as committed.
 */
import type { MiddlewareHandler } from 'hono';
import { sessionFromToken, sessionTokenFromRequest } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { FORWARDED_HEADER } from '../sync/sync-forward.ts';
import type { ApiDeps, ApiEnv } from './http.ts';

const PLAN_PATH = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})(\/|$)/;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Headers that describe one hop, or that the owner must not see from the browser. */
const HOP_HEADERS = ['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'origin', 'sec-fetch-site', 'referer'];

export function planWritesForward(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const ownerOf = deps.ctx.docs.ownerOf;
    const planId = PLAN_PATH.exec(c.req.path)?.[1];
    if (!ownerOf || !planId || READS.has(c.req.method)) return next();
    // Only a signed-in person makes a server take a plan (the route checks the rest).
    const token = sessionTokenFromRequest(c.req.raw.headers);
    if (!token || !(await sessionFromToken(deps.ctx.sql, token, deps.now()))) return next();
    const owner = await ownerOf(planId);
    if (owner === 'here' || owner === null) return next();
    if (c.req.header(FORWARDED_HEADER) !== undefined) throw new ApiError('planOwnerUnavailable');
    const headers = new Headers(c.req.raw.headers);
    for (const name of HOP_HEADERS) headers.delete(name);
    headers.set(FORWARDED_HEADER, '1');
    const url = new URL(c.req.url);
    let answer: Response;
    try {
      answer = await fetch(`${owner.url}${url.pathname}${url.search}`, {
        method: c.req.method,
        headers,
        body: c.req.raw.body,
        redirect: 'manual',
        // Node's fetch streams a request body only half-duplex.
        ...({ duplex: 'half' } as object),
      });
    } catch (error) {
      throw new ApiError('planOwnerUnavailable', undefined, { cause: error });
    }
    const out = new Headers(answer.headers);
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']) out.delete(name);
    return new Response(answer.body, { status: answer.status, headers: out });
  };
}
