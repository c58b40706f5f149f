/** The two cell parsers: a timeframe ("Thời gian thực hiện", "Thời hạn") and a "Tần suất". */
import type { ParseResult } from '../result.ts';
import { parseFail, parseOk } from '../result.ts';
import { frequencyRead } from './frequency.ts';
import type { Frequency, Period, PeriodParseOptions } from './model.ts';
import { PERIOD_PARSE_CODES } from './model.ts';
import { spanParse } from './span-parse.ts';
import { linesRead } from './tokens.ts';

const EXAMPLES_FREQUENCY = '"Hàng tháng", "Hàng tuần/Hàng tháng", "Tháng/Quý/Năm", "Định kỳ", "Đột xuất" hoặc "Thường xuyên"';

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
