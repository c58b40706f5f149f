/**
 * The plan's activity, newest first with the time, told in the UI's language ("Phòng Kinh tế
 * sửa «Thời gian thực hiện» dòng II.3"; activity-line.tsx). The first page is read again a
 * moment after the document changes (the server has audited an update before it relays it),
 * older pages on "Xem thêm". A person's sitting on one cell (someone typing) shows as one line
 * with its time span (the domain's `activitySittings`); when a page folds into few lines, the
 * next page is read at once. An entry about a row opens its panel.
 */
import { activitySittings, planDocRowTableId } from '@phuluc/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { ApiFailure } from '../app/api.ts';
import { type TFunction, useLang } from '../i18n/strings.ts';
import { activityKind, ActivityLineBody } from './activity-line.tsx';
import { type ApiActivityEntry, apiActivity } from './review-api.ts';
import { useReview } from './review-context.tsx';

const PAGE = 40;
/** Fewer lines than this after folding: read the next page at once (once). */
const LINES_WANTED = 12;
const REFRESH_DELAY_MS = 700;

/** Entries merged by id, newest first. */
function merge(a: readonly ApiActivityEntry[], b: readonly ApiActivityEntry[]): ApiActivityEntry[] {
  const byId = new Map<number, ApiActivityEntry>();
  for (const e of a) byId.set(e.id, e);
  for (const e of b) byId.set(e.id, e);
  return [...byId.values()].sort((x, y) => y.id - x.id);
}

export function ActivityFeed({ planId, doc, t }: { planId: string; doc: Y.Doc; t: TFunction }) {
  const review = useReview();
  const lang = useLang();
  const [entries, setEntries] = useState<ApiActivityEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loadedOnce, setLoadedOnce] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const olderLoaded = useRef(false);
  const autoLoaded = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const page = await apiActivity(planId, { limit: PAGE });
      setEntries((prev) => merge(prev, page.entries));
      if (!olderLoaded.current) setNext(page.next);
      setError(null);
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.status !== 0 ? failure.message : t('review.activity.offline'));
    } finally {
      setLoadedOnce(true);
    }
  }, [planId, t]);

  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, refresh]);

  const more = useCallback(async (): Promise<void> => {
    if (next === null) return;
    setLoading(true);
    try {
      const page = await apiActivity(planId, { before: next, limit: PAGE });
      olderLoaded.current = true;
      setEntries((prev) => merge(prev, page.entries));
      setNext(page.next);
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.status !== 0 ? failure.message : t('review.activity.offline'));
    } finally {
      setLoading(false);
    }
  }, [next, planId, t]);

  const lines = activitySittings(entries);
  useEffect(() => {
    if (!loadedOnce || autoLoaded.current || next === null || lines.length >= LINES_WANTED) return;
    autoLoaded.current = true;
    void more();
  }, [loadedOnce, next, lines.length, more]);

  const rowOf = (entry: ApiActivityEntry): { tableId: string; rowId: string } | null => {
    for (const c of entry.changes) {
      if (!c.rowId) continue;
      const tableId = c.tableId ?? planDocRowTableId(doc, c.rowId);
      if (tableId && planDocRowTableId(doc, c.rowId) === tableId) return { tableId, rowId: c.rowId };
    }
    return null;
  };

  return (
    <div className="rv-activity" data-testid="activity-feed" data-loaded={entries.length}>
      {error ? (
        <p className="rv-muted" role="status">
          {error}
        </p>
      ) : null}
      {loadedOnce && entries.length === 0 && !error ? <p className="rv-muted">{t('review.activity.empty')}</p> : null}
      <ol className="rv-activity-list">
        {lines.map((line) => {
          const { entry } = line;
          const row = rowOf(entry);
          const body = <ActivityLineBody line={line} lang={lang} t={t} />;
          return (
            <li key={entry.id} className={`rv-activity-item rv-activity-item--${activityKind(entry)}`}>
              {row && review ? (
                <button type="button" className="rv-activity-button" title={t('review.activity.open')} onClick={() => review.openRow(row)}>
                  {body}
                </button>
              ) : (
                <div className="rv-activity-button">{body}</div>
              )}
            </li>
          );
        })}
      </ol>
      {next !== null ? (
        <button type="button" className="button button-small rv-more" onClick={() => void more()} disabled={loading}>
          {loading ? t('app.loading') : t('review.activity.more')}
        </button>
      ) : null}
    </div>
  );
}
