import { describe, expect, it } from 'vitest';
import type { ProgressPlan } from './due.ts';
import { reportPeriodParse } from './model.ts';
import type { ReportPeriod } from './model.ts';
import { fixtureProgressRows, progressRecord, progressRow } from './progress.test-helper.ts';
import { progressDueByRow, progressLateRows, progressStatusCounts, progressUnitReports, progressYearEnd } from './summary.ts';

const PLAN: ProgressPlan = { year: 2026, settings: { periodKind: 'month', reportDueDay: 20 } };

function period(id: string): ReportPeriod {
  const p = reportPeriodParse(id);
  if (!p) throw new Error(id);
  return p;
}

const rows = [
  progressRow('a', { timeframe: 'Quý I–IV/2026' }, { owners: ['phong-kinh-te'] }),
  progressRow('b', { timeframe: 'Quý II/2026' }, { owners: ['phong-van-hoa-xa-hoi'] }),
  progressRow('c', { timeframe: 'Tháng 10/2026' }, { owners: ['phong-van-hoa-xa-hoi', 'cong-an-xa'] }),
  progressRow('d', { timeframe: 'Thường xuyên' }, { owners: [] }),
];

describe('progressStatusCounts', () => {
  it('counts the rows due in a period by the status reported, and those not reported', () => {
    const records = [progressRecord('a', '2026-04', 'in_progress'), progressRecord('b', '2026-04', 'behind')];
    const counts = progressStatusCounts(rows, records, period('2026-04'), PLAN);
    expect(counts).toEqual({
      byStatus: { not_started: 0, in_progress: 1, done: 0, behind: 1, infeasible: 0 },
      unreported: 1,
      due: 3,
    });
  });

  it('counts a report for a period the row is not due in, without calling the row due', () => {
    const counts = progressStatusCounts(rows, [progressRecord('c', '2026-04', 'not_started')], period('2026-04'), PLAN);
    expect(counts.byStatus.not_started).toBe(1);
    expect(counts.due).toBe(3);
  });
});

describe('progressLateRows', () => {
  it('lists the late rows with their reasons, and no other', () => {
    const records = [progressRecord('a', '2026-01', 'in_progress'), progressRecord('d', '2026-01', 'in_progress')];
    expect(progressLateRows(rows, records, '2026-02-21', PLAN)).toEqual([]);
    expect(progressLateRows(rows, records, '2026-03-21', PLAN)).toEqual([
      { rowId: 'a', reasons: [{ code: 'report_missing', period: '2026-02', deadline: '2026-03-20' }] },
      { rowId: 'd', reasons: [{ code: 'report_missing', period: '2026-02', deadline: '2026-03-20' }] },
    ]);
  });
});

describe('progressUnitReports', () => {
  it('says which units reported for a period and which rows each still owes', () => {
    const records = [progressRecord('b', '2026-10', 'done'), progressRecord('c', '2026-10', 'in_progress')];
    expect(progressUnitReports(rows, records, period('2026-10'), '2026-11-21', PLAN)).toEqual([
      { unitId: 'phong-kinh-te', due: ['a'], missing: ['a'], complete: false, late: true },
      { unitId: 'phong-van-hoa-xa-hoi', due: ['c'], missing: [], complete: true, late: false },
      { unitId: 'cong-an-xa', due: ['c'], missing: [], complete: true, late: false },
      { unitId: null, due: ['d'], missing: ['d'], complete: false, late: true },
    ]);
  });

  it('does not call a unit late before the deadline', () => {
    const reports = progressUnitReports(rows, [], period('2026-10'), '2026-11-20', PLAN);
    expect(reports.every((r) => !r.late && !r.complete)).toBe(true);
  });
});

describe('progressYearEnd', () => {
  it('says for each task whether it is done, and for each indicator «Kết quả: …» against its target', () => {
    const mixed = [
      progressRow('t1', { timeframe: 'Quý II/2026' }),
      progressRow('t2', { timeframe: 'Quý III/2026' }),
      progressRow('t3', { timeframe: 'Quý IV/2026' }),
      progressRow('i1', { target: '≥ 80%', measureUnit: '%' }, { kind: 'indicator' }),
      progressRow('i2', { target: '100%', measureUnit: '%' }, { kind: 'indicator' }),
      progressRow('i3', { target: '≥ 50%', measureUnit: '%' }, { kind: 'indicator' }),
    ];
    const records = [
      progressRecord('t1', '2026-05', 'done'),
      progressRecord('t2', '2026-09', 'in_progress'),
      progressRecord('i1', '2026-11', 'in_progress', { value: '85%' }),
      progressRecord('i1', '2026-12', 'done', { value: 'đạt 90 %' }),
      // The last report brings no value: the latest value reported counts.
      progressRecord('i2', '2026-11', 'in_progress', { value: '96%' }),
      progressRecord('i2', '2026-12', 'in_progress'),
    ];
    const evaluation = progressYearEnd(mixed, records);
    expect(evaluation.lines.map((line) => (line.kind === 'task' ? [line.rowId, line.label] : [line.rowId, line.result, line.comparison.outcome]))).toEqual([
      ['t1', 'Hoàn thành'],
      ['t2', 'Chưa hoàn thành'],
      ['t3', 'Chưa hoàn thành'],
      ['i1', 'Kết quả: Đạt 90 %', 'met'],
      ['i2', 'Kết quả: Đạt 96 %', 'not_met'],
      ['i3', 'Kết quả: chưa có số liệu', 'not_comparable'],
    ]);
    expect(evaluation.tasks).toEqual({ total: 3, done: 1 });
    expect(evaluation.indicators).toEqual({ total: 3, met: 1, notMet: 1, notComparable: 1 });
  });

  it('evaluates every row of every fixture, each indicator against its own target', () => {
    for (const { file, rows: fixtureRows } of fixtureProgressRows()) {
      const records = fixtureRows.map((row) => progressRecord(row.id, '2026-12', 'done', { value: row.kind === 'indicator' ? '100%' : '' }));
      const evaluation = progressYearEnd(fixtureRows, records);
      expect(evaluation.lines, file).toHaveLength(fixtureRows.length);
      expect(evaluation.tasks.done, file).toBe(evaluation.tasks.total);
      for (const line of evaluation.lines) {
        if (line.kind !== 'indicator') continue;
        // 100% meets every percentage target of the fixtures; "Đạt" targets want «Đạt», not a level.
        expect(line.comparison.outcome, `${file}: ${line.target}`).toBe(line.target.trim() === 'Đạt' ? 'not_comparable' : 'met');
      }
    }
  });
});

describe('progressDueByRow', () => {
  it('lists the periods each row is due in', () => {
    expect(progressDueByRow(rows.slice(1, 3), PLAN)).toEqual(
      new Map([
        ['b', ['2026-04', '2026-05', '2026-06']],
        ['c', ['2026-10']],
      ]),
    );
  });
});
