/**
 * The year at a glance: for each quarter, the rows due in it as a column coloured by review
 * state (approved, changes requested, pending) over a pale column of the rows under way in that
 * quarter; then the rows that are not tied to a quarter ("Thường xuyên", "Định kỳ", unclear).
 * Hand-made SVG; labels wrap to their column's width (chart-label.ts), so none runs into its
 * neighbour however many buckets there are; the same figures are in a table for screen readers and for whoever prefers
 * numbers (open "Xem số liệu").
 */
import { REVIEW_DUE_LABELS, type ReviewDueSummary, type ReviewState } from '@phuluc/domain';
import { useId } from 'react';
import type { TFunction } from '../i18n/strings.ts';
import { chartLabelLines } from './chart-label.ts';

export interface TimelineChartProps {
  t: TFunction;
  buckets: readonly ReviewDueSummary[];
  /** The quarter (1..4) we are in, when the plan's year is this year. */
  currentQuarter: number | null;
}

const W = 680;
const TOP = 28;
const LEFT = 34;
const PLOT_H = 196;
/** Label lines: their font size and line height (user units), and the gap left between neighbours. */
const LABEL_SIZE = 13;
const LABEL_LINE = 15;
const LABEL_GAP = 6;
/** Stacking order, bottom up. */
const STACK: readonly ReviewState[] = ['approved', 'changes_requested', 'pending'];

/** A round step for the value axis (1, 2, 5, 10, 20…). */
function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

