/**
 * The activity feed's entries as structured stories, not sentences: the server reads the audit
 * trail against the live document (row numbers, column labels, table titles as they are now)
 * and sends what happened; each client tells it in its own language (activity-text.ts).
 */
import { z } from 'zod';
import { REVIEW_STATES } from './plan-doc-comments.ts';
import { TABLE_PARTS } from './plan-doc-layout.ts';

/** How a row is cited where it is now (numbers are computed, never stored): `tableRowRef`. */
export const tableRowRefSchema = z.discriminatedUnion('kind', [
  /** A numbered item row: "II.3" (numbering restarting per section) or "15" (continuous). */
  z.object({ kind: z.literal('item'), number: z.string() }),
  /** An item row without a number: its position among the table's items, from 1. */
  z.object({ kind: z.literal('itemAt'), position: z.number().int() }),
  /** A section row by its number ("II"), or by its title when it has none. */
  z.object({ kind: z.literal('section'), number: z.string() }),
  z.object({ kind: z.literal('sectionTitled'), label: z.string() }),
  /** A row that no longer exists. */
  z.object({ kind: z.literal('gone') }),
]);
export type TableRowRef = z.infer<typeof tableRowRefSchema>;

/** What an entry is about: a row (with its table's title when the plan has several tables) or a whole table (title null: removed since). */
export const activityPlaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('row'), row: tableRowRefSchema, table: z.string().nullable() }),
  z.object({ kind: z.literal('table'), title: z.string().nullable() }),
]);
export type ActivityPlace = z.infer<typeof activityPlaceSchema>;

/** A part of a table written as a whole (its title, columns, numbering, ...). */
export const activityTablePartSchema = z.enum(TABLE_PARTS);

/** A field of a row that was edited: a column (by its label now) or a row key told in words. */
export const activityFieldSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column'), label: z.string() }),
  z.object({ kind: z.literal('sectionTitle') }),
  z.object({ kind: z.literal('owners') }),
  z.object({ kind: z.literal('rowInfo') }),
]);
export type ActivityField = z.infer<typeof activityFieldSchema>;

/** One thing done, without its subject. */
export const activityClauseSchema = z.discriminatedUnion('kind', [
  /** The plan's meta (title, commune, ...). */
  z.object({ kind: z.literal('planEdited') }),
  /** Something about the plan the server could not place. */
  z.object({ kind: z.literal('planChanged') }),
  z.object({ kind: z.literal('tableAdded'), title: z.string() }),
  z.object({ kind: z.literal('tableRemoved') }),
  /** A part of a table (null: one this version does not name). */
  z.object({ kind: z.literal('tableEdited'), part: activityTablePartSchema.nullable(), title: z.string().nullable() }),
  z.object({ kind: z.literal('rowAdded'), place: activityPlaceSchema }),
  z.object({ kind: z.literal('rowDeleted') }),
  z.object({ kind: z.literal('rowMoved'), place: activityPlaceSchema }),
  z.object({ kind: z.literal('rowChanged'), place: activityPlaceSchema }),
  z.object({ kind: z.literal('sectionRenamed'), place: activityPlaceSchema }),
  z.object({ kind: z.literal('fieldsEdited'), fields: z.array(activityFieldSchema), place: activityPlaceSchema }),
  z.object({ kind: z.literal('commented'), place: activityPlaceSchema }),
  z.object({ kind: z.literal('commentDeleted'), place: activityPlaceSchema }),
  /** A review state set (null: recorded without its state). */
  z.object({ kind: z.literal('reviewed'), state: z.enum(REVIEW_STATES).nullable(), place: activityPlaceSchema }),
  z.object({ kind: z.literal('reviewReset'), place: activityPlaceSchema }),
]);
export type ActivityClause = z.infer<typeof activityClauseSchema>;

/** The clauses of an update, one group per row (or table) it touched, then how many more groups were left out. */
const activityGroupsShape = { groups: z.array(z.array(activityClauseSchema)), more: z.number().int().nonnegative() };

/** What an audit entry tells, by action. */
export const activityStorySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), ...activityGroupsShape }),
  /** Refused by the server; `reason` is the server's message. */
  z.object({ kind: z.literal('rejected'), ...activityGroupsShape, reason: z.string().nullable() }),
  /** Approved rows and tables back to pending because the actor edited them. */
  z.object({ kind: z.literal('reviewReset'), places: z.array(activityPlaceSchema), more: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('planCreated') }),
  z.object({ kind: z.literal('planDeleted') }),
  z.object({ kind: z.literal('versionSaved'), name: z.string() }),
  z.object({ kind: z.literal('login') }),
  z.object({ kind: z.literal('logout') }),
  /** An action this version does not know, as stored. */
  z.object({ kind: z.literal('other'), action: z.string(), detail: z.string().nullable() }),
]);
export type ActivityStory = z.infer<typeof activityStorySchema>;

/** Who did it: a person (their unit's name, else their own), a user deleted since, or the server itself. */
export const activityActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: z.string() }),
  z.object({ kind: z.literal('deletedUser') }),
  z.object({ kind: z.literal('system') }),
]);
export type ActivityActor = z.infer<typeof activityActorSchema>;

// ---------------------------------------------------------------------------------------------
// Sittings: the feed tells a stretch of work once

/**
 * Entries of one person telling the same story (the same cell edited, the same row moved) with
 * gaps shorter than this are one sitting. The server audits every accepted update, one per
 * keystroke while someone types: counted, they read as noise ("28 lần").
 */
export const ACTIVITY_SITTING_GAP_MS = 10 * 60 * 1000;

/** What `activitySittings` needs of an entry (the feed's `ActivityEntry` has it). */
export interface ActivitySittingEntry {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  user: { id: string } | null;
  actor: ActivityActor;
  story: ActivityStory;
}

/** One line of the feed: the newest entry of a sitting and when the sitting began. */
export interface ActivitySitting<E extends ActivitySittingEntry> {
  /** The newest entry (the line tells its story, at its place in the feed). */
  entry: E;
  /** Time of the oldest entry of the sitting (equal to `entry.at` for a sitting of one). */
  since: number;
  /** The ids of every entry folded into it, newest first (to open the row of any of them). */
  ids: number[];
}

/** Equal for entries by the same person that read the same in any language. */
function activitySittingKey(entry: ActivitySittingEntry): string {
  return JSON.stringify([entry.user?.id ?? null, entry.actor, entry.story]);
}

/**
 * The feed's entries (newest first) as sittings, newest first: each entry joins the sitting of
 * the same person and story whose oldest entry is less than `ACTIVITY_SITTING_GAP_MS` later,
 * whatever others did in between (two people typing at once each keep one line); otherwise it
 * starts one. A line shows a time span, never a count of updates.
 */
export function activitySittings<E extends ActivitySittingEntry>(entries: readonly E[], gapMs: number = ACTIVITY_SITTING_GAP_MS): ActivitySitting<E>[] {
  const sittings: ActivitySitting<E>[] = [];
  const open = new Map<string, ActivitySitting<E>>();
  for (const entry of entries) {
    const key = activitySittingKey(entry);
    const sitting = open.get(key);
    if (sitting && sitting.since - entry.at < gapMs) {
      sitting.since = Math.min(sitting.since, entry.at);
      sitting.ids.push(entry.id);
      continue;
    }
    const started: ActivitySitting<E> = { entry, since: entry.at, ids: [entry.id] };
    sittings.push(started);
    open.set(key, started);
  }
  return sittings;
}
