/**
 * The year after signing (DESIGN.md): each item row of an approved plan gets a progress record
 * per reporting period ("kỳ báo cáo": a month, or a quarter when the plan says so). This is the
 * one definition of that record, of the period ids it is keyed by, and of the plan's reporting
 * settings; the server checks input with these schemas and the web app's forms use the same.
 */
import { z } from 'zod';
import { dateIso, monthDays, monthFromIndex, monthIndex, QUARTER_ROMAN } from '../period/calendar.ts';
import type { MonthRef } from '../period/model.ts';
import { numberFormat } from '../number.ts';
import { planYearIsValid } from '../plan-limits.ts';

/** The statuses of a row in a period, with their Vietnamese labels, in the order forms list them. */
export const PROGRESS_STATUSES = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  behind: 'Chậm tiến độ',
  infeasible: 'Không thực hiện được',
} as const;
/** A status code ("done" is «Hoàn thành»). */
export type ProgressStatus = keyof typeof PROGRESS_STATUSES;
/** The status codes in form order. */
export const PROGRESS_STATUS_CODES = Object.keys(PROGRESS_STATUSES) as [ProgressStatus, ...ProgressStatus[]];

/**
 * How much one progress record may hold. A month's report of one row is a few sentences; the
 * limits stop a pasted document, not a clerk.
 */
export const PROGRESS_LIMITS = {
  /** «Kết quả thực hiện»: what was done in the period. */
  resultChars: 5_000,
  /** «Minh chứng»: a link or a reference ("Công văn số 12/UBND ngày …"). */
  evidenceChars: 1_000,
  /** «Khó khăn, vướng mắc, kiến nghị». */
  difficultiesChars: 5_000,
  /** An indicator's measured value ("đạt 86 %", "12/15 hồ sơ"). */
  valueChars: 200,
} as const;

/** The Vietnamese message for a progress field past its limit. */
export function progressLimitMessage(field: keyof typeof PROGRESS_LIMITS): string {
  const names: Record<keyof typeof PROGRESS_LIMITS, string> = {
    resultChars: 'Kết quả thực hiện',
    evidenceChars: 'Minh chứng',
    difficultiesChars: 'Khó khăn, vướng mắc, kiến nghị',
    valueChars: 'Giá trị đạt được',
  };
  return `«${names[field]}» dài quá ${numberFormat(PROGRESS_LIMITS[field])} ký tự.`;
}

// ---------------------------------------------------------------------------------------------
// Reporting periods

/** Plans report by month (the default) or by quarter. */
export const REPORT_PERIOD_KINDS = ['month', 'quarter'] as const;
/** How often a plan reports. */
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** One reporting period: "2026-03" is March 2026, "2026-Q2" the second quarter of 2026. */
export type ReportPeriod = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

const REPORT_PERIOD_ID = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/** A reporting period id as stored and sent: "2026-03" or "2026-Q2". */
export const reportPeriodIdSchema = z
  .string()
  .regex(REPORT_PERIOD_ID, 'Kỳ báo cáo phải có dạng "2026-03" (tháng) hoặc "2026-Q2" (quý).')
  .refine((id) => planYearIsValid(Number(id.slice(0, 4))), 'Năm của kỳ báo cáo không hợp lệ.');

/** Reads "2026-03" / "2026-Q2"; null for anything else ("2026-3", "2026-Q5", "2026-13"). */
export function reportPeriodParse(id: string): ReportPeriod | null {
  const m = REPORT_PERIOD_ID.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (!planYearIsValid(year)) return null;
  if (m[2] !== undefined) return { kind: 'month', year, month: Number(m[2]) };
  return { kind: 'quarter', year, quarter: Number(m[3]) as 1 | 2 | 3 | 4 };
}

/** The id of a period: `{ month, 2026, 3 }` → "2026-03". */
export function reportPeriodFormat(period: ReportPeriod): string {
  return period.kind === 'month' ? `${period.year}-${String(period.month).padStart(2, '0')}` : `${period.year}-Q${period.quarter}`;
}

/** The period in Vietnamese: "Tháng 3/2026", "Quý II/2026". */
export function reportPeriodLabel(period: ReportPeriod): string {
  return period.kind === 'month' ? `Tháng ${period.month}/${period.year}` : `Quý ${QUARTER_ROMAN[period.quarter - 1]}/${period.year}`;
}

/** The months a period covers, in order. */
export function reportPeriodMonths(period: ReportPeriod): MonthRef[] {
  if (period.kind === 'month') return [{ year: period.year, month: period.month }];
  const first = period.quarter * 3 - 2;
  return [0, 1, 2].map((k) => ({ year: period.year, month: first + k }));
}

