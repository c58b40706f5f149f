/**
 * Leaders' review of a plan: the states a row or a table goes through ("Chờ duyệt" → "Yêu cầu
 * sửa" / "Đã duyệt"), the rule that an edit voids an approval, comment threads, and the
 * summaries the review page draws — completeness ("6 rõ": rows without errors) per department
 * and per section, errors and warnings, review progress, and rows by the quarter they are due.
 * Pure: the web app computes the summaries from the live document, the server applies the
 * reset rule to every accepted update.
 */
import type { TableRowRef } from './activity.ts';
import { tableRowRefText } from './activity-text.ts';
import type { Actor, PlanChange } from './permissions.ts';
import { permissionIsManager } from './permissions.ts';
import { planDocComments, planDocRowInfo, planDocRowTableId } from './plan-doc.ts';
import type * as Y from 'yjs';
import { ROW_META_KEYS } from './plan-doc-layout.ts';
import type { PlanComment, PlanReview, ReviewState } from './plan-doc-comments.ts';
import { REVIEW_STATES } from './plan-doc-comments.ts';
import { numberingCite, numberingCompute } from './numbering.ts';
import { frequencyParse, periodParse } from './period/index.ts';
import type { RowModel, TableModel } from './table-model.ts';
import type { Finding } from './validate.ts';

/** Vietnamese names of the review states. */
export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  pending: 'Chờ duyệt',
  changes_requested: 'Yêu cầu sửa',
  approved: 'Đã duyệt',
};

/** What a row says when an edit put it back to pending. */
export const REVIEW_RESET_MESSAGE = 'Đã trở về chờ duyệt vì có sửa đổi';

/** The state a row or table is in: "pending" when nobody has reviewed it yet. */
export function reviewStateOf(review: PlanReview | undefined): ReviewState {
  return review?.state ?? 'pending';
}

/** True when the review is a pending state the server set because an approved row was edited. */
export function reviewIsReset(review: PlanReview | undefined): boolean {
  return review?.state === 'pending' && review.reason === 'edited';
}

// ---------------------------------------------------------------------------------------------
// An edit voids an approval

/** Row keys whose change is not a change of the row's content (moving a row, its bookkeeping). */
const ROW_KEYS_NOT_CONTENT = new Set<string>(ROW_META_KEYS);

/**
 * The rows whose content (a cell, a section's title) the changes edit. Creating a row, moving it
 * or changing who owns it is not an edit of content; deleting it leaves nothing to review.
 */
export function reviewRowsEdited(changes: readonly PlanChange[]): Set<string> {
  const rows = new Set<string>();
  for (const change of changes) {
    const loc = change.location;
    if (loc.area !== 'tables' || loc.part !== 'rows' || !loc.rowId || loc.field === undefined) continue;
    if (change.inNewRow || ROW_KEYS_NOT_CONTENT.has(loc.field)) continue;
    rows.add(loc.rowId);
  }
  return rows;
}

/** The tables whose content the changes edit: a row's content, or the table's columns or title. */
function tablesEdited(changes: readonly PlanChange[]): Set<string> {
  const tables = new Set<string>();
  for (const change of changes) {
    const loc = change.location;
    if (loc.area !== 'tables' || !loc.tableId) continue;
    const rowContent = loc.part === 'rows' && loc.rowId !== undefined && loc.field !== undefined && !ROW_KEYS_NOT_CONTENT.has(loc.field);
    const rowAddedOrRemoved = loc.part === 'rows' && loc.rowId !== undefined && loc.field === undefined;
    if (rowContent || rowAddedOrRemoved || change.inNewRow || loc.part === 'columns' || loc.part === 'title') tables.add(loc.tableId);
  }
  return tables;
}

/**
 * What an accepted update puts back to "pending": the rows it edits that are approved now, and
 * an approved table whose rows, columns or title it changes (a table's review is keyed by its
 * id) — unless the update itself set that review (someone approving and editing at once).
 * Reviewers cannot edit content, so their updates reset nothing.
 */
