/**
 * The server's JSON API, as the web app uses it. The session is the HttpOnly cookie set by
 * login; errors come back as `{ error: { code, message } }` with a Vietnamese message, turned
 * into `ApiFailure` here.
 */
import type { PlanMeta, PlanRole, Unit } from '@phuluc/domain';

/** A failed API call: HTTP status, the server's error code and its (Vietnamese) message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
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

export interface ApiUser {
  id: string;
  username: string;
  name: string;
  role: 'admin' | 'user';
}

export interface ApiUnitRef {
  id: string;
  name: string;
}

export interface ApiPlanSummary {
  id: string;
  commune: string;
  province: string | null;
  year: number;
  title: string;
  tables: number;
  myRole: PlanRole;
  myUnit: ApiUnitRef | null;
}

export interface ApiTableSummary {
  id: string;
  title: string;
  template: string;
}

export interface ApiPlanDetail {
  plan: { id: string; commune: string; province: string | null; year: number; title: string; meta: PlanMeta };
  tables: ApiTableSummary[];
  myRole: PlanRole;
  myUnit: ApiUnitRef | null;
}

/** A JSON call to the API; a failure throws `ApiFailure` with the server's code and message. */
export async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiFailure(API_UNREACHABLE, 'network', error instanceof Error ? error.message : String(error));
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; retryAfter?: unknown } } | null)?.error;
    const retryHeader = Number(res.headers.get('retry-after'));
    const retryAfter = typeof err?.retryAfter === 'number' ? err.retryAfter : Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
    throw new ApiFailure(res.status, typeof err?.code === 'string' ? err.code : `http${res.status}`, typeof err?.message === 'string' ? err.message : res.statusText, retryAfter);
  }
  return data as T;
}

export function apiLogin(username: string, password: string): Promise<{ user: ApiUser }> {
  return request('POST', '/api/auth/login', { username, password });
}

export function apiLogout(): Promise<{ ok: true }> {
  return request('POST', '/api/auth/logout');
}

/** The signed-in user, or null without a (valid) session. */
export async function apiMe(): Promise<ApiUser | null> {
  try {
    const { user } = await request<{ user: ApiUser }>('GET', '/api/me');
    return user;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export async function apiPlans(): Promise<ApiPlanSummary[]> {
  const { plans } = await request<{ plans: ApiPlanSummary[] }>('GET', '/api/plans');
  return plans;
}

export function apiPlan(planId: string): Promise<ApiPlanDetail> {
  return request('GET', `/api/plans/${encodeURIComponent(planId)}`);
}

export async function apiUnits(): Promise<Unit[]> {
  const { units } = await request<{ units: Unit[] }>('GET', '/api/units');
  return units;
}
