/**
 * Rolling a plan's years forward, for next year's plan made from this one: "Quý I–IV/2026" →
 * "Quý I–IV/2027", "năm 2026" → "năm 2027", "trước 30/06/2026" → "trước 30/06/2027",
 * "năm học 2025-2026" → "năm học 2026-2027".
 *
 * Conservative on purpose: a four-digit number is rolled only where the words around it make it
 * a year of the plan (after "năm", a quarter, a month or a day, in a one-year range), and only
 * when it is near the plan's year. Document citations ("Công văn số 2026/UBND",
 * "Nghị định 30/2020", "Kế hoạch số 12/KH-UBND ngày 15/3/2026"), long-term horizons ("đến năm
 * 2030", "giai đoạn 2026-2030") and amounts are left as written; what was left is reported with
 * a reason, so nobody has to guess what the roll did.
 */
import { PLAN_YEARS } from '../plan-limits.ts';
import { textDashesToHyphen, textFoldDiacritics } from '../text.ts';
import { dateIso, monthDays, monthLastDay, romanValue } from './calendar.ts';
import type { MonthRef, Period } from './model.ts';

/** Which year is rolled to which: `to` defaults to `from + 1`. */
export interface YearsRollOptions {
  /** The plan's year, which the text was written for. */
  from: number;
  /** The year of the new plan. */
  to?: number;
}

/** One year rolled: its place in the original text (UTF-16 offsets) and both spellings. */
export interface YearChange {
  start: number;
  end: number;
  from: string;
  to: string;
}

/** Why a four-digit number that may be a year was left as written. */
export const YEAR_KEPT_REASONS = {
  /** Part of a document's number or date of issue: "15/2026/QĐ-UBND", "số 12/KH-UBND ngày 15/3/2026". */
  citation: 'citation',
  /** More than a year away from the plan's year: a horizon such as "đến năm 2030". */
  farYear: 'farYear',
  /** A range over several years ("giai đoạn 2026-2030"): a programme's span, not this plan's. */
  longRange: 'longRange',
  /** "29/02" would not exist in the new year. */
  leapDay: 'leapDay',
  /** No word around it says it is a year ("Báo cáo 2026", "2026 hồ sơ"). */
  unclear: 'unclear',
} as const;
/** The code of a `YearKept`. */
export type YearKeptReason = (typeof YEAR_KEPT_REASONS)[keyof typeof YEAR_KEPT_REASONS];

/** A number that may be a year, left as written, with why (`message` in Vietnamese). */
export interface YearKept {
  start: number;
  end: number;
  year: string;
  reason: YearKeptReason;
  message: string;
}

/** A rolled text, every year changed and every possible year left alone. */
export interface YearsRoll {
  text: string;
  changes: YearChange[];
  kept: YearKept[];
}

/** The text lower-cased with diacritics and dashes folded, and where each folded character came from. */
interface Folded {
  text: string;
  /** `at[i]` is the index in the original text of folded character i. */
  at: number[];
}

function foldIndexed(text: string): Folded {
  let out = '';
  const at: number[] = [];
  let k = 0;
  for (const char of text) {
    const folded = textFoldDiacritics(textDashesToHyphen(char)).toLowerCase();
    for (const c of folded) {
      out += c;
      at.push(k);
    }
    k += char.length;
  }
  return { text: out, at };
}

// Kinds of legal document a number/year may cite ("Nghị định 30/2020", "QĐ 15/2026").
const DOCUMENT_WORDS = '(?:nghi dinh|quyet dinh|thong tu|nghi quyet|chi thi|cong van|thong bao|ke hoach|van ban|luat|nd|qd|tt|nq|ct|cv|kh|tb)';
// A document's number in the clause before: "số 12", "12/KH-UBND", "02-KH/BCĐTW", "Nghị định 30".
const DOCUMENT_REF = new RegExp(`(?:\\bso\\s*\\d|\\d+[/-](?:\\d{4}/)?[a-z]{2,}|\\b${DOCUMENT_WORDS}\\s+\\d)`);
const DOCUMENT_NUMBER_BEFORE = new RegExp(`\\b${DOCUMENT_WORDS}\\s*(?:so\\s*)?\\d+[a-z]*\\s*/\\s*$`);
const CODE_AFTER = /^\s*\/\s*[a-z]/;
const YEAR_WORD_BEFORE = /\b(?:nam|nam hoc|giai doan|ke hoach|nien do|nien khoa)\s*$/;
const DATE_BEFORE = /(?:^|[^\d])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*$/;
const DATE_WORDS_BEFORE = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*nam\s*$/;
const MONTH_OR_QUARTER_BEFORE = /(?:^|[^\d./])(\d{1,2})\s*\/\s*$/;
const ROMAN_BEFORE = /(?:^|[^a-z])([ivx]+)\s*\/\s*$/;

