/**
 * The span a cell states: a whole line, the part after its colon, or the one period among other
 * words ("Hoàn thành trong Quý II/2026"); several lines each with a date make milestones. A line
 * with two unrelated dates, or a period after a word we cannot represent ("trước tháng 6"), is
 * refused with a reason, not guessed.
 */
import { quartersTouched } from './calendar.ts';
import type { QuarterRef } from './model.ts';
import { PERIOD_PARSE_CODES } from './model.ts';
import { MODIFIERS, SpanGrammar } from './span-grammar.ts';
import type { RawExpr } from './span-grammar.ts';
import type { Bounds, Outcome, SpanValue } from './span-resolve.ts';
import { exprResolve, fail, spanCombine } from './span-resolve.ts';
import type { Line } from './tokens.ts';
import { charFoldText, lineCore, lineSplit, tokensRead, tokensText } from './tokens.ts';

const EXAMPLES_PERIOD = '"Quý II/2026", "Quý I–IV/2026", "Tháng 10/2026", "Năm 2026", "trước 30/06/2026", "Thường xuyên" hoặc "Hàng tháng"';

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

/** The span a cell states: one line, several dated lines or ";"-parts, or one period wrapped over lines. */
export function spanParse(lines: Line[], planYear: number | undefined): Outcome<SpanValue> {
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
