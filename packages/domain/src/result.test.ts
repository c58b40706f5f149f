/**
 * A failed parse carries a code of the parsers' tables, typed (`ParseCode`, not any string), and
 * each code is defined once: no two tables (nor two entries of one) share a code.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { IMPORT_FAILURE_CODES, IMPORT_NOTE_CODES } from './import/import-codes.ts';
import { MEASURE_UNIT_PARSE_CODES, measureUnitParse } from './measure-unit.ts';
import { NUMBER_PARSE_CODES, numberParse } from './number.ts';
import { PERIOD_PARSE_CODES, periodParse } from './period/index.ts';
import type { ParseCode, ParseResult } from './result.ts';
import { TARGET_PARSE_CODES, targetParse } from './target.ts';
import { UNITS_PARSE_CODES } from './units.ts';

const TABLES = { NUMBER_PARSE_CODES, PERIOD_PARSE_CODES, TARGET_PARSE_CODES, MEASURE_UNIT_PARSE_CODES, UNITS_PARSE_CODES, IMPORT_FAILURE_CODES };

describe('the code of a failed parse', () => {
  it('is typed: one of the code tables, not any string', () => {
    expectTypeOf<Extract<ParseResult<number>, { ok: false }>['code']>().toEqualTypeOf<ParseCode>();
    expectTypeOf<string>().not.toExtend<ParseCode>();
    expectTypeOf<(typeof IMPORT_FAILURE_CODES)[keyof typeof IMPORT_FAILURE_CODES]>().toExtend<ParseCode>();
  });

  it('is defined once: no code appears in two places', () => {
    const codes = [...Object.values(TABLES).flatMap((table) => Object.values(table)), ...Object.values(IMPORT_NOTE_CODES)];
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
  });

  it('is what the parsers give', () => {
    const failed = [numberParse('mười hai'), periodParse('Quý V/2026'), targetParse(''), measureUnitParse('')];
    const known = new Set<string>(Object.values(TABLES).flatMap((table) => Object.values(table)));
    for (const result of failed) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(known.has(result.code), result.code).toBe(true);
    }
  });
});
