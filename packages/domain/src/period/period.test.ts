import { describe, expect, it } from 'vitest';
import { fixtureRows } from '../fixtures.test-helper.ts';
import type { Frequency, Period } from './index.ts';
import { frequencyDescribe, frequencyParse, periodDescribe, periodMonths, periodParse, periodYears } from './index.ts';

/** A span in short strings ("2026-04", "2026-06-30", "2026Q2"), so a table row reads at a glance. */
function spanShort(period: Period): { start: string; end: string; due: string; quarters: string } {
  if (period.kind !== 'span') throw new Error(`expected a span, got ${period.kind}`);
  const month = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;
  return {
    start: month(period.start),
    end: month(period.end),
    due: period.due,
    quarters: period.quarters.map((q) => `${q.year}Q${q.quarter}`).join(' '),
  };
}

function parsed(text: string, options?: { planYear?: number }): Period {
  const result = periodParse(text, options);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.code} ${result.reason}`);
  return result.value;
}

/** The non-empty cells of the column headed `label`, skipping repeated headers and section rows. */
function fixtureColumn(file: string, label: string): string[] {
  const rows = fixtureRows(file);
  const column = rows[0]?.indexOf(label) ?? -1;
  if (column < 0) throw new Error(`${file} has no column "${label}"`);
  return rows
    .slice(1)
    .filter((row) => /^\d+$/.test((row[0] ?? '').trim()))
    .map((row) => row[column] ?? '');
}

describe('periodParse reads spans', () => {
  it.each([
    // The fixtures' own forms.
    ['Quý I–IV/2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    ['Quý II/2026', '2026-04', '2026-06', '2026-06-30', '2026Q2'],
    ['Quý III–IV/2026', '2026-07', '2026-12', '2026-12-31', '2026Q3 2026Q4'],
    ['Quý II–III/2026', '2026-04', '2026-09', '2026-09-30', '2026Q2 2026Q3'],
    ['Năm 2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    // Ranges with the word on both ends, spaced, in other dashes, cases and without diacritics.
    ['Quý II – Quý IV/2026', '2026-04', '2026-12', '2026-12-31', '2026Q2 2026Q3 2026Q4'],
    ['Quý II/2026 - Quý IV/2026', '2026-04', '2026-12', '2026-12-31', '2026Q2 2026Q3 2026Q4'],
    ['QUÝ II — IV / 2026', '2026-04', '2026-12', '2026-12-31', '2026Q2 2026Q3 2026Q4'],
    ['quy ii−iv/2026', '2026-04', '2026-12', '2026-12-31', '2026Q2 2026Q3 2026Q4'],
    ['Quý IV/2025 – Quý I/2026', '2025-10', '2026-03', '2026-03-31', '2025Q4 2026Q1'],
    ['Tháng 3 - tháng 6/2026', '2026-03', '2026-06', '2026-06-30', '2026Q1 2026Q2'],
    ['Tháng 3-6/2026', '2026-03', '2026-06', '2026-06-30', '2026Q1 2026Q2'],
    ['Từ tháng 3 đến tháng 6 năm 2026', '2026-03', '2026-06', '2026-06-30', '2026Q1 2026Q2'],
    ['tu thang 3 den thang 6 nam 2026', '2026-03', '2026-06', '2026-06-30', '2026Q1 2026Q2'],
    ['Tháng 10/2025 – Tháng 3/2026', '2025-10', '2026-03', '2026-03-31', '2025Q4 2026Q1'],
    // Lists of quarters name exactly their quarters.
    ['Quý I, III/2026', '2026-01', '2026-09', '2026-09-30', '2026Q1 2026Q3'],
    ['Quý I và Quý III năm 2026', '2026-01', '2026-09', '2026-09-30', '2026Q1 2026Q3'],
    ['Quý I/2026; Quý IV/2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q4'],
    // Quarters in arabic, single months.
    ['Quý 2/2026', '2026-04', '2026-06', '2026-06-30', '2026Q2'],
    ['Q2/2026', '2026-04', '2026-06', '2026-06-30', '2026Q2'],
    ['Tháng 10/2026', '2026-10', '2026-10', '2026-10-31', '2026Q4'],
    ['tháng 10 năm 2026', '2026-10', '2026-10', '2026-10-31', '2026Q4'],
    ['10/2026', '2026-10', '2026-10', '2026-10-31', '2026Q4'],
    ['Tháng 2/2028', '2028-02', '2028-02', '2028-02-29', '2028Q1'],
    // Halves and whole years.
    ['6 tháng đầu năm 2026', '2026-01', '2026-06', '2026-06-30', '2026Q1 2026Q2'],
    ['6 tháng cuối năm 2026', '2026-07', '2026-12', '2026-12-31', '2026Q3 2026Q4'],
    ['Cả năm 2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    ['2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    ['nam 2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    ['Trong năm 2026', '2026-01', '2026-12', '2026-12-31', '2026Q1 2026Q2 2026Q3 2026Q4'],
    ['Năm 2025–2026', '2025-01', '2026-12', '2026-12-31', '2025Q1 2025Q2 2025Q3 2025Q4 2026Q1 2026Q2 2026Q3 2026Q4'],
    // Dates: the month of the date, due on the date itself.
    ['30/6/2026', '2026-06', '2026-06', '2026-06-30', '2026Q2'],
    ['trước 30/06/2026', '2026-06', '2026-06', '2026-06-30', '2026Q2'],
    ['Trước ngày 15/12/2026', '2026-12', '2026-12', '2026-12-15', '2026Q4'],
    ['ngày 15/3/2026', '2026-03', '2026-03', '2026-03-15', '2026Q1'],
    ['Hoàn thành trước 31/3/2026', '2026-03', '2026-03', '2026-03-31', '2026Q1'],
    ['ngày 15 tháng 3 năm 2026', '2026-03', '2026-03', '2026-03-15', '2026Q1'],
    ['Từ 01/3/2026 đến 15/6/2026', '2026-03', '2026-06', '2026-06-15', '2026Q1 2026Q2'],
    // Words around one period, brackets and trailing punctuation.
    ['Hoàn thành trong Quý II/2026.', '2026-04', '2026-06', '2026-06-30', '2026Q2'],
    ['(Quý III/2026)', '2026-07', '2026-09', '2026-09-30', '2026Q3'],
    ['Quý II/2026 (nếu bố trí được kinh phí)', '2026-04', '2026-06', '2026-06-30', '2026Q2'],
  ])('reads "%s" as %s to %s, due %s, quarters %s', (text, start, end, due, quarters) => {
    expect(spanShort(parsed(text))).toEqual({ start, end, due, quarters });
  });

  it('reads "Quý I–IV/2026" as the whole of 2026 with its four quarters and no milestones', () => {
    expect(periodParse('Quý I–IV/2026')).toEqual({
      ok: true,
      value: {
        kind: 'span',
        start: { year: 2026, month: 1 },
        end: { year: 2026, month: 12 },
        due: '2026-12-31',
        quarters: [
          { year: 2026, quarter: 1 },
          { year: 2026, quarter: 2 },
          { year: 2026, quarter: 3 },
          { year: 2026, quarter: 4 },
        ],
        milestones: [],
      },
    });
  });

  it('marks a due date written as a date, and only then', () => {
    expect(parsed('trước 30/06/2026')).toMatchObject({ dueExplicit: true });
    expect(parsed('Tháng 6/2026')).not.toHaveProperty('dueExplicit');
  });

  it('reads several dated lines as one span from the earliest start to the latest end, with its milestones', () => {
    const period = parsed('- Xây dựng kế hoạch: Quý I/2026\n- Triển khai: Quý II–IV/2026\n- Báo cáo: trước 15/12/2026');
    expect(spanShort(period)).toEqual({ start: '2026-01', end: '2026-12', due: '2026-12-31', quarters: '2026Q1 2026Q2 2026Q3 2026Q4' });
    expect(period.kind === 'span' && period.milestones).toEqual([
      { text: 'Xây dựng kế hoạch: Quý I/2026', start: { year: 2026, month: 1 }, end: { year: 2026, month: 3 }, due: '2026-03-31' },
      { text: 'Triển khai: Quý II–IV/2026', start: { year: 2026, month: 4 }, end: { year: 2026, month: 12 }, due: '2026-12-31' },
      { text: 'Báo cáo: trước 15/12/2026', start: { year: 2026, month: 12 }, end: { year: 2026, month: 12 }, due: '2026-12-15' },
    ]);
  });

  it('finds the date among the words of each milestone line, with or without a colon', () => {
    const period = parsed('Xây dựng kế hoạch trong Quý I/2026\r\nBáo cáo kết quả trước ngày 30/6/2026');
    expect(spanShort(period)).toEqual({ start: '2026-01', end: '2026-06', due: '2026-06-30', quarters: '2026Q1 2026Q2' });
    expect(period.kind === 'span' && period.milestones.map((m) => m.due)).toEqual(['2026-03-31', '2026-06-30']);
  });

  it('reads milestones pasted on one line and separated by ";"', () => {
    const period = parsed('Xây dựng: Quý I/2026; Triển khai: Quý II–IV/2026');
    expect(spanShort(period).end).toBe('2026-12');
    expect(period.kind === 'span' && period.milestones.map((m) => m.text)).toEqual(['Xây dựng: Quý I/2026', 'Triển khai: Quý II–IV/2026']);
  });

  it('reads a period that Word wrapped over two lines', () => {
    expect(spanShort(parsed('Quý I–IV/\n2026')).quarters).toBe('2026Q1 2026Q2 2026Q3 2026Q4');
  });

  it('reads a list of months as milestones, since months cannot be listed in quarters', () => {
    const period = parsed('Tháng 3 và tháng 9/2026');
    expect(period.kind === 'span' && period.milestones.map((m) => m.text)).toEqual(['Tháng 3/2026', 'Tháng 9/2026']);
  });

  it('gives a period without a year the plan year when one is given', () => {
    expect(spanShort(parsed('Quý II', { planYear: 2026 }))).toMatchObject({ start: '2026-04', end: '2026-06' });
    expect(spanShort(parsed('6 tháng cuối năm', { planYear: 2026 }))).toMatchObject({ start: '2026-07', end: '2026-12' });
    expect(spanShort(parsed('trong năm', { planYear: 2027 }))).toMatchObject({ start: '2027-01', end: '2027-12' });
    expect(spanShort(parsed('Cả năm', { planYear: 2026 }))).toMatchObject({ start: '2026-01', end: '2026-12' });
    expect(spanShort(parsed('trước 15/12', { planYear: 2026 })).due).toBe('2026-12-15');
  });

  it('takes a missing year from the written one rather than from the plan year', () => {
    expect(spanShort(parsed('Quý I, III/2025', { planYear: 2026 })).quarters).toBe('2025Q1 2025Q3');
  });
});

describe('periodParse reads rhythms and "Thường xuyên"', () => {
  it.each<[string, Frequency[]]>([
    ['Hàng tuần/Hàng tháng', ['weekly', 'monthly']],
    ['Tháng/Quý/Năm', ['monthly', 'quarterly', 'yearly']],
    ['Hàng ngày/Hàng tuần', ['daily', 'weekly']],
    ['Hàng tháng/Quý', ['monthly', 'quarterly']],
    ['Hàng quý', ['quarterly']],
    ['Hàng tháng', ['monthly']],
    ['hang nam', ['yearly']],
    ['định kỳ', ['periodic']],
    ['đột xuất', ['adHoc']],
    ['Định kỳ và đột xuất', ['periodic', 'adHoc']],
  ])('reads "%s" as recurring %j', (text, frequencies) => {
    expect(parsed(text)).toEqual({ kind: 'recurring', frequencies });
  });

  it.each(['Thường xuyên', 'THƯỜNG XUYÊN', 'thuong xuyen', 'Thường xuyên, liên tục'])('reads "%s" as continuous', (text) => {
    expect(parsed(text)).toEqual({ kind: 'continuous' });
  });
});

describe('periodParse refuses what it cannot read, with a code and a quoting reason', () => {
  it.each([
    ['', 'period.empty', 'Chưa ghi'],
    ['   \n ', 'period.empty', 'Chưa ghi'],
    ['Quý IV–II/2026', 'period.reversed', '"Quý IV–II/2026"'],
    ['Tháng 10 - tháng 3/2026', 'period.reversed', 'Tháng 3/2026'],
    ['30/6/2026 - 1/3/2026', 'period.reversed', '"30/6/2026 - 1/3/2026"'],
    ['Tháng 13/2026', 'period.invalid', 'tháng 13'],
    ['31/02/2026', 'period.invalid', 'chỉ có 28 ngày'],
    ['Quý V/2026', 'period.invalid', 'quý V'],
    ['Quý I–V/2026', 'period.invalid', '"V/2026"'],
    ['Quý 5/2026', 'period.invalid', 'quý 5'],
    ['Năm 2206', 'period.invalid', 'năm 2206'],
    ['Quý II', 'period.yearMissing', '"Quý II"'],
    ['6 tháng cuối năm', 'period.yearMissing', '"6 tháng cuối năm 2026"'],
    ['trong năm', 'period.yearMissing', '"trong năm"'],
    ['- Xây dựng: Quý I\n- Triển khai: Quý II–IV/2026', 'period.yearMissing', '"Quý I"'],
    ['sớm', 'period.unrecognized', '"sớm"'],
    ['ASAP', 'period.unrecognized', '"ASAP"'],
    ['Quý', 'period.unrecognized', 'thiếu số quý'],
    ['Tháng', 'period.unrecognized', 'thiếu số tháng'],
    ['trước tháng 6/2026', 'period.unrecognized', '"trước tháng 6/2026"'],
    ['sau Quý II/2026', 'period.unrecognized', '"sau Quý II/2026"'],
    ['Từ tháng 3/2026', 'period.unrecognized', 'mốc kết thúc'],
    ['Kế hoạch năm 2026 hoàn thành Quý I/2026', 'period.unrecognized', 'nhiều mốc'],
    ['Quý II/2026 hoặc Quý III/2026', 'period.unrecognized', 'nhiều mốc'],
    ['- Xây dựng: Quý I/2026\n- Triển khai: sớm nhất có thể', 'period.unrecognized', '"Triển khai: sớm nhất có thể"'],
    ['Theo Quyết định 15/2026/QĐ-UBND', 'period.unrecognized', 'Không hiểu'],
  ])('refuses "%s" with %s, quoting %s', (text, code, quote) => {
    const result = periodParse(text);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.reason).toContain(quote);
  });
});

describe('the fixtures', () => {
  const timeframes = [
    ...fixtureColumn('tan-thanh-2026-tasks.tsv', 'Thời gian thực hiện'),
    ...fixtureColumn('tan-ky-2026-tasks.tsv', 'Thời hạn'),
  ];
  const frequencies = fixtureColumn('tan-ky-2026-recurring.tsv', 'Tần suất');

  it('have task rows and recurring rows to check', () => {
    expect(timeframes.length).toBeGreaterThanOrEqual(35);
    expect(frequencies.length).toBeGreaterThanOrEqual(10);
  });

  it('every timeframe cell parses as a period within 2026, even without a plan year', () => {
    for (const cell of timeframes) {
      const result = periodParse(cell);
      expect(result, cell).toMatchObject({ ok: true });
      if (result.ok && result.value.kind === 'span') expect(periodYears(result.value), cell).toEqual([2026]);
    }
  });

  it('every "Tần suất" cell parses as a list of rhythms', () => {
    for (const cell of frequencies) expect(frequencyParse(cell), cell).toMatchObject({ ok: true });
  });
});

describe('frequencyParse', () => {
  it.each<[string, Frequency[]]>([
    ['Hàng tuần/Hàng tháng', ['weekly', 'monthly']],
    ['Hàng tháng/Hàng tuần', ['weekly', 'monthly']],
    ['Tháng/Quý/Năm', ['monthly', 'quarterly', 'yearly']],
    ['Quý', ['quarterly']],
    ['Hằng ngày', ['daily']],
    ['01 lần/tuần', ['weekly']],
    ['6 tháng/lần', ['halfYearly']],
    ['Định kỳ hàng tháng', ['monthly']],
    ['Định kỳ, đột xuất', ['periodic', 'adHoc']],
    ['Thường xuyên', []],
  ])('reads "%s" as %j', (text, expected) => {
    expect(frequencyParse(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'frequency.empty', 'Chưa ghi'],
    ['sớm', 'frequency.unrecognized', '"sớm"'],
    ['Quý II/2026', 'frequency.unrecognized', 'là thời hạn'],
  ])('refuses "%s" with %s', (text, code, quote) => {
    const result = frequencyParse(text);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.reason).toContain(quote);
  });
});

describe('periodDescribe', () => {
  it.each([
    ['Quý II–IV/2026', 'Quý II → Quý IV/2026'],
    ['Quý II/2026', 'Quý II/2026'],
    ['Quý IV/2025 - Quý I/2026', 'Quý IV/2025 → Quý I/2026'],
    ['Quý I, III/2026', 'Quý I, III/2026'],
    ['Tháng 10/2026', 'Tháng 10/2026'],
    ['Tháng 3 - tháng 5/2026', 'Tháng 3 → Tháng 5/2026'],
    ['Tháng 11/2025 - tháng 2/2026', 'Tháng 11/2025 → Tháng 2/2026'],
    ['Năm 2026', 'Cả năm 2026'],
    ['Quý I–IV/2026', 'Cả năm 2026'],
    ['6 tháng đầu năm 2026', '6 tháng đầu năm 2026'],
    ['trước 30/06/2026', 'Hạn: 30/06/2026'],
    ['Từ 01/3/2026 đến 15/6/2026', 'Tháng 3 → Tháng 6/2026, hạn 15/06/2026'],
    ['- Kế hoạch: Quý I/2026\n- Báo cáo: trước 15/12/2026', 'Cả năm 2026, hạn 15/12/2026 (2 mốc)'],
    ['Thường xuyên', 'Thường xuyên'],
    ['Hàng tuần/Hàng tháng', 'Hàng tuần, hàng tháng'],
    ['Định kỳ và đột xuất', 'Định kỳ, đột xuất'],
  ])('describes "%s" as "%s"', (text, expected) => {
    expect(periodDescribe(parsed(text))).toBe(expected);
  });

  it('describes an empty list of rhythms as "Thường xuyên"', () => {
    expect(frequencyDescribe([])).toBe('Thường xuyên');
    expect(frequencyDescribe(['halfYearly', 'yearly'])).toBe('6 tháng/lần, hàng năm');
  });
});

describe('periodYears and periodMonths', () => {
  it('list the years a span touches, and none for rhythms', () => {
    expect(periodYears(parsed('Tháng 10/2025 – Tháng 3/2026'))).toEqual([2025, 2026]);
    expect(periodYears(parsed('Quý II/2026'))).toEqual([2026]);
    expect(periodYears(parsed('Hàng tháng'))).toEqual([]);
    expect(periodYears(parsed('Thường xuyên'))).toEqual([]);
  });

  it('list the months a span covers', () => {
    expect(periodMonths(parsed('Tháng 11/2025 - tháng 2/2026'))).toEqual([
      { year: 2025, month: 11 },
      { year: 2025, month: 12 },
      { year: 2026, month: 1 },
      { year: 2026, month: 2 },
    ]);
  });
});
