/**
 * Indicator targets ("Chỉ tiêu phấn đấu", "Mức theo dõi"): "≥ 50%", "100% (trừ văn bản mật)",
 * "≥ 1%/năm", "≥02 hộ có gian hàng trực tuyến", "Trên 50%", "Đạt". Read into a comparator, a
 * value, a unit, an optional period and the words that qualify it, so validators can compare
 * a target with its measure unit and exports can write it back the same way.
 */
import { numberFormat, numberParse } from './number.ts';
import type { ParseResult } from './result.ts';
import { parseFail, parseOk } from './result.ts';
import { textFoldDiacritics, textTidy } from './text.ts';

/** How the achieved value must relate to the target value ("≥ 50%" is `>=`; a bare "100%" is `=`). */
export type Comparator = '>=' | '>' | '<=' | '<' | '=';

/**
 * A target: a measurable level, or "Đạt" (the indicator is met or not).
 * `unit` is "%" or a count noun in lower case ("hộ", "tin", "đợt"), null when the cell has none;
 * `per` is the period of a rate ("năm" in "≥ 1%/năm"); `qualifier` is the rest of the cell
 * ("trừ văn bản mật", "dân cư có định danh điện tử").
 */
export type Target =
  | {
      kind: 'quantity';
      comparator: Comparator;
      value: number;
      unit: string | null;
      per: string | null;
      qualifier: string | null;
    }
  | { kind: 'pass'; qualifier: string | null };

/** The stable codes of a failed target parse. */
export const TARGET_PARSE_CODES = {
  empty: 'target.empty',
  unrecognized: 'target.unrecognized',
  /** The cell has the shape of a target, but its number is malformed ("≥ 1.5%"). */
  number: 'target.number',
} as const;

const EXAMPLES = '"≥ 50%", "100%", "≥ 2 hộ" hoặc "Đạt"';

