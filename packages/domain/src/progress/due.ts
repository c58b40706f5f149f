/**
 * Which rows are due in which reporting period, and which are late. A row's schedule comes from
 * its parsed timeframe ("Quý II/2026" is due in April, May and June, and done by 30 June;
 * "Thường xuyên" every month) or, in a recurring-task table, from its "Tần suất" ("Hàng quý" is
 * due in the last month of each quarter). A row whose timeframe cannot be read has an unknown
 * schedule: it is never called late, since nobody can say when it was due.
 */
import { monthIndex } from '../period/calendar.ts';
import type { Frequency, MonthRef, Period } from '../period/model.ts';
import { frequencyParse, periodParse } from '../period/parse.ts';
import type { ProgressRecord, ReportingSettings, ReportPeriod } from './model.ts';
import { reportPeriodDeadline, reportPeriodFormat, reportPeriodMonths, reportPeriodOf, reportPeriodParse } from './model.ts';

/**
 * An item row as progress tracking sees it: its id, the units that own it, its cells by field,
 * and whether it is a task or an indicator (the kind of its table's template).
 */
export interface ProgressRow {
  id: string;
  kind: 'task' | 'indicator';
  owners: readonly string[];
  cells: Readonly<Record<string, string>>;
}

/** The plan a row belongs to: its year and reporting settings. */
export interface ProgressPlan {
  year: number;
  settings: Pick<ReportingSettings, 'periodKind' | 'reportDueDay'>;
}

/**
 * When a row is due.
 * - `dated`: a one-off piece of work with a timeframe; due in the months it covers (of the plan's
 *   year) and to be done by `due` (ISO date).
 * - `recurring`: done again and again ("Thường xuyên", "Hàng tháng", "Hàng quý"): due in `months`.
 * - `unscheduled`: "Đột xuất", "Định kỳ" with no rhythm: reports are welcome, none is ever due.
 * - `unknown`: the timeframe (or frequency) is empty or unreadable; `reason` says why, in Vietnamese.
 */
export type ProgressSchedule =
  | { kind: 'dated'; months: MonthRef[]; due: string; period: Period }
  | { kind: 'recurring'; months: MonthRef[]; frequencies: Frequency[] }
  | { kind: 'unscheduled'; frequencies: Frequency[] }
  | { kind: 'unknown'; reason: string };

// The months of the year each rhythm comes due in: weekly work is reported every month,
// quarterly work in the quarter's last month, and so on.
const RHYTHM_MONTHS: Readonly<Record<Frequency, readonly number[]>> = {
  daily: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  weekly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarterly: [3, 6, 9, 12],
  halfYearly: [6, 12],
  yearly: [12],
  periodic: [],
  adHoc: [],
};

function rhythmSchedule(frequencies: Frequency[], year: number): ProgressSchedule {
  if (frequencies.length === 0) return { kind: 'recurring', months: RHYTHM_MONTHS.monthly.map((month) => ({ year, month })), frequencies };
  const months = [...new Set(frequencies.flatMap((f) => RHYTHM_MONTHS[f]))].sort((a, b) => a - b);
  if (months.length === 0) return { kind: 'unscheduled', frequencies };
  return { kind: 'recurring', months: months.map((month) => ({ year, month })), frequencies };
}

/**
 * The months a span is worked in: its milestones' months when it lists them ("Tháng 3 và tháng
 * 9/2026"), the listed quarters' months ("Quý I, III/2026"), else every month from start to end.
 */
function spanMonths(period: Extract<Period, { kind: 'span' }>): MonthRef[] {
  const indexes = new Set<number>();
  if (period.milestones.length > 0) {
    for (const m of period.milestones) for (let k = monthIndex(m.start); k <= monthIndex(m.end); k += 1) indexes.add(k);
  } else {
    for (const q of period.quarters) {
      for (let k = 0; k < 3; k += 1) {
        const index = monthIndex({ year: q.year, month: q.quarter * 3 - 2 + k });
        if (index >= monthIndex(period.start) && index <= monthIndex(period.end)) indexes.add(index);
      }
    }
  }
  return [...indexes].sort((a, b) => a - b).map((k) => ({ year: Math.floor(k / 12), month: (k % 12) + 1 }));
}

/**
 * When a row is due: from its timeframe cell when the row has one, else from its "Tần suất"; an
 * indicator with neither is measured all year, so it is due every month. Only months of the plan's year count as due months (a span reaching into the next year is
 * reported on in next year's plan), but a dated row's `due` is its own.
 */
export function progressSchedule(row: Pick<ProgressRow, 'cells' | 'kind'>, year: number): ProgressSchedule {
  const timeframe = (row.cells.timeframe ?? '').trim();
  const frequency = (row.cells.frequency ?? '').trim();
  // A plan's rows share a handful of timeframes: each is parsed once (the tracking tab reads every
  // row's schedule whenever the document changes). Schedules are never changed by their readers.
  const key = `${year}\u0000${row.kind}\u0000${'timeframe' in row.cells ? 't' : '-'}\u0000${timeframe}\u0000${frequency}`;
  const known = SCHEDULES.get(key);
  if (known) return known;
  const schedule = scheduleRead(row.kind, 'timeframe' in row.cells, timeframe, frequency, year);
  if (SCHEDULES.size >= SCHEDULES_MAX) SCHEDULES.clear();
  SCHEDULES.set(key, schedule);
  return schedule;
}

/** Schedules by what they are read from (`progressSchedule`), at most `SCHEDULES_MAX`. */
const SCHEDULES = new Map<string, ProgressSchedule>();
const SCHEDULES_MAX = 5_000;

