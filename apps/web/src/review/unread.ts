/**
 * Which comments a person has not seen yet, kept in this browser: for each row, the time of the
 * newest comment when they last had its thread open. "Their rows" — whose comments count for the
 * badge and the notices — are, for an editor, the rows its unit leads; for the coordinator, every
 * row; for a reviewer, the rows where they wrote.
 */
import type { Actor, PlanComment } from '@phuluc/domain';
import { permissionIsManager } from '@phuluc/domain';

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

/** Whether a row's comments are the person's business (see the file comment). */
export function rowConcerns(actor: Actor, owners: readonly string[] | null, comments: readonly PlanComment[]): boolean {
  if (permissionIsManager(actor)) return true;
  if (actor.role === 'editor') return actor.unitId !== null && (owners ?? []).includes(actor.unitId);
  if (actor.role === 'reviewer') return comments.some((c) => c.author === actor.userId);
  return false;
}
