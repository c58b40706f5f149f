import { describe, expect, it } from 'vitest';
import { moneyParse, numberFormat, numberParse } from './number.ts';

describe('numberParse', () => {
  it.each([
    ['56,36', 56.36],
    ['1.250', 1250],
    ['2.100,5', 2100.5],
    ['1.250.000', 1250000],
    ['0,5', 0.5],
    ['-12,5', -12.5],
    ['1 250', 1250],
    ['1\u00A0250', 1250],
    ['1\u202F250,75', 1250.75],
    ['12', 12],
    ['01', 1],
    ['  7  ', 7],
    ['\u22123', -3],
    ['-0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(numberParse(text)).toEqual({ ok: true, value });
  });

  it('refuses an empty cell with code number.empty', () => {
    expect(numberParse('')).toMatchObject({ ok: false, code: 'number.empty' });
    expect(numberParse('   ')).toMatchObject({ ok: false, code: 'number.empty' });
  });

  it.each([
    ['1,250.5', /"," là dấu thập phân.*hãy viết "1\.250,5"/],
    ['1.25', /"\." phân cách hàng nghìn nên phải có đúng 3 chữ số.*"1,25"/],
    ['1.2.3', /"\." phân cách hàng nghìn.*lại là "2"/],
    ['1,2,3', /2 dấu ",".*chỉ có một/],
    ['12a', /ký tự "a" không phải chữ số/],
    ['--', /chỉ được viết một lần/],
    ['1.25,5', /"\." phân cách hàng nghìn.*lại là "25"/],
    ['1,250,000', /hãy viết "1\.250\.000"/],
    ['1250.000', /quá 3 chữ số.*hãy viết "1\.250\.000"/],
    [',5', /hãy viết "0,5"/],
    ['5,', /Thiếu chữ số sau dấu thập phân/],
    ['12 5', /khoảng trắng chỉ dùng để phân cách hàng nghìn/],
    ['-', /Sau dấu "-" cần có chữ số/],
  ])('refuses %j with code number.invalid and says why', (text, reason) => {
    const result = numberParse(text);
    expect(result).toMatchObject({ ok: false, code: 'number.invalid' });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('numberFormat', () => {
  it.each([
    [1250, '1.250'],
    [56.36, '56,36'],
    [2100.5, '2.100,5'],
    [-3, '-3'],
    [0, '0'],
    [1250000, '1.250.000'],
    [-1234567.891, '-1.234.567,891'],
    [0.1 + 0.2, '0,3'],
    [-0.0000001, '0'],
    [1e21, '1.000.000.000.000.000.000.000'],
  ])('writes %d as %j', (value, text) => {
    expect(numberFormat(value)).toBe(text);
  });

  it('rounds to maxDecimals and drops trailing zeros', () => {
    expect(numberFormat(56.3649, { maxDecimals: 2 })).toBe('56,36');
    expect(numberFormat(2.5, { maxDecimals: 0 })).toBe('3');
    expect(numberFormat(1.1, { maxDecimals: 3 })).toBe('1,1');
  });

  it('gives an empty string for NaN and infinities', () => {
    expect(numberFormat(Number.NaN)).toBe('');
    expect(numberFormat(Number.POSITIVE_INFINITY)).toBe('');
  });

  it.each(['56,36', '1.250', '2.100,5', '1.250.000', '0,5', '-12,5', '12', '999', '1.000,001'])(
    'writes back %j exactly as it was read',
    (text) => {
      const parsed = numberParse(text);
      expect(parsed.ok && numberFormat(parsed.value)).toBe(text);
    },
  );

  it.each([
    ['01', '1'],
    ['1 250', '1.250'],
    ['1250', '1.250'],
    ['0,50', '0,5'],
  ])('writes %j in the usual spelling %j', (text, canonical) => {
    const parsed = numberParse(text);
    expect(parsed.ok && numberFormat(parsed.value)).toBe(canonical);
  });

  it.each([0, 7, -7, 999, 1000, 1250.5, 56.36, -2100.25, 123456789.125, 0.000001])(
    'reads back %d from its own spelling',
    (value) => {
      expect(numberParse(numberFormat(value))).toEqual({ ok: true, value });
    },
  );
});

describe('moneyParse', () => {
  it.each([
    ['1.250', 1250],
    ['1.250 trđ', 1250],
    ['1.250trđ', 1250],
    ['56,36 tr.đ', 56.36],
    ['56,36 TR.Đ', 56.36],
    ['12 triệu', 12],
    ['12 Triệu Đồng', 12],
    ['12 trieu dong', 12],
    ['-5 trđ', -5],
  ])('reads the budget %j as %d million', (text, value) => {
    expect(moneyParse(text)).toEqual({ ok: true, value });
  });

  it.each(['12 đồng', '5 tỷ', '300 VNĐ'])('refuses %j, whose unit is not millions, with code money.unit', (text) => {
    const result = moneyParse(text);
    expect(result).toMatchObject({ ok: false, code: 'money.unit' });
    expect(result.ok ? '' : result.reason).toMatch(/triệu đồng/);
  });

  it('passes number errors through', () => {
    expect(moneyParse('1,250.5 trđ')).toMatchObject({ ok: false, code: 'number.invalid' });
    expect(moneyParse('')).toMatchObject({ ok: false, code: 'number.empty' });
    expect(moneyParse('trđ')).toMatchObject({ ok: false, code: 'number.empty' });
  });
});
