/**
 * The «Theo dõi» tab: year-round tracking of the plan. A department sees its rows for a period
 * with a form per row; the focal department, the leaders and the admin see who reported
 * (departments × periods), the late rows and the year's timeline, and may open any department's
 * rows; the coordinator sets how the plan reports (month or quarter, due day).
 */
import {
  type Actor,
  type ReportPeriod,
  type ReportingSettings,
  type UnitDirectory,
  REPORT_PERIOD_KINDS,
  planDocSetReporting,
  progressTimeline,
  reportPeriodDeadline,
  reportPeriodFormat,
  reportPeriodMonths,
  reportPeriodNext,
  reportPeriodOf,
  reportPeriodParse,
  reportPeriodPrevious,
  reportPeriodsOfYear,
  reportPeriodToReport,
} from '@phuluc/domain';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { linkClick, navigate, PATHS } from '../app/router.ts';
import { apiVersions } from '../app/versions-api.ts';
import { type TFunction, useT } from '../i18n/strings.ts';
import { DepartmentView } from './department-view.tsx';
import { FocalView, unitName } from './focal-view.tsx';
import { NextYearButton } from './next-year-dialog.tsx';
import { PreviousYearEvaluation } from './previous-year.tsx';
import { ReportReminderBanner, reportOwed } from './report-reminder.tsx';
import { TrackingTimeline } from './tracking-timeline.tsx';
import './tracking.css';
import { dateShow, periodShow, todayIso, useDocTick, useTrackingData } from './use-tracking-data.ts';

type Mode = 'department' | 'focal';

/** The period asked for, in the plan's kind of period (a month asked of a quarterly plan opens its quarter), else the one to report now. */
function periodChosen(asked: string | null, settings: ReportingSettings, today: string, planYear: number): ReportPeriod {
  const parsed = asked ? reportPeriodParse(asked) : null;
  if (parsed) {
    const first = reportPeriodMonths(parsed)[0];
    return parsed.kind === settings.periodKind || !first ? parsed : reportPeriodOf(settings.periodKind, first);
  }
  const now = reportPeriodToReport(today, settings);
  if (now.year === planYear) return now;
  const year = reportPeriodsOfYear(settings.periodKind, planYear);
  return (now.year < planYear ? year[0] : year[year.length - 1]) ?? now;
}

/** Whether the plan has a saved version named «Trình ký» (null while asking). */
function useSignedVersion(planId: string): boolean | null {
  const [signed, setSigned] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    apiVersions(planId)
      .then((versions) => live && setSigned(versions.some((v) => v.name.toLocaleLowerCase('vi').includes('trình ký'))))
      .catch(() => live && setSigned(null));
    return () => {
      live = false;
    };
  }, [planId]);
  return signed;
}

