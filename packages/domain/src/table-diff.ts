/**
 * What changed between two states of one appendix table (a named version and the live table, or
 * two versions): columns added, removed, renamed or moved; rows added, removed and moved; and the
 * cells that changed, each with a redline of its text.
 *
 * Rows are matched by their id (ids are never reused, see `planDocImportTable`). A row counts as
 * moved only when its place among the rows both sides have changed: the rows that keep their
 * relative order are the longest common subsequence of the two orders — for unique ids, the
 * longest increasing subsequence of "position in `to`" read in `from` order (O(n log n)) — so
 * moving one row marks that row, not every row it jumped over.
 *
 * Cost: linear in rows × columns to find the cells that differ; only those are redlined.
 */
import { numberingCite } from './numbering.ts';
import type { Column, RowModel, TableModel } from './table-model.ts';

// ---------------------------------------------------------------------------------------------
// Redline of one text

export type RedlineOp = 'equal' | 'insert' | 'delete';

/** A run of text: kept (`equal`), only in the new text (`insert`) or only in the old (`delete`). */
export interface RedlineSegment {
  op: RedlineOp;
  text: string;
}

/**
 * Words (letters with their combining marks, and digits; a number keeps its separators:
 * "1.250,5"), runs of white space, and single other characters (a whole code point: an emoji is
 * never split). Vietnamese writes one syllable per word, so a word-level redline reads like a
 * proof-reader's marks.
 */
const TOKEN = /\s+|[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*|[\s\S]/gu;

/** Above this many token edits a text counts as rewritten: deleted whole and inserted whole. */
const REDLINE_MAX_EDITS = 400;

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

type TokenOp = { op: RedlineOp; token: string };

/**
 * Myers' O((N+M)·D) shortest edit script over tokens, or null when it needs more than `maxEdits`
 * edits (or edits most of the text). The trace keeps only the diagonals each round reached, so
 * memory is O(D²).
 */
function tokenEdits(a: readonly string[], b: readonly string[], maxEdits: number): TokenOp[] | null {
  const n = a.length;
  const m = b.length;
  // Past ~70 % of the tokens edited, the marks would hide the text: show it as rewritten.
  const limit = Math.min(n + m, maxEdits, Math.max(16, Math.ceil((n + m) * 0.7)));
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))) x = v[offset + k + 1] as number;
      else x = (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;

  const ops: TokenOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d -= 1) {
    const saved = trace[d] as Int32Array;
    // saved[i] is v[k] for k = i - d - 1.
    const at = (k: number): number => saved[k + d + 1] as number;
    const k = x - y;
    const prevK = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ op: 'equal', token: a[x] as string });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'insert', token: b[prevY] as string });
      else ops.push({ op: 'delete', token: a[prevX] as string });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** A hunk: what was deleted and what was inserted between two kept runs. */
interface Hunk {
  equal: string;
  del: string;
  ins: string;
}

/**
 * Tidies an edit script for reading: each change becomes "deleted, then inserted", and white
 * space kept between two changes joins them ("-triển khai +hoàn thành", not four marks).
 */
function redlineTidy(ops: readonly TokenOp[]): RedlineSegment[] {
  // hunks[i].equal precedes hunks[i]'s change; a last hunk may hold only trailing equal text.
  const hunks: Hunk[] = [{ equal: '', del: '', ins: '' }];
  for (const { op, token } of ops) {
    let last = hunks[hunks.length - 1] as Hunk;
    if (op === 'equal') {
      if (last.del !== '' || last.ins !== '') {
        last = { equal: '', del: '', ins: '' };
        hunks.push(last);
      }
      last.equal += token;
    } else if (op === 'delete') last.del += token;
    else last.ins += token;
  }
  // Join hunks separated only by white space.
  const joined: Hunk[] = [];
  for (const hunk of hunks) {
    const prev = joined[joined.length - 1];
    const changes = hunk.del !== '' || hunk.ins !== '';
    if (prev && changes && (prev.del !== '' || prev.ins !== '') && /^\s+$/u.test(hunk.equal)) {
      prev.del += hunk.equal + hunk.del;
      prev.ins += hunk.equal + hunk.ins;
    } else joined.push(hunk);
  }
  const out: RedlineSegment[] = [];
  const push = (op: RedlineOp, text: string): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  for (const hunk of joined) {
    push('equal', hunk.equal);
    push('delete', hunk.del);
    push('insert', hunk.ins);
  }
  return out;
}

