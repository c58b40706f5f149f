/**
 * One line of the activity feed: a dot coloured by what happened, the entry told in the UI's
 * language (the server sends stories; the domain's `activityText` tells them), and its time —
 * the span of the sitting when several entries were one stretch of work (`activitySittings`).
 */
import { type ActivitySitting, activityText } from '@phuluc/domain';
import type { Lang, TFunction } from '../i18n/strings.ts';
import type { ApiActivityEntry } from './review-api.ts';
import { timeSpanLabel } from './time-label.ts';

/** One line of the feed: a sitting of entries. */
export type ActivityLine = ActivitySitting<ApiActivityEntry>;

/** What kind of thing an entry is, for its colour: a reset, a refusal, a review, a comment or an edit. */
export type ActivityKind = 'reset' | 'rejected' | 'review' | 'comment' | 'edit';

/** The kind of an entry (a review or a comment anywhere in an update makes it one). */
export function activityKind(entry: ApiActivityEntry): ActivityKind {
  const story = entry.story;
  if (story.kind === 'reviewReset') return 'reset';
  if (story.kind === 'rejected') return 'rejected';
  if (story.kind !== 'update') return 'edit';
  const clauses = story.groups.flat();
  if (clauses.some((c) => c.kind === 'reviewed' || c.kind === 'reviewReset')) return 'review';
  if (clauses.some((c) => c.kind === 'commented')) return 'comment';
  return 'edit';
}

/** The content of one line, in `lang`. */
export function ActivityLineBody({ line, lang, t }: { line: ActivityLine; lang: Lang; t: TFunction }) {
  const { entry, since } = line;
  const span = since < entry.at;
  return (
    <>
      <span className={`rv-activity-dot rv-activity-dot--${activityKind(entry)}`} aria-hidden="true" />
      <span className="rv-activity-sentence">
        {activityText(entry, lang)}
      </span>
      <time
        className="rv-activity-time"
        dateTime={span ? `${new Date(since).toISOString()}/${new Date(entry.at).toISOString()}` : new Date(entry.at).toISOString()}
        title={span ? t('review.activity.span') : undefined}
      >
        {timeSpanLabel(since, entry.at)}
      </time>
    </>
  );
}
