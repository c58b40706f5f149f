/**
 * Numbers as Vietnamese plans write them: "." (or a space) separates thousands, "," is the
 * decimal mark ("1.250" = 1250, "56,36" = 56.36). Budgets are in million VND ("trđ").
 */
import type { ParseResult } from './result.ts';
import { parseFail, parseOk } from './result.ts';
import { textFoldDiacritics, textTidy } from './text.ts';

/** The stable codes of a failed number or money parse. */
export const NUMBER_PARSE_CODES = {
  empty: 'number.empty',
  invalid: 'number.invalid',
  moneyUnit: 'money.unit',
} as const;

/**
 * Decimals `numberFormat` keeps unless told otherwise: one đồng in a million-đồng budget cell,
 * and few enough to hide binary noise such as 0.1 + 0.2 = 0.30000000000000004.
 */
export const NUMBER_MAX_DECIMALS = 6;

const DIGITS = /^\d+$/;
// An English-style number ("1,250.5", "1,250,000"): its Vietnamese spelling is worth suggesting.
const ENGLISH_FORMAT = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function invalid(reason: string): ParseResult<number> {
  return parseFail(NUMBER_PARSE_CODES.invalid, reason);
}

/** "1,250.5" → "1.250,5": swaps the two marks of an English-style number. */
function englishToVietnamese(text: string): string {
  return text.replace(/[.,]/g, (mark) => (mark === '.' ? ',' : '.'));
}

/**
 * Why the integer part's thousands groups are wrong, or null when they are right: the first
 * group has 1–3 digits, every later one exactly 3.
 */
function groupsProblem(whole: string, groups: readonly string[], separator: '.' | ' '): string | null {
  const sepName = separator === '.' ? 'dấu "."' : 'khoảng trắng';
  const sepRule =
    separator === '.'
      ? 'dấu "." phân cách hàng nghìn nên phải có đúng 3 chữ số theo sau (ví dụ "1.250.000"); dấu thập phân là ","'
      : 'khoảng trắng chỉ dùng để phân cách hàng nghìn, mỗi nhóm sau nó có đúng 3 chữ số (ví dụ "1 250 000")';
  const first = groups[0] ?? '';
  if (first === '') return `Thiếu chữ số trước ${sepName} trong "${whole}".`;
  if (first.length > 3) {
    const digits = groups.join('');
    if (groups.slice(1).every((g) => g.length === 3 && DIGITS.test(g))) {
      return `Nhóm đầu tiên có quá 3 chữ số: ${sepRule}; hãy viết "${numberFormat(Number(digits))}".`;
    }
  }
  for (const [index, group] of groups.entries()) {
    if (index === 0 ? group.length > 3 : group.length !== 3) {
      if (group === '') return `Thiếu chữ số sau ${sepName} trong "${whole}": ${sepRule}.`;
      return `Không đọc được "${whole}": ${sepRule}, nhưng sau ${sepName} lại là "${group}".`;
    }
  }
  return null;
}

/**
 * Reads a number written the Vietnamese way: "56,36" → 56.36, "1.250" → 1250,
 * "2.100,5" → 2100.5, "1 250" → 1250, "-12,5" → -12.5, "01" → 1. A "." is always a thousands
 * separator, so "1.25" is refused (with the suggestion "1,25") rather than silently read as 125.
 */
