/**
 * What the focal department reads off the progress records, as plain data (documents are laid out
 * elsewhere): counts by status for a period, the late rows, which departments reported for a
 * period, and the year-end evaluation — each indicator's target against the value achieved
 * («Kết quả: Đạt 90 %»), each task done or not.
 */
import type { TableModel } from '../table-model.ts';
import { TEMPLATES } from '../templates.ts';
import type { ProgressLateReason, ProgressPlan, ProgressRow } from './due.ts';
import { progressDuePeriods, progressIsDue, progressLateness, progressRecordsByRow, progressRecordsOf, progressSchedule } from './due.ts';
import type { IndicatorComparison } from './indicator.ts';
import { indicatorCompare, indicatorValueDescribe, indicatorValueParse } from './indicator.ts';
import type { ProgressRecord, ProgressStatus, ReportPeriod } from './model.ts';
import { PROGRESS_STATUS_CODES, reportPeriodDeadline, reportPeriodFormat } from './model.ts';

/** The item rows of a table that have ids, as progress tracking sees them. */
export function progressRowsOf(table: TableModel): ProgressRow[] {
  const kind = TEMPLATES[table.template].kind === 'indicators' ? 'indicator' : 'task';
  const rows: ProgressRow[] = [];
  for (const row of table.rows) {
    if (row.kind !== 'item' || row.id === undefined) continue;
    rows.push({ id: row.id, kind, owners: row.owners ?? [], cells: row.cells });
  }
  return rows;
}

/** The record of a row for a period (the latest report when there are several). */
function recordFor(rowId: string, periodId: string, byRow: ReadonlyMap<string, ProgressRecord[]>): ProgressRecord | undefined {
  return progressRecordsOf(rowId, byRow.get(rowId) ?? [])
    .filter((r) => r.period === periodId)
    .pop();
}

/** Rows of a period by status: every row due in it or reported for it; `unreported` are due with no report. */
export interface ProgressStatusCounts {
  byStatus: Record<ProgressStatus, number>;
  unreported: number;
  /** Rows due in the period. */
  due: number;
}