function ReportingSettingsForm({ t, doc, settings }: { t: TFunction; doc: Y.Doc; settings: ReportingSettings }) {
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<ReportingSettings>): void => {
    try {
      planDocSetReporting(doc, patch);
      setError(null);
    } catch (e) {
      const issues = (e as { issues?: Array<{ message: string }> }).issues;
      setError(issues?.[0]?.message ?? (e instanceof Error ? e.message : String(e)));
    }
  };
  const day = (key: 'reportDueDay' | 'consolidationDueDay', label: string) => (
    <label className="tr-setting">
      <span>{label}</span>
      <input
        type="number"
        min={1}
        max={28}
        defaultValue={settings[key]}
        key={`${key}:${settings[key]}`}
        data-testid={`tracking-setting-${key}`}
        onBlur={(e) => {
          const n = Number(e.target.value);
          if (n !== settings[key]) set({ [key]: n });
        }}
      />
    </label>
  );
  return (
    <section className="tr-card tr-settings" aria-labelledby="tr-settings-title" data-testid="tracking-settings">
      <h2 className="tr-card-title" id="tr-settings-title">
        {t('tracking.settings.title')}
      </h2>
      <div className="tr-settings-row">
        <label className="tr-setting">
          <span>{t('tracking.settings.kind')}</span>
          <select value={settings.periodKind} onChange={(e) => set({ periodKind: e.target.value as ReportingSettings['periodKind'] })} data-testid="tracking-setting-kind">
            {REPORT_PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(kind === 'month' ? 'tracking.settings.month' : 'tracking.settings.quarter')}
              </option>
            ))}
          </select>
        </label>
        {day('reportDueDay', t('tracking.settings.dueDay'))}
        {day('consolidationDueDay', t('tracking.settings.consolidationDay'))}
      </div>
      {error ? (
        <p className="pf-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export function TrackingView({
  planId,
  doc,
  actor,
  units,
  planYear,
  periodId,
}: {
  planId: string;
  doc: Y.Doc;
  actor: Actor;
  units: UnitDirectory;
  planYear: number;
  /** The reporting period asked for ("2026-03"), or null for the current one. */
  periodId: string | null;
}) {
  const t = useT();
  const data = useTrackingData(doc, planYear);
  const tick = useDocTick(doc);
  const signed = useSignedVersion(planId);
  const today = todayIso();
  const editor = actor.role === 'editor';
  const [mode, setMode] = useState<Mode>(editor ? 'department' : 'focal');
  const ownerUnits = [...new Set(data.rows.flatMap((row) => row.owners))];
  const [pickedUnit, setPickedUnit] = useState<string | null>(null);
  const unitId = editor ? actor.unitId : (pickedUnit ?? (actor.unitId && ownerUnits.includes(actor.unitId) ? actor.unitId : (ownerUnits[0] ?? null)));

  const period = periodChosen(periodId, data.settings, today, planYear);
  const id = reportPeriodFormat(period);
  const yearPeriods = reportPeriodsOfYear(data.settings.periodKind, planYear);
  const goTo = (p: ReportPeriod): void => navigate(PATHS.tracking(planId, reportPeriodFormat(p)), { replace: true });
  const previous = reportPeriodPrevious(period);
  const next = reportPeriodNext(period);
  const owed = editor && actor.unitId ? reportOwed(t, data, units, actor.unitId, today) : null;

  return (
    <section className="tracking" data-testid="tracking-view">
      <div className="tr-bar">
        <div className="tr-period" role="group" aria-label={t('tracking.period.label')}>
          <button type="button" className="btn tr-step" onClick={() => goTo(previous)} disabled={previous.year !== planYear} aria-label={t('tracking.period.previous')} title={t('tracking.period.previous')}>
            ‹
          </button>
          <select className="tr-period-select" value={id} onChange={(e) => { const p = reportPeriodParse(e.target.value); if (p) goTo(p); }} aria-label={t('tracking.period.label')} data-testid="tracking-period">
            {yearPeriods.map((p) => (
              <option key={reportPeriodFormat(p)} value={reportPeriodFormat(p)}>
                {periodShow(t, p)}
              </option>
            ))}
          </select>
          <button type="button" className="btn tr-step" onClick={() => goTo(next)} disabled={next.year !== planYear} aria-label={t('tracking.period.next')} title={t('tracking.period.next')}>
            ›
          </button>
          <span className="tr-deadline">{t('tracking.period.deadline', { date: dateShow(reportPeriodDeadline(period, data.settings)) })}</span>
        </div>
        {!editor ? (
          <div className="tr-modes" role="group" aria-label={t('tracking.mode.label')}>
            {(['focal', 'department'] as const).map((m) => (
              <button key={m} type="button" className="tr-mode" aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`tracking-mode-${m}`}>
                {t(m === 'focal' ? 'tracking.mode.focal' : 'tracking.mode.department')}
              </button>
            ))}
          </div>
        ) : null}
        {!editor && mode === 'department' ? (
          <label className="tr-unit-picker">
            <span>{t('tracking.unit.label')}</span>
            <select value={unitId ?? ''} onChange={(e) => setPickedUnit(e.target.value)} data-testid="tracking-unit">
              {ownerUnits.map((u) => (
                <option key={u} value={u}>
                  {unitName(t, units, u)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="tr-bar-end">
          <NextYearButton planId={planId} year={planYear} role={actor.role} />
        </div>
      </div>
      {signed === false ? <p className="tr-note" data-testid="tracking-unsigned">{t('tracking.signedNote')}</p> : null}
      <ReportReminderBanner owed={owed} />
      <PreviousYearEvaluation doc={doc} />
      {mode === 'department' || editor ? (
        unitId ? (
          <DepartmentView t={t} planId={planId} doc={doc} actor={actor} unitId={unitId} rows={data.rows} records={data.records} period={period} periodId={id} plan={data.plan} today={today} tick={tick} />
        ) : (
          <p className="tr-empty">{t('tracking.unit.none')}</p>
        )
      ) : (
        <FocalView
          t={t}
          planId={planId}
          units={units}
          rows={data.rows}
          records={data.records}
          plan={data.plan}
          today={today}
          period={period}
          periodId={id}
          side={
            <>
              <section className="tr-card tr-timeline-card" aria-labelledby="tr-timeline-title">
                <div className="tr-card-head">
                  <h2 className="tr-card-title" id="tr-timeline-title">
                    {t('tracking.timeline.title')}
                  </h2>
                  <a className="tr-year-end-link" href={PATHS.report(planId, String(planYear))} onClick={(e) => linkClick(e, PATHS.report(planId, String(planYear)))} data-testid="tracking-year-end">
                    {t('tracking.yearEnd', { year: planYear })}
                  </a>
                </div>
                <TrackingTimeline t={t} points={progressTimeline(data.rows, data.records, data.plan, today)} currentId={id} />
              </section>
              {actor.role === 'coordinator' || actor.role === 'admin' ? <ReportingSettingsForm t={t} doc={doc} settings={data.settings} /> : null}
            </>
          }
        />
      )}
    </section>
  );
}
