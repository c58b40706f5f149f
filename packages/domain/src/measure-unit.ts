/**
 * Measure units ("Đơn vị tính") of indicator rows: a percentage, pass/fail ("Đạt"), or a count
 * of something ("Hộ", "Tin bài", "Người"). Validators check that a row's target agrees with it.
 */
import type { ParseResult } from './result.ts';
import { parseFail, parseOk } from './result.ts';
import type { Target } from './target.ts';
import { targetParse, targetUnitNormalize } from './target.ts';
import { textKey, textTidy } from './text.ts';

/** What an indicator is measured in. A count's `noun` is lower case ("hộ"), acronyms kept ("CBCC"). */
export type MeasureUnit = { kind: 'percent' } | { kind: 'pass' } | { kind: 'count'; noun: string };

/** The stable codes of a failed measure-unit parse. */
export const MEASURE_UNIT_PARSE_CODES = {
  empty: 'measureUnit.empty',
  unrecognized: 'measureUnit.unrecognized',
} as const;

// Keys with spaces and parentheses removed: "Tỷ lệ (%)" → "tyle%".
const PERCENT_KEYS = new Set(['%', 'tyle%', 'tile%', 'tyle', 'tile', 'phantram', 'phantram%']);
const PASS_KEYS = new Set(['dat', 'dat/khongdat', 'dat-khongdat', 'dat,khongdat', 'dat/chuadat', 'dat-chuadat']);

// A count noun is a few words of letters ("Tin bài", "Lượt/năm"): longer text is a misplaced note.
const COUNT_NOUN = /^\p{L}[\p{L} ./-]*$/u;
const COUNT_NOUN_MAX_WORDS = 4;
const COUNT_NOUN_MAX_LENGTH = 30;

const EXAMPLES = '"%", "Đạt", "Hộ" hoặc "Người"';

/**
 * Reads a measure-unit cell: "%", "Tỷ lệ %", "tỷ lệ (%)" → percent; "Đạt", "Đạt/Không đạt" →
 * pass; a short noun ("Hộ", "Tin bài", "Cuộc") → count. Refuses an empty cell, and a target or
 * sentence typed into the unit column.
 */
export function measureUnitParse(text: string): ParseResult<MeasureUnit> {
  const tidy = textTidy(text);
  if (tidy === '') {
    return parseFail(MEASURE_UNIT_PARSE_CODES.empty, `Chưa nhập đơn vị tính, ví dụ ${EXAMPLES}.`);
  }
  const key = textKey(tidy).replace(/[\s()]/g, '');
  if (PERCENT_KEYS.has(key)) return parseOk({ kind: 'percent' });
  if (PASS_KEYS.has(key)) return parseOk({ kind: 'pass' });

  if (/\d/.test(tidy)) {
    const target = targetParse(tidy);
    const implied = target.ok ? measureUnitOfTarget(target.value) : null;
    if (implied) {
      return parseFail(
        MEASURE_UNIT_PARSE_CODES.unrecognized,
        `"${tidy}" là mức chỉ tiêu, không phải đơn vị tính; đơn vị tính ở đây là "${measureUnitDescribe(implied)}".`,
      );
    }
    return parseFail(MEASURE_UNIT_PARSE_CODES.unrecognized, `Đơn vị tính không chứa số: ghi ví dụ ${EXAMPLES}.`);
  }
  if (!COUNT_NOUN.test(tidy) || tidy.split(' ').length > COUNT_NOUN_MAX_WORDS || tidy.length > COUNT_NOUN_MAX_LENGTH) {
    return parseFail(
      MEASURE_UNIT_PARSE_CODES.unrecognized,
      `Không hiểu đơn vị tính "${tidy}": ghi ngắn gọn điều được đo, ví dụ ${EXAMPLES}.`,
    );
  }
  return parseOk({ kind: 'count', noun: targetUnitNormalize(tidy) });
}

/**
 * The unit a target implies: "%" → percent, "Đạt" → pass, a count noun ("≥ 2 hộ") → count;
 * null when the target names no unit ("≥ 50").
 */
export function measureUnitOfTarget(target: Target): MeasureUnit | null {
  if (target.kind === 'pass') return { kind: 'pass' };
  if (target.unit === null) return null;
  if (target.unit === '%') return { kind: 'percent' };
  return { kind: 'count', noun: targetUnitNormalize(target.unit) };
}

/** A unit as the "Đơn vị tính" column shows it: "%", "Đạt", "Hộ". */
export function measureUnitDescribe(unit: MeasureUnit): string {
  switch (unit.kind) {
    case 'percent':
      return '%';
    case 'pass':
      return 'Đạt';
    case 'count':
      return unit.noun.charAt(0).toUpperCase() + unit.noun.slice(1);
  }
}

/**
 * Whether two units are the same; count nouns compare without case ("Hộ" = "hộ") but with
 * diacritics, which tell different words apart ("hộ" ≠ "hồ").
 */
export function measureUnitEquals(a: MeasureUnit, b: MeasureUnit): boolean {
  if (a.kind === 'count' && b.kind === 'count') {
    return textTidy(a.noun).toLowerCase() === textTidy(b.noun).toLowerCase();
  }
  return a.kind === b.kind;
}
