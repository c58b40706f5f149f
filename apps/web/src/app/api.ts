/**
 * The server's JSON API, as the web app uses it. Every answer is parsed with the domain's schema
 * of that route (`@phuluc/domain`'s api/, the one the server's answers are typed by), so a field
 * changed on one side fails the type check on the other, and an answer that still does not parse
 * at run time is a clear Vietnamese error instead of a crash further on. The session is the
 * HttpOnly cookie set by login; errors come back as `{ error: { code, message } }` with a
 * Vietnamese message, turned into `ApiFailure` here.
 */
import {
  type ApiErrorCode,
  apiErrorBodySchema,
  type ApiUser,
  loginResponseSchema,
  meResponseSchema,
  okResponseSchema,
  type PlanDetail,
  planDetailResponseSchema,
  planListResponseSchema,
  type PlanSummary,
  type Unit,
  type UnitRef,
  unitsResponseSchema,
} from '@phuluc/domain';
import type { z } from 'zod';
import { langCurrent, stringsFor } from '../i18n/strings.ts';

export type { ApiUser };
export type ApiUnitRef = UnitRef;
export type ApiPlanSummary = PlanSummary;
export type ApiPlanDetail = PlanDetail;

/** Why a call failed: the server's code, or the client's own (no answer, an answer not as agreed, an error without a body). */
export type ApiFailureCode = ApiErrorCode | 'network' | 'invalidResponse' | `http${number}`;

/** A failed API call: HTTP status, the error code and its (Vietnamese) message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiFailureCode,
    message: string,
    /** Seconds to wait before trying again (429), when the server said. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Status 0: the server could not be reached at all. */
export const API_UNREACHABLE = 0;

/** `fetch` on the same origin; no answer at all is an `ApiFailure` with status 0. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiFailure(API_UNREACHABLE, 'network', error instanceof Error ? error.message : String(error));
  }
}

/** The failure a non-2xx answer stands for, from its (already read) JSON body. */
export function apiFailureOf(res: Response, data: unknown): ApiFailure {
  const body = apiErrorBodySchema.safeParse(data);
  const retryHeader = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
  if (body.success) return new ApiFailure(res.status, body.data.error.code, body.data.error.message, retryAfter);
  return new ApiFailure(res.status, `http${res.status}`, res.statusText, retryAfter);
}

/** The JSON of an answer as `schema` reads it; an answer that is not as agreed is an `invalidResponse` failure. */
export function apiAnswerParse<S extends z.ZodType>(res: Response, data: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '';
  console.error('phuluc: the answer of', res.url || 'the server', 'is not as agreed', parsed.error);
  const t = stringsFor(langCurrent());
  throw new ApiFailure(res.status, 'invalidResponse', where ? t('app.error.badAnswerAt', { where }) : t('app.error.badAnswer'));
}

/** A JSON call to the API, its answer parsed with `schema`; a failure throws `ApiFailure`. */
export async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  const res = await apiFetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiFailureOf(res, data);
  return apiAnswerParse(res, data, schema);
}

/** Signs in; the server sets the session cookie. */
export function apiLogin(username: string, password: string): Promise<z.output<typeof loginResponseSchema>> {
  return request('POST', '/api/auth/login', loginResponseSchema, { username, password });
}

/** Signs out. */
export function apiLogout(): Promise<z.output<typeof okResponseSchema>> {
  return request('POST', '/api/auth/logout', okResponseSchema);
}

/** The signed-in user, or null without a (valid) session. */
export async function apiMe(): Promise<ApiUser | null> {
  try {
    const { user } = await request('GET', '/api/me', meResponseSchema);
    return user;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

/** The plans the signed-in user may see. */
export async function apiPlans(): Promise<ApiPlanSummary[]> {
  const { plans } = await request('GET', '/api/plans', planListResponseSchema);
  return plans;
}

/** One plan: its meta, its tables, and the user's role and unit in it. */
export function apiPlan(planId: string): Promise<ApiPlanDetail> {
  return request('GET', `/api/plans/${encodeURIComponent(planId)}`, planDetailResponseSchema);
}

/** The unit directory. */
export async function apiUnits(): Promise<Unit[]> {
  const { units } = await request('GET', '/api/units', unitsResponseSchema);
  return units;
}