export function reviewResetsFor(
  changes: readonly PlanChange[],
  actor: Actor,
  reviewOf: (id: string) => PlanReview | undefined,
): string[] {
  if (actor.role === 'reviewer' || actor.role === 'viewer') return [];
  const reviewed = new Set<string>();
  for (const change of changes) {
    if (change.location.area === 'reviews' && change.location.rowId) reviewed.add(change.location.rowId);
  }
  const ids = [...reviewRowsEdited(changes), ...tablesEdited(changes)];
  return ids.filter((id) => !reviewed.has(id) && reviewOf(id)?.state === 'approved');
}

// ---------------------------------------------------------------------------------------------
// Notices: who hears of a comment (or a request for changes)

/**
 * Whether a row's comments are a person's business — whose comments count for their unread
 * badge, inbox and notices: for an editor, the rows its unit leads (`owners`); for the
 * coordinator and the admin, every row; for a reviewer, the rows where they wrote.
 */
export function reviewRowConcerns(actor: Actor, owners: readonly string[] | null, comments: readonly PlanComment[]): boolean {
  if (permissionIsManager(actor)) return true;
  if (actor.role === 'editor') return actor.unitId !== null && (owners ?? []).includes(actor.unitId);
  if (actor.role === 'reviewer') return comments.some((c) => c.author === actor.userId);
  return false;
}

/** What a person is told of a comment that reached them: a comment, or a request for changes with its reason. */
export interface ReviewNotice {
  kind: 'comment' | 'changesRequested';
  rowId: string;
  /** The table the row is in now (undefined: the row is gone). */
  tableId: string | undefined;
  comment: PlanComment;
}

/** Every comment of the plan, by id, with its row (to tell new comments from known ones). */
export function planDocCommentsById(doc: Y.Doc): Map<string, { rowId: string; comment: PlanComment }> {
  const out = new Map<string, { rowId: string; comment: PlanComment }>();
  for (const rowId of doc.getMap<unknown>('comments').keys()) {
    for (const comment of planDocComments(doc, rowId)) out.set(comment.id, { rowId, comment });
  }
  return out;
}

/**
 * The notices a person gets for comments new to them: each one by someone else on a row that is
 * their business (`reviewRowConcerns`) — so a reviewer's «Yêu cầu sửa» reaches the editors of the
 * row's units with its reason, like a comment does. In the order given.
 */
export function reviewNoticesFor(doc: Y.Doc, actor: Actor, fresh: readonly { rowId: string; comment: PlanComment }[]): ReviewNotice[] {
  const notices: ReviewNotice[] = [];
  for (const { rowId, comment } of fresh) {
    if (comment.author === actor.userId) continue;
    const tableId = planDocRowTableId(doc, rowId);
    const owners = tableId ? (planDocRowInfo(doc, tableId, rowId)?.owners ?? null) : null;
    if (!reviewRowConcerns(actor, owners, planDocComments(doc, rowId))) continue;
    notices.push({ kind: comment.kind === 'changesRequested' ? 'changesRequested' : 'comment', rowId, tableId, comment });
  }
  return notices;
}

// ---------------------------------------------------------------------------------------------
// Comment threads

/** A comment and the replies to it, in the order they were written. */
export interface CommentThread {
  root: PlanComment;
  replies: PlanComment[];
  /** The thread is resolved when its first comment is. */
  resolved: boolean;
  /** Time of the latest comment of the thread (ISO). */
  lastAt: string;
}

/**
 * A row's comments as threads: each comment without `replyTo` (or answering a comment that is
 * not there) starts one; replies join their thread's first comment, also when they answer a
 * reply. Threads keep the order of their first comments.
 */
