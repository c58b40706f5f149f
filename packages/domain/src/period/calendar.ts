/** Month and quarter arithmetic, dates in ISO and Vietnamese form, and the months a period covers. */
import type { MonthRef, Period, QuarterRef } from './model.ts';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** yyyy-mm-dd. */
export function dateIso(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** "2026-06-30" → "30/06/2026". */
export function dateVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The number of days in a month (leap years counted). */
export function monthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The ISO date of the last day of a month. */
export function monthLastDay(ref: MonthRef): string {
  return dateIso(ref.year, ref.month, monthDays(ref.year, ref.month));
}

/** Months counted from year 0, so that months compare and subtract as numbers. */
export function monthIndex(ref: MonthRef): number {
  return ref.year * 12 + (ref.month - 1);
}

/** The month `monthIndex` numbered `index`. */
export function monthFromIndex(index: number): MonthRef {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The quarter a month falls in. */
export function quarterOf(ref: MonthRef): QuarterRef {
  return { year: ref.year, quarter: (Math.floor((ref.month - 1) / 3) + 1) as QuarterRef['quarter'] };
}

/** Quarters counted from year 0, so that quarters compare as numbers. */
export function quarterIndex(ref: QuarterRef): number {
  return ref.year * 4 + (ref.quarter - 1);
}

/** The quarters from `start` to `end` inclusive, in order. */
export function quartersTouched(start: MonthRef, end: MonthRef): QuarterRef[] {
  const out: QuarterRef[] = [];
  for (let q = quarterIndex(quarterOf(start)); q <= quarterIndex(quarterOf(end)); q += 1) {
    out.push({ year: Math.floor(q / 4), quarter: ((q % 4) + 1) as QuarterRef['quarter'] });
  }
  return out;
}

/** The quarters of several lists, each once, in order. */
export function quartersUnion(lists: QuarterRef[][]): QuarterRef[] {
  const seen = new Map<number, QuarterRef>();
  for (const list of lists) for (const q of list) seen.set(quarterIndex(q), q);
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, q]) => q);
}

const ROMAN_DIGITS: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

/** "iv" → 4; undefined when the word is not a roman numeral. */
export function romanValue(word: string): number | undefined {
  if (!/^[ivxl]+$/.test(word)) return undefined;
  let total = 0;
  for (let k = 0; k < word.length; k += 1) {
    const value = ROMAN_DIGITS[word[k] ?? ''] ?? 0;
    const next = ROMAN_DIGITS[word[k + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Quarter numbers as clerks write them ("Quý II"). */
export const QUARTER_ROMAN = ['I', 'II', 'III', 'IV'] as const;

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
