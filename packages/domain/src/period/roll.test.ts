import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRows } from '../fixtures.test-helper.ts';
import type { Period } from './index.ts';
import { periodParse, periodShift, periodYears, timeframeRoll, yearsRoll } from './index.ts';

const TO_2027 = { from: 2026 } as const;

function parsed(text: string): Period {
  const result = periodParse(text);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.reason}`);
  return result.value;
}

/** The timeframe cells of every fixture that has a timeframe column, found by its header. */
function fixtureTimeframes(): string[] {
  const cells: string[] = [];
  for (const file of FIXTURE_FILES) {
    const rows = fixtureRows(file);
    const column = rows[0]?.findIndex((label) => ['Thời gian thực hiện', 'Thời hạn'].includes(label.trim())) ?? -1;
    if (column < 0) continue;
    for (const row of rows.slice(1)) if (/^\d+$/.test((row[0] ?? '').trim())) cells.push(row[column] ?? '');
  }
  return cells;
}

describe('timeframeRoll moves the years of a timeframe cell', () => {
  it.each([
    ['Quý I–IV/2026', 'Quý I–IV/2027'],
    ['Quý II/2026', 'Quý II/2027'],
    ['Tháng 10/2026', 'Tháng 10/2027'],
    ['10/2026', '10/2027'],
    ['trước 30/06/2026', 'trước 30/06/2027'],
    ['Trước ngày 15.12.2026', 'Trước ngày 15.12.2027'],
    ['ngày 15 tháng 3 năm 2026', 'ngày 15 tháng 3 năm 2027'],
    ['Năm 2026', 'Năm 2027'],
    ['2026', '2027'],
    ['Quý IV/2025 – Quý I/2026', 'Quý IV/2026 – Quý I/2027'],
    ['Năm 2025–2026', 'Năm 2026–2027'],
    ['Q2/2026', 'Q2/2027'],
    ['- Xây dựng: Quý I/2026\n- Triển khai: Quý II–IV/2026', '- Xây dựng: Quý I/2027\n- Triển khai: Quý II–IV/2027'],
    ['Thường xuyên', 'Thường xuyên'],
    ['Hàng tháng', 'Hàng tháng'],
  ])('rolls "%s" to "%s"', (text, expected) => {
    expect(timeframeRoll(text, TO_2027).text).toBe(expected);
  });

  it('says where each year was and what it became', () => {
    expect(timeframeRoll('Quý IV/2025 – Quý I/2026', TO_2027).changes).toEqual([
      { start: 7, end: 11, from: '2025', to: '2026' },
      { start: 20, end: 24, from: '2026', to: '2027' },
    ]);
  });

  it('rolls to a given year, not only the next one', () => {
    expect(timeframeRoll('Quý II/2026', { from: 2026, to: 2028 }).text).toBe('Quý II/2028');
  });

  it('keeps a 29 February that the new year does not have, and says so', () => {
    const rolled = timeframeRoll('trước 29/02/2028', { from: 2028 });
    expect(rolled.text).toBe('trước 29/02/2028');
    expect(rolled.kept).toMatchObject([{ year: '2028', reason: 'leapDay' }]);
    expect(rolled.kept[0]?.message).toContain('29/02');
  });
});

describe('yearsRoll moves the years of free text and nothing else', () => {
  it.each([
    ['Ban hành Kế hoạch CDS năm 2026 và bảng KPI', 'Ban hành Kế hoạch CDS năm 2027 và bảng KPI'],
    ['Tổng kết, đánh giá kết quả năm 2026; đề xuất kế hoạch 2027', 'Tổng kết, đánh giá kết quả năm 2027; đề xuất kế hoạch 2028'],
    ['Chỉ tiêu phấn đấu năm 2026', 'Chỉ tiêu phấn đấu năm 2027'],
    ['Báo cáo trước 30/06/2026', 'Báo cáo trước 30/06/2027'],
    ['Năm học 2025-2026', 'Năm học 2026-2027'],
    ['Hoàn thành trong Quý II/2026.', 'Hoàn thành trong Quý II/2027.'],
  ])('rolls "%s" to "%s"', (text, expected) => {
    expect(yearsRoll(text, TO_2027).text).toBe(expected);
  });

  it.each([
    ['Theo Công văn số 2026/UBND', 'citation'],
    ['Triển khai Quyết định 15/2026/QĐ-UBND', 'citation'],
    ['Thực hiện Nghị định 30/2020/NĐ-CP', 'citation'],
    ['Thực hiện Nghị định 30/2020', 'citation'],
    ['Kế hoạch số 12/KH-UBND ngày 15/3/2026 của UBND xã', 'citation'],
    ['Chuyển đổi số đến năm 2030', 'farYear'],
    ['Chương trình giai đoạn 2026-2030', 'longRange'],
    ['Báo cáo 2026 hồ sơ', 'unclear'],
  ])('leaves "%s" as written (%s)', (text, reason) => {
    const rolled = yearsRoll(text, TO_2027);
    expect(rolled.text).toBe(text);
    expect(rolled.changes).toEqual([]);
    expect(rolled.kept.map((k) => k.reason)).toContain(reason);
  });

  it('never touches amounts, counts or short numbers', () => {
    const text = 'Kinh phí 1.250 trđ; 2.026 hồ sơ; ≥ 95%; 01 lần/năm; Kế hoạch 02-KH/BCĐTW';
    expect(yearsRoll(text, TO_2027)).toEqual({ text, changes: [], kept: [] });
  });

  it('rolls the plan year in a sentence that also cites a document', () => {
    const rolled = yearsRoll('Thực hiện Kế hoạch số 12/KH-UBND ngày 15/3/2026; báo cáo kết quả năm 2026', TO_2027);
    expect(rolled.text).toBe('Thực hiện Kế hoạch số 12/KH-UBND ngày 15/3/2026; báo cáo kết quả năm 2027');
    expect(rolled.kept.map((k) => k.reason)).toEqual(['citation']);
  });

  it('reads years typed without diacritics or in decomposed Unicode', () => {
    expect(yearsRoll('nam 2026', TO_2027).text).toBe('nam 2027');
    expect(yearsRoll('na\u0306m 2026'.normalize('NFD'), TO_2027).text).toBe('na\u0306m 2027'.normalize('NFD'));
  });
});

describe('periodShift moves a parsed period by whole years', () => {
  it('keeps a month-end due date at the month end across leap years', () => {
    const shifted = periodShift(parsed('Tháng 2/2027'), { from: 2027 });
    expect(shifted).toMatchObject({ start: { year: 2028, month: 2 }, due: '2028-02-29' });
  });

  it('leaves rhythms and "Thường xuyên" alone', () => {
    expect(periodShift(parsed('Hàng quý'), TO_2027)).toEqual(parsed('Hàng quý'));
    expect(periodShift(parsed('Thường xuyên'), TO_2027)).toEqual({ kind: 'continuous' });
  });
});

describe('the fixtures rolled to 2027', () => {
  const timeframes = fixtureTimeframes();

  it('have timeframe cells to roll', () => {
    expect(timeframes.length).toBeGreaterThanOrEqual(35);
  });

  it('every timeframe cell rolls to one that parses back to the same period a year later', () => {
    for (const cell of timeframes) {
      const rolled = timeframeRoll(cell, TO_2027);
      const back = periodParse(rolled.text);
      expect(back, rolled.text).toMatchObject({ ok: true });
      if (!back.ok) continue;
      expect(back.value, cell).toEqual(periodShift(parsed(cell), TO_2027));
      if (back.value.kind === 'span') expect(periodYears(back.value), cell).toEqual([2027]);
      expect(rolled.kept, cell).toEqual([]);
    }
  });

  it('every cell of every fixture changes only in its years, each by one', () => {
    let rolledYears = 0;
    for (const file of FIXTURE_FILES) {
      for (const row of fixtureRows(file)) {
        for (const cell of row) {
          const rolled = yearsRoll(cell, TO_2027);
          rolledYears += rolled.changes.length;
          for (const change of rolled.changes) expect(Number(change.to) - Number(change.from)).toBe(1);
          expect(rolled.text.replace(/\d{4}/g, 'YYYY'), cell).toBe(cell.replace(/\d{4}/g, 'YYYY'));
          expect(rolled.kept, cell).toEqual([]);
        }
      }
    }
    // Every "năm 2026" / "Quý …/2026" of the fixtures, the header labels and "kế hoạch 2027".
    expect(rolledYears).toBeGreaterThanOrEqual(40);
  });
});