export function numberParse(text: string): ParseResult<number> {
  const tidy = textTidy(text);
  if (tidy === '') return parseFail(NUMBER_PARSE_CODES.empty, 'Chưa nhập số.');

  let body = tidy;
  let negative = false;
  const sign = /^[+-]/.exec(body)?.[0];
  if (sign !== undefined) {
    negative = sign === '-';
    body = body.slice(1).trimStart();
    if (body === '') return invalid(`Sau dấu "${sign}" cần có chữ số.`);
    if (/^[+-]/.test(body)) return invalid(`Dấu "${sign}" chỉ được viết một lần, ngay trước chữ số.`);
  }

  const stray = /[^\d., ]/u.exec(body);
  if (stray) {
    return invalid(
      `"${tidy}" có ký tự "${stray[0]}" không phải chữ số; số chỉ gồm chữ số, dấu "." phân cách hàng nghìn và dấu "," thập phân.`,
    );
  }
  if (!/\d/.test(body)) return invalid(`"${tidy}" không có chữ số nào.`);

  const englishHint = ENGLISH_FORMAT.test(body)
    ? ` "${tidy}" có vẻ viết theo kiểu tiếng Anh; hãy viết "${(negative ? '-' : '') + englishToVietnamese(body)}".`
    : '';
  const parts = body.split(',');
  if (parts.length > 2) {
    return invalid(
      `"${tidy}" có ${parts.length - 1} dấu ",": dấu "," là dấu thập phân nên chỉ có một; dấu "." phân cách hàng nghìn.${englishHint}`,
    );
  }
  const [whole = '', fraction] = parts;
  if (fraction !== undefined) {
    if (/[. ]/.test(fraction)) {
      return invalid(
        `Dấu "," là dấu thập phân nên sau nó chỉ có chữ số; dấu "." phân cách hàng nghìn và đứng trước dấu ",".${englishHint}`,
      );
    }
    if (fraction === '') return invalid(`Thiếu chữ số sau dấu thập phân "," trong "${tidy}".`);
    if (whole === '') return invalid(`Thiếu chữ số trước dấu thập phân ",": hãy viết "0,${fraction}".`);
  }

  const hasDot = whole.includes('.');
  const hasSpace = whole.includes(' ');
  if (hasDot && hasSpace) {
    return invalid(`"${tidy}" vừa dùng dấu "." vừa dùng khoảng trắng để phân cách hàng nghìn; hãy dùng dấu "." (ví dụ "1.250.000").`);
  }
  if (hasDot || hasSpace) {
    const separator = hasDot ? '.' : ' ';
    const groups = whole.split(separator);
    // "1.25" or "12.5": most likely a decimal typed with an English point.
    const [head = '', tail = ''] = groups;
    if (hasDot && fraction === undefined && groups.length === 2 && head !== '' && tail !== '' && tail.length !== 3) {
      return invalid(
        `Dấu "." phân cách hàng nghìn nên phải có đúng 3 chữ số theo sau; nếu là số thập phân, hãy dùng dấu "," và viết "${(negative ? '-' : '') + englishToVietnamese(whole)}".`,
      );
    }
    const problem = groupsProblem(tidy, groups, separator);
    if (problem !== null) return invalid(problem + englishHint);
  }

  const digits = whole.replace(/[. ]/g, '');
  const value = Number(fraction === undefined ? digits : `${digits}.${fraction}`);
  if (!Number.isFinite(value)) return invalid(`"${tidy}" quá lớn để tính toán.`);
  // -0 would print and compare oddly; "−0" is just 0.
  return parseOk(value === 0 ? 0 : negative ? -value : value);
}

/**
 * Writes a number the Vietnamese way: 1250 → "1.250", 56.36 → "56,36", 2100.5 → "2.100,5",
 * -3 → "-3". Rounds to `maxDecimals` (default NUMBER_MAX_DECIMALS) and drops trailing zeros.
 * NaN and infinities have no Vietnamese spelling and give "".
 */
export function numberFormat(value: number, options: { maxDecimals?: number } = {}): string {
  if (!Number.isFinite(value)) return '';
  const maxDecimals = Math.min(20, Math.max(0, Math.trunc(options.maxDecimals ?? NUMBER_MAX_DECIMALS)));
  const abs = Math.abs(value);
  // toFixed switches to exponent notation from 1e21; such floats are whole numbers anyway.
  const fixed = abs >= 1e21 ? BigInt(abs).toString() : abs.toFixed(maxDecimals);
  const [wholeDigits = '0', fractionDigits = ''] = fixed.split('.');
  const fraction = fractionDigits.replace(/0+$/, '');
  const grouped = wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const body = fraction === '' ? grouped : `${grouped},${fraction}`;
  // A tiny negative that rounds to zero prints as "0", not "-0".
  return value < 0 && /[1-9]/.test(body) ? `-${body}` : body;
}

// Matched on the diacritic-folded, lower-cased text: "trđ", "tr.đ", "tr. đ", "triệu", "triệu đồng".
const MONEY_SUFFIX = /\s*(?:tr\.?\s?d|trieu(?:\s+dong)?)$/;

/**
 * Reads a budget cell in million VND: a Vietnamese number with an optional unit suffix
 * ("1.250 trđ", "56,36 tr.đ", "12 triệu đồng"; case and diacritics do not matter).
 * Negative amounts are read as such; judging them is the validator's job. Any other unit
 * ("đồng", "tỷ", "VNĐ") is refused with code money.unit, because the column is in millions.
 */
export function moneyParse(text: string): ParseResult<number> {
  const tidy = textTidy(text);
  const folded = textFoldDiacritics(tidy).toLowerCase();
  // Folding keeps one character per precomposed letter, so indices usually carry over to `tidy`.
  const source = folded.length === tidy.length ? tidy : folded;
  const suffix = MONEY_SUFFIX.exec(folded);
  const amount = suffix ? source.slice(0, suffix.index) : source;

  const parsed = numberParse(amount);
  if (parsed.ok) return parsed;
  const otherUnit = /^([^\p{L}]*\d)\s*(\p{L}[\p{L}\s.]*)$/u.exec(amount);
  if (otherUnit && numberParse(otherUnit[1] ?? '').ok) {
    return parseFail(
      NUMBER_PARSE_CODES.moneyUnit,
      `Không dùng đơn vị "${(otherUnit[2] ?? '').trim()}": kinh phí ghi bằng triệu đồng, chỉ ghi số (ví dụ "1.250") hoặc thêm "trđ".`,
    );
  }
  if (parsed.code === NUMBER_PARSE_CODES.empty && suffix) {
    return parseFail(NUMBER_PARSE_CODES.empty, 'Chưa nhập số tiền trước đơn vị "trđ".');
  }
  return parsed;
}