export function TimelineChart({ t, buckets, currentQuarter }: TimelineChartProps) {
  const id = useId();
  const quarters = buckets.filter((b) => b.bucket.startsWith('q'));
  const others = buckets.filter((b) => !b.bucket.startsWith('q') && b.rows > 0);
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.rows, b.active)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number): number => TOP + PLOT_H - (v / top) * PLOT_H;
  const labelSize = others.length > 3 ? 12 : LABEL_SIZE;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);

  // Quarters take the wide slots; buckets outside the quarters narrower ones after a divider.
  const plotW = W - LEFT - 8;
  const otherSlot = others.length > 0 ? Math.min(92, (plotW * (others.length > 2 ? 0.5 : 0.42)) / others.length) : 0;
  const quarterSlot = (plotW - otherSlot * others.length - (others.length > 0 ? 16 : 0)) / Math.max(1, quarters.length);
  const divider = LEFT + quarterSlot * quarters.length + 8;
  const slots = [
    ...quarters.map((b, i) => ({ b, x: LEFT + quarterSlot * i, w: quarterSlot })),
    ...others.map((b, i) => ({ b, x: divider + 8 + otherSlot * i, w: otherSlot })),
  ].map((slot) => ({ ...slot, lines: chartLabelLines(REVIEW_DUE_LABELS[slot.b.bucket], slot.w - LABEL_GAP, labelSize) }));
  const labelLines = Math.max(1, ...slots.map((s) => s.lines.length));
  const labelTop = TOP + PLOT_H + 18;
  // The current quarter's "Hiện tại" goes under its label; the chart grows to hold the longest label.
  const H = labelTop + LABEL_LINE * labelLines + 16;
  const summary = buckets
    .filter((b) => b.rows > 0)
    .map((b) => t('review.chart.summaryItem', { bucket: REVIEW_DUE_LABELS[b.bucket], count: b.rows }))
    .join('; ');

  return (
    <figure className="rv-chart" data-testid="timeline-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="rv-chart-svg">
        <title id={`${id}-t`}>{t('review.chart.title')}</title>
        <desc id={`${id}-d`}>{t('review.chart.desc', { summary })}</desc>
        {ticks.map((v) => (
          <g key={v} className="rv-chart-tick">
            <line x1={LEFT} x2={W - 8} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {others.length > 0 ? (
          <g className="rv-chart-divider">
            <line x1={divider} x2={divider} y1={TOP - 14} y2={H - 4} />
            <text x={divider + 8} y={TOP - 14}>
              {t('review.chart.outsideQuarters')}
            </text>
          </g>
        ) : null}
        {slots.map(({ b, x, w, lines }) => {
          const quarter = b.bucket.startsWith('q') ? Number(b.bucket.slice(1)) : null;
          const current = quarter !== null && quarter === currentQuarter;
          const barW = Math.min(56, w * 0.5);
          const cx = x + w / 2;
          let base = y(0);
          const label = REVIEW_DUE_LABELS[b.bucket];
          const tip = [
            t('review.chart.tipDue', { bucket: label, count: b.rows }),
            t('review.chart.tipStates', { approved: b.reviews.approved, changes: b.reviews.changes_requested, pending: b.reviews.pending }),
            quarter !== null ? t('review.chart.tipActive', { count: b.active }) : '',
          ]
            .filter(Boolean)
            .join('\n');
          return (
            <g key={b.bucket} className={`rv-chart-slot${current ? ' rv-chart-slot--current' : ''}`} data-bucket={b.bucket} data-rows={b.rows}>
              <title>{tip}</title>
              {current ? <rect className="rv-chart-now" x={x + 4} y={TOP - 18} width={w - 8} height={PLOT_H + 18} rx={6} /> : null}
              {quarter !== null && b.active > 0 ? (
                <rect className="rv-chart-active" x={cx - barW / 2 - 8} y={y(b.active)} width={barW + 16} height={y(0) - y(b.active)} rx={4} />
              ) : null}
              {STACK.map((state) => {
                const n = b.reviews[state];
                if (n === 0) return null;
                const h = (n / top) * PLOT_H;
                base -= h;
                return <rect key={state} className={`rv-chart-bar rv-chart-bar--${state}`} x={cx - barW / 2} y={base} width={barW} height={h} />;
              })}
              <text className="rv-chart-value" x={cx} y={(b.rows > 0 ? y(b.rows) : y(0)) - 6} textAnchor="middle">
                {b.rows}
              </text>
              <text
                className={`rv-chart-label${current ? ' rv-chart-label--current' : ''}`}
                x={cx}
                y={labelTop}
                textAnchor="middle"
                style={{ fontSize: labelSize }}
                data-testid="chart-label"
              >
                {lines.map((line, i) => (
                  <tspan key={i} x={cx} dy={i === 0 ? 0 : LABEL_LINE}>
                    {line}
                  </tspan>
                ))}
              </text>
              {current ? (
                <text className="rv-chart-now-label" x={cx} y={labelTop + LABEL_LINE * lines.length} textAnchor="middle">
                  {t('review.chart.now')}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="rv-chart-axis" x1={LEFT} x2={W - 8} y1={y(0)} y2={y(0)} />
      </svg>
      <figcaption className="rv-chart-legend">
        <span className="rv-legend rv-legend--approved">{t('review.state.approved')}</span>
        <span className="rv-legend rv-legend--changes_requested">{t('review.state.changesRequested')}</span>
        <span className="rv-legend rv-legend--pending">{t('review.state.pending')}</span>
        <span className="rv-legend rv-legend--active">{t('review.chart.active')}</span>
      </figcaption>
      <details className="rv-chart-data">
        <summary>{t('review.chart.data')}</summary>
        <table>
          <caption className="visually-hidden">{t('review.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.chart.colBucket')}</th>
              <th scope="col">{t('review.chart.colDue')}</th>
              <th scope="col">{t('review.state.approved')}</th>
              <th scope="col">{t('review.state.changesRequested')}</th>
              <th scope="col">{t('review.state.pending')}</th>
              <th scope="col">{t('review.chart.colActive')}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.bucket}>
                <th scope="row">{REVIEW_DUE_LABELS[b.bucket]}</th>
                <td>{b.rows}</td>
                <td>{b.reviews.approved}</td>
                <td>{b.reviews.changes_requested}</td>
                <td>{b.reviews.pending}</td>
                <td>{b.bucket.startsWith('q') ? b.active : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
