/**
 * The demo plan's year so far: progress reports of its departments for the periods already
 * reported on, so that «Theo dõi», the matrix and the reports show a commune part-way through
 * the year. One department (the last one listed) has not yet reported the latest period, and one
 * row of another missed the period before and reports itself behind: a missing report and a late row.
 */
import {
  planDocProgressWrite,
  planDocReadReporting,
  planDocReadTable,
  planDocTableIds,
  type ProgressStatus,
  progressIsDue,
  progressRowsOf,
  progressSchedule,
  type ReportPeriod,
  reportPeriodFormat,
  reportPeriodLabel,
  reportPeriodPrevious,
  reportPeriodsOfYear,
  reportPeriodToReport,
} from '@phuluc/domain';
import type * as Y from 'yjs';

/** Who reports for a unit in the demo (a department's editor). */
export interface DemoReporter {
  unitId: string;
  userId: string;
}

/** The periods of `year` up to and including `last`, oldest first. */
function periodsUpTo(last: ReportPeriod, year: number): ReportPeriod[] {
  const periods: ReportPeriod[] = [];
  for (let p = last; p.year === year; p = reportPeriodPrevious(p)) periods.unshift(p);
  return periods;
}

/**
 * Writes the demo's progress reports into `doc` (a plan of `year`) as of `today` (ISO date):
 * every period up to the one being reported now, for the rows of the units in `reporters` (the
 * last of them has not reported that latest period yet). Returns how many reports it wrote.
 */
export function demoProgressWrite(doc: Y.Doc, year: number, reporters: readonly DemoReporter[], today: string): number {
  const settings = planDocReadReporting(doc);
  const plan = { year, settings };
  const toReport = reportPeriodToReport(today, settings);
  // Reports go up to the period being reported now (the last of the year once it is over).
  const last = toReport.year > year ? reportPeriodsOfYear(settings.periodKind, year).at(-1) : toReport;
  if (!last || last.year !== year) return 0;
  const periods = periodsUpTo(last, year);
  const latest = periods[periods.length - 1];
  const before = periods[periods.length - 2];
  const byUnit = new Map(reporters.map((r) => [r.unitId, r]));
  const lateUnit = reporters[reporters.length - 1]?.unitId;
  let written = 0;
  let lateChosen = false;
  for (const tableId of planDocTableIds(doc)) {
    for (const row of progressRowsOf(planDocReadTable(doc, tableId))) {
      const reporter = row.owners.map((o) => byUnit.get(o)).find((r) => r !== undefined);
      if (!reporter) continue;
      const schedule = progressSchedule(row, year);
      const due = periods.filter((p) => progressIsDue(schedule, p, plan));
      // One row of another department missed the period before the latest and reports itself
      // behind: the late row of the demo.
      const late = !lateChosen && reporter.unitId !== lateUnit && before !== undefined && latest !== undefined && due.includes(before) && due.includes(latest);
      if (late) lateChosen = true;
      due.forEach((period, index) => {
        if (period === latest && reporter.unitId === lateUnit) return;
        if (late && period === before) return;
        const final = index === due.length - 1;
        const status: ProgressStatus = late && period === latest ? 'behind' : schedule.kind === 'dated' && final && schedule.due < today ? 'done' : 'in_progress';
        const label = reportPeriodLabel(period).toLowerCase();
        const result =
          status === 'done' ? `Đã hoàn thành trong ${label}.` : status === 'behind' ? `Mới thực hiện được một phần trong ${label}.` : `Đang triển khai theo kế hoạch; ${label} đã thực hiện phần việc của kỳ.`;
        planDocProgressWrite(
          doc,
          row.id,
          reportPeriodFormat(period),
          {
            status,
            result,
            evidence: index % 2 === 0 ? `Báo cáo số ${10 + index}/BC-UBND` : '',
            difficulties: status === 'behind' ? 'Chưa bố trí được kinh phí; đề nghị UBND xã bổ sung trong quý tới.' : '',
          },
          reporter,
          `${today}T08:00:00.000Z`,
        );
        written += 1;
      });
    }
  }
  return written;
}
