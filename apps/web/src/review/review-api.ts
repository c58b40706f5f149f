/**
 * The server's answers the review view reads over HTTP: the plan's people (names and units for
 * the user ids kept in comments and reviews) and the activity feed, a page at a time.
 */
import { type ActivityEntry, type ActivityPage, activityPageSchema, type Member, membersResponseSchema } from '@phuluc/domain';
import { request } from '../app/api.ts';

export type ApiMember = Member;
export type ApiActivityEntry = ActivityEntry;
export type ApiActivityPage = ActivityPage;

/** The people of the plan. */
export async function apiMembers(planId: string): Promise<ApiMember[]> {
  const { members } = await request('GET', `/api/plans/${encodeURIComponent(planId)}/members`, membersResponseSchema);
  return members;
}

/** A page of the activity feed, newest first, older than the entry `before`. */
export function apiActivity(planId: string, options: { before?: number; limit?: number } = {}): Promise<ApiActivityPage> {
  const query = new URLSearchParams();
  if (options.before !== undefined) query.set('before', String(options.before));
  query.set('limit', String(options.limit ?? 20));
  return request('GET', `/api/plans/${encodeURIComponent(planId)}/activity?${query.toString()}`, activityPageSchema);
}
