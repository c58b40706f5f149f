/**
 * Where a request comes from, as the browser says it (`Origin`, `Sec-Fetch-Site`), and whether
 * the server lets it change anything. The session cookie is SameSite=Lax, so a page on another
 * port of the same host (same site, another origin) gets it sent along: the cookie proves who,
 * never from where. State-changing requests and the sync WebSocket are therefore accepted only
 * from the server's own origin (as the request's Host says) or an origin allowed in the
 * configuration. A request with neither header does not come from a page of a modern browser
 * (browsers send `Origin` on every cross-origin POST and every WebSocket): the CLI, scripts and
 * the y-websocket client in Node, which bring their own token, are let through.
 */

/** What the check needs to know about one request. */
export interface RequestOriginFacts {
  /** The `Origin` header, or null when absent. */
  origin: string | null;
  /** The `Sec-Fetch-Site` header, or null when absent. */
  fetchSite: string | null;
  /** The host the request was addressed to (`Host`, or `X-Forwarded-Host` behind a trusted proxy). */
  host: string | null;
  /** Whether the request reached the server (or its trusted proxy) over https. */
  https: boolean;
  /** Origins trusted like the server's own. */
  allowedOrigins: readonly string[];
}

/** `scheme://host[:port]` as browsers serialise it, or null for anything with a path, query, credentials or another scheme. */
export function originNormalise(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

/**
 * The origins that are the server itself for a request to `host`: its https origin, and its http
 * origin unless the request came over https (an http page must not act on an https site).
 */
export function requestSelfOrigins(host: string | null, https: boolean): string[] {
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return [];
  const origins = [originNormalise(`https://${host}`)];
  if (!https) origins.push(originNormalise(`http://${host}`));
  return origins.filter((o): o is string => o !== null);
}

/** True when the request may change state: same origin, an allowed origin, or no browser page behind it. */
export function requestOriginTrusted(facts: RequestOriginFacts): boolean {
  const origin = facts.origin === null ? null : originNormalise(facts.origin);
  const allowed = origin !== null && facts.allowedOrigins.includes(origin);
  const fetchSite = facts.fetchSite?.trim().toLowerCase() ?? null;
  // The browser itself says another site (or another origin of this site) made the request.
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return allowed;
  if (facts.origin === null) return true;
  // An Origin that is no origin ("null" from sandboxed frames and some redirects) is nobody we know.
  if (origin === null) return false;
  return allowed || requestSelfOrigins(facts.host, facts.https).includes(origin);
}

/** The first value of a comma-separated header (proxies append theirs). */
export function headerFirst(value: string | null | undefined): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}
