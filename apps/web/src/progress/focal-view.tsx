/**
 * The focal department's view of the year: the departments × periods matrix (a cell opens that
 * department's report for the period, a period header the consolidated report), the late rows
 * with their owners, and who has not reported the period to report now.
 */
import {
  type ProgressPlan,
  type ProgressRecord,
  type ReportPeriod,
  type UnitDirectory,
  PROGRESS_CELL_STATES,
  progressLateRows,
  progressMatrix,
  progressUnitReports,
  reportPeriodDeadline,
  reportPeriodParse,
} from '@phuluc/domain';
import type { MouseEvent, ReactNode } from 'react';
import { linkClick, PATHS } from '../app/router.ts';
import type { TFunction } from '../i18n/strings.ts';
import { lateReasonsText } from './late-text.ts';
import { dateShow, periodShow, type TrackingRow } from './use-tracking-data.ts';

export interface FocalViewProps {
  t: TFunction;
  planId: string;
  units: UnitDirectory;
  rows: readonly TrackingRow[];
  records: readonly ProgressRecord[];
  plan: ProgressPlan;
  today: string;
  /** The period shown in the pickers (its column is marked; who has not reported it is listed). */
  period: ReportPeriod;
  periodId: string;
  /** Shown beside the matrix (the timeline, the settings). */
  side?: ReactNode;
}

export function unitName(t: TFunction, units: UnitDirectory, unitId: string | null): string {
  if (unitId === null) return t('tracking.unit.unassigned');
  return units.byId.get(unitId)?.name ?? unitId;
}

export function FocalView({ t, planId, units, rows, records, plan, today, period, periodId, side }: FocalViewProps) {
  const matrix = progressMatrix(rows, records, plan, today);
  const periods = matrix[0]?.cells.map((c) => c.periodId) ?? [];
  const late = progressLateRows(rows, records, today, plan);
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const missing = progressUnitReports(rows, records, period, today, plan).filter((report) => !report.complete);
  const deadline = dateShow(reportPeriodDeadline(period, plan.settings));
  const go = (event: MouseEvent<HTMLAnchorElement>, path: string): void => linkClick(event, path);

  return (
    <div className="tr-focal" data-testid="tracking-focal">
      <div className="tr-focal-top">
      <section className="tr-card tr-matrix-card" aria-labelledby="tr-matrix-title">
        <h2 className="tr-card-title" id="tr-matrix-title">
          {t('tracking.matrix.title')}
        </h2>
        <p className="tr-hint">{t('tracking.matrix.hint')}</p>
        {matrix.length === 0 ? (
          <p className="tr-empty">{t('tracking.matrix.empty')}</p>
        ) : (
          <div className="tr-matrix-scroll">
            <table className="tr-matrix" data-testid="tracking-matrix">
              <thead>
                <tr>
                  <th scope="col" className="tr-matrix-unit">
                    {t('tracking.matrix.unit')}
                  </th>
                  {periods.map((id) => {
                    const p = reportPeriodParse(id);
                    const label = p ? periodShow(t, p) : id;
                    const path = PATHS.report(planId, id);
                    return (
                      <th key={id} scope="col" className={id === periodId ? 'tr-matrix-current' : undefined}>
                        <a href={path} onClick={(e) => go(e, path)} title={t('tracking.matrix.consolidated', { period: label })} data-testid={`matrix-period-${id}`}>
                          {p?.kind === 'month' ? `${p.month}/${String(p.year).slice(2)}` : label}
                        </a>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {matrix.map((line) => {
                  const name = unitName(t, units, line.unitId);
                  return (
                    <tr key={line.unitId ?? ''} data-unit-id={line.unitId ?? ''}>
                      <th scope="row" className="tr-matrix-unit" title={name}>
                        {name}
                      </th>
                      {line.cells.map((cell) => {
                        const p = reportPeriodParse(cell.periodId);
                        const title = t('tracking.matrix.cell', {
                          unit: name,
                          period: p ? periodShow(t, p) : cell.periodId,
                          reported: cell.reported,
                          due: cell.due,
                          state: t(`tracking.state.${cell.state}`),
                        });
                        const text = cell.due === 0 ? '' : `${cell.reported}/${cell.due}`;
                        const testid = `matrix-cell-${line.unitId ?? 'none'}-${cell.periodId}`;
                        return (
                          <td key={cell.periodId} className={`tr-cell tr-cell--${cell.state}${cell.periodId === periodId ? ' tr-matrix-current' : ''}`} data-state={cell.state} data-testid={testid}>
                            {line.unitId !== null && cell.due > 0 ? (
                              <a href={PATHS.report(planId, cell.periodId, line.unitId)} onClick={(e) => go(e, PATHS.report(planId, cell.periodId, line.unitId))} title={title} aria-label={title}>
                                {text}
                              </a>
                            ) : (
                              <span title={title}>{text}</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="tr-legend">
          {PROGRESS_CELL_STATES.map((state) => (
            <span key={state} className={`tr-legend-item tr-cell--${state}`}>
              {t(`tracking.state.${state}`)}
            </span>
          ))}
        </p>
      </section>
      <div className="tr-focal-side">{side}</div>
      </div>

      <div className="tr-focal-lists">
        <section className="tr-card" aria-labelledby="tr-missing-title" data-testid="tracking-missing">
          <h2 className="tr-card-title" id="tr-missing-title">
            {t('tracking.missing.title', { period: periodShow(t, period), deadline })}
          </h2>
          {missing.length === 0 ? (
            <p className="tr-empty">{t('tracking.missing.none', { period: periodShow(t, period) })}</p>
          ) : (
            <ul className="tr-list">
              {missing.map((report) => (
                <li key={report.unitId ?? ''} className={report.late ? 'tr-list-late' : undefined}>
                  <strong>{unitName(t, units, report.unitId)}</strong> — {t('tracking.missing.line', { missing: report.missing.length, due: report.due.length })}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="tr-card" aria-labelledby="tr-late-title" data-testid="tracking-late">
          <h2 className="tr-card-title" id="tr-late-title">
            {t('tracking.late.title', { count: late.length })}
          </h2>
          {late.length === 0 ? (
            <p className="tr-empty">{t('tracking.late.none')}</p>
          ) : (
            <ul className="tr-list tr-late-list">
              {late.map((item) => {
                const row = rowById.get(item.rowId);
                return (
                  <li key={item.rowId} data-row-id={item.rowId} data-testid="late-row">
                    <span className="tr-late-label">
                      {row?.number ? `${row.number}. ` : ''}
                      {row?.label ?? item.rowId}
                    </span>
                    <span className="tr-late-owners">{(row?.owners.length ? row.owners : [null]).map((u) => unitName(t, units, u)).join(', ')}</span>
                    <span className="tr-late-why">{lateReasonsText(t, item.reasons)}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
