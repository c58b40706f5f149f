/**
 * Periods as Vietnamese plans write them: the "Thời gian thực hiện" / "Thời hạn" cell of a task
 * ("Quý I–IV/2026", "Tháng 10/2026", "trước 30/06/2026", "Thường xuyên", several dated lines…)
 * and the "Tần suất" cell of a recurring task ("Hàng tuần/Hàng tháng", "Tháng/Quý/Năm").
 *
 * Clerks type with or without diacritics, any dash, any case and any spacing, so the text is
 * tidied and folded first and then read token by token by a small grammar. The parser is
 * generous about form but never guesses a meaning: when a cell is unclear ("sớm", "Quý",
 * "trước tháng 6", two unrelated dates on one line) it fails with a reason a clerk can act on.
 */
import type { ParseResult } from './result.ts';
import { parseFail, parseOk } from './result.ts';
import { textDashesToHyphen, textFoldDiacritics } from './text.ts';

/** A calendar month; `month` is 1..12. */
export interface MonthRef {
  year: number;
  month: number;
}

/** A calendar quarter ("Quý II/2026" is `{ year: 2026, quarter: 2 }`). */
export interface QuarterRef {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** Rhythms of a recurring task, in the order they are listed and described. */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'halfYearly', 'yearly', 'periodic', 'adHoc'] as const;
/** One rhythm of a recurring task ("Hàng tháng" is `monthly`, "Đột xuất" is `adHoc`). */
export type Frequency = (typeof FREQUENCIES)[number];

/** One dated line of a cell that lists several ("- Triển khai: Quý II–IV/2026"). */
export interface Milestone {
  /** The line as written, without its bullet. */
  text: string;
  start: MonthRef;
  end: MonthRef;
  /** ISO yyyy-mm-dd. */
  due: string;
}

/**
 * What a timeframe cell means.
 * - `span`: from the first day of `start` to `due` (an explicit date if the cell gives one,
 *   else the last day of `end`); `quarters` are the quarters the span touches, or exactly the
 *   listed ones ("Quý I, III/2026"); `milestones` are filled only when the cell lists several
 *   dated lines or items; `dueExplicit` is set when `due` was written as a date
 *   ("trước 30/06/2026"), so the preview shows the date rather than the month.
 * - `recurring`: done again and again at the given rhythms ("Hàng tháng", "Định kỳ").
 * - `continuous`: "Thường xuyên", ongoing all year.
 */
export type Period =
  | {
      kind: 'span';
      start: MonthRef;
      end: MonthRef;
      due: string;
      quarters: QuarterRef[];
      milestones: Milestone[];
      dueExplicit?: true;
    }
  | { kind: 'recurring'; frequencies: Frequency[] }
  | { kind: 'continuous' };

/** The stable codes of a failed period or frequency parse. */
export const PERIOD_PARSE_CODES = {
  empty: 'period.empty',
  reversed: 'period.reversed',
  invalid: 'period.invalid',
  yearMissing: 'period.yearMissing',
  unrecognized: 'period.unrecognized',
  frequencyEmpty: 'frequency.empty',
  frequencyUnrecognized: 'frequency.unrecognized',
} as const;

/** Options of `periodParse`. */
export interface PeriodParseOptions {
  /** The plan's year: a period written without a year ("Quý II", "trong năm") means this year. */
  planYear?: number;
}

// Year numbers accepted as real: anything else is a typo ("Năm 226", "Quý II/2206").
const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

const EXAMPLES_PERIOD = '"Quý II/2026", "Quý I–IV/2026", "Tháng 10/2026", "Năm 2026", "trước 30/06/2026", "Thường xuyên" hoặc "Hàng tháng"';
const EXAMPLES_FREQUENCY = '"Hàng tháng", "Hàng tuần/Hàng tháng", "Tháng/Quý/Năm", "Định kỳ", "Đột xuất" hoặc "Thường xuyên"';

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  kind: 'word' | 'num' | 'sym';
  /** Folded, lower case: "Quý" → "quy", "–" → "-". */
  key: string;
  /** As written, for quoting in reasons. */
  text: string;
  start: number;
  end: number;
  /** White space (or the start of the line) comes right before this token. */
  spaced: boolean;
}

/** One line of a cell: its tidy text and tokens. */
interface Line {
  text: string;
  tokens: Token[];
}

function charFold(ch: string): string {
  return textFoldDiacritics(textDashesToHyphen(ch)).toLowerCase();
}

/**
 * Like `textTidy` but keeping the dashes as typed: lines are quoted back to the clerk (in
 * reasons and milestones), while `charFold` unifies dashes for reading.
 */
function lineTidy(text: string): string {
  return text.normalize('NFC').replace(/[\u00A0\u2007\u202F\t ]+/g, ' ').trim();
}

