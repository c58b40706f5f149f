/**
 * The reporting calendar as a person meets it today: which period they report now, whether the
 * app should remind them, and the state of one department's report for one period (the cell of
 * the focal department's departments × periods matrix) — one definition each, for every screen.
 */
import { monthIndex } from '../period/calendar.ts';
import type { ProgressPlan, ProgressRow } from './due.ts';
import { progressDuePeriods, progressRecordsByRow, progressRecordsOf, progressSchedule } from './due.ts';
import type { ProgressRecord, ReportingSettings, ReportPeriod } from './model.ts';
import { reportPeriodDeadline, reportPeriodFormat, reportPeriodMonths, reportPeriodOf, reportPeriodPrevious, reportPeriodsOfYear } from './model.ts';

/** An ISO date (yyyy-mm-dd) as a day count, so that two dates subtract. */
function dayNumber(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
}

/**
 * The period a department reports now (`today` ISO yyyy-mm-dd): the period just ended while its
 * deadline has not passed (a report on the deadline day is on time), else the period under way.
 * Monthly reports due on the 20th: on 2026-12-05 and on 2026-12-20 it is November ("2026-11"),
 * on 2026-12-21 December ("2026-12").
 */
export function reportPeriodToReport(today: string, settings: Pick<ReportingSettings, 'periodKind' | 'reportDueDay'>): ReportPeriod {
  const current = reportPeriodOf(settings.periodKind, { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
  const previous = reportPeriodPrevious(current);
  return today <= reportPeriodDeadline(previous, settings) ? previous : current;
}

/** How many days before a deadline the app starts reminding a department that has not reported. */
export const REPORT_REMINDER_DAYS = 5;

/** True when a department that has not reported `period` should be reminded on `today`: within `REPORT_REMINDER_DAYS` days of the deadline, or after it. */
export function reportReminderIsDue(today: string, period: ReportPeriod, settings: Pick<ReportingSettings, 'reportDueDay'>): boolean {
  return dayNumber(reportPeriodDeadline(period, settings)) - dayNumber(today) <= REPORT_REMINDER_DAYS;
}

/** True when `period` has begun on `today` (nothing can be reported for a period still to come). */
export function reportPeriodHasBegun(period: ReportPeriod, today: string): boolean {
  const first = reportPeriodMonths(period)[0] ?? { year: period.year, month: 1 };
  return monthIndex({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }) >= monthIndex(first);
}

/**
 * The state of one department's report for one period:
 * - `not_due`: it has no row due in the period, or the period has not begun;
 * - `complete`: every row due has a report;
 * - `late`: some row due has none and the deadline has passed;
 * - `partial`: some rows due have a report, not all, before the deadline;
 * - `missing`: none has, before the deadline.
 */
export type ProgressCellState = 'complete' | 'partial' | 'missing' | 'late' | 'not_due';

/** The states in the order a legend lists them. */
export const PROGRESS_CELL_STATES = ['complete', 'partial', 'missing', 'late', 'not_due'] as const satisfies readonly ProgressCellState[];

/** The Vietnamese names of the states, for legends and cell titles. */
export const PROGRESS_CELL_LABELS: Readonly<Record<ProgressCellState, string>> = {
  complete: 'Đã báo cáo đủ',
  partial: 'Báo cáo chưa đủ',
  missing: 'Chưa báo cáo',
  late: 'Quá hạn, chưa báo cáo đủ',
  not_due: 'Không phải báo cáo',
};

/** One cell of the matrix: how many of the unit's rows due in the period have a report, and the state that makes. */
export interface ProgressCell {
  periodId: string;
  due: number;
  reported: number;
  state: ProgressCellState;
}

/** The state of a cell from its counts (`ProgressCellState`): the one rule the matrix and the reminders use. */
export function progressCellState(counts: { due: number; reported: number }, period: ReportPeriod, today: string, settings: Pick<ReportingSettings, 'reportDueDay'>): ProgressCellState {
  if (counts.due === 0 || !reportPeriodHasBegun(period, today)) return 'not_due';
  if (counts.reported >= counts.due) return 'complete';
  if (today > reportPeriodDeadline(period, settings)) return 'late';
  return counts.reported > 0 ? 'partial' : 'missing';
}

/** One row of the matrix: a unit (null: rows nobody owns) and its cells, one per period of the year. */
export interface ProgressMatrixRow {
  unitId: string | null;
  cells: ProgressCell[];
}

/** The ids of the periods of the plan's year a row is due in. */
function dueIdsOf(row: ProgressRow, plan: ProgressPlan): Set<string> {
  return new Set(progressDuePeriods(progressSchedule(row, plan.year), plan).map(reportPeriodFormat));
}

/** Has the row a report for the period (any record carrying that period id)? */
function reportedIn(rowId: string, periodId: string, byRow: ReadonlyMap<string, ProgressRecord[]>): boolean {
  return (byRow.get(rowId) ?? []).some((r) => r.period === periodId);
}

/**
 * The departments × periods matrix of the plan's year: one line per unit owning a row (in the
 * order first met; a row of two units counts for both; rows nobody owns under null), one cell per
 * period with its rows due, reported and state on `today`.
 */
export function progressMatrix(rows: readonly ProgressRow[], records: readonly ProgressRecord[], plan: ProgressPlan, today: string): ProgressMatrixRow[] {
  const periods = reportPeriodsOfYear(plan.settings.periodKind, plan.year);
  const byRow = progressRecordsByRow(records);
  const lines = new Map<string | null, Array<{ due: number; reported: number }>>();
  const ids = periods.map(reportPeriodFormat);
  for (const row of rows) {
    const due = dueIdsOf(row, plan);
    for (const unitId of row.owners.length > 0 ? row.owners : [null]) {
      let counts = lines.get(unitId);
      if (!counts) {
        counts = periods.map(() => ({ due: 0, reported: 0 }));
        lines.set(unitId, counts);
      }
      ids.forEach((id, k) => {
        const c = counts[k];
        if (!c || !due.has(id)) return;
        c.due += 1;
        if (reportedIn(row.id, id, byRow)) c.reported += 1;
      });
    }
  }
  return [...lines.entries()].map(([unitId, counts]) => ({
    unitId,
    cells: periods.map((period, k) => {
      const c = counts[k] ?? { due: 0, reported: 0 };
      return { periodId: reportPeriodFormat(period), ...c, state: progressCellState(c, period, today, plan.settings) };
    }),
  }));
}

/** One period of the year's timeline: rows due, reported, late (due, unreported, past the deadline) and reported done. */
export interface ProgressTimelinePoint {
  periodId: string;
  due: number;
  reported: number;
  late: number;
  done: number;
}

/** The year's timeline, one point per period (the tracking tab's chart). */
export function progressTimeline(rows: readonly ProgressRow[], records: readonly ProgressRecord[], plan: ProgressPlan, today: string): ProgressTimelinePoint[] {
  const byRow = progressRecordsByRow(records);
  // Each row's schedule and records are read once, not once per period (a plan may have thousands of rows).
  const read = rows.map((row) => ({ due: dueIdsOf(row, plan), own: progressRecordsOf(row.id, byRow.get(row.id) ?? []) }));
  return reportPeriodsOfYear(plan.settings.periodKind, plan.year).map((period) => {
    const periodId = reportPeriodFormat(period);
    const pastDeadline = today > reportPeriodDeadline(period, plan.settings);
    const point: ProgressTimelinePoint = { periodId, due: 0, reported: 0, late: 0, done: 0 };
    for (const { due: dueIds, own: all } of read) {
      const due = dueIds.has(periodId);
      const own = all.filter((r) => r.period === periodId);
      const record = own[own.length - 1];
      if (due) point.due += 1;
      if (record) point.reported += 1;
      else if (due && pastDeadline) point.late += 1;
      if (record?.status === 'done') point.done += 1;
    }
    return point;
  });
}
