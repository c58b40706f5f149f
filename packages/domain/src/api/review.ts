/**
 * The contracts of what the review view reads over HTTP:
 *
 *   GET /api/plans/:planId/members                       → `membersResponseSchema`
 *   GET /api/plans/:planId/activity?before=ID&limit=N    → `activityPageSchema`
 */
import { z } from 'zod';
import { activityActorSchema, activityStorySchema } from '../activity.ts';
import { auditChangeSchema } from '../audit.ts';
import { planRoleSchema, unitRefSchema } from './values.ts';

/** One person of a plan (comments and reviews keep only a user id). */
export const memberSchema = z.object({ id: z.string(), name: z.string(), role: planRoleSchema, unit: unitRefSchema.nullable() });
export type Member = z.infer<typeof memberSchema>;

/** The members' answer. */
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });

/** The activity feed's query: a page of at most `limit` entries older than the entry `before`. */
export const activityQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The names of its parameters, for validation messages. */
export const ACTIVITY_QUERY_LABELS = { before: 'before', limit: 'limit' } as const;

/** One place an update touched (the audit trail's own record: the rows an entry opens). */
export const activityChangeSchema = auditChangeSchema;

/**
 * One line of the activity feed: who (`actor`) did what (`story`), told by the client in its
 * language with `activityText`; `action` is the audit action as stored.
 */
export const activityEntrySchema = z.object({
  id: z.number().int(),
  /** Milliseconds since the epoch. */
  at: z.number(),
  action: z.string(),
  user: z.object({ id: z.string(), name: z.string() }).nullable(),
  unit: unitRefSchema.nullable(),
  actor: activityActorSchema,
  story: activityStorySchema,
  changes: z.array(activityChangeSchema),
  detail: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** A page of the feed, newest first; `next` is the cursor of the older page (null at the end). */
export const activityPageSchema = z.object({ entries: z.array(activityEntrySchema), next: z.number().int().nullable() });
export type ActivityPage = z.infer<typeof activityPageSchema>;
