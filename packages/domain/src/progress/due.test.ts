import { describe, expect, it } from 'vitest';
import type { ProgressPlan } from './due.ts';
import { progressDuePeriods, progressLateness, progressSchedule } from './due.ts';
import { reportPeriodFormat } from './model.ts';
import { fixtureProgressRows, progressRecord, progressRow } from './progress.test-helper.ts';

const MONTHLY: ProgressPlan = { year: 2026, settings: { periodKind: 'month', reportDueDay: 20 } };
const QUARTERLY: ProgressPlan = { year: 2026, settings: { periodKind: 'quarter', reportDueDay: 20 } };

function duePeriods(cells: Record<string, string>, plan = MONTHLY, kind: 'task' | 'indicator' = 'task'): string[] {
  return progressDuePeriods(progressSchedule({ cells, kind }, plan.year), plan).map(reportPeriodFormat);
}

describe('which periods a row is due in', () => {
  it('"Quý II/2026" is due in April, May and June (and in the second quarter)', () => {
    expect(duePeriods({ timeframe: 'Quý II/2026' })).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(duePeriods({ timeframe: 'Quý II/2026' }, QUARTERLY)).toEqual(['2026-Q2']);
  });

  it('"Thường xuyên" is due every month', () => {
    expect(duePeriods({ timeframe: 'Thường xuyên' })).toHaveLength(12);
  });

  it('"Tháng 10/2026" is due in October only', () => {
    expect(duePeriods({ timeframe: 'Tháng 10/2026' })).toEqual(['2026-10']);
  });

  it('a list of quarters is due in those quarters only', () => {
    expect(duePeriods({ timeframe: 'Quý I, III/2026' }, QUARTERLY)).toEqual(['2026-Q1', '2026-Q3']);
  });

  it('a span reaching into another year is due only in the plan\'s year', () => {
    expect(duePeriods({ timeframe: 'Tháng 11/2026 - tháng 2/2027' })).toEqual(['2026-11', '2026-12']);
  });

  it('a "Tần suất" of "Hàng tháng" is due every month, "Hàng quý" in each quarter\'s last month', () => {
    expect(duePeriods({ frequency: 'Hàng tháng' })).toHaveLength(12);
    expect(duePeriods({ frequency: 'Hàng quý' })).toEqual(['2026-03', '2026-06', '2026-09', '2026-12']);
    expect(duePeriods({ frequency: 'Hàng quý' }, QUARTERLY)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('"Đột xuất" is never due, and an indicator without a timeframe is due every month', () => {
    expect(progressSchedule({ kind: 'task', cells: { frequency: 'Đột xuất' } }, 2026)).toEqual({ kind: 'unscheduled', frequencies: ['adHoc'] });
    expect(duePeriods({ target: '≥ 80%' }, MONTHLY, 'indicator')).toHaveLength(12);
  });

  it('an unreadable timeframe has an unknown schedule with the parser\'s reason', () => {
    const schedule = progressSchedule({ kind: 'task', cells: { timeframe: 'sớm' } }, 2026);
    expect(schedule.kind).toBe('unknown');
    expect(schedule.kind === 'unknown' && schedule.reason).toContain('"sớm"');
  });

  it('every row of every fixture has a known schedule, due in some period of 2026', () => {
    const fixtures = fixtureProgressRows();
    let rows = 0;
    for (const { file, rows: fixtureRows } of fixtures) {
      for (const row of fixtureRows) {
        rows += 1;
        const schedule = progressSchedule(row, 2026);
        expect(schedule.kind, `${file} ${row.id}`).not.toBe('unknown');
        expect(progressDuePeriods(schedule, MONTHLY).length, `${file} ${row.id}`).toBeGreaterThan(0);
      }
    }
    expect(rows).toBeGreaterThanOrEqual(90);
  });
});

describe('progressLateness', () => {
  const q2 = progressRow('r1', { timeframe: 'Quý II/2026' });

  it('is on track before the first deadline, and a report on the deadline day is on time', () => {
    expect(progressLateness(q2, [], '2026-05-20', MONTHLY)).toEqual({ state: 'on_track' });
    expect(progressLateness(q2, [progressRecord('r1', '2026-04', 'in_progress')], '2026-05-21', MONTHLY)).toEqual({ state: 'on_track' });
  });

  it('is late the day after a due period\'s deadline passes with no report', () => {
    expect(progressLateness(q2, [], '2026-05-21', MONTHLY)).toEqual({
      state: 'late',
      reasons: [{ code: 'report_missing', period: '2026-04', deadline: '2026-05-20' }],
    });
  });

  it('is late past its timeframe when not done, with every missing report', () => {
    const records = [progressRecord('r1', '2026-04', 'in_progress'), progressRecord('r1', '2026-05', 'in_progress'), progressRecord('r1', '2026-06', 'in_progress')];
    expect(progressLateness(q2, records, '2026-07-01', MONTHLY)).toEqual({ state: 'late', reasons: [{ code: 'overdue', due: '2026-06-30' }] });
    expect(progressLateness(q2, records.slice(0, 1), '2026-07-21', MONTHLY)).toMatchObject({
      state: 'late',
      reasons: [
        { code: 'report_missing', period: '2026-05' },
        { code: 'report_missing', period: '2026-06' },
        { code: 'overdue', due: '2026-06-30' },
      ],
    });
  });

  it('is done once the latest report says «Hoàn thành», and no later report is asked', () => {
    const records = [progressRecord('r1', '2026-04', 'done')];
    expect(progressLateness(q2, records, '2026-12-31', MONTHLY)).toEqual({ state: 'done', period: '2026-04' });
  });

  it('is late when the department itself reported «Chậm tiến độ»', () => {
    expect(progressLateness(q2, [progressRecord('r1', '2026-04', 'behind')], '2026-05-01', MONTHLY)).toEqual({
      state: 'late',
      reasons: [{ code: 'reported_behind', period: '2026-04' }],
    });
  });

  it('never calls a row with an unreadable timeframe late', () => {
    expect(progressLateness(progressRow('r2', { timeframe: 'sớm' }), [], '2027-06-01', MONTHLY)).toMatchObject({ state: 'unknown' });
  });

  it('keeps asking for a recurring row\'s reports after one says «Hoàn thành»', () => {
    const monthly = progressRow('r3', { frequency: 'Hàng tháng' });
    expect(progressLateness(monthly, [progressRecord('r3', '2026-01', 'done')], '2026-03-21', MONTHLY)).toEqual({
      state: 'late',
      reasons: [{ code: 'report_missing', period: '2026-02', deadline: '2026-03-20' }],
    });
  });

  it('reads the deadline of a quarter from the plan\'s due day', () => {
    const plan: ProgressPlan = { year: 2026, settings: { periodKind: 'quarter', reportDueDay: 10 } };
    const always = progressRow('r4', { timeframe: 'Thường xuyên' });
    const records = [progressRecord('r4', '2026-Q1', 'in_progress')];
    expect(progressLateness(always, records, '2026-07-10', plan)).toEqual({ state: 'on_track' });
    expect(progressLateness(always, records, '2026-07-11', plan)).toEqual({
      state: 'late',
      reasons: [{ code: 'report_missing', period: '2026-Q2', deadline: '2026-07-10' }],
    });
  });
});

describe('schedules read once per timeframe', () => {
  it('give the same schedule for the same text, and another for another text, year or kind', () => {
    const a = progressSchedule({ kind: 'task', cells: { timeframe: 'Quý II/2026' } }, 2026);
    expect(progressSchedule({ kind: 'task', cells: { timeframe: ' Quý II/2026 ' } }, 2026)).toBe(a);
    expect(progressSchedule({ kind: 'task', cells: { timeframe: 'Quý III/2026' } }, 2026)).toMatchObject({ kind: 'dated', due: '2026-09-30' });
    expect(progressSchedule({ kind: 'task', cells: { timeframe: 'Quý II/2026' } }, 2027)).not.toBe(a);
    // An indicator with no timeframe is due every month; a task whose timeframe column is empty is unknown.
    expect(progressSchedule({ kind: 'indicator', cells: {} }, 2026).kind).toBe('recurring');
    expect(progressSchedule({ kind: 'task', cells: { timeframe: '' } }, 2026).kind).toBe('unknown');
    expect(progressSchedule({ kind: 'task', cells: { timeframe: '', frequency: 'Hàng quý' } }, 2026).kind).toBe('recurring');
  });
});