/**
 * The redline turning `from` into `to`: kept, deleted and inserted runs, word by word. Joining
 * the `equal` and `delete` texts gives `from` back; joining `equal` and `insert` gives `to`.
 * A text rewritten beyond recognition is shown as deleted whole and inserted whole.
 */
export function textRedline(from: string, to: string): RedlineSegment[] {
  if (from === to) return from === '' ? [] : [{ op: 'equal', text: from }];
  // Most edits touch a few words of a long cell: the common head and tail, cut at white space
  // (a word boundary on both sides), are kept as they are and only the middle is tokenised.
  const shorter = Math.min(from.length, to.length);
  let head = 0;
  while (head < shorter && from.charCodeAt(head) === to.charCodeAt(head)) head += 1;
  while (head > 0 && !WHITE.test(from.charAt(head - 1))) head -= 1;
  let tail = 0;
  while (tail < shorter - head && from.charCodeAt(from.length - 1 - tail) === to.charCodeAt(to.length - 1 - tail)) tail += 1;
  while (tail > 0 && !WHITE.test(from.charAt(from.length - tail))) tail -= 1;
  const ops: TokenOp[] = [];
  if (head > 0) ops.push({ op: 'equal', token: from.slice(0, head) });
  ops.push(...middleEdits(from.slice(head, from.length - tail), to.slice(head, to.length - tail)));
  if (tail > 0) ops.push({ op: 'equal', token: from.slice(from.length - tail) });
  return redlineTidy(ops);
}

const WHITE = /\s/u;

/** The word-level edit script of two texts (common first and last words kept). */
function middleEdits(from: string, to: string): TokenOp[] {
  const a = tokensOf(from);
  const b = tokensOf(to);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle: TokenOp[] = tokenEdits(middleA, middleB, REDLINE_MAX_EDITS) ?? [
    ...middleA.map((token): TokenOp => ({ op: 'delete', token })),
    ...middleB.map((token): TokenOp => ({ op: 'insert', token })),
  ];
  return [
    ...a.slice(0, start).map((token): TokenOp => ({ op: 'equal', token })),
    ...middle,
    ...a.slice(endA).map((token): TokenOp => ({ op: 'equal', token })),
  ];
}