function scheduleRead(kind: ProgressRow['kind'], hasTimeframe: boolean, timeframe: string, frequency: string, year: number): ProgressSchedule {
  if (kind === 'indicator' && timeframe === '' && frequency === '') return rhythmSchedule([], year);
  if (timeframe === '' && (frequency !== '' || !hasTimeframe)) {
    const parsed = frequencyParse(frequency);
    return parsed.ok ? rhythmSchedule(parsed.value, year) : { kind: 'unknown', reason: parsed.reason };
  }
  const parsed = periodParse(timeframe, { planYear: year });
  if (!parsed.ok) return { kind: 'unknown', reason: parsed.reason };
  const period = parsed.value;
  switch (period.kind) {
    case 'continuous':
      return rhythmSchedule([], year);
    case 'recurring':
      return rhythmSchedule(period.frequencies, year);
    case 'span':
      return { kind: 'dated', months: spanMonths(period).filter((m) => m.year === year), due: period.due, period };
  }
}

/** The reporting periods of the plan's year a schedule is due in, in order. */
export function progressDuePeriods(schedule: ProgressSchedule, plan: ProgressPlan): ReportPeriod[] {
  if (schedule.kind !== 'dated' && schedule.kind !== 'recurring') return [];
  const seen = new Map<string, ReportPeriod>();
  for (const month of schedule.months) {
    if (month.year !== plan.year) continue;
    const period = reportPeriodOf(plan.settings.periodKind, month);
    seen.set(reportPeriodFormat(period), period);
  }
  return [...seen.values()];
}

/** True when a row must be reported on in `period`. */
export function progressIsDue(schedule: ProgressSchedule, period: ReportPeriod, plan: ProgressPlan): boolean {
  const id = reportPeriodFormat(period);
  return progressDuePeriods(schedule, plan).some((p) => reportPeriodFormat(p) === id);
}

/** The last month a period id covers, as a number that orders periods of either kind. */
function periodEndIndex(id: string): number {
  const period = reportPeriodParse(id);
  if (!period) return -1;
  const months = reportPeriodMonths(period);
  return monthIndex(months[months.length - 1] ?? { year: period.year, month: 12 });
}

/** A row's records, oldest period first (for equal periods, the later report last, whatever the time zone). */
export function progressRecordsOf(rowId: string, records: readonly ProgressRecord[]): ProgressRecord[] {
  return records
    .filter((r) => r.rowId === rowId)
    .sort((a, b) => periodEndIndex(a.period) - periodEndIndex(b.period) || Date.parse(a.at) - Date.parse(b.at));
}

/** The records by row id, so that a figure over many rows reads the records once. */
export function progressRecordsByRow(records: readonly ProgressRecord[]): Map<string, ProgressRecord[]> {
  const byRow = new Map<string, ProgressRecord[]>();
  for (const record of records) {
    const own = byRow.get(record.rowId);
    if (own) own.push(record);
    else byRow.set(record.rowId, [record]);
  }
  return byRow;
}

/** A row's most recent record: the one of the latest period. */
export function progressLatest(rowId: string, records: readonly ProgressRecord[]): ProgressRecord | undefined {
  const own = progressRecordsOf(rowId, records);
  return own[own.length - 1];
}

/** Why a row is late. */
export type ProgressLateReason =
  /** A due period's report deadline passed with no report (`period` is its id, `deadline` ISO). */
  | { code: 'report_missing'; period: string; deadline: string }
  /** The row's timeframe ended on `due` and its latest status is not «Hoàn thành». */
  | { code: 'overdue'; due: string }
  /** The department itself reported «Chậm tiến độ» for `period`. */
  | { code: 'reported_behind'; period: string };

/**
 * Whether a row is late on `today`:
 * - `unknown`: its timeframe cannot be read — never late;
 * - `done`: a one-off row whose latest record says «Hoàn thành» (in `period`);
 * - `late` with every reason;
 * - `on_track` otherwise.
 */
export type ProgressLateness =
  | { state: 'unknown'; reason: string }
  | { state: 'done'; period: string }
  | { state: 'late'; reasons: ProgressLateReason[] }
  | { state: 'on_track' };

/**
 * Whether a row is late on `today` (ISO yyyy-mm-dd): a period it is due in is past its report
 * deadline (day N of the next month; a report on day N is on time) with no report for it, or it
 * is a one-off row past its due date whose latest status is not «Hoàn thành», or its department
 * reported «Chậm tiến độ». A one-off row reported done needs no further report. A report counts
 * for the period whose id it carries (a quarter's report does not stand for its months').
 */
export function progressLateness(row: ProgressRow, records: readonly ProgressRecord[], today: string, plan: ProgressPlan): ProgressLateness {
  const schedule = progressSchedule(row, plan.year);
  if (schedule.kind === 'unknown') return { state: 'unknown', reason: schedule.reason };
  const own = progressRecordsOf(row.id, records);
  const latest = own[own.length - 1];
  if (schedule.kind === 'dated' && latest?.status === 'done') return { state: 'done', period: latest.period };

  const reasons: ProgressLateReason[] = [];
  const reported = new Set(own.map((r) => r.period));
  for (const period of progressDuePeriods(schedule, plan)) {
    const id = reportPeriodFormat(period);
    const deadline = reportPeriodDeadline(period, plan.settings);
    if (today > deadline && !reported.has(id)) reasons.push({ code: 'report_missing', period: id, deadline });
  }
  if (schedule.kind === 'dated' && today > schedule.due) reasons.push({ code: 'overdue', due: schedule.due });
  if (latest?.status === 'behind') reasons.push({ code: 'reported_behind', period: latest.period });
  return reasons.length > 0 ? { state: 'late', reasons } : { state: 'on_track' };
}
