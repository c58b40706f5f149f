/**
 * The span grammar: reads tokens into points ("Quý II/2026", "30/6/2026"), ranges ("Quý I–IV")
 * and lists ("Quý I, III/2026"), as written; years are filled in and numbers checked afterwards
 * (span-resolve.ts). Generous about form, it never guesses a meaning.
 */
import { romanValue } from './calendar.ts';
import type { Token } from './tokens.ts';

/** What a point of a period names. */
export type Unit = 'quarter' | 'month' | 'date' | 'year' | 'half';

/** One point of a period as written, before years are filled in and numbers checked. */
export interface RawPoint {
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
export interface RawItem {
  from: RawPoint;
  to?: RawPoint;
  first: number;
  last: number;
}

/** A list of items ("Quý I, III/2026"); usually just one. */
export interface RawExpr {
  items: RawItem[];
  first: number;
  last: number;
}

// Words that may stand before a period without changing it ("Hoàn thành trong Quý II/2026").
const FILLERS: ReadonlyArray<readonly string[]> = [
  ['hoan', 'thanh'], ['xong'], ['thuc', 'hien'], ['trien', 'khai'], ['du', 'kien'],
  ['thoi', 'gian'], ['thoi', 'han'], ['han', 'chot'], ['han'], ['vao'], ['trong'], [':'],
];

/**
 * Words that change the meaning of the period right after them in a way we cannot represent
 * ("trước tháng 6", "sau Quý II", "từ tháng 3" with no end): such a match is refused, not guessed.
 */
export const MODIFIERS = new Set(['truoc', 'sau', 'cuoi', 'dau', 'giua', 'khoang', 'ngoai', 'tu', 'den', 'toi', 'het', 'ke', 'nua']);

/** A recursive-descent reader of the tokens [from, end) of one line. */
export class SpanGrammar {
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
