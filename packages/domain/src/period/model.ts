/** What a parsed timeframe or "Tần suất" cell means, and the codes of a failed parse. */

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
