import { describe, expect, it } from 'vitest';
import {
  PROGRESS_LIMITS,
  PROGRESS_STATUS_CODES,
  PROGRESS_STATUSES,
  REPORTING_SETTINGS_DEFAULT,
  progressEvidenceRead,
  progressRecordSchema,
  reportingSettingsSchema,
  reportPeriodDeadline,
  reportPeriodFormat,
  reportPeriodLabel,
  reportPeriodMonths,
  reportPeriodNext,
  reportPeriodParse,
  reportPeriodPrevious,
  reportPeriodsOfYear,
} from './model.ts';

function period(id: string) {
  const p = reportPeriodParse(id);
  if (!p) throw new Error(`"${id}" is not a period id`);
  return p;
}

const valid = { rowId: 'r1', period: '2026-03', status: 'in_progress', unitId: 'phong-kinh-te', by: 'u1', at: '2026-04-05T09:00:00+07:00' };

describe('progress statuses', () => {
  it('are the five of the issue, with their Vietnamese labels, in form order', () => {
    expect(PROGRESS_STATUS_CODES.map((code) => PROGRESS_STATUSES[code])).toEqual([
      'Chưa triển khai',
      'Đang thực hiện',
      'Hoàn thành',
      'Chậm tiến độ',
      'Không thực hiện được',
    ]);
  });
});

describe('reporting period ids', () => {
  it.each([
    ['2026-03', { kind: 'month', year: 2026, month: 3 }, 'Tháng 3/2026'],
    ['2026-12', { kind: 'month', year: 2026, month: 12 }, 'Tháng 12/2026'],
    ['2026-Q2', { kind: 'quarter', year: 2026, quarter: 2 }, 'Quý II/2026'],
  ])('read "%s" and write it back the same way', (id, parsed, label) => {
    expect(reportPeriodParse(id)).toEqual(parsed);
    expect(reportPeriodFormat(period(id))).toBe(id);
    expect(reportPeriodLabel(period(id))).toBe(label);
  });

  it.each(['2026-3', '2026-13', '2026-00', '2026-Q5', '2026-q2', '26-03', '1999-01', '2026-03 '])('refuse "%s"', (id) => {
    expect(reportPeriodParse(id)).toBeNull();
    expect(progressRecordSchema.safeParse({ ...valid, period: id }).success).toBe(false);
  });

  it('step over year ends both ways', () => {
    expect(reportPeriodFormat(reportPeriodNext(period('2026-12')))).toBe('2027-01');
    expect(reportPeriodFormat(reportPeriodPrevious(period('2026-01')))).toBe('2025-12');
    expect(reportPeriodFormat(reportPeriodNext(period('2026-Q4')))).toBe('2027-Q1');
    expect(reportPeriodFormat(reportPeriodPrevious(period('2026-Q1')))).toBe('2025-Q4');
  });

  it('cover their months, and a year has 12 months or 4 quarters', () => {
    expect(reportPeriodMonths(period('2026-Q3'))).toEqual([
      { year: 2026, month: 7 },
      { year: 2026, month: 8 },
      { year: 2026, month: 9 },
    ]);
    expect(reportPeriodsOfYear('month', 2026).map(reportPeriodFormat)).toHaveLength(12);
    expect(reportPeriodsOfYear('quarter', 2026).map(reportPeriodFormat)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
});

describe('reporting settings', () => {
  it('default to monthly reports due on the 20th, consolidated by the 25th', () => {
    expect(REPORTING_SETTINGS_DEFAULT).toEqual({ periodKind: 'month', reportDueDay: 20, consolidationDueDay: 25 });
  });

  it('refuse a due day that some month does not have, in Vietnamese', () => {
    const result = reportingSettingsSchema.safeParse({ reportDueDay: 31 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('từ ngày 1 đến ngày 28');
  });

  it('put a period\'s deadline on day N of the month after it', () => {
    expect(reportPeriodDeadline(period('2026-03'), REPORTING_SETTINGS_DEFAULT)).toBe('2026-04-20');
    expect(reportPeriodDeadline(period('2026-12'), { reportDueDay: 15 })).toBe('2027-01-15');
    expect(reportPeriodDeadline(period('2026-Q2'), REPORTING_SETTINGS_DEFAULT)).toBe('2026-07-20');
  });
});

describe('the progress record', () => {
  it('accepts a report and fills empty texts', () => {
    expect(progressRecordSchema.parse(valid)).toEqual({ ...valid, result: '', evidence: '', difficulties: '', value: '' });
  });

  it('refuses an unknown status and a time without its zone', () => {
    expect(progressRecordSchema.safeParse({ ...valid, status: 'finished' }).success).toBe(false);
    expect(progressRecordSchema.safeParse({ ...valid, at: 'hôm qua' }).success).toBe(false);
  });

  it('refuses a text past its limit with a message naming the field', () => {
    const result = progressRecordSchema.safeParse({ ...valid, difficulties: 'x'.repeat(PROGRESS_LIMITS.difficultiesChars + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('«Khó khăn, vướng mắc, kiến nghị» dài quá 5.000 ký tự.');
    expect(progressRecordSchema.safeParse({ ...valid, difficulties: 'x'.repeat(PROGRESS_LIMITS.difficultiesChars) }).success).toBe(true);
  });

  it('takes as evidence a web link or a reference, never another kind of link', () => {
    expect(progressRecordSchema.safeParse({ ...valid, evidence: 'https://tanky.haiphong.gov.vn/bao-cao' }).success).toBe(true);
    expect(progressRecordSchema.safeParse({ ...valid, evidence: 'Công văn số 12/UBND ngày 05/3/2026' }).success).toBe(true);
    expect(progressRecordSchema.safeParse({ ...valid, evidence: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('progressEvidenceRead', () => {
  it('tells a link from a reference', () => {
    expect(progressEvidenceRead(' https://example.vn/a ')).toEqual({ kind: 'link', url: 'https://example.vn/a' });
    expect(progressEvidenceRead('Công văn số 12/UBND')).toEqual({ kind: 'reference', text: 'Công văn số 12/UBND' });
    expect(progressEvidenceRead('  ')).toEqual({ kind: 'none' });
  });
});
