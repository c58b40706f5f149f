/**
 * An indicator's measured value for a period ("đạt 86 %", "86%", "12/15 hồ sơ", "Đạt") and its
 * comparison with the row's target ("≥ 80%" → đạt / chưa đạt), read with the same number,
 * target and measure-unit parsers the plan's validators use.
 */
import type { MeasureUnit } from '../measure-unit.ts';
import { measureUnitParse } from '../measure-unit.ts';
import { numberFormat, numberParse } from '../number.ts';
import type { Target } from '../target.ts';
import { targetDescribe, targetParse, targetUnitNormalize } from '../target.ts';
import { textFoldDiacritics, textTidy } from '../text.ts';

/**
 * A measured value: a quantity (`unit` "%" or a count noun, null when the text names none;
 * `of` the total of a ratio "12/15 hồ sơ") or a pass/fail ("Đạt", "Chưa đạt").
 */
export type IndicatorValue = { kind: 'quantity'; value: number; unit: string | null; of: number | null } | { kind: 'pass'; passed: boolean };

/** The stable codes of a failed value parse. */
export const INDICATOR_VALUE_CODES = {
  empty: 'indicatorValue.empty',
  unrecognized: 'indicatorValue.unrecognized',
  /** A comparison ("≥ 80%", "trên 50%") where a measured value is wanted. */
  comparator: 'indicatorValue.comparator',
  number: 'indicatorValue.number',
} as const;
/** A code of `INDICATOR_VALUE_CODES`. */
export type IndicatorValueCode = (typeof INDICATOR_VALUE_CODES)[keyof typeof INDICATOR_VALUE_CODES];

/** A parsed value, or why it could not be read (Vietnamese). */
export type IndicatorValueParse = { ok: true; value: IndicatorValue } | { ok: false; code: IndicatorValueCode; reason: string };

const EXAMPLES = '"86%", "đạt 86 %", "12/15 hồ sơ" hoặc "Đạt"';

function fail(code: IndicatorValueCode, reason: string): IndicatorValueParse {
  return { ok: false, code, reason };
}

// "Kết quả: đạt", "đã đạt", "đạt được": words before the value that say nothing more.
const VALUE_PREFIX = /^(?:ket qua\s*:?\s*)?(?:da\s+)?(?:dat(?:\s+duoc)?|duoc)?\s*:?\s*/;
const RATIO = /^([+-]?\d[\d.,]*)\s*\/\s*(\d[\d.,]*)(?![\d.,])\s*(.*)$/s;

/**
 * Reads a measured value: "86%", "đạt 86 %", "Kết quả: 86,5%", "12 hồ sơ", "12/15 hồ sơ",
 * "Đạt" / "Không đạt" / "Chưa đạt". Refuses comparisons ("≥ 80%": that is a target) and text
 * without a level.
 */
export function indicatorValueParse(text: string): IndicatorValueParse {
  const tidy = textTidy(text);
  if (tidy === '') return fail(INDICATOR_VALUE_CODES.empty, 'Chưa ghi giá trị đạt được.');
  const folded = textFoldDiacritics(tidy).toLowerCase();
  if (/^(?:khong|chua)\s+dat\.?$/.test(folded)) return { ok: true, value: { kind: 'pass', passed: false } };
  if (/^(?:ket qua\s*:?\s*)?(?:da\s+)?dat\.?$/.test(folded)) return { ok: true, value: { kind: 'pass', passed: true } };
  // The prefix is ASCII after folding and precomposed letters fold one to one, so its length carries over.
  const prefix = VALUE_PREFIX.exec(folded)?.[0] ?? '';
  const rest = folded.length === tidy.length ? tidy.slice(prefix.length) : tidy;

  const ratio = RATIO.exec(rest);
  if (ratio) {
    const done = numberParse(ratio[1] ?? '');
    const total = numberParse(ratio[2] ?? '');
    if (!done.ok) return fail(INDICATOR_VALUE_CODES.number, done.reason);
    if (!total.ok) return fail(INDICATOR_VALUE_CODES.number, total.reason);
    if (total.value <= 0) return fail(INDICATOR_VALUE_CODES.number, `Trong "${tidy}", tổng số sau dấu "/" phải lớn hơn 0.`);
    const noun = (ratio[3] ?? '').trim();
    let unit: string | null = null;
    if (noun !== '') {
      const read = targetParse(`1 ${noun}`);
      unit = read.ok && read.value.kind === 'quantity' ? read.value.unit : null;
    }
    return { ok: true, value: { kind: 'quantity', value: done.value, unit, of: total.value } };
  }

  const read = targetParse(rest);
  if (!read.ok) {
    if (read.code === 'target.number') return fail(INDICATOR_VALUE_CODES.number, read.reason);
    return fail(INDICATOR_VALUE_CODES.unrecognized, `Không hiểu giá trị "${tidy}": hãy ghi như ${EXAMPLES}.`);
  }
  if (read.value.kind === 'pass') return { ok: true, value: { kind: 'pass', passed: true } };
  if (read.value.comparator !== '=') {
    return fail(
      INDICATOR_VALUE_CODES.comparator,
      `"${tidy}" là một mức so sánh; hãy ghi giá trị đo được trong kỳ, ví dụ "86%" hoặc "12 hồ sơ".`,
    );
  }
  return { ok: true, value: { kind: 'quantity', value: read.value.value, unit: read.value.unit, of: null } };
}

