/**
 * The activity feed reads as a story, not a keystroke log: the server audits every accepted
 * update (one per keystroke while someone types), so consecutive entries telling the same story
 * by the same person a few minutes apart are shown as one line with how many times.
 */
import type { ApiActivityEntry } from './review-api.ts';

/** Entries further apart than this are not folded together. */
export const ACTIVITY_FOLD_GAP_MS = 10 * 60 * 1000;

/** One line of the feed: the newest entry of a run and the number of entries in it. */
export interface ActivityLine {
  entry: ApiActivityEntry;
  count: number;
  /** Time of the oldest entry of the run. */
  since: number;
}

/** What an entry tells, as a key: equal for entries that read the same in any language. */
function activityKey(entry: ApiActivityEntry): string {
  return JSON.stringify([entry.actor, entry.story]);
}

/** Folds runs of identical stories (entries newest first). */
export function activityFold(entries: readonly ApiActivityEntry[]): ActivityLine[] {
  const lines: ActivityLine[] = [];
  for (const entry of entries) {
    const last = lines[lines.length - 1];
    if (last && activityKey(last.entry) === activityKey(entry) && last.entry.user?.id === entry.user?.id && last.since - entry.at <= ACTIVITY_FOLD_GAP_MS) {
      last.count += 1;
      last.since = entry.at;
    } else {
      lines.push({ entry, count: 1, since: entry.at });
    }
  }
  return lines;
}
