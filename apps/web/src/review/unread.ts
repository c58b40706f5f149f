/**
 * Which comments a person has not seen yet, kept in this browser: for each row, the time of the
 * newest comment when they last had its thread open. "Their rows" — whose comments count for the
 * badge and the notices — are the domain's `reviewRowConcerns`.
 */
import type { PlanComment } from '@phuluc/domain';

/** Row id → ISO time of the newest comment seen. */
export type SeenMap = Readonly<Record<string, string>>;

const storageKey = (planId: string, userId: string): string => `phuluc.review.seen.${planId}.${userId}`;

/** What this browser remembers for a person and a plan ({} when nothing, or storage is unusable). */
export function seenLoad(planId: string, userId: string): SeenMap {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(planId, userId));
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** Remembers the map (storage full or private mode: it lasts for this tab only). */
export function seenSave(planId: string, userId: string, seen: SeenMap): void {
  try {
    globalThis.localStorage?.setItem(storageKey(planId, userId), JSON.stringify(seen));
  } catch {
    // nothing to do: the badge will count these comments again next time
  }
}

/** The map with the row's thread seen up to its newest comment (the same map when nothing changes). */
export function seenMark(seen: SeenMap, rowId: string, comments: readonly PlanComment[]): SeenMap {
  const newest = comments.reduce<string | undefined>((max, c) => (max === undefined || c.at > max ? c.at : max), undefined);
  if (newest === undefined || (seen[rowId] !== undefined && (seen[rowId]) >= newest)) return seen;
  return { ...seen, [rowId]: newest };
}

/** Comments by others written after the row was last seen. */
export function unreadOf(comments: readonly PlanComment[], seenAt: string | undefined, selfUserId: string): PlanComment[] {
  return comments.filter((c) => c.author !== selfUserId && (seenAt === undefined || c.at > seenAt));
}
