/**
 * "Tổng quan duyệt": the leaders' view of a plan, live — review progress and "6 rõ"
 * completeness, a table's own review state, the year's timeline by due quarter, who is online
 * and where, completeness per department, rows per section, the activity feed, and the rows to
 * review one by one. Shown by the plan page in place of the grid (same document, same
 * connection); everyone with access sees it, only reviewers and the coordinator get the buttons.
 */
import type { UnitDirectory } from '@phuluc/domain';
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useT } from '../i18n/strings.ts';
import { ActivityFeed } from '../review/activity-feed.tsx';
import { useReview } from '../review/review-context.tsx';
import { Headline, OnlineCard, RowsCard, SectionsCard, UnitsCard } from '../review/review-cards.tsx';
import { TimelineChart } from '../review/timeline-chart.tsx';
import { useReviewData } from '../review/use-review-data.ts';

export interface ReviewPageProps {
  planId: string;
  doc: Y.Doc;
  awareness: Awareness;
  units: UnitDirectory;
  planYear: number;
  selfUserId: string;
  /** The table to open on (the grid's active tab). */
  tableId: string | null;
}

/** The quarter we are in, when the plan is for this year. */
function quarterNow(planYear: number): number | null {
  const now = new Date();
  return now.getFullYear() === planYear ? Math.floor(now.getMonth() / 3) + 1 : null;
}

export function ReviewPage({ planId, doc, awareness, units, planYear, selfUserId, tableId }: ReviewPageProps) {
  const t = useT();
  const review = useReview();
  const data = useReviewData(doc, units, planYear);
  const [chosen, setChosen] = useState<string | null>(tableId);
  /** The rows list's unit filter: undefined all, null rows without a unit. */
  const [unit, setUnit] = useState<string | null | undefined>(undefined);

  // Others see that I am on the review page.
  useEffect(() => {
    const state = awareness.getLocalState();
    if (state !== null) awareness.setLocalState({ ...state, view: 'review', cell: null, selection: null, editing: false });
    return () => {
      const s = awareness.getLocalState();
      if (s !== null) awareness.setLocalState({ ...s, view: null });
    };
  }, [awareness]);

  const table = data.tables.find((x) => x.id === chosen) ?? data.tables[0];
  if (!review || !table) return <p className="muted plan-loading">{t('app.plan.noTables')}</p>;

  const onUnit = (unitId: string | null | undefined): void => {
    setUnit(unitId);
    document.getElementById('rv-rows')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <div className="rv-page" data-testid="review-page">
      {data.tables.length > 1 ? (
        <nav className="rv-table-pills" aria-label={t('review.page.tables')}>
          {data.tables.map((x) => (
            <button key={x.id} type="button" className="rv-table-pill" aria-pressed={x.id === table.id} onClick={() => setChosen(x.id)}>
              <span>{x.model.title}</span>
              <span className="rv-table-pill-figure">
                {x.summary.reviews.approved}/{x.summary.rows}
              </span>
            </button>
          ))}
        </nav>
      ) : null}
      <Headline data={table} review={review} t={t} />
      <div className="rv-grid">
        <div className="rv-column">
          <section className="rv-card rv-chart-card" aria-labelledby="rv-chart-title">
            <h2 className="rv-card-title" id="rv-chart-title">
              {t('review.chart.title')}
            </h2>
            {table.summary.timed ? (
              <TimelineChart t={t} buckets={table.summary.byDue} currentQuarter={quarterNow(planYear)} />
            ) : (
              <p className="rv-muted">{t('review.chart.untimed')}</p>
            )}
          </section>
          <UnitsCard data={table} review={review} t={t} onUnit={onUnit} />
        </div>
        <div className="rv-column">
          <OnlineCard awareness={awareness} selfUserId={selfUserId} review={review} t={t} />
          <section className="rv-card rv-activity-card" aria-labelledby="rv-activity-title">
            <h2 className="rv-card-title" id="rv-activity-title">
              {t('review.activity.title')}
            </h2>
            <ActivityFeed planId={planId} doc={doc} t={t} />
          </section>
          <SectionsCard data={table} t={t} />
        </div>
      </div>
      <RowsCard data={table} review={review} t={t} unit={unit} onUnit={setUnit} />
    </div>
  );
}
