/**
 * The server's answers the review view reads over HTTP: the plan's people (names and units for
 * the user ids kept in comments and reviews) and the activity feed, a page at a time.
 */
import type { PlanRole } from '@phuluc/domain';
import { type ApiUnitRef, request } from '../app/api.ts';

/** One person of the plan. */
export interface ApiMember {
  id: string;
  name: string;
  role: PlanRole;
  unit: ApiUnitRef | null;
}

/** One line of the activity feed, already told as a Vietnamese sentence by the server. */
export interface ApiActivityEntry {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  action: string;
  user: { id: string; name: string } | null;
  unit: ApiUnitRef | null;
  sentence: string;
  changes: Array<{ tableId: string | null; rowId?: string | null; field?: string | null }>;
  detail: string | null;
}

/** A page of the feed, newest first; `next` is the cursor of the older page (null at the end). */
export interface ApiActivityPage {
  entries: ApiActivityEntry[];
  next: number | null;
}

export async function apiMembers(planId: string): Promise<ApiMember[]> {
  const { members } = await request<{ members: ApiMember[] }>('GET', `/api/plans/${encodeURIComponent(planId)}/members`);
  return members;
}

export function apiActivity(planId: string, options: { before?: number; limit?: number } = {}): Promise<ApiActivityPage> {
  const query = new URLSearchParams();
  if (options.before !== undefined) query.set('before', String(options.before));
  query.set('limit', String(options.limit ?? 20));
  return request('GET', `/api/plans/${encodeURIComponent(planId)}/activity?${query.toString()}`);
}