/** A value the way the year-end evaluation writes it: "Đạt 90 %", "Đạt 12/15 hồ sơ", "Chưa đạt". */
export function indicatorValueDescribe(value: IndicatorValue): string {
  if (value.kind === 'pass') return value.passed ? 'Đạt' : 'Chưa đạt';
  const amount = value.of === null ? numberFormat(value.value) : `${numberFormat(value.value)}/${numberFormat(value.of)}`;
  return value.unit === null ? `Đạt ${amount}` : `Đạt ${amount} ${value.unit}`;
}

/** The outcomes of a comparison, with their Vietnamese labels. */
export const INDICATOR_OUTCOMES = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  not_comparable: 'Không so sánh được',
} as const;
/** An outcome code. */
export type IndicatorOutcome = keyof typeof INDICATOR_OUTCOMES;

/** Why a value could not be compared with its target. */
export const INDICATOR_NOT_COMPARABLE_CODES = {
  targetUnreadable: 'target_unreadable',
  valueMissing: 'value_missing',
  valueUnreadable: 'value_unreadable',
  /** A pass/fail target with a quantity, or a level with "Đạt". */
  kindMismatch: 'kind_mismatch',
  /** "%" against "hộ", "hồ sơ" against "tin bài". */
  unitMismatch: 'unit_mismatch',
} as const;
/** A code of `INDICATOR_NOT_COMPARABLE_CODES`. */
export type IndicatorNotComparableCode = (typeof INDICATOR_NOT_COMPARABLE_CODES)[keyof typeof INDICATOR_NOT_COMPARABLE_CODES];

/**
 * A value compared with a target: met or not (with the level achieved in the target's unit), or
 * not comparable with a code and a Vietnamese reason.
 */
export type IndicatorComparison =
  | { outcome: 'met' | 'not_met'; target: Target; value: IndicatorValue; achieved: number | null }
  | { outcome: 'not_comparable'; code: IndicatorNotComparableCode; reason: string };

// Measurements are typed with a few decimals; a level reached within this is reached.
const EPSILON = 1e-9;

function levelReached(target: Extract<Target, { kind: 'quantity' }>, achieved: number): boolean {
  const t = target.value;
  switch (target.comparator) {
    case '>=':
      return achieved >= t - EPSILON;
    case '>':
      return achieved > t + EPSILON;
    case '<=':
      return achieved <= t + EPSILON;
    case '<':
      return achieved < t - EPSILON;
    case '=':
      // A bare level is one to reach ("2 đợt" is met by 3); a bare 0 ("0 sự cố") is a ceiling.
      return t === 0 ? achieved <= EPSILON : achieved >= t - EPSILON;
  }
}

function unitName(unit: string | null): string {
  return unit ?? 'không ghi đơn vị';
}

function unitOfMeasure(unit: MeasureUnit | null): string | null {
  if (unit === null || unit.kind === 'pass') return null;
  return unit.kind === 'percent' ? '%' : unit.noun;
}

function sameUnit(a: string, b: string): boolean {
  return targetUnitNormalize(a).toLowerCase() === targetUnitNormalize(b).toLowerCase();
}

/**
 * Compares a measured value with an indicator's target, both as typed; `measureUnit` (the
 * "Đơn vị tính" cell, when the table has one) names the unit a bare number is in. A ratio
 * ("12/15 hồ sơ") meets a percentage target by its share (80 %).
 */
export function indicatorCompare(input: { target: string; value: string; measureUnit?: string }): IndicatorComparison {
  const notComparable = (code: IndicatorNotComparableCode, reason: string): IndicatorComparison => ({ outcome: 'not_comparable', code, reason });
  const targetRead = targetParse(input.target);
  if (!targetRead.ok) return notComparable('target_unreadable', `Chỉ tiêu chưa đọc được: ${targetRead.reason}`);
  const target = targetRead.value;
  if (textTidy(input.value) === '') return notComparable('value_missing', 'Chưa có giá trị đạt được để so sánh với chỉ tiêu.');
  const valueRead = indicatorValueParse(input.value);
  if (!valueRead.ok) return notComparable('value_unreadable', valueRead.reason);
  const value = valueRead.value;

  if (target.kind === 'pass') {
    if (value.kind !== 'pass') {
      return notComparable('kind_mismatch', `Chỉ tiêu là «${targetDescribe(target)}»: hãy ghi kết quả «Đạt» hoặc «Chưa đạt».`);
    }
    return { outcome: value.passed ? 'met' : 'not_met', target, value, achieved: null };
  }
  if (value.kind === 'pass') {
    return notComparable('kind_mismatch', `Chỉ tiêu là mức «${targetDescribe(target)}»: hãy ghi số đạt được, không ghi «Đạt».`);
  }

  const measured = input.measureUnit === undefined ? null : measureUnitParse(input.measureUnit);
  const targetUnit = target.unit ?? unitOfMeasure(measured?.ok ? measured.value : null);
  const valueUnit = value.unit ?? targetUnit;
  let achieved: number;
  if (targetUnit === '%' && value.of !== null && (value.unit === null || value.unit !== '%')) {
    achieved = (value.value / value.of) * 100;
  } else if (targetUnit === null || valueUnit === null || sameUnit(valueUnit, targetUnit)) {
    achieved = value.value;
  } else {
    return notComparable(
      'unit_mismatch',
      `Đơn vị của giá trị đạt được (${unitName(valueUnit)}) khác đơn vị của chỉ tiêu (${unitName(targetUnit)}).`,
    );
  }
  return { outcome: levelReached(target, achieved) ? 'met' : 'not_met', target, value, achieved };
}
