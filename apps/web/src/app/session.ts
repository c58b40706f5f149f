/**
 * Who is signed in, shared by every screen: `undefined` while asking the server, `null` when
 * nobody is. Set by login and logout, read once at start from GET /api/me.
 */
import { useSyncExternalStore } from 'react';
import { type ApiUser, apiMe } from './api.ts';

let current: ApiUser | null | undefined;
const listeners = new Set<() => void>();

export function sessionUser(): ApiUser | null | undefined {
  return current;
}

export function sessionSet(user: ApiUser | null): void {
  current = user;
  for (const cb of listeners) cb();
}

/** Asks the server who is signed in (at start, and after a 4401 from the sync endpoint). */
export async function sessionRefresh(): Promise<ApiUser | null> {
  try {
    const user = await apiMe();
    sessionSet(user);
    return user;
  } catch {
    // The server is unreachable: keep what we know, so a clerk working offline is not sent away.
    if (current === undefined) sessionSet(null);
    return current ?? null;
  }
}

export function useSession(): ApiUser | null | undefined {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