/** The period of `kind` a month falls in. */
export function reportPeriodOf(kind: ReportPeriodKind, month: MonthRef): ReportPeriod {
  if (kind === 'month') return { kind, year: month.year, month: month.month };
  return { kind, year: month.year, quarter: (Math.floor((month.month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

function reportPeriodStep(period: ReportPeriod, step: 1 | -1): ReportPeriod {
  if (period.kind === 'month') {
    const next = monthFromIndex(monthIndex(period) + step);
    return { kind: 'month', year: next.year, month: next.month };
  }
  const index = period.year * 4 + (period.quarter - 1) + step;
  return { kind: 'quarter', year: Math.floor(index / 4), quarter: ((index % 4) + 1) as 1 | 2 | 3 | 4 };
}

/** The period after this one ("2026-12" → "2027-01", "2026-Q4" → "2027-Q1"). */
export function reportPeriodNext(period: ReportPeriod): ReportPeriod {
  return reportPeriodStep(period, 1);
}

/** The period before this one ("2026-01" → "2025-12"). */
export function reportPeriodPrevious(period: ReportPeriod): ReportPeriod {
  return reportPeriodStep(period, -1);
}

/** The periods of `kind` in a year, in order: 12 months or 4 quarters. */
export function reportPeriodsOfYear(kind: ReportPeriodKind, year: number): ReportPeriod[] {
  if (kind === 'month') return Array.from({ length: 12 }, (_, k) => ({ kind, year, month: k + 1 }));
  return ([1, 2, 3, 4] as const).map((quarter) => ({ kind, year, quarter }));
}

/** True when `a` and `b` are the same period. */
export function reportPeriodEquals(a: ReportPeriod, b: ReportPeriod): boolean {
  return reportPeriodFormat(a) === reportPeriodFormat(b);
}

// ---------------------------------------------------------------------------------------------
// The plan's reporting settings

/** The day of the next month by which departments report, unless the plan says otherwise. */
export const REPORT_DUE_DAY_DEFAULT = 20;
/** The day of the next month by which the focal department consolidates. */
export const CONSOLIDATION_DUE_DAY_DEFAULT = 25;

const dueDaySchema = (what: string) =>
  z
    .number()
    .int(`${what} phải là một ngày trong tháng.`)
    // Up to 28, so that every month has the day.
    .min(1, `${what} phải từ ngày 1 đến ngày 28.`)
    .max(28, `${what} phải từ ngày 1 đến ngày 28.`);

/** How a plan reports: by month or quarter, and the days of the next month reports are due. */
export const reportingSettingsSchema = z.object({
  periodKind: z.enum(REPORT_PERIOD_KINDS).default('month'),
  /** Departments report a period by this day of the month after it (the report on that day is on time). */
  reportDueDay: dueDaySchema('Hạn báo cáo của đơn vị').default(REPORT_DUE_DAY_DEFAULT),
  /** The focal department consolidates by this day of the month after the period. */
  consolidationDueDay: dueDaySchema('Hạn báo cáo tổng hợp').default(CONSOLIDATION_DUE_DAY_DEFAULT),
});
/** A plan's reporting settings. */
export type ReportingSettings = z.infer<typeof reportingSettingsSchema>;

/** The settings of a plan that chose nothing: monthly, due on the 20th, consolidated by the 25th. */
export const REPORTING_SETTINGS_DEFAULT: ReportingSettings = reportingSettingsSchema.parse({});

/** The ISO date departments must report a period by: day N of the month after it ends. */
export function reportPeriodDeadline(period: ReportPeriod, settings: Pick<ReportingSettings, 'reportDueDay'>): string {
  const months = reportPeriodMonths(period);
  const last = months[months.length - 1] ?? { year: period.year, month: 12 };
  const after = monthFromIndex(monthIndex(last) + 1);
  return dateIso(after.year, after.month, Math.min(settings.reportDueDay, monthDays(after.year, after.month)));
}

// ---------------------------------------------------------------------------------------------
// The record

const textField = (limit: keyof typeof PROGRESS_LIMITS) => z.string().max(PROGRESS_LIMITS[limit], progressLimitMessage(limit));

/** A link worth opening: http(s) only, so a "javascript:" text is never made a link. */
const LINK = /^https?:\/\/[^\s<>"]+$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * One row's progress in one period. `value` is an indicator's measured value as typed
 * ("đạt 86 %"); tasks leave it empty. `unitId` is the department that reported, `by` and `at`
 * who and when (ISO 8601).
 */
export const progressRecordSchema = z.object({
  rowId: z.string().min(1),
  period: reportPeriodIdSchema,
  status: z.enum(PROGRESS_STATUS_CODES),
  result: textField('resultChars').default(''),
  evidence: textField('evidenceChars')
    .default('')
    .refine((text) => !SCHEME.test(text.trim()) || LINK.test(text.trim()), 'Minh chứng là đường dẫn thì phải bắt đầu bằng http:// hoặc https://.'),
  difficulties: textField('difficultiesChars').default(''),
  value: textField('valueChars').default(''),
  unitId: z.string().min(1),
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});
/** One row's progress in one period. */
export type ProgressRecord = z.infer<typeof progressRecordSchema>;

/** What a record's evidence is: a link to open, a reference to quote, or nothing. */
export type ProgressEvidence = { kind: 'link'; url: string } | { kind: 'reference'; text: string } | { kind: 'none' };

/** Reads the evidence text: an http(s) address is a link, anything else a reference ("Công văn số …"). */
export function progressEvidenceRead(text: string): ProgressEvidence {
  const tidy = text.trim();
  if (tidy === '') return { kind: 'none' };
  if (LINK.test(tidy)) return { kind: 'link', url: tidy };
  return { kind: 'reference', text: tidy };
}

/** The period of a record, read from its id (records are checked by the schema, so it is valid). */
export function progressRecordPeriod(record: Pick<ProgressRecord, 'period'>): ReportPeriod {
  const period = reportPeriodParse(record.period);
  if (!period) throw new Error(`invalid reporting period id "${record.period}"`);
  return period;
}
