/**
 * Reminding a department that has not reported: a banner in the «Theo dõi» tab while rows of its
 * due in the period to report (`reportPeriodToReport`) have no record, and a notice when it opens
 * the plan within `REPORT_REMINDER_DAYS` days of the deadline or after it — once per session and
 * period («Phòng Kinh tế chưa báo cáo Tháng 11/2026 — hạn 20/12/2026»).
 */
import { type Actor, type UnitDirectory, reportPeriodDeadline, reportPeriodFormat, reportPeriodToReport, reportReminderIsDue, progressUnitReports } from '@phuluc/domain';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { toast } from '../app/toasts.tsx';
import { useT, type TFunction } from '../i18n/strings.ts';
import { dateShow, periodShow, todayIso, trackingDataRead, type TrackingData } from './use-tracking-data.ts';

/** What a department still owes for the period to report, or null when it owes nothing. */
export interface ReportOwed {
  periodId: string;
  /** The reminder's sentence in the interface's language. */
  text: string;
  /** Within the reminder days of the deadline, or past it. */
  urgent: boolean;
}

/** The report `unitId` owes on `today`, if any. */
export function reportOwed(t: TFunction, data: TrackingData, units: UnitDirectory, unitId: string, today: string): ReportOwed | null {
  const period = reportPeriodToReport(today, data.settings);
  if (period.year !== data.plan.year) return null;
  const report = progressUnitReports(data.rows, data.records, period, today, data.plan).find((r) => r.unitId === unitId);
  if (!report || report.missing.length === 0) return null;
  const params = {
    unit: units.byId.get(unitId)?.name ?? unitId,
    period: periodShow(t, period),
    deadline: dateShow(reportPeriodDeadline(period, data.settings)),
    missing: report.missing.length,
    due: report.due.length,
  };
  const text = report.missing.length === report.due.length ? t('tracking.reminder', params) : t('tracking.reminder.partial', params);
  return { periodId: reportPeriodFormat(period), text, urgent: reportReminderIsDue(today, period, data.settings) };
}

/** The banner of the tracking tab. */
export function ReportReminderBanner({ owed }: { owed: ReportOwed | null }) {
  if (!owed) return null;
  return (
    <p className={`tr-reminder${owed.urgent ? ' tr-reminder--urgent' : ''}`} role="status" data-testid="tracking-reminder">
      {owed.text}
    </p>
  );
}

const SEEN_PREFIX = 'phuluc.reportReminder.';

/** The notice on opening the plan (rendered once by the plan page; shows nothing itself). */
export function ReportReminderNotice({ planId, doc, actor, units, planYear }: { planId: string; doc: Y.Doc; actor: Actor; units: UnitDirectory; planYear: number }) {
  const t = useT();
  useEffect(() => {
    if (actor.role !== 'editor' || !actor.unitId) return;
    const unitId = actor.unitId;
    // A moment after opening, so that the document has synced its rows and records.
    const timer = setTimeout(() => {
      const owed = reportOwed(t, trackingDataRead(doc, planYear), units, unitId, todayIso());
      if (!owed || !owed.urgent) return;
      const key = `${SEEN_PREFIX}${planId}|${unitId}|${owed.periodId}`;
      try {
        if (sessionStorage.getItem(key)) return;
        sessionStorage.setItem(key, '1');
      } catch {
        // no storage: remind anyway
      }
      toast(owed.text);
    }, 1500);
    return () => clearTimeout(timer);
    // once per plan and person, not per language switch
  }, [planId, doc, actor.role, actor.unitId, units, planYear]);
  return null;
}
