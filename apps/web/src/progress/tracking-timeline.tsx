/**
 * The year's reporting at a glance, in the review overview's chart manner (review/timeline-chart.tsx):
 * one slot per period, a pale column of the rows due, and inside it three bars — reported, late
 * (due, unreported, past the deadline), done. The same figures are in a table («Xem số liệu»).
 */
import { type ProgressTimelinePoint, reportPeriodParse } from '@phuluc/domain';
import { useId } from 'react';
import type { TFunction } from '../i18n/strings.ts';
import { periodShow } from './use-tracking-data.ts';

export interface TrackingTimelineProps {
  t: TFunction;
  points: readonly ProgressTimelinePoint[];
  /** The period the pickers show, marked. */
  currentId: string;
}

const W = 460;
const TOP = 18;
const LEFT = 28;
const PLOT_H = 130;
const BARS = ['reported', 'late', 'done'] as const;

function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

function shortLabel(t: TFunction, id: string): string {
  const p = reportPeriodParse(id);
  if (!p) return id;
  return p.kind === 'month' ? `${p.month}/${String(p.year).slice(2)}` : periodShow(t, p);
}

export function TrackingTimeline({ t, points, currentId }: TrackingTimelineProps) {
  const id = useId();
  const max = Math.max(1, ...points.map((p) => Math.max(p.due, p.reported)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number): number => TOP + PLOT_H - (v / top) * PLOT_H;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const slot = (W - LEFT - 8) / Math.max(1, points.length);
  const H = TOP + PLOT_H + 30;
  const label = (key: (typeof BARS)[number]): string => t(`tracking.timeline.${key}`);

  return (
    <figure className="tr-chart" data-testid="tracking-timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="tr-chart-svg">
        <title id={`${id}-t`}>{t('tracking.timeline.title')}</title>
        <desc id={`${id}-d`}>{t('tracking.timeline.desc')}</desc>
        {ticks.map((v) => (
          <g key={v} className="tr-chart-tick">
            <line x1={LEFT} x2={W - 8} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, k) => {
          const x = LEFT + slot * k;
          const cx = x + slot / 2;
          const barW = Math.min(12, (slot - 10) / 3);
          const current = p.periodId === currentId;
          const period = reportPeriodParse(p.periodId);
          return (
            <g key={p.periodId} className={`tr-chart-slot${current ? ' tr-chart-slot--current' : ''}`} data-period={p.periodId} data-reported={p.reported} data-late={p.late} data-done={p.done}>
              <title>{t('tracking.timeline.tip', { period: period ? periodShow(t, period) : p.periodId, due: p.due, reported: p.reported, late: p.late, done: p.done })}</title>
              {current ? <rect className="tr-chart-now" x={x + 2} y={TOP - 14} width={slot - 4} height={PLOT_H + 14} rx={5} /> : null}
              {p.due > 0 ? <rect className="tr-chart-due" x={cx - (barW * 3) / 2 - 4} y={y(p.due)} width={barW * 3 + 8} height={y(0) - y(p.due)} rx={3} /> : null}
              {BARS.map((key, i) => {
                const n = p[key];
                if (n === 0) return null;
                return <rect key={key} className={`tr-chart-bar tr-chart-bar--${key}`} x={cx - (barW * 3) / 2 + i * barW} y={y(n)} width={barW - 1} height={y(0) - y(n)} />;
              })}
              <text className={`tr-chart-label${current ? ' tr-chart-label--current' : ''}`} x={cx} y={TOP + PLOT_H + 18} textAnchor="middle">
                {shortLabel(t, p.periodId)}
              </text>
            </g>
          );
        })}
        <line className="tr-chart-axis" x1={LEFT} x2={W - 8} y1={y(0)} y2={y(0)} />
      </svg>
      <figcaption className="tr-chart-legend">
        <span className="tr-legend-swatch tr-legend-swatch--due">{t('tracking.timeline.due')}</span>
        {BARS.map((key) => (
          <span key={key} className={`tr-legend-swatch tr-legend-swatch--${key}`}>
            {label(key)}
          </span>
        ))}
      </figcaption>
      <details className="tr-chart-data">
        <summary>{t('tracking.timeline.data')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tracking.period.label')}</th>
              <th scope="col">{t('tracking.timeline.due')}</th>
              {BARS.map((key) => (
                <th key={key} scope="col">
                  {label(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => {
              const period = reportPeriodParse(p.periodId);
              return (
                <tr key={p.periodId}>
                  <th scope="row">{period ? periodShow(t, period) : p.periodId}</th>
                  <td>{p.due}</td>
                  <td>{p.reported}</td>
                  <td>{p.late}</td>
                  <td>{p.done}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
