/**
 * Who is signed in, shared by every screen: `undefined` while asking the server, `null` when
 * nobody is. Set by login and logout, read once at start from GET /api/me.
 *
 * Offline: the last person signed in on this browser is remembered (their public identity, never
 * a credential — the session cookie stays the server's), so a reload without network lets them in
 * to their plans kept in IndexedDB, marked «Ngoại tuyến» (`useSessionOffline`); the server is asked
 * again as soon as the network is back, and decides.
 */
import { apiUserSchema } from '@phuluc/domain';
import { useSyncExternalStore } from 'react';
import { API_UNREACHABLE, ApiFailure, type ApiUser, apiMe } from './api.ts';

const IDENTITY_KEY = 'phuluc.session.identity';

let current: ApiUser | null | undefined;
/** True while `current` is the remembered identity, not yet confirmed by the server. */
let offline = false;
const listeners = new Set<() => void>();

function changed(): void {
  for (const cb of listeners) cb();
}

function identityRemember(user: ApiUser | null): void {
  try {
    if (user) window.localStorage.setItem(IDENTITY_KEY, JSON.stringify(user));
    else window.localStorage.removeItem(IDENTITY_KEY);
  } catch {
    // storage unusable: only a reload offline suffers
  }
}

function identityRemembered(): ApiUser | null {
  try {
    const raw = window.localStorage.getItem(IDENTITY_KEY);
    const parsed = apiUserSchema.safeParse(raw ? JSON.parse(raw) : null);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sessionUser(): ApiUser | null | undefined {
  return current;
}

/** The person signed in (by login, or the server's answer), or nobody (logout, session ended). */
export function sessionSet(user: ApiUser | null): void {
  current = user;
  offline = false;
  identityRemember(user);
  changed();
}

/** Asks the server who is signed in (at start, after a 4401 from the sync endpoint, and when the network is back). */
export async function sessionRefresh(): Promise<ApiUser | null> {
  try {
    const user = await apiMe();
    sessionSet(user);
    return user;
  } catch (failure) {
    // The server is unreachable: keep what we know, so a clerk working offline is not sent away;
    // at start, that is the person last signed in here.
    if (current === undefined) {
      const remembered = failure instanceof ApiFailure && failure.status === API_UNREACHABLE ? identityRemembered() : null;
      current = remembered;
      offline = remembered !== null;
      if (offline) window.addEventListener('online', () => void sessionRefresh(), { once: true });
      changed();
    }
    return current ?? null;
  }
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useSession(): ApiUser | null | undefined {
  return useSyncExternalStore(subscribe, () => current);
}

/** True while the person was let in offline with the identity remembered here («Ngoại tuyến»). */
export function useSessionOffline(): boolean {
  return useSyncExternalStore(subscribe, () => offline);
}
