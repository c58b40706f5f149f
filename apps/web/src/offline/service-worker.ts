/**
 * The service worker: keeps the app's shell (index.html and the built /assets files) so that a
 * reload without network opens the app, which then opens the plan from IndexedDB and syncs when
 * the network is back. Only the shell: /api, /sync and /healthz are never answered from here (a
 * stale answer about rights or a session would be worse than none), and nothing else is kept.
 *
 * Built by vite.config.ts's `serviceWorkerBuild` to /sw.js (the root, so its scope is the whole
 * app), with the list of the build's files put in place of SHELL_MANIFEST; registered by
 * offline/service-worker-register.ts. Pages: network first (a new build is picked up at once),
 * the kept index.html when the network fails. Assets: named by content hash, so kept ones are
 * served as they are. A new build gets a new cache; the old one is dropped when it takes over.
 */

// The service worker's globals (the app's TypeScript lib is the DOM's, not the worker's).
interface ExtendableEventLike extends Event {
  waitUntil: (promise: Promise<unknown>) => void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith: (response: Promise<Response> | Response) => void;
}
interface ServiceWorkerScopeLike {
  readonly location: Location;
  readonly clients: { claim: () => Promise<void> };
  skipWaiting: () => Promise<void>;
  addEventListener: ((type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void) => void) & ((type: 'fetch', listener: (event: FetchEventLike) => void) => void);
}
const scope = self as unknown as ServiceWorkerScopeLike;

/** Replaced at build time by a JSON list of the built files ("/assets/index-….js", …); only ever built. */
const SHELL_MANIFEST = '__PHULUC_SHELL_MANIFEST__';
const shellFiles = JSON.parse(SHELL_MANIFEST) as string[];
/** One cache per build (the manifest names every file by its hash). */
const CACHE = `phuluc-shell-${manifestHash(SHELL_MANIFEST)}`;
const CACHE_PREFIX = 'phuluc-shell-';
const SHELL_PAGE = '/index.html';
/** The server's own paths: always the network. */
const SERVER_PATHS = /^\/(api|sync|healthz)(\/|$)/;

function manifestHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i += 1) h = (h * 33 + text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // index.html by its own name: the server answers every page with it.
      await cache.addAll([SHELL_PAGE, ...shellFiles.filter((f) => f !== SHELL_PAGE)]);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || SERVER_PATHS.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(pageFetch(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(assetFetch(request));
});

/** A page: the server's answer (kept as the shell), or the kept shell when the network fails. */
async function pageFetch(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('Content-Type') ?? '').includes('text/html')) {
      const cache = await caches.open(CACHE);
      await cache.put(SHELL_PAGE, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await caches.match(SHELL_PAGE);
    if (kept) return kept;
    throw error;
  }
}

/** An asset: the kept copy (named by its content, it never changes), else the network (kept for next time). */
async function assetFetch(request: Request): Promise<Response> {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}