/** Splits a tidy line into words, numbers and single symbols, keeping offsets into the text. */
function tokensRead(text: string): Token[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  let spaced = true;
  for (let k = 0; k < text.length; k += 1) {
    const ch = text[k] ?? '';
    const folded = charFold(ch);
    if (folded === '') {
      // A lone combining mark belongs to the character before it.
      if (current) current.end = k + 1;
      continue;
    }
    if (/^\s+$/.test(folded)) {
      current = undefined;
      spaced = true;
      continue;
    }
    const kind: Token['kind'] = /^[a-z]+$/.test(folded) ? 'word' : /^[0-9]+$/.test(folded) ? 'num' : 'sym';
    if (current && current.kind === kind && kind !== 'sym') {
      current.key += folded;
      current.end = k + 1;
    } else {
      current = { kind, key: kind === 'sym' ? folded.slice(0, 1) : folded, text: '', start: k, end: k + 1, spaced };
      tokens.push(current);
    }
    spaced = false;
  }
  const out: Token[] = [];
  for (const token of tokens) {
    token.text = text.slice(token.start, token.end);
    // "QuýII" typed without its space: read it as "Quý II".
    const glued = token.kind === 'word' ? /^(quy)([ivx]+)$/.exec(token.key) : null;
    if (glued?.[1] && glued[2]) {
      const cut = token.start + glued[1].length;
      out.push({ ...token, key: glued[1], text: text.slice(token.start, cut), end: cut });
      out.push({ kind: 'word', key: glued[2], text: text.slice(cut, token.end), start: cut, end: token.end, spaced: false });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** The cell's non-empty lines, tidied and tokenized. */
function linesRead(text: string): Line[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => lineTidy(line))
    .filter((line) => line.length > 0)
    .map((line) => ({ text: line, tokens: tokensRead(line) }));
}

function tokensText(line: Line, first: number, last: number): string {
  const a = line.tokens[first];
  const b = line.tokens[last];
  return a && b ? line.text.slice(a.start, b.end) : line.text;
}

// ---------------------------------------------------------------------------------------------
// Dates

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function dateIso(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** "2026-06-30" → "30/06/2026". */
function dateVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function monthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthLastDay(ref: MonthRef): string {
  return dateIso(ref.year, ref.month, monthDays(ref.year, ref.month));
}

function monthIndex(ref: MonthRef): number {
  return ref.year * 12 + (ref.month - 1);
}

function monthFromIndex(index: number): MonthRef {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function quarterOf(ref: MonthRef): QuarterRef {
  return { year: ref.year, quarter: (Math.floor((ref.month - 1) / 3) + 1) as QuarterRef['quarter'] };
}

function quarterIndex(ref: QuarterRef): number {
  return ref.year * 4 + (ref.quarter - 1);
}

/** The quarters from `start` to `end` inclusive, in order. */
function quartersTouched(start: MonthRef, end: MonthRef): QuarterRef[] {
  const out: QuarterRef[] = [];
  for (let q = quarterIndex(quarterOf(start)); q <= quarterIndex(quarterOf(end)); q += 1) {
    out.push({ year: Math.floor(q / 4), quarter: ((q % 4) + 1) as QuarterRef['quarter'] });
  }
  return out;
}

function quartersUnion(lists: QuarterRef[][]): QuarterRef[] {
  const seen = new Map<number, QuarterRef>();
  for (const list of lists) for (const q of list) seen.set(quarterIndex(q), q);
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, q]) => q);
}

const ROMAN_DIGITS: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

/** "iv" → 4; undefined when the word is not a roman numeral. */
function romanValue(word: string): number | undefined {
  if (!/^[ivxl]+$/.test(word)) return undefined;
  let total = 0;
  for (let k = 0; k < word.length; k += 1) {
    const value = ROMAN_DIGITS[word[k] ?? ''] ?? 0;
    const next = ROMAN_DIGITS[word[k + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const QUARTER_ROMAN = ['I', 'II', 'III', 'IV'] as const;

// ---------------------------------------------------------------------------------------------
// Span grammar: reads tokens into points, ranges and lists; the meaning is checked afterwards.

type Unit = 'quarter' | 'month' | 'date' | 'year' | 'half';

/** One point of a period as written, before years are filled in and numbers checked. */
interface RawPoint {
  unit: Unit;
  /** The quarter, the month (also a date's month), or the half (1 = first six months). */
  n: number;
  /** The numeral as written ("V", "13", "31/02"), quoted in reasons. */
  nText: string;
  day?: number;
  /** Absent when the text gives none ("Quý II", "6 tháng cuối năm"). */
  year?: number;
  first: number;
  last: number;
}

/** A point, or a range "from – to". */
interface RawItem {
  from: RawPoint;
  to?: RawPoint;
  first: number;
  last: number;
}

/** A list of items ("Quý I, III/2026"); usually just one. */
interface RawExpr {
  items: RawItem[];
  first: number;
  last: number;
}

// Words that may stand before a period without changing it ("Hoàn thành trong Quý II/2026").
const FILLERS: ReadonlyArray<readonly string[]> = [
  ['hoan', 'thanh'], ['xong'], ['thuc', 'hien'], ['trien', 'khai'], ['du', 'kien'],
  ['thoi', 'gian'], ['thoi', 'han'], ['han', 'chot'], ['han'], ['vao'], ['trong'], [':'],
];

// A word that changes the meaning of the period right after it in a way we cannot represent
// ("trước tháng 6", "sau Quý II", "từ tháng 3" with no end): such a match is refused, not guessed.
const MODIFIERS = new Set(['truoc', 'sau', 'cuoi', 'dau', 'giua', 'khoang', 'ngoai', 'tu', 'den', 'toi', 'het', 'ke', 'nua']);

class SpanGrammar {
  private p: number;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly from: number,
    private readonly end: number,
  ) {
    this.p = from;
  }

  /** The expression covering exactly tokens [from, end), or null. */
  parse(): RawExpr | null {
    let start = this.from;
    while (start < this.end) {
      this.p = start;
      const expr = this.list();
      if (expr && this.p === this.end) return expr;
      const skip = this.fillerLength(start);
      if (skip === 0) return null;
      start += skip;
    }
    return null;
  }

  private fillerLength(at: number): number {
    for (const filler of FILLERS) {
      if (filler.every((key, k) => at + k < this.end && this.tokens[at + k]?.key === key)) return filler.length;
    }
    return 0;
  }

  private at(offset = 0): Token | undefined {
    const k = this.p + offset;
    return k < this.end ? this.tokens[k] : undefined;
  }

  private word(...keys: string[]): string | undefined {
    const t = this.at();
    if (t && t.kind === 'word' && keys.includes(t.key)) {
      this.p += 1;
      return t.key;
    }
    return undefined;
  }

  private sym(...keys: string[]): boolean {
    const t = this.at();
    if (t && t.kind === 'sym' && keys.includes(t.key)) {
      this.p += 1;
      return true;
    }
    return false;
  }

  private phrase(...keys: string[]): boolean {
    if (keys.every((key, k) => this.at(k)?.key === key && this.at(k)?.kind === 'word')) {
      this.p += keys.length;
      return true;
    }
    return false;
  }

  /** A number of 1 or 2 digits (a day, month or quarter). */
  private small(): Token | undefined {
    const t = this.at();
    if (t && t.kind === 'num' && t.key.length <= 2) {
      this.p += 1;
      return t;
    }
    return undefined;
  }

  private year4(): number | undefined {
    const t = this.at();
    if (t && t.kind === 'num' && t.key.length === 4) {
      this.p += 1;
      return Number(t.key);
    }
    return undefined;
  }

  /** "/2026", "năm 2026" or ", năm 2026" after a quarter or month. */
  private yearPart(): number | undefined {
    const save = this.p;
    if (this.sym('/')) {
      const y = this.year4();
      if (y !== undefined) return y;
    }
    this.p = save;
    this.sym(',');
    if (this.word('nam')) {
      const y = this.year4();
      if (y !== undefined) return y;
    }
    this.p = save;
    return undefined;
  }

  private list(): RawExpr | null {
    const start = this.p;
    const first = this.item();
    if (!first) return null;
    const items = [first];
    for (;;) {
      const save = this.p;
      const sep = this.sym(',', ';', '&', '+');
      const and = this.word('va');
      if (!sep && !and) break;
      const prev = items[items.length - 1] ?? first;
      const next = this.item((prev.to ?? prev.from).unit);
      if (!next) {
        this.p = save;
        break;
      }
      items.push(next);
    }
    return { items, first: start, last: this.p - 1 };
  }

  private item(inherit?: Unit): RawItem | null {
    const start = this.p;
    // A deadline ("trước 30/06/2026", "chậm nhất ngày 15/12/2026") must name a day.
    if (this.word('truoc', 'den', 'toi') || this.phrase('cham', 'nhat')) {
      const point = this.point();
      if (point?.unit === 'date') return { from: point, first: start, last: this.p - 1 };
      this.p = start;
      return null;
    }
    const opened = this.word('tu') !== undefined;
    const from = this.point(inherit);
    if (!from) {
      this.p = start;
      return null;
    }
    const afterFrom = this.p;
    if (this.rangeSep()) {
      const to = this.point(from.unit);
      if (to) return { from, to, first: start, last: this.p - 1 };
    }
    this.p = afterFrom;
    if (opened) {
      // "Từ tháng 3/2026" with no end: not a span we can state.
      this.p = start;
      return null;
    }
    return { from, first: start, last: this.p - 1 };
  }

  private rangeSep(): boolean {
    if (this.sym('-')) {
      this.sym('>');
      return true;
    }
    if (this.sym('→', '~', '⇒', '>')) return true;
    if (this.phrase('den', 'het')) return true;
    return this.word('den', 'toi') !== undefined;
  }

  private point(inherit?: Unit): RawPoint | null {
    const start = this.p;
    if (inherit) {
      const bare = this.pointBare(inherit, start);
      if (bare) return bare;
    }
    const point =
      this.pointQuarter(start) ??
      this.pointMonth(start) ??
      this.pointHalf(start) ??
      this.pointDate(start) ??
      this.pointMonthYear(start) ??
      this.pointYear(start);
    if (!point) this.p = start;
    return point;
  }

  private done(point: Omit<RawPoint, 'last'>): RawPoint {
    return { ...point, last: this.p - 1 };
  }

  /** "I", "iv", "2" as a quarter number. */
  private quarterNumeral(): { n: number; text: string } | undefined {
    const t = this.at();
    if (!t) return undefined;
    if (t.kind === 'word') {
      const n = romanValue(t.key);
      if (n === undefined) return undefined;
      this.p += 1;
      return { n, text: t.text.toUpperCase() };
    }
    const small = this.small();
    return small ? { n: Number(small.key), text: small.text } : undefined;
  }

  /** A numeral continuing a range or list ("Quý I–IV", "Tháng 3 - 6", "Năm 2025–2026"). */
  private pointBare(unit: Unit, start: number): RawPoint | null {
    this.p = start;
    if (unit === 'year') {
      const y = this.year4();
      return y === undefined ? null : this.done({ unit, n: 0, nText: String(y), year: y, first: start });
    }
    if (unit !== 'quarter' && unit !== 'month') return null;
    const numeral = unit === 'quarter' ? this.quarterNumeral() : this.small();
    if (!numeral) return null;
    const n = 'n' in numeral ? numeral.n : Number(numeral.key);
    const year = this.yearPart();
    // "Quý II – 15/6/2026": the "15" starts a date, not a quarter.
    if (year === undefined && (this.at()?.key === '/' || this.at()?.key === '.')) return null;
    return this.done({ unit, n, nText: numeral.text, year, first: start });
  }

  private pointQuarter(start: number): RawPoint | null {
    this.p = start;
    if (!this.word('quy', 'q')) return null;
    const numeral = this.quarterNumeral();
    if (!numeral) return null;
    return this.done({ unit: 'quarter', n: numeral.n, nText: numeral.text, year: this.yearPart(), first: start });
  }

  private pointMonth(start: number): RawPoint | null {
    this.p = start;
    if (!this.word('thang')) return null;
    const m = this.small();
    if (!m) return null;
    return this.done({ unit: 'month', n: Number(m.key), nText: m.text, year: this.yearPart(), first: start });
  }

  /** "6 tháng đầu năm 2026", "6 tháng cuối năm", "nửa đầu năm 2026". */
  private pointHalf(start: number): RawPoint | null {
    this.p = start;
    const six = this.at();
    let side: string | undefined;
    if ((six?.kind === 'num' && Number(six.key) === 6) || six?.key === 'sau') {
      this.p += 1;
      if (!this.word('thang')) return null;
      side = this.word('dau', 'cuoi');
    } else if (this.word('nua')) {
      side = this.word('dau', 'cuoi');
    }
    if (!side) return null;
    const hasYearWord = this.word('nam') !== undefined;
    let year = this.year4();
    if (year === undefined && !hasYearWord) {
      const save = this.p;
      if (this.sym('/')) year = this.year4();
      if (year === undefined) this.p = save;
    }
    return this.done({ unit: 'half', n: side === 'dau' ? 1 : 2, nText: side, year, first: start });
  }

  /** "30/6/2026", "ngày 15/3/2026", "15.12.2026", "ngày 15 tháng 3 năm 2026", "15/12". */
  private pointDate(start: number): RawPoint | null {
    this.p = start;
    const dayWord = this.word('ngay') !== undefined;
    const d = this.small();
    if (!d) return null;
    if (dayWord && this.word('thang')) {
      const m = this.small();
      if (!m) return null;
      return this.done({ unit: 'date', n: Number(m.key), day: Number(d.key), nText: `${d.text}/${m.text}`, year: this.yearPart(), first: start });
    }
    const sepToken = this.at();
    if (!sepToken || !this.sym('/', '.')) return null;
    const m = this.small();
    if (!m) return null;
    let year: number | undefined;
    const save = this.p;
    if (this.sym(sepToken.key)) year = this.year4();
    if (year === undefined) {
      this.p = save;
      // "15/12 năm 2026"
      year = this.yearPart();
    }
    return this.done({ unit: 'date', n: Number(m.key), day: Number(d.key), nText: `${d.text}/${m.text}`, year, first: start });
  }

  /** "10/2026". */
  private pointMonthYear(start: number): RawPoint | null {
    this.p = start;
    const m = this.small();
    if (!m || !this.sym('/')) return null;
    const y = this.year4();
    if (y === undefined) return null;
    return this.done({ unit: 'month', n: Number(m.key), nText: m.text, year: y, first: start });
  }

  /** "Năm 2026", "Cả năm 2026", "trong năm", "2026". */
  private pointYear(start: number): RawPoint | null {
    this.p = start;
    if (this.word('ca', 'trong')) {
      if (!this.word('nam')) return null;
      const y = this.year4();
      return this.done({ unit: 'year', n: 0, nText: y === undefined ? '' : String(y), year: y, first: start });
    }
    this.word('nam');
    const y = this.year4();
    if (y === undefined) return null;
    return this.done({ unit: 'year', n: 0, nText: String(y), year: y, first: start });
  }
}

// ---------------------------------------------------------------------------------------------
// Meaning: fill in years, check numbers, turn points into months.

interface SpanValue {
  start: MonthRef;
  end: MonthRef;
  due: string;
  dueExplicit: boolean;
  quarters: QuarterRef[];
  milestones: Milestone[];
}

interface Bounds {
  start: MonthRef;
  end: MonthRef;
  due: string;
  explicit: boolean;
}

type Outcome<T> = ParseResult<T>;

function fail<T>(code: string, reason: string): Outcome<T> {
  return parseFail<T>(code, reason);
}

function pointBounds(point: RawPoint, year: number): Bounds {
  const at = (month: number): MonthRef => ({ year, month });
  switch (point.unit) {
    case 'quarter':
      return { start: at(point.n * 3 - 2), end: at(point.n * 3), due: monthLastDay(at(point.n * 3)), explicit: false };
    case 'month':
      return { start: at(point.n), end: at(point.n), due: monthLastDay(at(point.n)), explicit: false };
    case 'date':
      return { start: at(point.n), end: at(point.n), due: dateIso(year, point.n, point.day ?? 1), explicit: true };
    case 'year':
      return { start: at(1), end: at(12), due: monthLastDay(at(12)), explicit: false };
    case 'half': {
      const end = at(point.n === 1 ? 6 : 12);
      return { start: at(point.n === 1 ? 1 : 7), end, due: monthLastDay(end), explicit: false };
    }
  }
}

function pointDescribe(point: RawPoint, year: number): string {
  switch (point.unit) {
    case 'quarter':
      return `Quý ${QUARTER_ROMAN[point.n - 1] ?? point.n}/${year}`;
    case 'month':
      return `Tháng ${point.n}/${year}`;
    case 'date':
      return dateVi(dateIso(year, point.n, point.day ?? 1));
    case 'year':
      return `năm ${year}`;
    case 'half':
      return `6 tháng ${point.n === 1 ? 'đầu' : 'cuối'} năm ${year}`;
  }
}

/** The reason a point's numbers are impossible, or undefined when they are fine. */
function pointProblem(point: RawPoint, year: number, quoted: string): string | undefined {
  if (year < YEAR_MIN || year > YEAR_MAX) return `${quoted}: năm ${year} không hợp lệ.`;
  switch (point.unit) {
    case 'quarter':
      return point.n >= 1 && point.n <= 4 ? undefined : `${quoted}: không có quý ${point.nText} — quý chỉ từ I đến IV (hoặc 1 đến 4).`;
    case 'month':
      return point.n >= 1 && point.n <= 12 ? undefined : `${quoted}: không có tháng ${point.nText} — tháng chỉ từ 1 đến 12.`;
    case 'date': {
      if (point.n < 1 || point.n > 12) return `${quoted}: không có tháng ${point.n} — tháng chỉ từ 1 đến 12.`;
      const days = monthDays(year, point.n);
      const day = point.day ?? 0;
      if (day < 1 || day > days) return `${quoted}: không có ngày ${point.nText}/${year} — tháng ${point.n}/${year} chỉ có ${days} ngày.`;
      return undefined;
    }
    case 'year':
    case 'half':
      return undefined;
  }
}

function exprResolve(expr: RawExpr, line: Line, planYear: number | undefined): Outcome<SpanValue> {
  const quoted = `"${tokensText(line, expr.first, expr.last)}"`;
  const points = expr.items.flatMap((item) => (item.to ? [item.from, item.to] : [item.from]));
  // A point without a year takes the next written year ("Quý I, III/2026"), else the previous
  // one ("Quý IV/2025 – Quý I"), else the plan's year.
  const years: number[] = [];
  for (let k = 0; k < points.length; k += 1) {
    const own = points[k]?.year;
    const later = points.slice(k + 1).find((p) => p.year !== undefined)?.year;
    const earlier = points.slice(0, k).reverse().find((p) => p.year !== undefined)?.year;
    const year = own ?? later ?? earlier ?? planYear;
    if (year === undefined) {
      const example = /nam$/.test(charFoldText(quoted.slice(1, -1))) ? `${quoted.slice(1, -1)} 2026` : `${quoted.slice(1, -1)}/2026`;
      return fail(PERIOD_PARSE_CODES.yearMissing, `${quoted} chưa ghi năm: hãy ghi thêm năm, ví dụ "${example}".`);
    }
    years.push(year);
  }
  for (let k = 0; k < points.length; k += 1) {
    const point = points[k];
    const year = years[k];
    if (!point || year === undefined) continue;
    const own = `"${tokensText(line, point.first, point.last)}"`;
    const problem = pointProblem(point, year, own === quoted ? quoted : `${quoted} (${own})`);
    if (problem) return fail(PERIOD_PARSE_CODES.invalid, problem);
  }

  const items: Array<Bounds & { quarters: QuarterRef[]; quarterOnly: boolean; text: string }> = [];
  let k = 0;
  for (const item of expr.items) {
    const fromYear = years[k] ?? 0;
    const from = pointBounds(item.from, fromYear);
    k += 1;
    let bounds = from;
    let quarterOnly = item.from.unit === 'quarter';
    let text = pointDescribe(item.from, fromYear);
    if (item.to) {
      const toYear = years[k] ?? 0;
      const to = pointBounds(item.to, toYear);
      k += 1;
      const toText = pointDescribe(item.to, toYear);
      if (monthIndex(to.start) < monthIndex(from.start) || (from.explicit && to.explicit && to.due < from.due)) {
        const itemQuoted = `"${tokensText(line, item.first, item.last)}"`;
        return fail(
          PERIOD_PARSE_CODES.reversed,
          `${itemQuoted}: mốc kết thúc (${toText}) đứng trước mốc bắt đầu (${text}) — hãy ghi mốc sớm trước, mốc muộn sau.`,
        );
      }
      bounds = { start: from.start, end: to.end, due: to.due, explicit: to.explicit };
      quarterOnly = quarterOnly && item.to.unit === 'quarter';
      text = `${text} – ${toText}`;
    }
    items.push({ ...bounds, quarters: quartersTouched(bounds.start, bounds.end), quarterOnly, text });
  }
  return { ok: true, value: spanCombine(items, items.length > 1 && !items.every((item) => item.quarterOnly)) };
}

function charFoldText(text: string): string {
  return textFoldDiacritics(text).toLowerCase();
}

/**
 * One span over several parts: from the earliest start to the latest end, due at the latest
 * due; the quarters are those of the parts (a list names exactly its quarters).
 */
function spanCombine(parts: Array<Bounds & { quarters: QuarterRef[]; text: string }>, asMilestones: boolean): SpanValue {
  const first = parts[0];
  if (!first) throw new Error('spanCombine needs at least one part');
  let start = first.start;
  let end = first.end;
  let due = first.due;
  let dueExplicit = first.explicit;
  for (const part of parts.slice(1)) {
    if (monthIndex(part.start) < monthIndex(start)) start = part.start;
    if (monthIndex(part.end) > monthIndex(end)) end = part.end;
    if (part.due > due || (part.due === due && part.explicit)) {
      due = part.due;
      dueExplicit = part.explicit;
    }
  }
  return {
    start,
    end,
    due,
    dueExplicit,
    quarters: quartersUnion(parts.map((part) => part.quarters)),
    milestones: asMilestones ? parts.map((part) => ({ text: part.text, start: part.start, end: part.end, due: part.due })) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Lines: a whole line, the part after its colon, or the one period among other words.

/** The token range of a line without its bullet, trailing punctuation or enclosing brackets. */
function lineCore(line: Line): { from: number; to: number } {
  const t = line.tokens;
  let from = 0;
  let to = t.length;
  for (;;) {
    const a = t[from];
    const b = t[from + 1];
    if (a?.kind === 'sym' && '-+*•·>○▪◦●'.includes(a.key) && from + 1 < to) from += 1;
    else if (a && a.kind !== 'sym' && a.key.length <= 2 && b?.key === ')' && from + 2 < to) from += 2;
    else break;
  }
  while (to > from && t[to - 1]?.kind === 'sym' && '.,;:'.includes(t[to - 1]?.key ?? '')) to -= 1;
  if (t[from]?.key === '(' && t[to - 1]?.key === ')' && to - from > 2) {
    from += 1;
    to -= 1;
  }
  return { from, to };
}

const START_WORDS = new Set(['quy', 'q', 'thang', 'ngay', 'nam', 'ca', 'trong', 'tu', 'truoc', 'den', 'toi', 'cham', 'han', 'hoan', 'thoi', 'vao', 'nua', 'sau', 'xong', 'du', 'thuc', 'trien']);

// No period is longer than this many tokens ("Hoàn thành từ ngày 01 tháng 3 năm 2026 đến ngày
// 30 tháng 6 năm 2026" is 18): bounds the search in a long paragraph.
const PERIOD_TOKENS_MAX = 28;

interface Found {
  expr: RawExpr;
  modifier?: string;
}

/** Every period written among other words of the line, longest first, left to right. */
function lineFind(line: Line, from: number, to: number): Found[] {
  const t = line.tokens;
  const found: Found[] = [];
  let i = from;
  while (i < to) {
    const start = t[i];
    const prev = i > from ? t[i - 1] : undefined;
    // Part of a longer code such as "15/2026/QĐ-UBND" or "02-KH": not a period.
    const glued = start && prev && !start.spaced && (prev.kind !== 'sym' || '/.-'.includes(prev.key));
    let matched = 0;
    if (start && !glued && (start.kind === 'num' || START_WORDS.has(start.key))) {
      for (let j = Math.min(to, i + PERIOD_TOKENS_MAX); j > i; j -= 1) {
        const next = j < to ? t[j] : undefined;
        if (next && !next.spaced && (next.kind === 'num' || next.key === '/')) continue;
        const expr = new SpanGrammar(t, i, j).parse();
        if (!expr) continue;
        found.push(prev?.kind === 'word' && MODIFIERS.has(prev.key) ? { expr, modifier: prev.text } : { expr });
        matched = j - i;
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  return found;
}

/** The expression names something finer than a year ("Quý I", "Tháng 3", "15/12"). */
function exprHasMonthOrDay(expr: RawExpr): boolean {
  return expr.items.some((item) => item.from.unit !== 'year' || (item.to !== undefined && item.to.unit !== 'year'));
}

/** Why a period right after a word we cannot represent ("trước tháng 6") was refused. */
function modifierReason(modifier: string, quoted: string): string {
  const key = charFoldText(modifier);
  if (key === 'tu') return `${quoted}: chưa rõ mốc kết thúc — hãy ghi cả hai mốc, ví dụ "Từ tháng 3 đến tháng 6/2026".`;
  if (key === 'truoc' || key === 'den' || key === 'toi' || key === 'het') {
    return `${quoted}: chưa rõ hạn — "${modifier}" cần một ngày cụ thể, ví dụ "trước 30/06/2026"; hoặc ghi khoảng thời gian, ví dụ "Quý I–II/2026".`;
  }
  return `${quoted}: chưa rõ mốc — hãy ghi cụ thể, ví dụ "Quý II/2026", "Tháng 3 – tháng 6/2026" hoặc "trước 30/06/2026".`;
}

/** Why a line with no period was not understood, quoting it. */
function unrecognizedReason(line: Line, from: number, to: number): string {
  const text = tokensText(line, from, to - 1);
  const keys = line.tokens.slice(from, to).map((t) => t.key);
  const lone = keys.length === 1 ? keys[0] : undefined;
  if (lone === 'quy' || lone === 'q') return `"${text}" thiếu số quý: hãy ghi như "Quý II/2026" hoặc "Quý I–IV/2026"; nếu là tần suất, ghi "Hàng quý".`;
  if (lone === 'thang') return `"${text}" thiếu số tháng: hãy ghi như "Tháng 10/2026"; nếu là tần suất, ghi "Hàng tháng".`;
  if (lone === 'nam') return `"${text}" thiếu số năm: hãy ghi như "Năm 2026"; nếu là tần suất, ghi "Hàng năm".`;
  if (keys[0] === 'tu') return `"${text}": chưa rõ mốc kết thúc — hãy ghi cả hai mốc, ví dụ "Từ tháng 3 đến tháng 6/2026".`;
  return `Không hiểu thời gian "${text}". Hãy ghi như ${EXAMPLES_PERIOD}.`;
}

/** The span one line states: the whole line, the part after its last colon, or the one period in it. */
function lineParse(line: Line, planYear: number | undefined): Outcome<SpanValue> {
  const { from, to } = lineCore(line);
  if (from >= to) return fail(PERIOD_PARSE_CODES.unrecognized, `Không hiểu thời gian "${line.text}". Hãy ghi như ${EXAMPLES_PERIOD}.`);
  const whole = new SpanGrammar(line.tokens, from, to).parse();
  if (whole) return exprResolve(whole, line, planYear);
  let colon = -1;
  for (let k = to - 1; k >= from; k -= 1) {
    if (line.tokens[k]?.key === ':') {
      colon = k;
      break;
    }
  }
  // "Báo cáo năm 2026: trước 15/12/2026": the label before the colon may hold a year of its own,
  // so the colon wins only when the part after it is a period and the part before is not one.
  if (colon >= from && colon + 1 < to && lineFind(line, from, colon).every((f) => f.modifier !== undefined || !exprHasMonthOrDay(f.expr))) {
    const after = new SpanGrammar(line.tokens, colon + 1, to).parse();
    if (after) return exprResolve(after, line, planYear);
  }
  const found = lineFind(line, from, to);
  const plain = found.filter((f) => f.modifier === undefined);
  const onlyFound = plain[0];
  if (plain.length === 1 && onlyFound && found.length === 1) return exprResolve(onlyFound.expr, line, planYear);
  const quotes = found.map((f) => `"${f.modifier ? `${f.modifier} ` : ''}${tokensText(line, f.expr.first, f.expr.last)}"`);
  if (found.length > 1) {
    return fail(
      PERIOD_PARSE_CODES.unrecognized,
      `"${tokensText(line, from, to - 1)}" có nhiều mốc thời gian (${quotes.join(', ')}): hãy ghi một khoảng (ví dụ "Quý I–III/2026") hoặc mỗi mốc một dòng.`,
    );
  }
  const modified = found[0];
  if (modified?.modifier) return fail(PERIOD_PARSE_CODES.unrecognized, modifierReason(modified.modifier, quotes[0] ?? ''));
  return fail(PERIOD_PARSE_CODES.unrecognized, unrecognizedReason(line, from, to));
}

/** Several lines (or ";"-separated parts), each with its own date: one span with milestones. */
function milestonesParse(lines: Line[], planYear: number | undefined): Outcome<SpanValue> {
  const parts: Array<Bounds & { quarters: QuarterRef[]; text: string }> = [];
  for (const line of lines) {
    const parsed = lineParse(line, planYear);
    if (!parsed.ok) {
      return parsed.code === PERIOD_PARSE_CODES.unrecognized
        ? fail(parsed.code, `Dòng "${line.text}" chưa có mốc thời gian rõ ràng: khi ghi nhiều dòng, mỗi dòng cần một mốc như "Quý I/2026" hoặc "trước 15/12/2026". ${parsed.reason}`)
        : parsed;
    }
    const { from, to } = lineCore(line);
    const v = parsed.value;
    parts.push({ start: v.start, end: v.end, due: v.due, explicit: v.dueExplicit, quarters: v.quarters, text: tokensText(line, from, to - 1) });
  }
  const span = spanCombine(parts, true);
  // Milestones are phases of one piece of work: the quarters are those of the whole span.
  return { ok: true, value: { ...span, quarters: quartersTouched(span.start, span.end) } };
}

function lineSplit(line: Line, sep: string): Line[] {
  const out: Line[] = [];
  let begin = 0;
  for (let k = 0; k <= line.tokens.length; k += 1) {
    const t = line.tokens[k];
    if (t === undefined || t.key === sep) {
      const a = line.tokens[begin];
      const b = line.tokens[k - 1];
      if (a && b && k > begin) {
        const text = line.text.slice(a.start, b.end);
        out.push({ text, tokens: tokensRead(text) });
      }
      begin = k + 1;
    }
  }
  return out;
}

function spanParse(lines: Line[], planYear: number | undefined): Outcome<SpanValue> {
  const only = lines[0];
  if (lines.length === 1 && only) {
    const single = lineParse(only, planYear);
    if (single.ok || single.code !== PERIOD_PARSE_CODES.unrecognized) return single;
    // Pasted from Excel, "- Xây dựng: Quý I/2026; - Triển khai: Quý II–IV/2026" lost its line breaks.
    const parts = lineSplit(only, ';');
    if (parts.length > 1) {
      const split = milestonesParse(parts, planYear);
      // A part's own problem ("Quý I" without a year) says more than "several dates".
      if (split.ok || split.code !== PERIOD_PARSE_CODES.unrecognized) return split;
    }
    return single;
  }
  const multi = milestonesParse(lines, planYear);
  if (multi.ok) return multi;
  // A single period wrapped over lines by Word ("Quý I–IV/\n2026"): only when the joined text
  // is a period as a whole, so that no line's words are silently dropped.
  const text = lines.map((line) => line.text).join(' ');
  const joined: Line = { text, tokens: tokensRead(text) };
  const { from, to } = lineCore(joined);
  const whole = new SpanGrammar(joined.tokens, from, to).parse();
  return whole ? exprResolve(whole, joined, planYear) : multi;
}

// ---------------------------------------------------------------------------------------------
// Frequencies

interface FrequencyRead {
  frequencies: Frequency[];
  continuous: boolean;
  items: number;
  /** Some item had a word that makes it a rhythm ("hàng", "định kỳ"), not a bare "Quý". */
  marked: boolean;
}

const FREQUENCY_UNITS: Record<string, Frequency> = {
  ngay: 'daily',
  tuan: 'weekly',
  thang: 'monthly',
  quy: 'quarterly',
  nam: 'yearly',
};

const FREQUENCY_SEPARATORS = new Set(['/', ',', ';', '-', '&', '+', '\n', 'va', 'hoac']);

/** Reads "Hàng tuần/Hàng tháng", "Tháng/Quý/Năm", "Định kỳ và đột xuất", "01 lần/tuần"… or null. */
function frequencyRead(lines: Line[]): FrequencyRead | null {
  const tokens: Token[] = [];
  for (const line of lines) {
    const { from, to } = lineCore(line);
    if (tokens.length > 0) tokens.push({ kind: 'sym', key: '\n', text: '\n', start: 0, end: 0, spaced: true });
    tokens.push(...line.tokens.slice(from, to));
  }
  let p = 0;
  const key = (offset = 0): string | undefined => tokens[p + offset]?.key;
  const take = (...keys: string[]): boolean => {
    if (keys.every((k, i) => key(i) === k)) {
      p += keys.length;
      return true;
    }
    return false;
  };
  const unit = (): Frequency | undefined => {
    const t = tokens[p];
    const f = t?.kind === 'word' ? FREQUENCY_UNITS[t.key] : undefined;
    if (f) p += 1;
    return f;
  };
  const isSix = (t: Token | undefined): boolean => (t?.kind === 'num' && Number(t.key) === 6) || t?.key === 'sau';
  const found = new Set<Frequency>();
  let continuous = false;
  let marked = false;
  let items = 0;
  while (p < tokens.length) {
    if (items > 0) {
      let seps = 0;
      while (FREQUENCY_SEPARATORS.has(key() ?? '')) {
        p += 1;
        seps += 1;
      }
      if (seps === 0) return null;
    }
    items += 1;
    const prefixed = take('hang') || take('moi') || take('theo');
    marked ||= prefixed;
    if (take('dinh', 'ky')) {
      marked = true;
      take('hang');
      const f = unit();
      found.add(f ?? 'periodic');
    } else if (take('dot', 'xuat')) {
      marked = true;
      found.add('adHoc');
    } else if (!prefixed && (take('thuong', 'xuyen') || take('lien', 'tuc'))) {
      marked = true;
      continuous = true;
    } else if (take('nua', 'nam') || (isSix(tokens[p]) && key(1) === 'thang')) {
      // "6 tháng", "6 tháng/lần", "6 tháng một lần", "nửa năm".
      if (key() !== 'nam') p += 2;
      marked = true;
      if (!take('/', 'lan') && !take('mot', 'lan') && !take('1', 'lan') && !take('01', 'lan')) take('lan');
      found.add('halfYearly');
    } else if (tokens[p]?.kind === 'num' && key(1) === 'lan') {
      // "01 lần/tuần", "2 lần mỗi tháng".
      p += 2;
      if (!take('/') && !take('moi') && !take('trong')) return null;
      take('mot');
      const f = unit();
      if (!f) return null;
      marked = true;
      found.add(f);
    } else {
      const f = unit();
      if (!f) return null;
      found.add(f);
    }
  }
  if (items === 0) return null;
  return { frequencies: FREQUENCIES.filter((f) => found.has(f)), continuous, items, marked };
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  daily: 'hàng ngày',
  weekly: 'hàng tuần',
  monthly: 'hàng tháng',
  quarterly: 'hàng quý',
  halfYearly: '6 tháng/lần',
  yearly: 'hàng năm',
  periodic: 'định kỳ',
  adHoc: 'đột xuất',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads a "Thời gian thực hiện" / "Thời hạn" cell. Spans ("Quý I–IV/2026", "Tháng 10/2026",
 * "trước 30/06/2026", several dated lines), rhythms ("Hàng tháng", "Định kỳ và đột xuất") and
 * "Thường xuyên" are understood; a missing year means `options.planYear` when given.
 */
export function periodParse(text: string, options: PeriodParseOptions = {}): ParseResult<Period> {
  const lines = linesRead(text);
  if (lines.length === 0) return parseFail(PERIOD_PARSE_CODES.empty, 'Chưa ghi thời gian thực hiện.');
  const rhythm = frequencyRead(lines);
  // A lone "Quý" or "Tháng" is an unfinished period, not a rhythm; "Tháng/Quý/Năm" is a rhythm.
  if (rhythm && (rhythm.marked || rhythm.items > 1)) {
    if (rhythm.frequencies.length === 0) return parseOk({ kind: 'continuous' });
    return parseOk({ kind: 'recurring', frequencies: rhythm.frequencies });
  }
  const span = spanParse(lines, options.planYear);
  if (!span.ok) return parseFail(span.code, span.reason);
  const v = span.value;
  return parseOk({
    kind: 'span',
    start: v.start,
    end: v.end,
    due: v.due,
    quarters: v.quarters,
    milestones: v.milestones,
    ...(v.dueExplicit ? { dueExplicit: true as const } : {}),
  });
}

/**
 * Reads a "Tần suất" cell ("Hàng tuần/Hàng tháng", "Tháng/Quý/Năm", "Định kỳ, đột xuất").
 * "Thường xuyên" (no fixed rhythm) gives an empty list; rhythms are in `FREQUENCIES` order.
 */
export function frequencyParse(text: string): ParseResult<Frequency[]> {
  const lines = linesRead(text);
  if (lines.length === 0) return parseFail(PERIOD_PARSE_CODES.frequencyEmpty, 'Chưa ghi tần suất.');
  const rhythm = frequencyRead(lines);
  if (rhythm) return parseOk(rhythm.frequencies);
  const quoted = lines.map((line) => line.text).join(' ');
  const asPeriod = periodParse(text);
  if (asPeriod.ok && asPeriod.value.kind === 'span') {
    return parseFail(
      PERIOD_PARSE_CODES.frequencyUnrecognized,
      `"${quoted}" là thời hạn, không phải tần suất: hãy ghi như ${EXAMPLES_FREQUENCY}.`,
    );
  }
  return parseFail(PERIOD_PARSE_CODES.frequencyUnrecognized, `Không hiểu tần suất "${quoted}". Hãy ghi như ${EXAMPLES_FREQUENCY}.`);
}

/** "Hàng tuần, hàng tháng"; an empty list (no fixed rhythm) is "Thường xuyên". */
export function frequencyDescribe(frequencies: readonly Frequency[]): string {
  if (frequencies.length === 0) return 'Thường xuyên';
  return capitalize(frequencies.map((f) => FREQUENCY_LABELS[f]).join(', '));
}

function quartersDescribe(quarters: readonly QuarterRef[]): string {
  const byYear = new Map<number, string[]>();
  for (const q of quarters) byYear.set(q.year, [...(byYear.get(q.year) ?? []), QUARTER_ROMAN[q.quarter - 1] ?? String(q.quarter)]);
  return [...byYear.entries()].map(([year, names]) => `Quý ${names.join(', ')}/${year}`).join('; ');
}

/** The months from start to end, in words, the way a clerk would write them. */
function spanBaseDescribe(start: MonthRef, end: MonthRef, quarters: readonly QuarterRef[]): string {
  const sameYear = start.year === end.year;
  const touched = quartersTouched(start, end);
  const aligned = start.month % 3 === 1 && end.month % 3 === 0;
  const listed = aligned && quarters.length > 0 && quarters.length !== touched.length;
  if (listed) return quartersDescribe(quarters);
  if (start.month === 1 && end.month === 12) return sameYear ? `Cả năm ${start.year}` : `Năm ${start.year} → năm ${end.year}`;
  if (sameYear && start.month === 1 && end.month === 6) return `6 tháng đầu năm ${start.year}`;
  if (sameYear && start.month === 7 && end.month === 12) return `6 tháng cuối năm ${start.year}`;
  if (aligned) {
    const a = quarterOf(start);
    const b = quarterOf(end);
    const aName = `Quý ${QUARTER_ROMAN[a.quarter - 1]}`;
    const bName = `Quý ${QUARTER_ROMAN[b.quarter - 1]}`;
    if (quarterIndex(a) === quarterIndex(b)) return `${aName}/${a.year}`;
    return sameYear ? `${aName} → ${bName}/${a.year}` : `${aName}/${a.year} → ${bName}/${b.year}`;
  }
  if (monthIndex(start) === monthIndex(end)) return `Tháng ${start.month}/${start.year}`;
  return sameYear ? `Tháng ${start.month} → Tháng ${end.month}/${start.year}` : `Tháng ${start.month}/${start.year} → Tháng ${end.month}/${end.year}`;
}

/**
 * A short Vietnamese rendering for the live preview: "Quý II → Quý IV/2026", "Tháng 10/2026",
 * "Cả năm 2026", "Hạn: 30/06/2026", "Thường xuyên", "Hàng tuần, hàng tháng".
 */
export function periodDescribe(period: Period): string {
  switch (period.kind) {
    case 'continuous':
      return 'Thường xuyên';
    case 'recurring':
      return frequencyDescribe(period.frequencies);
    case 'span': {
      const dated = period.dueExplicit === true || period.due !== monthLastDay(period.end);
      const single = monthIndex(period.start) === monthIndex(period.end);
      // Milestones' quarters are not a list the clerk wrote: describe the whole span.
      const listed = period.milestones.length > 0 ? [] : period.quarters;
      let out =
        dated && single
          ? `Hạn: ${dateVi(period.due)}`
          : spanBaseDescribe(period.start, period.end, listed) + (dated ? `, hạn ${dateVi(period.due)}` : '');
      if (period.milestones.length > 0) out += ` (${period.milestones.length} mốc)`;
      return out;
    }
  }
}

/** The years a span touches, in order ([] for recurring and continuous periods). */
export function periodYears(period: Period): number[] {
  if (period.kind !== 'span') return [];
  const years: number[] = [];
  for (let y = period.start.year; y <= period.end.year; y += 1) years.push(y);
  return years;
}

/** The months a span covers, in order ([] for recurring and continuous periods). */
export function periodMonths(period: Period): MonthRef[] {
  if (period.kind !== 'span') return [];
  const months: MonthRef[] = [];
  for (let k = monthIndex(period.start); k <= monthIndex(period.end); k += 1) months.push(monthFromIndex(k));
  return months;
}
