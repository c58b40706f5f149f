/**
 * «Tạo kế hoạch năm 2027 từ kế hoạch này»: next year's plan made from this one, first as a
 * preview a person reads and confirms, then as what the server writes.
 *
 * - Tables keep their layout: title, columns (labels with their years rolled: «Chỉ tiêu phấn đấu
 *   năm 2026» → «… năm 2027»), numbering, owners and row order.
 * - Item rows are decided by `progressCarryOver`: unfinished and recurring tasks and every
 *   indicator are carried (years rolled, marked `carriedFrom`); finished one-off tasks are left
 *   out unless the person keeps them (`include`), in which case they are rolled and marked too.
 * - Sections are all kept, even one left with no row under it: the sections of a plan are the
 *   pillars the province's template asks for (chính quyền số, kinh tế số, xã hội số), and next
 *   year's new tasks go under them; the preview flags such a section as `empty`.
 * - The meta: title rolled, plan number and date of issue emptied (the new plan is not issued).
 * - The year-end evaluation of this plan (`progressYearEnd`) goes with it, each line naming its
 *   row's text, since the new plan's rows have new ids.
 */
import { z } from 'zod';
import type { PlanMeta } from '../plan-doc.ts';
import { yearsRoll } from '../period/roll.ts';
import type { YearKept } from '../period/roll.ts';
import type { Column, ItemRow, TableModel } from '../table-model.ts';
import { numberingSchema, columnSchema } from '../table-model.ts';
import { TEMPLATE_IDS } from '../templates.ts';
import type { ProgressCarryKept, ProgressCarryReason } from './carry-over.ts';
import { PROGRESS_CARRY_REASONS, progressCarryOver } from './carry-over.ts';
import type { ProgressRecord } from './model.ts';
import { PROGRESS_STATUS_CODES } from './model.ts';
import { progressRowsOf, progressYearEnd } from './summary.ts';

/** The plan next year's plan is made from: its meta, its tables (rows with ids and owners), its progress. */
export interface NextYearSource {
  planId?: string;
  meta: PlanMeta;
  tables: readonly TableModel[];
  records: readonly ProgressRecord[];
  /** Plans of the same commune already registered for the new year (a second one is warned about). */
  existing?: ReadonlyArray<{ id: string; title: string }>;
}

const cellChangeSchema = z.object({
  field: z.string(),
  /** The column's label in the new plan ("" for a section's title or the table's). */
  label: z.string(),
  before: z.string(),
  after: z.string(),
});
/** One text changed by the roll, before → after. */
export type NextYearCellChange = z.infer<typeof cellChangeSchema>;

const keptSchema = z.object({
  field: z.string(),
  year: z.string(),
  reason: z.string(),
  message: z.string(),
});
/** A possible year the roll left as written, and why (Vietnamese `message`). */
export type NextYearKept = z.infer<typeof keptSchema>;

const previewRowSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('section'),
    rowId: z.string(),
    label: z.string(),
    changes: z.array(cellChangeSchema),
    kept: z.array(keptSchema),
    /** No item row of the new plan (carried or kept) lies under it; it is kept all the same. */
    empty: z.boolean(),
  }),
  z.object({
    kind: z.literal('item'),
    rowId: z.string(),
    /** `carried`: goes over; `leftOut`: a finished one-off task, goes over only when included. */
    decision: z.enum(['carried', 'leftOut']),
    reason: z.enum(['unfinished', 'recurring', 'indicator', 'finished']),
    /** The reason in Vietnamese (`PROGRESS_CARRY_REASONS`). */
    reasonText: z.string(),
    lastStatus: z.enum(PROGRESS_STATUS_CODES).nullable(),
    /** The row's main text (the task or indicator) as it reads now, to name it. */
    name: z.string(),
    owners: z.array(z.string()),
    /** Its cells in the new plan (rolled), carried or not, so that including it needs nothing more. */
    cells: z.record(z.string(), z.string()),
    changes: z.array(cellChangeSchema),
    kept: z.array(keptSchema),
  }),
]);
/** A row of the preview. */
export type NextYearPreviewRow = z.infer<typeof previewRowSchema>;

