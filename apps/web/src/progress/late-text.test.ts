import { describe, expect, it } from 'vitest';
import { stringsFor } from '../i18n/strings.ts';
import { lateReasonsText } from './late-text.ts';

describe('lateReasonsText', () => {
  const vi = stringsFor('vi');

  it('tells a run of missing reports as one clause, with the overdue date', () => {
    const reasons = [
      { code: 'report_missing', period: '2026-04', deadline: '2026-05-20' },
      { code: 'report_missing', period: '2026-05', deadline: '2026-06-20' },
      { code: 'report_missing', period: '2026-06', deadline: '2026-07-20' },
      { code: 'overdue', due: '2026-06-30' },
    ] as const;
    expect(lateReasonsText(vi, reasons)).toBe('chưa báo cáo 3 kỳ, từ Tháng 4/2026 đến Tháng 6/2026; quá thời hạn 30/06/2026 mà chưa hoàn thành');
  });

  it('names one or two missing reports with their deadlines, in English too', () => {
    const reasons = [{ code: 'report_missing', period: '2026-Q3', deadline: '2026-10-20' }] as const;
    expect(lateReasonsText(vi, reasons)).toBe('chưa báo cáo Quý III/2026 (hạn 20/10/2026)');
    expect(lateReasonsText(stringsFor('en'), reasons)).toBe('no report for Q3 2026 (due 20/10/2026)');
  });
});