export function commentThreads(comments: readonly PlanComment[]): CommentThread[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: PlanComment): PlanComment => {
    let current = c;
    const seen = new Set<string>();
    while (current.replyTo !== undefined && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = byId.get(current.replyTo);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const threads = new Map<string, CommentThread>();
  for (const c of comments) {
    const root = rootOf(c);
    let thread = threads.get(root.id);
    if (!thread) {
      thread = { root, replies: [], resolved: root.resolved, lastAt: root.at };
      threads.set(root.id, thread);
    }
    if (c !== root) thread.replies.push(c);
    if (c.at > thread.lastAt) thread.lastAt = c.at;
  }
  return [...threads.values()];
}

// ---------------------------------------------------------------------------------------------
// Summaries

/** Rows per review state. */
export type ReviewCounts = Record<ReviewState, number>;

function countsEmpty(): ReviewCounts {
  return { pending: 0, changes_requested: 0, approved: 0 };
}

/** How a group of rows (a department's, a section's, a whole table's) stands. */
export interface ReviewGroup {
  /** Item rows in the group. */
  rows: number;
  /** Rows without any error ("6 rõ" met). */
  complete: number;
  /** Error and warning findings on the group's rows. */
  errors: number;
  warnings: number;
  reviews: ReviewCounts;
}

function groupEmpty(): ReviewGroup {
  return { rows: 0, complete: 0, errors: 0, warnings: 0, reviews: countsEmpty() };
}

/** Where a row falls on the year's timeline. */
export const REVIEW_DUE_BUCKETS = ['q1', 'q2', 'q3', 'q4', 'earlier', 'later', 'continuous', 'recurring', 'unclear', 'none'] as const;
export type ReviewDueBucket = (typeof REVIEW_DUE_BUCKETS)[number];

/** Vietnamese names of the timeline's buckets. */
export const REVIEW_DUE_LABELS: Readonly<Record<ReviewDueBucket, string>> = {
  q1: 'Quý I',
  q2: 'Quý II',
  q3: 'Quý III',
  q4: 'Quý IV',
  earlier: 'Trước năm',
  later: 'Sau năm',
  continuous: 'Thường xuyên',
  recurring: 'Định kỳ',
  unclear: 'Chưa rõ thời hạn',
  none: 'Không ghi thời hạn',
};

/** A row's place on the timeline: the quarter of its due date, or why it has none. */
export interface RowDue {
  bucket: ReviewDueBucket;
  /** The due date (ISO yyyy-mm-dd) of a dated row. */
  due?: string;
  /** Quarters (1..4) of the plan's year the row's span touches. */
  active: number[];
}

/**
 * Where a row falls on the plan's year: its "Thời gian thực hiện" / "Thời hạn" read with
 * `periodParse` (due date → quarter), else its "Tần suất" (recurring).
 */
export function reviewRowDue(cells: Readonly<Record<string, string>>, fields: ReadonlySet<string>, planYear: number): RowDue {
  if (fields.has('timeframe')) {
    const text = (cells.timeframe ?? '').trim();
    if (!text) return { bucket: 'unclear', active: [] };
    const parsed = periodParse(text, { planYear });
    if (!parsed.ok) return { bucket: 'unclear', active: [] };
    const period = parsed.value;
    if (period.kind === 'continuous') return { bucket: 'continuous', active: [1, 2, 3, 4] };
    if (period.kind === 'recurring') return { bucket: 'recurring', active: [1, 2, 3, 4] };
    const active = [...new Set(period.quarters.filter((q) => q.year === planYear).map((q) => q.quarter))].sort();
    const year = Number(period.due.slice(0, 4));
    const month = Number(period.due.slice(5, 7));
    if (year < planYear) return { bucket: 'earlier', due: period.due, active };
    if (year > planYear) return { bucket: 'later', due: period.due, active };
    const quarter = Math.min(4, Math.max(1, Math.ceil(month / 3)));
    return { bucket: `q${quarter}` as ReviewDueBucket, due: period.due, active };
  }
  if (fields.has('frequency')) {
    const text = (cells.frequency ?? '').trim();
    if (!text || !frequencyParse(text).ok) return { bucket: 'unclear', active: [] };
    return { bucket: 'recurring', active: [1, 2, 3, 4] };
  }
  return { bucket: 'none', active: [] };
}

/** One department's part of a table. */
export interface ReviewUnitSummary extends ReviewGroup {
  /** The unit, or null for rows no unit leads yet. */
  unitId: string | null;
}

/** One section of a table (rows before the first section have `sectionId` null). */
export interface ReviewSectionSummary extends ReviewGroup {
  sectionId: string | null;
  /** The computed section number ("I", "B"), or "" before the first section. */
  number: string;
  label: string;
}

/** One bucket of the timeline. */
export interface ReviewDueSummary {
  bucket: ReviewDueBucket;
  /** Rows due in the bucket, by review state. */
  reviews: ReviewCounts;
  rows: number;
  /** For quarters: rows whose span touches the quarter (due there or later). */
  active: number;
}

/** Everything the review page shows about one table. */
export interface TableReviewSummary extends ReviewGroup {
  tableId: string;
  title: string;
  /** The table's own review state. */
  table: PlanReview | undefined;
  /** Rows put back to pending by an edit. */
  resets: number;
  /** Whether the table has a time column (timeframe or frequency): only then is it on the timeline. */
  timed: boolean;
  byUnit: ReviewUnitSummary[];
  bySection: ReviewSectionSummary[];
  byDue: ReviewDueSummary[];
}

type RowFindings = ReadonlyMap<string, { errors: number; warnings: number }>;

/** Errors and warnings per row id. */
function findingsByRow(findings: readonly Finding[]): Map<string, { errors: number; warnings: number }> {
  const perRow = new Map<string, { errors: number; warnings: number }>();
  for (const f of findings) {
    if (f.rowId === null) continue;
    const entry = perRow.get(f.rowId) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') entry.errors += 1;
    else entry.warnings += 1;
    perRow.set(f.rowId, entry);
  }
  return perRow;
}

function groupAdd(group: ReviewGroup, found: { errors: number; warnings: number }, state: ReviewState): void {
  group.rows += 1;
  if (found.errors === 0) group.complete += 1;
  group.errors += found.errors;
  group.warnings += found.warnings;
  group.reviews[state] += 1;
}

function unitsSummarize(rows: readonly RowModel[], perRow: RowFindings, reviews: ReadonlyMap<string, PlanReview>): ReviewUnitSummary[] {
  const units = new Map<string | null, ReviewUnitSummary>();
  for (const row of rows) {
    if (row.kind !== 'item') continue;
    const id = row.id ?? '';
    const found = perRow.get(id) ?? { errors: 0, warnings: 0 };
    const state = reviewStateOf(reviews.get(id));
    const owners = [...new Set(row.owners ?? [])];
    for (const unitId of owners.length > 0 ? owners : [null]) {
      let unit = units.get(unitId);
      if (!unit) units.set(unitId, (unit = { unitId, ...groupEmpty() }));
      groupAdd(unit, found, state);
    }
  }
  const ratio = (g: ReviewGroup): number => (g.rows === 0 ? 1 : g.complete / g.rows);
  return [...units.values()].sort((a, b) => {
    if ((a.unitId === null) !== (b.unitId === null)) return a.unitId === null ? 1 : -1;
    return ratio(a) - ratio(b) || String(a.unitId).localeCompare(String(b.unitId));
  });
}

/**
 * "6 rõ" per department: of the item rows a unit leads (its `owners`), how many have no error,
 * with the unit's errors, warnings and review states. A row led by two units counts for both;
 * rows nobody leads yet are counted apart (unitId null). Least complete first, unassigned last.
 */
export function reviewByUnit(
  rows: readonly RowModel[],
  findings: readonly Finding[],
  reviews: ReadonlyMap<string, PlanReview> = new Map(),
): ReviewUnitSummary[] {
  return unitsSummarize(rows, findingsByRow(findings), reviews);
}

/**
 * Summarises a table for the review page: completeness (rows without errors) and findings per
 * department and per section, review states, and rows by due quarter. A row led by two units
 * counts for both departments. Departments come least complete first; rows without a lead last.
 */
export function reviewTableSummarize(
  table: TableModel,
  tableId: string,
  findings: readonly Finding[],
  reviews: ReadonlyMap<string, PlanReview>,
  options: { planYear: number },
): TableReviewSummary {
  const fields = new Set(table.columns.map((c) => c.field));
  const timed = fields.has('timeframe') || fields.has('frequency');
  const perRow = findingsByRow(findings);
  const total = groupEmpty();
  const sections: ReviewSectionSummary[] = [];
  const due = new Map<ReviewDueBucket, ReviewDueSummary>(REVIEW_DUE_BUCKETS.map((b) => [b, { bucket: b, reviews: countsEmpty(), rows: 0, active: 0 }]));
  let resets = 0;
  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );
  let section: ReviewSectionSummary | null = null;

  table.rows.forEach((row, index) => {
    if (row.kind === 'section') {
      section = { sectionId: row.id ?? null, number: numbers[index] ?? '', label: row.label, ...groupEmpty() };
      sections.push(section);
      return;
    }
    if (!section) {
      section = { sectionId: null, number: '', label: '', ...groupEmpty() };
      sections.push(section);
    }
    const id = row.id ?? '';
    const found = perRow.get(id) ?? { errors: 0, warnings: 0 };
    const review = reviews.get(id);
    const state = reviewStateOf(review);
    if (reviewIsReset(review)) resets += 1;
    groupAdd(total, found, state);
    groupAdd(section, found, state);
    if (timed) {
      const where = reviewRowDue(row.cells, fields, options.planYear);
      const bucket = due.get(where.bucket) as ReviewDueSummary;
      bucket.rows += 1;
      bucket.reviews[state] += 1;
      for (const q of where.active) (due.get(`q${q}` as ReviewDueBucket) as ReviewDueSummary).active += 1;
    }
  });
  const errors = findings.filter((f) => f.severity === 'error').length;

  return {
    tableId,
    title: table.title,
    table: reviews.get(tableId),
    ...total,
    // Table-wide findings (an empty table) count too.
    errors,
    warnings: findings.length - errors,
    resets,
    timed,
    byUnit: unitsSummarize(table.rows, perRow, reviews),
    bySection: sections.filter((s) => s.sectionId !== null || s.rows > 0),
    byDue: timed ? [...due.values()].filter((d) => d.bucket.startsWith('q') || d.rows > 0) : [],
  };
}

