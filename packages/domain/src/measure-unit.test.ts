import { describe, expect, it } from 'vitest';
import { fixtureRows } from './fixtures.test-helper.ts';
import type { MeasureUnit } from './measure-unit.ts';
import { measureUnitDescribe, measureUnitEquals, measureUnitOfTarget, measureUnitParse } from './measure-unit.ts';
import { targetParse } from './target.ts';
import { textKey } from './text.ts';

const PERCENT: MeasureUnit = { kind: 'percent' };
const PASS: MeasureUnit = { kind: 'pass' };

describe('measureUnitParse', () => {
  it.each([
    ['%', PERCENT],
    ['Tỷ lệ %', PERCENT],
    ['tỷ lệ (%)', PERCENT],
    ['Tỉ lệ', PERCENT],
    ['(%)', PERCENT],
    ['Đạt', PASS],
    ['đạt', PASS],
    ['Đạt/Không đạt', PASS],
    ['Đạt / Không đạt', PASS],
    ['Hộ', { kind: 'count', noun: 'hộ' }],
    ['Tin bài', { kind: 'count', noun: 'tin bài' }],
    ['Người', { kind: 'count', noun: 'người' }],
    ['Cuộc', { kind: 'count', noun: 'cuộc' }],
    ['CBCC', { kind: 'count', noun: 'CBCC' }],
  ] as const)('reads %j', (text, unit) => {
    expect(measureUnitParse(text)).toEqual({ ok: true, value: unit });
  });

  it('refuses an empty cell with code measureUnit.empty', () => {
    expect(measureUnitParse('')).toMatchObject({ ok: false, code: 'measureUnit.empty' });
  });

  it.each([
    ['100%', /là mức chỉ tiêu.*"%"/],
    ['2026', /không chứa số/],
    ['Số hộ gia đình có tham gia sàn thương mại điện tử', /ghi ngắn gọn/],
  ])('refuses %j with code measureUnit.unrecognized and says why', (text, reason) => {
    const result = measureUnitParse(text);
    expect(result).toMatchObject({ ok: false, code: 'measureUnit.unrecognized' });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('measureUnitOfTarget', () => {
  it.each([
    ['≥ 50%', PERCENT],
    ['100% (trừ văn bản mật)', PERCENT],
    ['Đạt', PASS],
    ['≥02 hộ có gian hàng trực tuyến', { kind: 'count', noun: 'hộ' }],
    ['≥ 100 tin/năm', { kind: 'count', noun: 'tin' }],
    ['≥ 30', null],
  ] as const)('finds the unit %j implies', (text, unit) => {
    const parsed = targetParse(text);
    expect(parsed.ok && measureUnitOfTarget(parsed.value)).toEqual(unit);
  });
});

describe('measureUnitDescribe and measureUnitEquals', () => {
  it('writes units as the "Đơn vị tính" column shows them', () => {
    expect(measureUnitDescribe(PERCENT)).toBe('%');
    expect(measureUnitDescribe(PASS)).toBe('Đạt');
    expect(measureUnitDescribe({ kind: 'count', noun: 'tin bài' })).toBe('Tin bài');
  });

  it('compares count nouns without case but with diacritics', () => {
    expect(measureUnitEquals({ kind: 'count', noun: 'Hộ' }, { kind: 'count', noun: 'hộ' })).toBe(true);
    expect(measureUnitEquals({ kind: 'count', noun: 'hộ' }, { kind: 'count', noun: 'hồ' })).toBe(false);
    expect(measureUnitEquals(PERCENT, PASS)).toBe(false);
    expect(measureUnitEquals(PASS, PASS)).toBe(true);
  });
});

describe('measure units of the real plans', () => {
  const rows = fixtureRows('xuan-loc-2026-indicators.tsv');
  const header = rows[0] ?? [];
  const unitColumn = header.findIndex((cell) => textKey(cell) === textKey('Đơn vị tính'));
  const targetColumn = header.findIndex((cell) => textKey(cell) === textKey('Chỉ tiêu phần đầu năm 2026'));
  // Indicator rows: not a repeated header, not a section row (only its first cell filled).
  const indicators = rows
    .slice(1)
    .filter((row) => textKey(row[unitColumn] ?? '') !== textKey('Đơn vị tính'))
    .filter((row) => row.slice(1).some((cell) => cell.trim() !== ''));

  it('reads every "Đơn vị tính" cell of Xuân Lộc', () => {
    expect(unitColumn).toBeGreaterThanOrEqual(0);
    expect(indicators).toHaveLength(30);
    expect(indicators.map((row) => row[unitColumn] ?? '').filter((cell) => !measureUnitParse(cell).ok)).toEqual([]);
  });

  it('finds in every Xuân Lộc row the unit its target implies', () => {
    const mismatches = indicators.filter((row) => {
      const unit = measureUnitParse(row[unitColumn] ?? '');
      const target = targetParse(row[targetColumn] ?? '');
      const implied = target.ok ? measureUnitOfTarget(target.value) : null;
      return !(unit.ok && implied && measureUnitEquals(unit.value, implied));
    });
    expect(mismatches).toEqual([]);
  });
});
