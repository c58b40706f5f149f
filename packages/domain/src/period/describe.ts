/** A parsed period in short Vietnamese words, for the live preview of a timeframe cell. */
import { dateVi, monthIndex, monthLastDay, quarterIndex, quarterOf, QUARTER_ROMAN, quartersTouched } from './calendar.ts';
import { frequencyDescribe } from './frequency.ts';
import type { MonthRef, Period, QuarterRef } from './model.ts';

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
