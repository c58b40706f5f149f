import { describe, expect, it } from 'vitest';
import { FIXTURE_TEMPLATES, fixtureTable } from '../plan-doc-fixtures.test-helper.ts';
import { itemRowCell } from '../table-model.ts';
import type { IndicatorValue } from './indicator.ts';
import { indicatorCompare, indicatorValueDescribe, indicatorValueParse } from './indicator.ts';

function value(text: string): IndicatorValue {
  const read = indicatorValueParse(text);
  if (!read.ok) throw new Error(`"${text}" did not parse: ${read.reason}`);
  return read.value;
}

describe('indicatorValueParse reads a measured value', () => {
  it.each<[string, IndicatorValue]>([
    ['86%', { kind: 'quantity', value: 86, unit: '%', of: null }],
    ['đạt 86 %', { kind: 'quantity', value: 86, unit: '%', of: null }],
    ['Kết quả: Đạt 90 %', { kind: 'quantity', value: 90, unit: '%', of: null }],
    ['86,5%', { kind: 'quantity', value: 86.5, unit: '%', of: null }],
    ['12 hồ sơ', { kind: 'quantity', value: 12, unit: 'hồ sơ', of: null }],
    ['12/15 hồ sơ', { kind: 'quantity', value: 12, unit: 'hồ sơ', of: 15 }],
    ['1.250 tài khoản', { kind: 'quantity', value: 1250, unit: 'tài khoản', of: null }],
    ['3', { kind: 'quantity', value: 3, unit: null, of: null }],
    ['Đạt', { kind: 'pass', passed: true }],
    ['dat', { kind: 'pass', passed: true }],
    ['Chưa đạt', { kind: 'pass', passed: false }],
    ['Không đạt', { kind: 'pass', passed: false }],
  ])('reads "%s"', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it.each([
    ['', 'indicatorValue.empty'],
    ['≥ 80%', 'indicatorValue.comparator'],
    ['trên 50%', 'indicatorValue.comparator'],
    ['đang cập nhật', 'indicatorValue.unrecognized'],
    ['1.25%', 'indicatorValue.number'],
    ['12/0 hồ sơ', 'indicatorValue.number'],
  ])('refuses "%s" with %s and a Vietnamese reason', (text, code) => {
    const read = indicatorValueParse(text);
    expect(read).toMatchObject({ ok: false, code });
    expect(!read.ok && read.reason.length).toBeGreaterThan(10);
  });

  it('writes a value the way the year-end evaluation shows it', () => {
    expect(indicatorValueDescribe(value('đạt 90%'))).toBe('Đạt 90 %');
    expect(indicatorValueDescribe(value('12/15 hồ sơ'))).toBe('Đạt 12/15 hồ sơ');
    expect(indicatorValueDescribe(value('86,5%'))).toBe('Đạt 86,5 %');
    expect(indicatorValueDescribe(value('Chưa đạt'))).toBe('Chưa đạt');
  });
});

describe('indicatorCompare compares a value with its target', () => {
  it.each([
    ['≥ 80%', 'đạt 86 %', 'met'],
    ['≥ 80%', '80%', 'met'],
    ['≥ 80%', '79,9%', 'not_met'],
    ['> 50%', '50%', 'not_met'],
    ['≤ 5%', '4%', 'met'],
    ['Tối đa 5%', '6%', 'not_met'],
    ['100%', '100%', 'met'],
    ['100%', '98%', 'not_met'],
    ['100% (trừ văn bản mật)', '100%', 'met'],
    ['≥ 02 hộ có gian hàng trực tuyến', '3 hộ', 'met'],
    ['2 đợt', '3 đợt', 'met'],
    ['0 sự cố', '1 sự cố', 'not_met'],
    ['≥ 80%', '12/15 hồ sơ', 'met'],
    ['≥ 90%', '12/15', 'not_met'],
    ['≥ 1%/năm', '1,2%', 'met'],
    ['Đạt', 'Đạt', 'met'],
    ['Đạt', 'Chưa đạt', 'not_met'],
  ])('"%s" with "%s" is %s', (target, measured, outcome) => {
    expect(indicatorCompare({ target, value: measured }).outcome).toBe(outcome);
  });

  it('gives the level achieved in the target\'s unit', () => {
    expect(indicatorCompare({ target: '≥ 80%', value: '12/15 hồ sơ' })).toMatchObject({ outcome: 'met', achieved: 80 });
  });

  it('takes a bare number in the unit of the "Đơn vị tính" column', () => {
    expect(indicatorCompare({ target: '≥ 50', value: '60 %', measureUnit: '%' }).outcome).toBe('met');
    expect(indicatorCompare({ target: '≥ 50', value: '60 hộ', measureUnit: '%' })).toMatchObject({ outcome: 'not_comparable', code: 'unit_mismatch' });
  });

  it.each([
    ['≥ 80%', '12 hộ', 'unit_mismatch', '(hộ)'],
    ['≥ 2 tin bài', '3 hồ sơ', 'unit_mismatch', '(tin bài)'],
    ['Đạt', '90%', 'kind_mismatch', '«Đạt»'],
    ['≥ 80%', 'Đạt', 'kind_mismatch', '«≥ 80%»'],
    ['≥ 80%', '', 'value_missing', 'Chưa có giá trị'],
    ['≥ 80%', 'sắp xong', 'value_unreadable', '"sắp xong"'],
    ['Tăng', '10%', 'target_unreadable', 'Chỉ tiêu chưa đọc được'],
  ])('"%s" with "%s" is not comparable (%s), saying %s', (target, measured, code, quote) => {
    const comparison = indicatorCompare({ target, value: measured });
    expect(comparison).toMatchObject({ outcome: 'not_comparable', code });
    expect(comparison.outcome === 'not_comparable' && comparison.reason).toContain(quote);
  });

  it('meets every target of the fixtures with its own level, and misses every "≥"/"=" one just below it', () => {
    let compared = 0;
    for (const [file, template] of FIXTURE_TEMPLATES) {
      const table = fixtureTable(file, template);
      if (!table.columns.some((c) => c.field === 'target')) continue;
      for (const row of table.rows) {
        if (row.kind !== 'item') continue;
        const target = itemRowCell(row, 'target');
        const measureUnit = table.columns.some((c) => c.field === 'measureUnit') ? itemRowCell(row, 'measureUnit') : undefined;
        const level = /(\d+)\s*%/.exec(target)?.[1];
        const input = (v: string) => (measureUnit === undefined ? { target, value: v } : { target, value: v, measureUnit });
        if (level === undefined) {
          expect(indicatorCompare(input('Đạt')).outcome, `${file}: ${target}`).toBe('met');
        } else {
          expect(indicatorCompare(input(`đạt ${level} %`)).outcome, `${file}: ${target}`).toBe('met');
          expect(indicatorCompare(input(`${Number(level) - 1}%`)).outcome, `${file}: ${target}`).toBe('not_met');
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(40);
  });
});