function yearIsPlausible(year: number): boolean {
  return year >= PLAN_YEARS.min && year <= PLAN_YEARS.max;
}

function yearIsLeap(year: number): boolean {
  return monthDays(year, 2) === 29;
}

/** The clause before `index`: back to the last ";", "." ending a sentence, or line break. */
function clauseBefore(folded: string, index: number): string {
  const before = folded.slice(Math.max(0, index - 120), index);
  const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf('\n'), before.search(/\.\s[^.]*$/));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

type Verdict = { roll: true } | { roll: false; reason: YearKeptReason };

/** Whether the year at folded [s, e) is a year of the plan, from the words around it. */
function yearContext(folded: string, s: number, e: number, bare: boolean, targetYear: number): Verdict {
  const before = folded.slice(Math.max(0, s - 60), s);
  const after = folded.slice(e, e + 12);
  const clause = clauseBefore(folded, s);
  if (CODE_AFTER.test(after) || /\bso\s*$/.test(before) || DOCUMENT_NUMBER_BEFORE.test(before)) {
    return { roll: false, reason: 'citation' };
  }
  const date = DATE_BEFORE.exec(before) ?? DATE_WORDS_BEFORE.exec(before);
  if (date) {
    // "Kế hoạch số 12/KH-UBND ngày 15/3/2026": the date a document was issued stays.
    if (DOCUMENT_REF.test(clause.slice(0, clause.length - date[0].length))) return { roll: false, reason: 'citation' };
    const day = Number(date[1]);
    const month = Number(date[date.length === 4 ? 3 : 2]);
    if (day === 29 && month === 2 && !yearIsLeap(targetYear)) return { roll: false, reason: 'leapDay' };
    return { roll: true };
  }
  if (YEAR_WORD_BEFORE.test(before)) return { roll: true };
  const month = MONTH_OR_QUARTER_BEFORE.exec(before);
  if (month) {
    // "Quý 2/2026", "10/2026"; "15/2026" is a document's number, not a month.
    return Number(month[1]) >= 1 && Number(month[1]) <= 12 ? { roll: true } : { roll: false, reason: 'citation' };
  }
  const roman = ROMAN_BEFORE.exec(before);
  if (roman && (romanValue(roman[1] ?? '') ?? 0) >= 1 && (romanValue(roman[1] ?? '') ?? 0) <= 4) return { roll: true };
  return bare ? { roll: true } : { roll: false, reason: 'unclear' };
}

function keptMessage(year: string, reason: YearKeptReason, from: number): string {
  switch (reason) {
    case 'citation':
      return `Giữ nguyên "${year}": là số hoặc ngày của một văn bản đã ban hành.`;
    case 'farYear':
      return `Giữ nguyên "${year}": là mốc dài hạn, không phải năm của kế hoạch ${from}.`;
    case 'longRange':
      return `Giữ nguyên "${year}": thuộc một giai đoạn nhiều năm.`;
    case 'leapDay':
      return `Giữ nguyên "${year}": ngày 29/02 không có trong năm mới, hãy sửa ngày.`;
    case 'unclear':
      return `Giữ nguyên "${year}": chưa rõ đây có phải là năm hay không, hãy kiểm tra.`;
  }
}

