import { describe, expect, it } from 'vitest';
import type { ProgressPlan } from './due.ts';
import { progressCellState, progressMatrix, progressTimeline, reportPeriodToReport, reportReminderIsDue } from './current.ts';
import { reportPeriodFormat, reportPeriodParse, type ReportPeriod } from './model.ts';
import { fixtureProgressRows, progressRecord, progressRow } from './progress.test-helper.ts';

const MONTHLY = { periodKind: 'month', reportDueDay: 20 } as const;
const PLAN: ProgressPlan = { year: 2026, settings: MONTHLY };

function period(id: string): ReportPeriod {
  const p = reportPeriodParse(id);
  if (!p) throw new Error(id);
  return p;
}

describe('reportPeriodToReport', () => {
  it('is the month just ended until its deadline, the month under way after it', () => {
    expect(reportPeriodFormat(reportPeriodToReport('2026-12-05', MONTHLY))).toBe('2026-11');
    expect(reportPeriodFormat(reportPeriodToReport('2026-12-20', MONTHLY))).toBe('2026-11');
    expect(reportPeriodFormat(reportPeriodToReport('2026-12-21', MONTHLY))).toBe('2026-12');
    expect(reportPeriodFormat(reportPeriodToReport('2027-01-10', MONTHLY))).toBe('2026-12');
  });

  it('counts quarters the same way', () => {
    const quarterly = { periodKind: 'quarter', reportDueDay: 10 } as const;
    expect(reportPeriodFormat(reportPeriodToReport('2026-10-10', quarterly))).toBe('2026-Q3');
    expect(reportPeriodFormat(reportPeriodToReport('2026-10-11', quarterly))).toBe('2026-Q4');
    expect(reportPeriodFormat(reportPeriodToReport('2026-12-05', quarterly))).toBe('2026-Q4');
  });
});

describe('reportReminderIsDue', () => {
  it('reminds from five days before the deadline on, never earlier', () => {
    expect(reportReminderIsDue('2026-12-14', period('2026-11'), MONTHLY)).toBe(false);
    expect(reportReminderIsDue('2026-12-15', period('2026-11'), MONTHLY)).toBe(true);
    expect(reportReminderIsDue('2026-12-28', period('2026-11'), MONTHLY)).toBe(true);
  });
});

describe('progressCellState', () => {
  it('tells complete, partial, missing, late and not due apart', () => {
    const nov = period('2026-11');
    expect(progressCellState({ due: 2, reported: 2 }, nov, '2026-12-05', MONTHLY)).toBe('complete');
    expect(progressCellState({ due: 2, reported: 1 }, nov, '2026-12-05', MONTHLY)).toBe('partial');
    expect(progressCellState({ due: 2, reported: 0 }, nov, '2026-12-20', MONTHLY)).toBe('missing');
    expect(progressCellState({ due: 2, reported: 1 }, nov, '2026-12-21', MONTHLY)).toBe('late');
    expect(progressCellState({ due: 0, reported: 0 }, nov, '2026-12-21', MONTHLY)).toBe('not_due');
    expect(progressCellState({ due: 3, reported: 0 }, period('2026-12'), '2026-11-30', MONTHLY)).toBe('not_due');
  });
});

describe('progressMatrix', () => {
  const rows = [
    progressRow('a', { timeframe: 'Quý IV/2026' }, { owners: ['phong-kinh-te'] }),
    progressRow('b', { timeframe: 'Tháng 11/2026' }, { owners: ['phong-kinh-te', 'cong-an-xa'] }),
    progressRow('c', { timeframe: 'Tháng 3/2026' }, { owners: ['cong-an-xa'] }),
  ];

  it('gives each unit owning rows a cell per month with its rows due and reported', () => {
    const matrix = progressMatrix(rows, [progressRecord('a', '2026-11', 'in_progress')], PLAN, '2026-12-05');
    expect(matrix.map((line) => line.unitId)).toEqual(['phong-kinh-te', 'cong-an-xa']);
    const kinhTe = matrix[0]?.cells;
    expect(kinhTe).toHaveLength(12);
    expect(kinhTe?.[10]).toEqual({ periodId: '2026-11', due: 2, reported: 1, state: 'partial' });
    expect(kinhTe?.[9]).toEqual({ periodId: '2026-10', due: 1, reported: 0, state: 'late' });
    expect(kinhTe?.[0]?.state).toBe('not_due');
    const congAn = matrix[1]?.cells;
    expect(congAn?.[10]).toEqual({ periodId: '2026-11', due: 1, reported: 0, state: 'missing' });
    expect(congAn?.[2]?.state).toBe('late');
  });

  it('reads every fixture plan without a unit line of empty cells', () => {
    for (const { rows: fixtureRows } of fixtureProgressRows()) {
      const matrix = progressMatrix(fixtureRows, [], PLAN, '2026-12-05');
      for (const line of matrix) expect(line.cells).toHaveLength(12);
      const due = matrix.flatMap((line) => line.cells).reduce((n, c) => n + c.due, 0);
      expect(due).toBeGreaterThan(0);
    }
  });
});

describe('progressTimeline', () => {
  it('counts per month the rows due, reported, late and done', () => {
    const rows = [progressRow('a', { timeframe: 'Tháng 10/2026' }), progressRow('b', { timeframe: 'Tháng 10 - 11/2026' })];
    const records = [progressRecord('a', '2026-10', 'done')];
    const timeline = progressTimeline(rows, records, PLAN, '2026-12-05');
    expect(timeline[9]).toEqual({ periodId: '2026-10', due: 2, reported: 1, late: 1, done: 1 });
    expect(timeline[10]).toEqual({ periodId: '2026-11', due: 1, reported: 0, late: 0, done: 0 });
  });
});