/** A percentage of rows for display, rounded down (99.6% never shows as 100%). */
export function reviewPercent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100);
}

/** The sum of several tables' summaries (the plan's headline figures). */
export function reviewTotals(summaries: readonly TableReviewSummary[]): ReviewGroup & { resets: number } {
  const out = { ...groupEmpty(), resets: 0 };
  for (const s of summaries) {
    out.rows += s.rows;
    out.complete += s.complete;
    out.errors += s.errors;
    out.warnings += s.warnings;
    out.resets += s.resets;
    for (const state of REVIEW_STATES) out.reviews[state] += s.reviews[state];
  }
  return out;
}

/**
 * How people cite a row of a table where it is now: item "II.3" (numbering restarting per
 * section) or "15" (continuous), a section "II", an unnumbered row by its position, or gone.
 * `table` is read with `planDocReadTable` (numbers computed).
 */
export function tableRowRef(table: TableModel | null, rowId: string): TableRowRef {
  const rows = table?.rows ?? [];
  const index = rows.findIndex((r) => r.id === rowId);
  const row = rows[index];
  if (!table || !row) return { kind: 'gone' };
  if (row.kind === 'section') return row.number ? { kind: 'section', number: row.number } : { kind: 'sectionTitled', label: row.label };
  if (!row.number) return { kind: 'itemAt', position: rows.slice(0, index + 1).filter((r) => r.kind === 'item').length };
  if (table.numbering.items !== 'restart') return { kind: 'item', number: row.number };
  let section: string | null = null;
  for (let i = index - 1; i >= 0; i -= 1) {
    const before = rows[i];
    if (before?.kind === 'section') {
      section = before.number ?? null;
      break;
    }
  }
  return { kind: 'item', number: numberingCite(section, row.number) };
}

/** `tableRowRef` in Vietnamese words: "dòng II.3", "dòng 15", "mục II", "dòng thứ 4" or "dòng đã xoá". */
export function tableRowCite(table: TableModel | null, rowId: string): { cite: string; exists: boolean } {
  const ref = tableRowRef(table, rowId);
  return { cite: tableRowRefText(ref, 'vi'), exists: ref.kind !== 'gone' };
}