function yearsRollWith(text: string, options: YearsRollOptions, bare: boolean): YearsRoll {
  const from = options.from;
  const to = options.to ?? from + 1;
  const by = to - from;
  const folded = foldIndexed(text);
  const f = folded.text;
  const original = (s: number, e: number) => ({ start: folded.at[s] ?? 0, end: (folded.at[e - 1] ?? 0) + 1 });

  const candidates: Array<{ s: number; e: number; year: number }> = [];
  for (const m of f.matchAll(/\d+/g)) {
    const s = m.index;
    const year = Number(m[0]);
    if (m[0].length === 4 && yearIsPlausible(year)) candidates.push({ s, e: s + 4, year });
  }

  const changes: YearChange[] = [];
  const kept: YearKept[] = [];
  const keep = (c: { s: number; e: number; year: number }, reason: YearKeptReason) =>
    kept.push({ ...original(c.s, c.e), year: String(c.year), reason, message: keptMessage(String(c.year), reason, from) });
  const roll = (c: { s: number; e: number; year: number }) => {
    const rolled = c.year + by;
    if (!yearIsPlausible(rolled)) return keep(c, 'farYear');
    changes.push({ ...original(c.s, c.e), from: String(c.year), to: String(rolled) });
  };
  const near = (year: number) => Math.abs(year - from) <= 1;

  for (let k = 0; k < candidates.length; k += 1) {
    const c = candidates[k];
    if (!c) continue;
    const next = candidates[k + 1];
    // "2025-2026", "2025 – 2026": a range rolls as a whole or not at all.
    if (next && /^\s*-\s*$/.test(f.slice(c.e, next.s)) && next.year > c.year) {
      k += 1;
      const verdict = yearContext(f, c.s, c.e, true, c.year + by);
      const citation = verdict.roll === false && verdict.reason === 'citation';
      const reason: YearKeptReason | null = citation || CODE_AFTER.test(f.slice(next.e, next.e + 12))
        ? 'citation'
        : next.year - c.year > 1
          ? 'longRange'
          : !near(c.year) || !near(next.year)
            ? 'farYear'
            : null;
      if (reason) {
        keep(c, reason);
        keep(next, reason);
      } else {
        roll(c);
        roll(next);
      }
      continue;
    }
    const verdict = yearContext(f, c.s, c.e, bare, c.year + by);
    if (!verdict.roll) keep(c, verdict.reason);
    else if (!near(c.year)) keep(c, 'farYear');
    else roll(c);
  }

  let out = '';
  let last = 0;
  for (const change of changes) {
    out += text.slice(last, change.start) + change.to;
    last = change.end;
  }
  out += text.slice(last);
  return { text: out, changes, kept };
}

/**
 * Rolls the years of free text (a task's name, a product, a note, a header label): only years
 * in a plausible year context, within a year of `options.from`; see the module comment.
 */
export function yearsRoll(text: string, options: YearsRollOptions): YearsRoll {
  return yearsRollWith(text, options, false);
}

/**
 * Rolls the years of a timeframe cell ("Thời gian thực hiện", "Thời hạn"): as `yearsRoll`, and
 * a year standing alone ("2026") is a year there too, since the cell names a period.
 */
export function timeframeRoll(text: string, options: YearsRollOptions): YearsRoll {
  return yearsRollWith(text, options, true);
}

function monthShift(ref: MonthRef, by: number): MonthRef {
  return { year: ref.year + by, month: ref.month };
}

/** An ISO date `by` years on; a month's last day stays its last day (28/02 ↔ 29/02). */
function dateShift(iso: string, by: number): string {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  const ref = { year: y, month: m };
  if (iso === monthLastDay(ref)) return monthLastDay(monthShift(ref, by));
  return dateIso(y + by, m, Math.min(d, monthDays(y + by, m)));
}

/**
 * A parsed period with its years moved from `options.from` to `options.to`: what
 * `periodParse(timeframeRoll(text).text)` gives back for a span within a year of the plan's.
 * Rhythms and "Thường xuyên" have no year and come back unchanged.
 */
export function periodShift(period: Period, options: YearsRollOptions): Period {
  if (period.kind !== 'span') return period;
  const by = (options.to ?? options.from + 1) - options.from;
  return {
    ...period,
    start: monthShift(period.start, by),
    end: monthShift(period.end, by),
    due: dateShift(period.due, by),
    quarters: period.quarters.map((q) => ({ year: q.year + by, quarter: q.quarter })),
    milestones: period.milestones.map((m) => ({
      text: timeframeRoll(m.text, options).text,
      start: monthShift(m.start, by),
      end: monthShift(m.end, by),
      due: dateShift(m.due, by),
    })),
  };
}