const previewTableSchema = z.object({
  tableId: z.string(),
  title: z.string(),
  titleBefore: z.string(),
  template: z.enum(TEMPLATE_IDS),
  numbering: numberingSchema,
  numberWidth: z.number().nonnegative().optional(),
  columns: z.array(columnSchema),
  /** Column labels (and the title, field "title") changed by the roll. */
  changes: z.array(cellChangeSchema),
  kept: z.array(keptSchema),
  rows: z.array(previewRowSchema),
  counts: z.object({ carried: z.number(), leftOut: z.number(), sections: z.number() }),
});
/** A table of the preview. */
export type NextYearPreviewTable = z.infer<typeof previewTableSchema>;

const evaluationLineSchema = z.object({
  tableTitle: z.string(),
  /** The row's STT in last year's table, as computed there. */
  number: z.string(),
  name: z.string(),
  kind: z.enum(['task', 'indicator']),
  /** «Hoàn thành» / «Chưa hoàn thành» for a task, «Kết quả: Đạt 90 %» for an indicator. */
  result: z.string(),
  /** An indicator's target as typed ("" for a task). */
  target: z.string(),
});
/** One line of last year's evaluation as next year's plan keeps it. */
export type NextYearEvaluationLine = z.infer<typeof evaluationLineSchema>;

/**
 * Last year's evaluation, stored in the new plan's meta under `NEXT_YEAR_META_KEY` as a JSON
 * string (one plain value: written once by the server, read by everyone, never co-edited).
 */
export const nextYearEvaluationSchema = z.object({
  planId: z.string().nullable(),
  year: z.number().int(),
  title: z.string(),
  tasks: z.object({ total: z.number(), done: z.number() }),
  indicators: z.object({ total: z.number(), met: z.number(), notMet: z.number(), notComparable: z.number() }),
  lines: z.array(evaluationLineSchema),
});
/** Last year's evaluation attached to next year's plan. */
export type NextYearEvaluation = z.infer<typeof nextYearEvaluationSchema>;

/** The meta key of the new plan holding last year's evaluation (JSON of `NextYearEvaluation`). */
export const NEXT_YEAR_META_KEY = 'previousYear';

/** The preview of next year's plan: what `GET /api/plans/:id/next-year` answers. */
export const nextYearPreviewSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  meta: z.object({ commune: z.string(), province: z.string(), year: z.number(), title: z.string(), planNumber: z.string(), issuedOn: z.string() }),
  titleBefore: z.string(),
  tables: z.array(previewTableSchema),
  counts: z.object({ carried: z.number(), leftOut: z.number(), kept: z.number() }),
  evaluation: nextYearEvaluationSchema,
  /** Plans of this commune already made for the new year: a second one is refused unless asked for. */
  existing: z.array(z.object({ id: z.string(), title: z.string() })),
});
/** The preview of next year's plan. */
export type NextYearPreview = z.infer<typeof nextYearPreviewSchema>;

/** The fields that name a row, in the order they are looked for. */
const NAME_FIELDS = ['task', 'indicator', 'detail', 'output'];

/** A row's main text: its task or indicator, else its first non-empty cell. */
function rowName(row: ItemRow, columns: readonly Column[]): string {
  for (const field of NAME_FIELDS) {
    const text = row.cells[field]?.trim();
    if (text) return text;
  }
  for (const column of columns) {
    const text = row.cells[column.field]?.trim();
    if (text) return text;
  }
  return '';
}

function keptOf(field: string, kept: readonly YearKept[]): NextYearKept[] {
  return kept.map((k) => ({ field, year: k.year, reason: k.reason, message: k.message }));
}

/** The roll of one text, as a change (when it changed) and its kept years. */
function rollText(field: string, label: string, text: string, years: { from: number; to: number }) {
  const rolled = yearsRoll(text, years);
  return {
    text: rolled.text,
    changes: rolled.text === text ? [] : [{ field, label, before: text, after: rolled.text }],
    kept: keptOf(field, rolled.kept),
  };
}

function labelOf(columns: readonly Column[], field: string): string {
  return columns.find((c) => c.field === field)?.label ?? field;
}

/**
 * The preview of next year's plan made from `source`: per table the rolled title and column
 * labels, each row carried or left out with its rolled cells, every change before → after and
 * every year the roll left alone; the new meta; last year's evaluation. Pure: the server reads
 * the document and the registry, this decides.
 */
