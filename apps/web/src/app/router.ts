/**
 * A small client-side router with real paths (the server answers index.html for any path that
 * is not /api, /sync or a file): /dang-nhap, /ke-hoach, /ke-hoach/:planId[?bang=tableId], the
 * review overview /ke-hoach/:planId/duyet[?bang=tableId];
 * a saved version /ke-hoach/:planId/phien-ban/:versionId[?bang=tableId] and a comparison
 * /ke-hoach/:planId/so-sanh?bang=tableId&tu=<versionId|live>&den=<versionId|live>;
 * year-round tracking ("Theo dõi") /ke-hoach/:planId/theo-doi[?ky=periodId] and a period's report
 * /ke-hoach/:planId/bao-cao/:periodId[?don-vi=unitId] (the consolidated report without a unit).
 */
import { type MouseEvent, useSyncExternalStore } from 'react';

export const PATHS = {
  login: '/dang-nhap',
  plans: '/ke-hoach',
  plan: (planId: string, tableId?: string) => `/ke-hoach/${encodeURIComponent(planId)}${tableId ? `?bang=${encodeURIComponent(tableId)}` : ''}`,
  /** The plan's review overview ("Tổng quan duyệt"). */
  review: (planId: string, tableId?: string | null) => `/ke-hoach/${encodeURIComponent(planId)}/duyet${tableId ? `?bang=${encodeURIComponent(tableId)}` : ''}`,
  version: (planId: string, versionId: string, tableId?: string | null) =>
    `/ke-hoach/${encodeURIComponent(planId)}/phien-ban/${encodeURIComponent(versionId)}${tableId ? `?bang=${encodeURIComponent(tableId)}` : ''}`,
  compare: (planId: string, q: { tableId?: string | null; from?: string | null; to?: string | null }) => {
    const query = new URLSearchParams();
    if (q.tableId) query.set('bang', q.tableId);
    if (q.from) query.set('tu', q.from);
    if (q.to) query.set('den', q.to);
    return `/ke-hoach/${encodeURIComponent(planId)}/so-sanh?${query.toString()}`;
  },
  /** The plan's year-round tracking ("Theo dõi"), at a reporting period ("2026-03") or the current one. */
  tracking: (planId: string, periodId?: string | null) => `/ke-hoach/${encodeURIComponent(planId)}/theo-doi${periodId ? `?ky=${encodeURIComponent(periodId)}` : ''}`,
  /** A period's report: one department's (`unitId`) or the consolidated one. */
  report: (planId: string, periodId: string, unitId?: string | null) =>
    `/ke-hoach/${encodeURIComponent(planId)}/bao-cao/${encodeURIComponent(periodId)}${unitId ? `?don-vi=${encodeURIComponent(unitId)}` : ''}`,
} as const;

export type Route =
  | { name: 'login'; next: string | null }
  | { name: 'plans' }
  | { name: 'plan'; planId: string; tableId: string | null }
  | { name: 'review'; planId: string; tableId: string | null }
  | { name: 'version'; planId: string; versionId: string; tableId: string | null }
  | { name: 'compare'; planId: string; tableId: string | null; from: string | null; to: string | null }
  | { name: 'tracking'; planId: string; periodId: string | null }
  | { name: 'report'; planId: string; periodId: string; unitId: string | null }
  | { name: 'home' }
  | { name: 'notFound' };

/** What a location means (pure: tested without a browser). */
export function routeParse(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(search);
  if (path === '/') return { name: 'home' };
  if (path === PATHS.login) return { name: 'login', next: routeSafeNext(query.get('tiep')) };
  if (path === PATHS.plans) return { name: 'plans' };
  const plan = /^\/ke-hoach\/([^/]+)$/.exec(path);
  if (plan?.[1]) {
    let planId: string;
    try {
      planId = decodeURIComponent(plan[1]);
    } catch {
      return { name: 'notFound' };
    }
    return { name: 'plan', planId, tableId: query.get('bang') };
  }
  const review = /^\/ke-hoach\/([^/]+)\/duyet$/.exec(path);
  if (review?.[1]) {
    try {
      return { name: 'review', planId: decodeURIComponent(review[1]), tableId: query.get('bang') };
    } catch {
      return { name: 'notFound' };
    }
  }
  const tracking = /^\/ke-hoach\/([^/]+)\/theo-doi$/.exec(path);
  if (tracking?.[1]) {
    try {
      return { name: 'tracking', planId: decodeURIComponent(tracking[1]), periodId: query.get('ky') };
    } catch {
      return { name: 'notFound' };
    }
  }
  const report = /^\/ke-hoach\/([^/]+)\/bao-cao\/([^/]+)$/.exec(path);
  if (report?.[1] && report[2]) {
    try {
      return { name: 'report', planId: decodeURIComponent(report[1]), periodId: decodeURIComponent(report[2]), unitId: query.get('don-vi') };
    } catch {
      return { name: 'notFound' };
    }
  }
  const version = /^\/ke-hoach\/([^/]+)\/(?:phien-ban\/([^/]+)|(so-sanh))$/.exec(path);
  if (version?.[1]) {
    try {
      const planId = decodeURIComponent(version[1]);
      if (version[3]) return { name: 'compare', planId, tableId: query.get('bang'), from: query.get('tu'), to: query.get('den') };
      return { name: 'version', planId, versionId: decodeURIComponent(version[2] ?? ''), tableId: query.get('bang') };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

/** Any origin will do to resolve a path against: only whether it stays on it matters. */
const NEXT_BASE = 'https://phuluc.invalid';

/**
 * Only a path of this app may be a place to return to after login (no open redirect). It is
 * read as the browser will read it: `/\\host/x`, `/\t/host` and the like resolve to another host
 * (history.replaceState throws on them), so the path is resolved and must stay on this origin;
 * what is returned is that resolved path, query and fragment.
 */
export function routeSafeNext(next: string | null): string | null {
  if (!next?.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(next, NEXT_BASE);
  } catch {
    return null;
  }
  if (url.origin !== NEXT_BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('//') || path.startsWith(PATHS.login)) return null;
  return path;
}

/** The login page, remembering where to come back to. */
export function loginPath(next?: string): string {
  const safe = routeSafeNext(next ?? null);
  return safe ? `${PATHS.login}?tiep=${encodeURIComponent(safe)}` : PATHS.login;
}

const listeners = new Set<() => void>();
let snapshot = '';

function locationKey(): string {
  return `${window.location.pathname}${window.location.search}`;
}

function changed(): void {
  snapshot = locationKey();
  for (const cb of listeners) cb();
}

if (typeof window !== 'undefined') {
  snapshot = locationKey();
  window.addEventListener('popstate', changed);
}

/** Goes to `path` (a new history entry, or the current one replaced). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === locationKey()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  changed();
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const key = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => snapshot,
  );
  const q = key.indexOf('?');
  return routeParse(q < 0 ? key : key.slice(0, q), q < 0 ? '' : key.slice(q));
}

/** onClick for an <a href>: client-side navigation unless the person asked for a new tab. */
export function linkClick(event: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
