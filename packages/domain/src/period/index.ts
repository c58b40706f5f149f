/**
 * Periods as Vietnamese plans write them: the "Thời gian thực hiện" / "Thời hạn" cell of a task
 * ("Quý I–IV/2026", "Tháng 10/2026", "trước 30/06/2026", "Thường xuyên", several dated lines…)
 * and the "Tần suất" cell of a recurring task ("Hàng tuần/Hàng tháng", "Tháng/Quý/Năm").
 *
 * Clerks type with or without diacritics, any dash, any case and any spacing, so the text is
 * tidied and folded first and then read token by token by a small grammar. The parser is
 * generous about form but never guesses a meaning: when a cell is unclear ("sớm", "Quý",
 * "trước tháng 6", two unrelated dates on one line) it fails with a reason a clerk can act on.
 *
 *   model.ts         what a parsed cell means (`Period`, `Frequency`) and the failure codes
 *   parse.ts         `periodParse`, `frequencyParse`: the two entry points
 *   tokens.ts        a cell as lines of folded tokens
 *   span-grammar.ts  tokens → points, ranges and lists as written
 *   span-resolve.ts  years filled in, numbers checked, points → months and a due date
 *   span-parse.ts    which part of a line (or which lines) state the span; milestones
 *   frequency.ts     rhythms ("Hàng tuần/Hàng tháng"): reading and describing
 *   calendar.ts      month and quarter arithmetic; the years and months a period covers
 *   describe.ts      a period in short words for the live preview
 *   roll.ts          years rolled forward for next year's plan (texts, timeframe cells, parsed periods)
 */
export type { Frequency, Milestone, MonthRef, Period, PeriodParseOptions, QuarterRef } from './model.ts';
export { FREQUENCIES, PERIOD_PARSE_CODES } from './model.ts';
export { frequencyParse, periodParse } from './parse.ts';
export { periodDescribe } from './describe.ts';
export { frequencyDescribe } from './frequency.ts';
export { dateVi, periodMonths, periodYears, QUARTER_ROMAN } from './calendar.ts';
export type { YearChange, YearKept, YearKeptReason, YearsRoll, YearsRollOptions } from './roll.ts';
export { periodShift, timeframeRoll, YEAR_KEPT_REASONS, yearsRoll } from './roll.ts';