export function nextYearPreview(source: NextYearSource): NextYearPreview {
  const from = source.meta.year;
  const to = from + 1;
  const years = { from, to };
  const title = rollText('title', '', source.meta.title, years).text;
  const tables: NextYearPreviewTable[] = [];
  const evaluationLines: NextYearEvaluationLine[] = [];
  const taskTotals = { total: 0, done: 0 };
  const indicatorTotals = { total: 0, met: 0, notMet: 0, notComparable: 0 };
  let carried = 0;
  let leftOut = 0;
  let keptCount = 0;

  source.tables.forEach((table, t) => {
    const tableTitle = rollText('title', '', table.title, years);
    const changes: NextYearCellChange[] = [...tableTitle.changes];
    const kept: NextYearKept[] = [...tableTitle.kept];
    const columns = table.columns.map((column) => {
      const rolled = rollText(column.field, column.label, column.label, years);
      changes.push(...rolled.changes);
      kept.push(...rolled.kept);
      return { ...column, label: rolled.text };
    });
    const progressRows = new Map(progressRowsOf(table).map((r) => [r.id, r]));
    const rows: NextYearPreviewRow[] = [];
    const counts = { carried: 0, leftOut: 0, sections: 0 };
    for (const row of table.rows) {
      if (row.id === undefined) continue;
      if (row.kind === 'section') {
        const label = rollText('label', '', row.label, years);
        rows.push({ kind: 'section', rowId: row.id, label: label.text, changes: label.changes, kept: label.kept, empty: true });
        counts.sections += 1;
        continue;
      }
      const progressRow = progressRows.get(row.id);
      if (!progressRow) continue;
      const decision = progressCarryOver(progressRow, source.records, years);
      // A left-out row is rolled as if carried, so that keeping it needs nothing more.
      const rolled = decision.carry ? decision : progressCarryOver(progressRow, [], years);
      if (!rolled.carry) continue;
      const cellChanges = Object.entries(rolled.cells)
        .filter(([field, text]) => (row.cells[field] ?? '') !== text)
        .map(([field, text]) => ({ field, label: labelOf(columns, field), before: row.cells[field] ?? '', after: text }));
      const rowKept = rolled.kept.map((k: ProgressCarryKept) => ({ field: k.field, year: k.year, reason: k.reason, message: k.message }));
      const reason: ProgressCarryReason = decision.reason;
      rows.push({
        kind: 'item',
        rowId: row.id,
        decision: decision.carry ? 'carried' : 'leftOut',
        reason,
        reasonText: PROGRESS_CARRY_REASONS[reason],
        lastStatus: decision.carry ? decision.lastStatus : 'done',
        name: rowName(row, table.columns),
        owners: [...(row.owners ?? [])],
        cells: rolled.cells,
        changes: cellChanges,
        kept: rowKept,
      });
      if (decision.carry) counts.carried += 1;
      else counts.leftOut += 1;
      keptCount += rowKept.length;
    }
    sectionsMarkEmpty(rows, (id) => rows.some((r) => r.kind === 'item' && r.rowId === id && r.decision === 'carried'));
    carried += counts.carried;
    leftOut += counts.leftOut;
    keptCount += kept.length + rows.reduce((n, r) => n + (r.kind === 'section' ? r.kept.length : 0), 0);
    tables.push({
      tableId: table.id ?? `table-${t + 1}`,
      title: tableTitle.text,
      titleBefore: table.title,
      template: table.template,
      numbering: { ...table.numbering },
      ...(table.numberWidth === undefined ? {} : { numberWidth: table.numberWidth }),
      columns,
      changes,
      kept,
      rows,
      counts,
    });

    const yearEnd = progressYearEnd([...progressRows.values()], source.records);
    taskTotals.total += yearEnd.tasks.total;
    taskTotals.done += yearEnd.tasks.done;
    indicatorTotals.total += yearEnd.indicators.total;
    indicatorTotals.met += yearEnd.indicators.met;
    indicatorTotals.notMet += yearEnd.indicators.notMet;
    indicatorTotals.notComparable += yearEnd.indicators.notComparable;
    const byId = new Map(table.rows.map((r) => [r.id, r]));
    for (const line of yearEnd.lines) {
      const row = byId.get(line.rowId);
      if (!row || row.kind !== 'item') continue;
      evaluationLines.push({
        tableTitle: table.title,
        number: row.number ?? '',
        name: rowName(row, table.columns),
        kind: line.kind,
        result: line.kind === 'task' ? line.label : line.result,
        target: line.kind === 'indicator' ? line.target : '',
      });
    }
  });

  return {
    from,
    to,
    meta: { commune: source.meta.commune, province: source.meta.province, year: to, title, planNumber: '', issuedOn: '' },
    titleBefore: source.meta.title,
    tables,
    counts: { carried, leftOut, kept: keptCount },
    evaluation: {
      planId: source.planId ?? null,
      year: from,
      title: source.meta.title,
      tasks: taskTotals,
      indicators: indicatorTotals,
      lines: evaluationLines,
    },
    existing: [...(source.existing ?? [])],
  };
}

