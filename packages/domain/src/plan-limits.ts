import { numberFormat } from './number.ts';

/**
 * How much one plan may hold and one change may carry. The server refuses what goes past them
 * (a whole update, an import), and the web app reads the same numbers. Real
 * plans stay far below: the longest cell of the fixtures is under 1,000 characters and a
 * 5,000-row plan encodes to about 4.3 MiB.
 */
export const PLAN_LIMITS = {
  /** Characters in one cell (or a section's title). */
  cellChars: 20_000,
  /** Characters in one comment. */
  commentChars: 5_000,
  /** Bytes of one incoming Yjs update (a sync step 2 of a long offline session included). */
  updateBytes: 8 * 1024 * 1024,
  /** Bytes of a whole plan document, as its updates add up. */
  docBytes: 64 * 1024 * 1024,
  /** Characters in one cell of an imported file. */
  importCellChars: 20_000,
  /** Rows of one imported table. */
  importRows: 10_000,
} as const;

/** The years a plan may be for, and a year written in a cell may name: anything else is a typo ("Năm 226"). */
export const PLAN_YEARS = { min: 2000, max: 2100 } as const;

/** True for a whole year within `PLAN_YEARS`. */
export function planYearIsValid(year: number): boolean {
  return Number.isInteger(year) && year >= PLAN_YEARS.min && year <= PLAN_YEARS.max;
}

/** The Vietnamese message for a cell past `PLAN_LIMITS.cellChars`. */
export function planLimitCellMessage(): string {
  return `Nội dung một ô dài quá ${numberFormat(PLAN_LIMITS.cellChars)} ký tự.`;
}

/** The Vietnamese message for a comment past `PLAN_LIMITS.commentChars`. */
export function planLimitCommentMessage(): string {
  return `Bình luận dài quá ${numberFormat(PLAN_LIMITS.commentChars)} ký tự.`;
}
