/**
 * The meaning of a span as written: years filled in (from the next or previous point, else the
 * plan's year), numbers checked ("Quý V", "31/02/2026" are refused with a reason), points turned
 * into months and a due date.
 */
import { planYearIsValid } from '../plan-limits.ts';
import type { ParseCode, ParseResult } from '../result.ts';
import { parseFail } from '../result.ts';
import { dateIso, dateVi, monthDays, monthIndex, monthLastDay, QUARTER_ROMAN, quartersTouched, quartersUnion } from './calendar.ts';
import type { Milestone, MonthRef, QuarterRef } from './model.ts';
import { PERIOD_PARSE_CODES } from './model.ts';
import type { RawExpr, RawPoint } from './span-grammar.ts';
import type { Line } from './tokens.ts';
import { charFoldText, tokensText } from './tokens.ts';

/** A span as parsed, before it becomes a `Period` (`dueExplicit` always present). */
export interface SpanValue {
  start: MonthRef;
  end: MonthRef;
  due: string;
  dueExplicit: boolean;
  quarters: QuarterRef[];
  milestones: Milestone[];
}

/** Where a point or part starts and ends, its due date, and whether that date was written. */
export interface Bounds {
  start: MonthRef;
  end: MonthRef;
  due: string;
  explicit: boolean;
}

/** The result of reading a span. */
export type Outcome<T> = ParseResult<T>;

/** A failed span read with a stable code and a Vietnamese reason. */
export function fail<T>(code: ParseCode, reason: string): Outcome<T> {
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
  // Year numbers outside PLAN_YEARS are typos ("Năm 226", "Quý II/2206").
  if (!planYearIsValid(year)) return `${quoted}: năm ${year} không hợp lệ.`;
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

/** The span an expression means: years filled in, numbers checked, ranges in order. */
export function exprResolve(expr: RawExpr, line: Line, planYear: number | undefined): Outcome<SpanValue> {
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

/**
 * One span over several parts: from the earliest start to the latest end, due at the latest
 * due; the quarters are those of the parts (a list names exactly its quarters).
 */
export function spanCombine(parts: Array<Bounds & { quarters: QuarterRef[]; text: string }>, asMilestones: boolean): SpanValue {
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