/** Flags each section with no carried row under it (up to the next section) as `empty`. */
function sectionsMarkEmpty(rows: NextYearPreviewRow[], isCarried: (rowId: string) => boolean): void {
  let section: Extract<NextYearPreviewRow, { kind: 'section' }> | null = null;
  for (const row of rows) {
    if (row.kind === 'section') section = row;
    else if (section && isCarried(row.rowId)) section.empty = false;
  }
}

/** What the server writes for next year's plan: its meta, its tables (carried rows marked), last year's evaluation. */
export interface NextYearBuild {
  meta: PlanMeta;
  tables: TableModel[];
  evaluation: NextYearEvaluation;
  /** Rows that go over, carried and included. */
  rowCount: number;
}

/**
 * Next year's plan from a preview: every carried row, and the left-out rows whose ids are in
 * `include`, in their order, with their owners and `carriedFrom` (last year, as a string);
 * sections all kept. Ids in `include` that name no left-out row are ignored.
 */
export function nextYearBuild(preview: NextYearPreview, include: readonly string[] = []): NextYearBuild {
  const included = new Set(include);
  const from = String(preview.from);
  let rowCount = 0;
  const tables = preview.tables.map((table): TableModel => {
    const rows: TableModel['rows'] = [];
    for (const row of table.rows) {
      if (row.kind === 'section') {
        rows.push({ kind: 'section', label: row.label });
        continue;
      }
      if (row.decision === 'leftOut' && !included.has(row.rowId)) continue;
      const cells: Record<string, string> = {};
      for (const column of table.columns) cells[column.field] = row.cells[column.field] ?? '';
      rows.push({ kind: 'item', owners: [...row.owners], cells, carriedFrom: from });
      rowCount += 1;
    }
    return {
      title: table.title,
      template: table.template,
      numbering: { ...table.numbering },
      ...(table.numberWidth === undefined ? {} : { numberWidth: table.numberWidth }),
      columns: table.columns.map((c) => ({ ...c })),
      rows,
    };
  });
  return { meta: { ...preview.meta }, tables, evaluation: preview.evaluation, rowCount };
}

/** Last year's evaluation as a meta value (JSON). */
export function nextYearEvaluationFormat(evaluation: NextYearEvaluation): string {
  return JSON.stringify(evaluation);
}

/** Last year's evaluation read back from the meta value; null when absent or not of its shape. */
export function nextYearEvaluationParse(value: unknown): NextYearEvaluation | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const parsed = nextYearEvaluationSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Last year's evaluation as plain text (for «Sao chép»): a heading, the totals, one line per row. */
export function nextYearEvaluationText(evaluation: NextYearEvaluation): string {
  const lines = [
    `Đánh giá kết quả thực hiện năm ${evaluation.year}`,
    `Nhiệm vụ: hoàn thành ${evaluation.tasks.done}/${evaluation.tasks.total}. Chỉ tiêu: đạt ${evaluation.indicators.met}/${evaluation.indicators.total}.`,
  ];
  for (const line of evaluation.lines) {
    const target = line.target ? ` (chỉ tiêu ${line.target})` : '';
    lines.push(`${line.number ? `${line.number}. ` : ''}${line.name}${target}: ${line.result}`);
  }
  return lines.join('\n');
}