/** The old (`side: 'from'`) or new text a redline was made from. */
export function redlineText(segments: readonly RedlineSegment[], side: 'from' | 'to'): string {
  const skip: RedlineOp = side === 'from' ? 'insert' : 'delete';
  let out = '';
  for (const s of segments) if (s.op !== skip) out += s.text;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table diff

/** A column that was added, removed, renamed or moved (matched by field). */
export interface ColumnDiff {
  change: 'added' | 'removed' | 'renamed' | 'moved';
  field: string;
  /** Its label now (for a removed column: its label before). */
  label: string;
  /** Its label before, for a renamed column. */
  fromLabel?: string;
  /** 0-based position before and after (null on the side it does not exist). */
  fromIndex: number | null;
  toIndex: number | null;
}

/** One changed cell of a row both sides have (`field` is "label" for a section's title). */
export interface CellDiff {
  field: string;
  /** The column's label (the new one), or "" for a section's title. */
  label: string;
  from: string;
  to: string;
  redline: RedlineSegment[];
}

/** A row that differs: added, removed, or kept but moved and/or with changed cells. */
export interface RowDiff {
  rowId: string;
  kind: 'section' | 'item';
  change: 'added' | 'removed' | 'kept';
  /** Its place among the rows both sides have changed. */
  moved: boolean;
  /** How people cite it on each side ("II.3", a section's "II"; "" in an unnumbered table or where it does not exist). */
  fromCite: string;
  toCite: string;
  /** 0-based position among all rows on each side (null where it does not exist). */
  fromIndex: number | null;
  toIndex: number | null;
  /** The row as it reads: the new one, or the old one for a removed row. */
  row: RowModel;
  /** Cells that changed (kept rows; only columns both sides have). */
  cells: CellDiff[];
}

export interface TableDiffCounts {
  added: number;
  removed: number;
  moved: number;
  /** Kept rows with at least one changed cell. */
  changed: number;
  /** Changed cells, over all kept rows. */
  cells: number;
  columns: number;
}

/** Everything that differs between two states of a table. */
export interface TableDiff {
  /** The title's redline, or null when it did not change. */
  title: RedlineSegment[] | null;
  columns: ColumnDiff[];
  /**
   * The rows that differ, in reading order: the new order, each removed row placed after the
   * row that preceded it before.
   */
  rows: RowDiff[];
  counts: TableDiffCounts;
  /** Rows on both sides with nothing to show. */
  unchanged: number;
}

interface Placed {
  id: string;
  row: RowModel;
  index: number;
  cite: string;
}

/** Rows with their ids (a row without one is named by its position) and how each is cited. */
function rowsPlaced(table: TableModel): Placed[] {
  let section: string | null = null;
  return table.rows.map((row, index) => {
    const number = row.number ?? '';
    let cite = number;
    if (row.kind === 'section') section = number || null;
    else if (number !== '') cite = numberingCite(section, number);
    return { id: row.id ?? `#${index}`, row, index, cite };
  });
}

/**
 * Indices (into `values`) of one longest strictly increasing subsequence: patience sorting with
 * back links, O(n log n).
 */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[l] = index of the smallest tail of an increasing run of length l+1
  const back = new Int32Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: number[] = [];
  let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  while (i >= 0) {
    out.push(i);
    i = back[i] as number;
  }
  return out.reverse();
}

/** Ids of the common elements that are out of place: not in the longest run kept in order. */
function movedOf(fromIds: readonly string[], toIndex: ReadonlyMap<string, number>): Set<string> {
  const common = fromIds.filter((id) => toIndex.has(id));
  const keep = new Set(longestIncreasing(common.map((id) => toIndex.get(id) as number)).map((i) => common[i] as string));
  return new Set(common.filter((id) => !keep.has(id)));
}

function columnsDiff(from: readonly Column[], to: readonly Column[]): ColumnDiff[] {
  const fromAt = new Map(from.map((c, i) => [c.field, i]));
  const toAt = new Map(to.map((c, i) => [c.field, i]));
  const moved = movedOf(
    from.map((c) => c.field),
    toAt,
  );
  const out: ColumnDiff[] = [];
  to.forEach((column, toIndex) => {
    const fromIndex = fromAt.get(column.field);
    if (fromIndex === undefined) {
      out.push({ change: 'added', field: column.field, label: column.label, fromIndex: null, toIndex });
      return;
    }
    const before = from[fromIndex] as Column;
    if (before.label !== column.label) out.push({ change: 'renamed', field: column.field, label: column.label, fromLabel: before.label, fromIndex, toIndex });
    if (moved.has(column.field)) out.push({ change: 'moved', field: column.field, label: column.label, fromIndex, toIndex });
  });
  from.forEach((column, fromIndex) => {
    if (!toAt.has(column.field)) out.push({ change: 'removed', field: column.field, label: column.label, fromIndex, toIndex: null });
  });
  return out;
}

