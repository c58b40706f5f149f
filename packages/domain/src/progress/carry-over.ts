/**
 * Next year's plan made from this one: which rows go over and what they look like there.
 * Unfinished and recurring tasks are carried (and say so), finished one-off tasks are left out,
 * indicators are carried with their targets kept for the new year's editing; years in the
 * timeframe and in the texts are rolled (period/roll.ts), and whatever the roll left alone is
 * reported with the cell it is in.
 */
import type { YearKept } from '../period/roll.ts';
import { timeframeRoll, yearsRoll } from '../period/roll.ts';
import type { ProgressRow } from './due.ts';
import { progressRecordsOf, progressSchedule } from './due.ts';
import type { ProgressRecord, ProgressStatus } from './model.ts';

/** Why a row goes over to next year's plan, or why not. */
export const PROGRESS_CARRY_REASONS = {
  /** A one-off task whose latest status is not «Hoàn thành» (or that was never reported). */
  unfinished: 'Chưa hoàn thành, chuyển sang năm sau',
  /** "Thường xuyên", "Hàng tháng"…: done every year. */
  recurring: 'Nhiệm vụ thường xuyên, tiếp tục năm sau',
  /** An indicator is measured again; its target is kept for editing. */
  indicator: 'Chỉ tiêu tiếp tục theo dõi, xem lại mức phấn đấu',
  /** A one-off task reported «Hoàn thành». */
  finished: 'Đã hoàn thành, không chuyển sang năm sau',
} as const;
/** A code of `PROGRESS_CARRY_REASONS`. */
export type ProgressCarryReason = keyof typeof PROGRESS_CARRY_REASONS;

// Cells kept exactly as they are: the target is reviewed by hand; units, amounts and measure units have no years.
const CELLS_KEPT = new Set(['target', 'measureUnit', 'budget', 'lead', 'cooperating', 'supervisor', 'monitor']);

/** A year the roll left alone, and the cell it is in. */
export interface ProgressCarryKept extends YearKept {
  field: string;
}

/**
 * The decision for one row. When carried: the row's cells for the new year (years rolled), the
 * status it ended the year with, and every possible year the roll left alone, to check by hand.
 */
export type ProgressCarry =
  | {
      carry: true;
      reason: Exclude<ProgressCarryReason, 'finished'>;
      fromRowId: string;
      lastStatus: ProgressStatus | null;
      cells: Record<string, string>;
      kept: ProgressCarryKept[];
    }
  | { carry: false; reason: 'finished'; fromRowId: string };

/**
 * Whether a row goes over to the plan of `options.to` (default the next year) from that of
 * `options.from`, and how it reads there. A row with an unreadable timeframe is not a finished
 * one-off task unless reported done, so it is carried as unfinished.
 */
export function progressCarryOver(row: ProgressRow, records: readonly ProgressRecord[], options: { from: number; to?: number }): ProgressCarry {
  const own = progressRecordsOf(row.id, records);
  const lastStatus = own[own.length - 1]?.status ?? null;
  const schedule = progressSchedule(row, options.from);
  let reason: ProgressCarryReason;
  if (row.kind === 'indicator') reason = 'indicator';
  else if (schedule.kind === 'recurring' || schedule.kind === 'unscheduled') reason = 'recurring';
  else if (lastStatus === 'done') reason = 'finished';
  else reason = 'unfinished';
  if (reason === 'finished') return { carry: false, reason, fromRowId: row.id };

  const cells: Record<string, string> = {};
  const kept: ProgressCarryKept[] = [];
  for (const [field, text] of Object.entries(row.cells)) {
    if (CELLS_KEPT.has(field)) {
      cells[field] = text;
      continue;
    }
    const rolled = field === 'timeframe' ? timeframeRoll(text, options) : yearsRoll(text, options);
    cells[field] = rolled.text;
    for (const k of rolled.kept) kept.push({ ...k, field });
  }
  return { carry: true, reason, fromRowId: row.id, lastStatus, cells, kept };
}