/** Counts by status of the rows due in (or reported for) `period`. */
export function progressStatusCounts(
  rows: readonly ProgressRow[],
  records: readonly ProgressRecord[],
  period: ReportPeriod,
  plan: ProgressPlan,
): ProgressStatusCounts {
  const id = reportPeriodFormat(period);
  const byStatus = Object.fromEntries(PROGRESS_STATUS_CODES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  let unreported = 0;
  let due = 0;
  const byRow = progressRecordsByRow(records);
  for (const row of rows) {
    const isDue = progressIsDue(progressSchedule(row, plan.year), period, plan);
    if (isDue) due += 1;
    const record = recordFor(row.id, id, byRow);
    if (record) byStatus[record.status] += 1;
    else if (isDue) unreported += 1;
  }
  return { byStatus, unreported, due };
}

/** A late row and why. */
export interface ProgressLateRow {
  rowId: string;
  reasons: ProgressLateReason[];
}

/** The rows late on `today`, in the order given. */
export function progressLateRows(rows: readonly ProgressRow[], records: readonly ProgressRecord[], today: string, plan: ProgressPlan): ProgressLateRow[] {
  const late: ProgressLateRow[] = [];
  const byRow = progressRecordsByRow(records);
  for (const row of rows) {
    const lateness = progressLateness(row, byRow.get(row.id) ?? [], today, plan);
    if (lateness.state === 'late') late.push({ rowId: row.id, reasons: lateness.reasons });
  }
  return late;
}

/** One department's reporting for a period. */
export interface ProgressUnitReport {
  /** The unit, or null for rows nobody owns yet. */
  unitId: string | null;
  /** Its rows due in the period, reported or not, in the order given. */
  due: string[];
  missing: string[];
  /** Every due row has a report. */
  complete: boolean;
  /** Some due row has no report and the period's deadline has passed. */
  late: boolean;
}

/**
 * Who reported for `period` and who did not: for each unit owning a row due in it, the rows
 * reported and missing (a row owned by two units counts for both). `today` (ISO) tells whether
 * the deadline has passed.
 */
export function progressUnitReports(
  rows: readonly ProgressRow[],
  records: readonly ProgressRecord[],
  period: ReportPeriod,
  today: string,
  plan: ProgressPlan,
): ProgressUnitReport[] {
  const id = reportPeriodFormat(period);
  const pastDeadline = today > reportPeriodDeadline(period, plan.settings);
  const byUnit = new Map<string | null, ProgressUnitReport>();
  const byRow = progressRecordsByRow(records);
  for (const row of rows) {
    if (!progressIsDue(progressSchedule(row, plan.year), period, plan)) continue;
    const reported = recordFor(row.id, id, byRow) !== undefined;
    for (const unitId of row.owners.length > 0 ? row.owners : [null]) {
      const report = byUnit.get(unitId) ?? { unitId, due: [], missing: [], complete: true, late: false };
      report.due.push(row.id);
      if (!reported) {
        report.missing.push(row.id);
        report.complete = false;
        report.late = pastDeadline;
      }
      byUnit.set(unitId, report);
    }
  }
  return [...byUnit.values()];
}

/** The Vietnamese words of the year-end evaluation of a task. */
export const PROGRESS_YEAR_END_TASK_LABELS = { done: 'Hoàn thành', notDone: 'Chưa hoàn thành' } as const;

/**
 * One line of the year-end evaluation.
 * - a task: its latest status and whether it is done;
 * - an indicator: its target as typed, the latest value reported (empty when none), the
 *   comparison, and the result line «Kết quả: Đạt 90 %» (or «Kết quả: chưa có số liệu»).
 */
export type ProgressYearEndLine =
  | { rowId: string; kind: 'task'; status: ProgressStatus | null; done: boolean; label: string }
  | { rowId: string; kind: 'indicator'; target: string; value: string; comparison: IndicatorComparison; result: string };

/** The year-end evaluation of the rows, with totals. */
export interface ProgressYearEnd {
  lines: ProgressYearEndLine[];
  tasks: { total: number; done: number };
  indicators: { total: number; met: number; notMet: number; notComparable: number };
}

/**
 * The year-end evaluation: each task done or not by its latest record (a recurring task is done
 * when its last report says so), each indicator's latest reported value against its target.
 */
export function progressYearEnd(rows: readonly ProgressRow[], records: readonly ProgressRecord[]): ProgressYearEnd {
  const lines: ProgressYearEndLine[] = [];
  const tasks = { total: 0, done: 0 };
  const indicators = { total: 0, met: 0, notMet: 0, notComparable: 0 };
  const byRow = progressRecordsByRow(records);
  for (const row of rows) {
    const own = progressRecordsOf(row.id, byRow.get(row.id) ?? []);
    if (row.kind === 'task') {
      const status = own[own.length - 1]?.status ?? null;
      const done = status === 'done';
      tasks.total += 1;
      if (done) tasks.done += 1;
      lines.push({ rowId: row.id, kind: 'task', status, done, label: done ? PROGRESS_YEAR_END_TASK_LABELS.done : PROGRESS_YEAR_END_TASK_LABELS.notDone });
      continue;
    }
    const value = [...own].reverse().find((r) => r.value.trim() !== '')?.value ?? '';
    const target = row.cells.target ?? '';
    const measureUnit = row.cells.measureUnit;
    const comparison = indicatorCompare(measureUnit === undefined ? { target, value } : { target, value, measureUnit });
    const read = indicatorValueParse(value);
    const result = value.trim() === '' ? 'Kết quả: chưa có số liệu' : `Kết quả: ${read.ok ? indicatorValueDescribe(read.value) : value.trim()}`;
    indicators.total += 1;
    if (comparison.outcome === 'met') indicators.met += 1;
    else if (comparison.outcome === 'not_met') indicators.notMet += 1;
    else indicators.notComparable += 1;
    lines.push({ rowId: row.id, kind: 'indicator', target, value, comparison, result });
  }
  return { lines, tasks, indicators };
}

/** The reporting periods of the plan's year each row is due in, by row id (for a calendar view). */
export function progressDueByRow(rows: readonly ProgressRow[], plan: ProgressPlan): Map<string, string[]> {
  return new Map(rows.map((row) => [row.id, progressDuePeriods(progressSchedule(row, plan.year), plan).map(reportPeriodFormat)]));
}