function cellsDiff(from: RowModel, to: RowModel, fields: ReadonlyArray<{ field: string; label: string }>): CellDiff[] {
  if (from.kind === 'section' && to.kind === 'section') {
    return from.label === to.label ? [] : [{ field: 'label', label: '', from: from.label, to: to.label, redline: textRedline(from.label, to.label) }];
  }
  if (from.kind !== 'item' || to.kind !== 'item') return [];
  const out: CellDiff[] = [];
  for (const { field, label } of fields) {
    const a = from.cells[field] ?? '';
    const b = to.cells[field] ?? '';
    if (a !== b) out.push({ field, label, from: a, to: b, redline: textRedline(a, b) });
  }
  return out;
}

/**
 * What changed from `from` to `to` (two states of the same table). Cells are compared on the
 * columns both sides have; a row whose kind changed counts as removed and added.
 */
export function tableDiff(from: TableModel, to: TableModel): TableDiff {
  const columns = columnsDiff(from.columns, to.columns);
  const fromFields = new Set(from.columns.map((c) => c.field));
  const sharedFields = to.columns.filter((c) => fromFields.has(c.field)).map((c) => ({ field: c.field, label: c.label }));

  const before = rowsPlaced(from);
  const after = rowsPlaced(to);
  const beforeById = new Map(before.map((p) => [p.id, p]));
  // A row that changed kind is not the same row any more.
  const sameRow = (p: Placed): Placed | undefined => {
    const other = beforeById.get(p.id);
    return other && other.row.kind === p.row.kind ? other : undefined;
  };
  const afterKept = new Map<string, number>();
  for (const p of after) if (sameRow(p)) afterKept.set(p.id, p.index);
  const moved = movedOf(
    before.map((p) => p.id),
    afterKept,
  );

  const counts: TableDiffCounts = { added: 0, removed: 0, moved: 0, changed: 0, cells: 0, columns: columns.length };
  let unchanged = 0;

  // Removed rows, each hung after the nearest row before it that is still there (null: the top).
  const removedAfter = new Map<string | null, RowDiff[]>();
  let anchor: string | null = null;
  for (const p of before) {
    if (afterKept.has(p.id)) {
      anchor = p.id;
      continue;
    }
    counts.removed += 1;
    const list = removedAfter.get(anchor) ?? [];
    list.push({ rowId: p.id, kind: p.row.kind, change: 'removed', moved: false, fromCite: p.cite, toCite: '', fromIndex: p.index, toIndex: null, row: p.row, cells: [] });
    removedAfter.set(anchor, list);
  }

  const rows: RowDiff[] = [...(removedAfter.get(null) ?? [])];
  for (const p of after) {
    const old = sameRow(p);
    if (!old) {
      counts.added += 1;
      rows.push({ rowId: p.id, kind: p.row.kind, change: 'added', moved: false, fromCite: '', toCite: p.cite, fromIndex: null, toIndex: p.index, row: p.row, cells: [] });
    } else {
      const cells = cellsDiff(old.row, p.row, sharedFields);
      const isMoved = moved.has(p.id);
      if (isMoved) counts.moved += 1;
      if (cells.length > 0) {
        counts.changed += 1;
        counts.cells += cells.length;
      }
      if (isMoved || cells.length > 0) {
        rows.push({ rowId: p.id, kind: p.row.kind, change: 'kept', moved: isMoved, fromCite: old.cite, toCite: p.cite, fromIndex: old.index, toIndex: p.index, row: p.row, cells });
      } else unchanged += 1;
    }
    const hung = removedAfter.get(p.id);
    if (hung) rows.push(...hung);
  }

  return {
    title: from.title === to.title ? null : textRedline(from.title, to.title),
    columns,
    rows,
    counts,
    unchanged,
  };
}

/** True when the diff has nothing to show. */
export function tableDiffIsEmpty(diff: TableDiff): boolean {
  return diff.title === null && diff.columns.length === 0 && diff.rows.length === 0;
}