// Longest first, so ">=" is not read as ">" followed by "=".
const COMPARATOR_SYMBOLS: ReadonlyArray<readonly [string, Comparator]> = [
  ['>=', '>='],
  ['=>', '>='],
  ['<=', '<='],
  ['=<', '<='],
  ['≥', '>='],
  ['⩾', '>='],
  ['≧', '>='],
  ['≤', '<='],
  ['⩽', '<='],
  ['≦', '<='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

// Matched on folded text ("Không dưới" → "khong duoi"); "từ 50% trở lên" means at least 50%.
const COMPARATOR_WORDS: ReadonlyArray<readonly [RegExp, number, Comparator]> = (
  [
    ['khong thap hon', '>='],
    ['khong duoi', '>='],
    ['toi thieu', '>='],
    ['it nhat', '>='],
    ['tren', '>'],
    ['khong vuot qua', '<='],
    ['khong qua', '<='],
    ['toi da', '<='],
    ['duoi', '<'],
    ['tu', '>='],
  ] as const
).map(([word, meaning]) => [new RegExp(`^${word}\\s*[+-]?\\d`), word.length, meaning]);

// Periods of a rate ("/năm", "mỗi tháng"), folded → canonical spelling.
const PERIODS: Readonly<Record<string, string>> = {
  nam: 'năm',
  quy: 'quý',
  thang: 'tháng',
  tuan: 'tuần',
  ngay: 'ngày',
  ky: 'kỳ',
};
const PERIOD_ALTERNATIVES = Object.keys(PERIODS).join('|');
const PER_AFTER_UNIT = new RegExp(`^\\s*/\\s*(${PERIOD_ALTERNATIVES})(?![\\p{L}\\p{N}])`, 'u');
const PER_AT_END = new RegExp(`(?:\\s*/\\s*|\\s+(?:moi|hang)\\s+)(${PERIOD_ALTERNATIVES})$`, 'u');

/**
 * Count nouns of more than one syllable. Everything else takes its first word as the noun
 * ("hộ", "tin", "đợt", "người"), because Vietnamese classifiers are one syllable and the words
 * after them qualify what is counted ("02 hộ có gian hàng trực tuyến"). Matched with diacritics:
 * folded, "hồ sơ" would swallow "hộ sở hữu …".
 */
const COUNT_NOUNS_MULTI = [
  'tin bài',
  'văn bản',
  'hồ sơ',
  'doanh nghiệp',
  'hợp tác xã',
  'tài khoản',
  'thủ tục',
  'sản phẩm',
  'gian hàng',
  'học viên',
  'cán bộ',
  'công chức',
  'cơ sở',
  'cơ quan',
  'đơn vị',
  'thiết bị',
  'máy tính',
  'hội nghị',
  'chuyên mục',
].map((noun) => new RegExp(`^${noun}(?![\\p{L}\\p{N}])`, 'u'));

// A number: digits with "." / "," marks, and spaces only where a thousands group of 3 follows.
const NUMBER_TOKEN = /^[+-]?\s?\d(?:[\d.,]| (?=\d{3}(?!\d)))*/;

/**
 * Lower-cases and strips diacritics one code point at a time, so every index into the result
 * is the same index into the input (matching on the fold, slicing the original).
 */
function foldKeepingIndices(text: string): string {
  let out = '';
  for (const char of text) {
    const folded = textFoldDiacritics(char).toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/**
 * A count noun as targets and measure units store it: lower case, except acronyms ("CBCC"),
 * so "Hộ" in the unit column and "hộ" in the target compare equal.
 */
export function targetUnitNormalize(noun: string): string {
  return textTidy(noun)
    .split(' ')
    .map((word) => (/^\p{Lu}{2,}$/u.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

function unrecognized(reason: string): ParseResult<Target> {
  return parseFail(TARGET_PARSE_CODES.unrecognized, reason);
}

/** The qualifier without separating punctuation or one pair of enclosing parentheses; null if nothing is left. */
function qualifierTidy(rest: string): string | null {
  let q = rest.trim().replace(/^[,;:-]\s*/, '').replace(/[\s.;,]+$/, '').trim();
  if (/^\([^()]*\)$/.test(q)) q = q.slice(1, -1).trim();
  return q === '' ? null : q;
}

/** The folded rest after a number continues it into a range ("-60%", " đến 60%"). */
function isRange(folded: string): boolean {
  return /^\s*(?:-|den|toi)\s*[+-]?\d/.test(folded);
}

/**
 * Reads a target cell. A bare level ("100%") has comparator "="; words count as comparators
 * ("Trên" >, "Tối thiểu" / "Ít nhất" / "Không dưới" >=, "Tối đa" / "Không quá" <=, "Dưới" <);
 * "Đạt" alone (or with a note) is a pass target. Refuses cells without a measurable level
 * ("Tăng", "chưa xác định"), a lone "≥" or "%", and ranges ("50-60%").
 */
export function targetParse(text: string): ParseResult<Target> {
  const tidy = textTidy(text);
  if (tidy === '') {
    return parseFail(TARGET_PARSE_CODES.empty, `Chưa nhập chỉ tiêu: ghi mức phấn đấu, ví dụ ${EXAMPLES}.`);
  }
  const folded = foldKeepingIndices(tidy);

  let comparator: Comparator = '=';
  let comparatorText: string | null = null;
  let pos = 0;
  const symbol = COMPARATOR_SYMBOLS.find(([s]) => tidy.startsWith(s));
  if (symbol) {
    [comparatorText, comparator] = symbol;
    pos = comparatorText.length;
  } else {
    // A comparator word counts only when a number follows ("Từ 50%", not "Tư vấn").
    const word = COMPARATOR_WORDS.find(([pattern]) => pattern.test(folded));
    if (word) {
      const [, length, meaning] = word;
      comparator = meaning;
      comparatorText = tidy.slice(0, length);
      pos = length;
    }
  }

  if (comparatorText === null && /^dat(?![\p{L}\p{N}])/u.test(folded)) {
    const rest = tidy.slice(3);
    if (/^\s*\/\s*khong dat$/.test(folded.slice(3))) {
      return unrecognized(`"${tidy}" là đơn vị tính, không phải chỉ tiêu; chỉ tiêu ghi "Đạt".`);
    }
    // "Đạt 100%" names a level to reach, read like a bare "100%".
    if (!/^\s*[+-]?\d/.test(rest)) return parseOk({ kind: 'pass', qualifier: qualifierTidy(rest) });
    pos = 3;
  }

  const afterComparator = tidy.slice(pos).trimStart();
  pos = tidy.length - afterComparator.length;
  const token = NUMBER_TOKEN.exec(afterComparator)?.[0].replace(/[.,]+$/, '');
  if (token === undefined) {
    if (symbol) {
      return unrecognized(`Sau "${comparatorText}" cần một con số, ví dụ "${comparatorText} 50%".`);
    }
    if (afterComparator.startsWith('%')) return unrecognized('Thiếu con số trước "%", ví dụ "50%".');
    const firstDigit = tidy.search(/\d/);
    if (firstDigit > 0) {
      return unrecognized(
        `Chỉ tiêu phải bắt đầu bằng mức phấn đấu (ví dụ ${EXAMPLES}); không hiểu phần "${tidy.slice(0, firstDigit).trim()}" đứng trước số.`,
      );
    }
    return unrecognized(`"${tidy}" chưa phải là một mức đo được: ghi chỉ tiêu như ${EXAMPLES}.`);
  }

  const number = numberParse(token);
  if (!number.ok) {
    return parseFail(TARGET_PARSE_CODES.number, `Số "${token}" trong chỉ tiêu không hợp lệ. ${number.reason}`);
  }
  pos += token.length;
  const rangeMessage = `"${tidy}" là một khoảng giá trị; chỉ tiêu ghi một mức, ví dụ "≥ 50%" hoặc "Tối đa 60%".`;
  if (isRange(folded.slice(pos))) return unrecognized(rangeMessage);

  let unit: string | null = null;
  const rest = () => tidy.slice(pos);
  const restFolded = () => folded.slice(pos);
  if (rest().trimStart().startsWith('%')) {
    unit = '%';
    pos = tidy.indexOf('%', pos) + 1;
    if (isRange(restFolded())) return unrecognized(rangeMessage);
  } else if (/^\s*\p{L}/u.test(rest()) && !/^\s*tro (len|xuong)(?![\p{L}\p{N}])/u.test(restFolded())) {
    // A word after the number is its count noun, unless it is "trở lên" / "trở xuống" (handled below).
    const words = rest().trimStart();
    const start = pos + rest().length - words.length;
    const lower = words.toLowerCase();
    const multi =
      lower.length === words.length
        ? COUNT_NOUNS_MULTI.map((noun) => noun.exec(lower)?.[0]).find((match) => match !== undefined)
        : undefined;
    const length = multi?.length ?? /^\p{L}+/u.exec(words)?.[0].length ?? 0;
    unit = targetUnitNormalize(tidy.slice(start, start + length));
    pos = start + length;
  }

  let per: string | null = null;
  const perMatch = PER_AFTER_UNIT.exec(restFolded());
  if (perMatch) {
    per = PERIODS[perMatch[1] ?? ''] ?? null;
    pos += perMatch[0].length;
  }

  // "50% trở lên" / "5% trở xuống" turn a bare level into at least / at most.
  const bound = /^\s*tro (len|xuong)(?![\p{L}\p{N}])/u.exec(restFolded());
  if (bound) {
    const wanted: Comparator = bound[1] === 'len' ? '>=' : '<=';
    if (comparator === '=' || comparator === wanted) {
      comparator = wanted;
      pos += bound[0].length;
    }
  }

  let tail = rest();
  if (per === null) {
    const end = PER_AT_END.exec(restFolded());
    if (end) {
      per = PERIODS[end[1] ?? ''] ?? null;
      tail = tail.slice(0, end.index);
    }
  }

  return parseOk({ kind: 'quantity', comparator, value: number.value, unit, per, qualifier: qualifierTidy(tail) });
}

const COMPARATOR_SHOWN: Readonly<Record<Comparator, string>> = {
  '>=': '≥ ',
  '>': '> ',
  '<=': '≤ ',
  '<': '< ',
  '=': '',
};

/**
 * A target in the way plans write it: "≥ 50%", "100% trừ văn bản mật", "≥ 1%/năm",
 * "≥ 2 hộ có gian hàng trực tuyến", "≥ 2 đợt tuyên truyền/năm", "Đạt". Parsing the result
 * gives the same target back.
 */
export function targetDescribe(target: Target): string {
  switch (target.kind) {
    case 'pass':
      if (target.qualifier === null) return 'Đạt';
      // "Đạt 100%" would read back as a level; parentheses keep it a note.
      return /^[+-]?\d/.test(target.qualifier) ? `Đạt (${target.qualifier})` : `Đạt ${target.qualifier}`;
    case 'quantity': {
      const unit = target.unit === null ? '' : target.unit === '%' ? '%' : ` ${target.unit}`;
      // Without a unit, a bare qualifier's first word would read back as the unit.
      const qualifier =
        target.qualifier === null ? '' : target.unit === null ? ` (${target.qualifier})` : ` ${target.qualifier}`;
      const per = target.per === null ? '' : `/${target.per}`;
      return `${COMPARATOR_SHOWN[target.comparator]}${numberFormat(target.value)}${unit}${qualifier}${per}`;
    }
  }
}
