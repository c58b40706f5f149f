/**
 * Why a row is late, in one line of the interface's language: the reasons of `progressLateness`,
 * with a run of missing reports told as one («chưa báo cáo 7 kỳ, từ Tháng 4/2026 đến Tháng 10/2026»).
 */
import { type ProgressLateReason, reportPeriodParse } from '@phuluc/domain';
import type { TFunction } from '../i18n/strings.ts';
import { dateShow, periodShow } from './use-tracking-data.ts';

function periodOf(t: TFunction, id: string): string {
  const p = reportPeriodParse(id);
  return p ? periodShow(t, p) : id;
}

/** The reasons as one line; more than two missing reports become one clause. */
export function lateReasonsText(t: TFunction, reasons: readonly ProgressLateReason[]): string {
  const missing = reasons.filter((r): r is Extract<ProgressLateReason, { code: 'report_missing' }> => r.code === 'report_missing');
  const parts: string[] = [];
  const first = missing[0];
  const last = missing[missing.length - 1];
  if (missing.length > 2 && first && last) {
    parts.push(t('tracking.late.report_missing_many', { count: missing.length, from: periodOf(t, first.period), to: periodOf(t, last.period) }));
  } else {
    for (const r of missing) parts.push(t('tracking.late.report_missing', { period: periodOf(t, r.period), deadline: dateShow(r.deadline) }));
  }
  for (const r of reasons) {
    if (r.code === 'overdue') parts.push(t('tracking.late.overdue', { due: dateShow(r.due) }));
    else if (r.code === 'reported_behind') parts.push(t('tracking.late.reported_behind', { period: periodOf(t, r.period) }));
  }
  return parts.join('; ');
}
