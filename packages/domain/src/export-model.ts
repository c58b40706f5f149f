/**
 * The one model every export format renders (DOCX, XLSX, PDF, CSV): the heading block of the
 * official appendix ("PHỤ LỤC", the table title, "(Kèm theo Kế hoạch số …/KH-UBND ngày … của
 * UBND xã …)"), the header row with the computed number column, the rows in order with their
 * computed numbers, section rows as one merged line ("I. CHÍNH QUYỀN SỐ"), column widths in
 * millimetres, cells as lines, budget cells as numbers with their total, and the findings of
 * the validators (what they decide for each format is `exportDecide`, in api/exports.ts).
 */
import { fieldKind } from './fields.ts';
import { moneyParse, numberFormat } from './number.ts';
import { numberingCompute } from './numbering.ts';
import type { TableModel } from './table-model.ts';
import { templateTitleForYear } from './templates.ts';
import { textFoldDiacritics } from './text.ts';
import type { UnitDirectory } from './units.ts';
import { type Finding, findingsHaveErrors, validateTable } from './validate.ts';

/** The heading of every appendix. */
export const EXPORT_APPENDIX_HEADING = 'PHỤ LỤC';
/** The mark a draft carries on every page. */
export const EXPORT_DRAFT_MARK = 'DỰ THẢO';
/** The label of the row summing the budget columns. */
export const EXPORT_TOTAL_LABEL = 'Tổng cộng';
/** What stands for a value the plan does not have yet (a number, a date, a commune). */
export const EXPORT_BLANK = '…';
/** Millimetres of the number column when a table has one but no width for it. */
const DEFAULT_NUMBER_WIDTH = 12;

/** Page geometry shared by the paged formats (DOCX, PDF, XLSX print setup), in millimetres. */
export const EXPORT_PAGE = {
  /** A4 landscape. */
  widthMm: 297,
  heightMm: 210,
  /** Nghị định 30/2020/NĐ-CP: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
  marginTopMm: 20,
  marginBottomMm: 20,
  marginLeftMm: 30,
  marginRightMm: 15,
  /** Where the header (page number, draft mark) sits, from the top edge. */
  headerMm: 10,
} as const;

/** The width text and tables may use on the page (297 − 30 − 15 = 252 mm). */
export const EXPORT_TEXT_WIDTH_MM = EXPORT_PAGE.widthMm - EXPORT_PAGE.marginLeftMm - EXPORT_PAGE.marginRightMm;

/** The plan's values the heading block needs (a `PlanMeta` fits). */
export interface ExportMeta {
  commune: string;
  planNumber: string;
  /** 'YYYY-MM-DD', or '' before the plan is issued. */
  issuedOn: string;
  year?: number;
}

export type ExportAlign = 'left' | 'center' | 'right';

/** A column as printed: the computed number column (`field` null) or a column of the table. */
export interface ExportColumn {
  field: string | null;
  label: string;
  /** Millimetres as the table sets them; renderers scale them to the text width. */
  widthMm: number;
  /** `number` is the computed STT column, `money` a budget column (numbers and a total). */
  kind: 'number' | 'money' | 'text';
  align: ExportAlign;
}

/** A cell: its lines (a multi-line cell keeps its lines), and its amount in a money column. */
export interface ExportCell {
  lines: string[];
  /** The amount read by `moneyParse` (money columns only), null when empty or unreadable. */
  value: number | null;
}

export type ExportRow =
  | {
      kind: 'section';
      rowId: string | null;
      number: string;
      label: string;
      /** "I. CHÍNH QUYỀN SỐ": printed once across the whole table, bold. */
      text: string;
    }
  | {
      kind: 'item';
      rowId: string | null;
      /** Computed STT ("" when the table is not numbered). */
      number: string;
      /** One per column, the number column included. */
      cells: ExportCell[];
    };

/** The budget total: one value per column (null outside money columns). */
export interface ExportTotal {
  label: string;
  /** How many leading columns the label spans (the columns before the first money column). */
  labelSpan: number;
  values: Array<number | null>;
}

/** Everything a renderer needs, already decided. */
export interface ExportModel {
  heading: string;
  /** The table title, upper-cased as appendix titles are printed. */
  title: string;
  /** "(Kèm theo Kế hoạch số …/KH-UBND ngày … của UBND xã …)", printed in italics. */
  attachedTo: string;
  columns: ExportColumn[];
  rows: ExportRow[];
  total: ExportTotal | null;
  findings: Finding[];
  hasErrors: boolean;
  /** A draft export: every page carries EXPORT_DRAFT_MARK. */
  draft: boolean;
  /** Point sizes: the heading block (13–14 pt per NĐ 30) and the table (smaller for wide tables). */
  fontPt: { heading: number; table: number };
  /** A file name without extension, Vietnamese kept ("Phụ lục - Danh mục … - Tân Thanh"). */
  fileBaseName: string;
}

export interface ExportModelOptions {
  draft: boolean;
  units: UnitDirectory;
  planYear: number;
  /** The table's findings when the caller has validated it already (validation is the costly part). */
  findings?: Finding[];
}

const CENTERED_KINDS = new Set(['period', 'frequency', 'measureUnit', 'target']);

/** The lines of a cell: composed (NFC), split at line breaks, tabs as spaces, trailing blank lines dropped. */
export function exportCellLines(text: string): string[] {
  const lines = text.normalize('NFC').replace(/\t/g, ' ').split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? [''] : lines;
}

/** '2026-01-15' → '15/01/2026'; '' → '… tháng … năm …'; any other text is kept as written. */
export function exportIssuedOnText(issuedOn: string): string {
  const text = issuedOn.trim();
  if (text === '') return `${EXPORT_BLANK} tháng ${EXPORT_BLANK} năm ${EXPORT_BLANK}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : text;
}

/** "25" → "25/KH-UBND"; a number already written with its symbol is kept; '' → "…/KH-UBND". */
export function exportPlanNumberText(planNumber: string): string {
  const text = planNumber.trim();
  if (text === '') return `${EXPORT_BLANK}/KH-UBND`;
  return text.includes('/') ? text : `${text}/KH-UBND`;
}

/** "Tân Thanh" → "UBND xã Tân Thanh"; "Phường An Khánh" → "UBND phường An Khánh"; '' → "UBND xã …". */
export function exportIssuerText(commune: string): string {
  const text = commune.trim();
  if (text === '') return `UBND xã ${EXPORT_BLANK}`;
  const kind = /^(xã|phường|đặc khu|thị trấn)\s+(.+)$/iu.exec(text);
  if (kind) return `UBND ${(kind[1] ?? '').toLocaleLowerCase('vi')} ${kind[2] ?? ''}`;
  return `UBND xã ${text}`;
}

/** "(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)", blanks as "…". */
export function exportAttachedLine(meta: ExportMeta): string {
  return `(Kèm theo Kế hoạch số ${exportPlanNumberText(meta.planNumber)} ngày ${exportIssuedOnText(meta.issuedOn)} của ${exportIssuerText(meta.commune)})`;
}

/** A file name safe on every system, Vietnamese letters kept. */
function fileNameSafe(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150)
    .trim();
}

/** The file name for an extension ("docx"), Vietnamese kept. */
export function exportFileName(model: Pick<ExportModel, 'fileBaseName'>, extension: string): string {
  return `${model.fileBaseName}.${extension}`;
}

/** The same name in plain ASCII (for the `filename=` fallback of old clients). */
export function exportFileNameAscii(fileName: string): string {
  return textFoldDiacritics(fileName)
    .replace(/[^\x20-\x7E]/g, '_')
    .replace(/["\\]/g, '_');
}

function columnAlign(field: string): ExportAlign {
  const kind = fieldKind(field);
  if (kind === 'money') return 'right';
  return CENTERED_KINDS.has(kind) ? 'center' : 'left';
}

/** The findings of the validators on a table about to be exported. */
export function exportFindings(table: TableModel, options: Pick<ExportModelOptions, 'units' | 'planYear'>): Finding[] {
  return validateTable(table, { tableId: table.id ?? 'table', planYear: options.planYear, units: options.units });
}

/**
 * Builds the export model of a table: validates it (the findings decide whether a final export
 * is allowed), computes numbers, reads budgets and lays out the heading block from `meta`.
 */
export function exportModelBuild(table: TableModel, meta: ExportMeta, options: ExportModelOptions): ExportModel {
  const findings = options.findings ?? exportFindings(table, options);
  const numbered = table.numbering.label !== null;
  const columns: ExportColumn[] = [];
  if (numbered) {
    columns.push({
      field: null,
      label: table.numbering.label ?? '',
      widthMm: table.numberWidth && table.numberWidth > 0 ? table.numberWidth : DEFAULT_NUMBER_WIDTH,
      kind: 'number',
      align: 'center',
    });
  }
  for (const column of table.columns) {
    columns.push({
      field: column.field,
      label: column.label,
      widthMm: column.width,
      kind: fieldKind(column.field) === 'money' ? 'money' : 'text',
      align: columnAlign(column.field),
    });
  }

  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );
  const sums: Array<number | null> = columns.map((c) => (c.kind === 'money' ? 0 : null));
  const rows: ExportRow[] = table.rows.map((row, index) => {
    const number = numbers[index] ?? '';
    const rowId = row.id ?? null;
    if (row.kind === 'section') {
      const label = row.label.normalize('NFC').replace(/\s+/g, ' ').trim();
      return { kind: 'section', rowId, number, label, text: label ? `${number}. ${label}` : `${number}.` };
    }
    const cells = columns.map((column, c): ExportCell => {
      if (column.field === null) return { lines: [number], value: null };
      const text = row.cells[column.field] ?? '';
      if (column.kind !== 'money' || text.trim() === '') return { lines: exportCellLines(text), value: null };
      const parsed = moneyParse(text);
      if (!parsed.ok) return { lines: exportCellLines(text), value: null };
      sums[c] = (sums[c] ?? 0) + parsed.value;
      return { lines: [numberFormat(parsed.value)], value: parsed.value };
    });
    return { kind: 'item', rowId, number, cells };
  });

  const firstMoney = columns.findIndex((c) => c.kind === 'money');
  // Sums are rounded to the đồng: 0.1 + 0.2 must print as 0,3.
  const total: ExportTotal | null =
    firstMoney < 0
      ? null
      : { label: EXPORT_TOTAL_LABEL, labelSpan: firstMoney, values: sums.map((s) => (s === null ? null : Math.round(s * 1e6) / 1e6)) };

  const year = options.planYear;
  const rawTitle = table.title.replace(/\s+/g, ' ').trim() || templateTitleForYear(table.template, year);
  const commune = meta.commune.trim();
  const draft = options.draft;
  const fileBaseName = fileNameSafe(
    [`Phụ lục - ${rawTitle}`, commune ? ` - ${commune}` : '', draft ? ` (${EXPORT_DRAFT_MARK.toLocaleLowerCase('vi')})` : ''].join(''),
  );

  return {
    heading: EXPORT_APPENDIX_HEADING,
    title: rawTitle.toLocaleUpperCase('vi'),
    attachedTo: exportAttachedLine(meta),
    columns,
    rows,
    total,
    findings,
    hasErrors: findingsHaveErrors(findings),
    draft,
    fontPt: { heading: 14, table: columns.length >= 8 ? 11 : 12 },
    fileBaseName: fileBaseName || 'Phụ lục',
  };
}

/** The header row's labels, in column order. */
export function exportHeaderLabels(model: Pick<ExportModel, 'columns'>): string[] {
  return model.columns.map((c) => c.label);
}

/** Column widths scaled to fill `totalWidth` (any unit), in column order. */
export function exportColumnWidths(model: Pick<ExportModel, 'columns'>, totalWidth: number): number[] {
  const sum = model.columns.reduce((s, c) => s + c.widthMm, 0);
  if (sum <= 0) return model.columns.map(() => totalWidth / Math.max(1, model.columns.length));
  return model.columns.map((c) => (c.widthMm / sum) * totalWidth);
}

/**
 * Which printed rows (the model's rows, then the total row when there is one) must stay on the
 * page of the row after them: a section row (its heading never ends a page) and the last row
 * before the total (the total never stands alone on the last page). The paged formats (DOCX,
 * PDF, XLSX print) all keep to this.
 */
export function exportKeepsWithNext(model: Pick<ExportModel, 'rows' | 'total'>): boolean[] {
  const keeps = model.rows.map((row) => row.kind === 'section');
  if (model.total) {
    const last = keeps.length - 1;
    if (last >= 0) keeps[last] = true;
    keeps.push(false);
  }
  return keeps;
}

/**
 * The room printed row `index` needs left on its page: its own height and that of the rows it
 * keeps with (up to and including the first that keeps with nothing). When that group is taller
 * than a whole page (`pageSpace`) keeping it together is impossible: the row's own height.
 */
export function exportKeepHeight(heights: readonly number[], keeps: readonly boolean[], index: number, pageSpace: number): number {
  const own = heights[index] ?? 0;
  let need = own;
  for (let i = index; keeps[i] === true && i + 1 < heights.length; i += 1) need += heights[i + 1] ?? 0;
  return need > pageSpace ? own : need;
}

/** A row that begins a page; `kept` when it would have fitted alone and moved to stay with the rows after it. */
export interface ExportPageStart {
  index: number;
  kept: boolean;
}

/**
 * Where pages start, for rows of known heights (any unit) that are never split: the rows that
 * begin a new page. `first` is the room on the first page, `next` on every later one (after the
 * repeated header row). A row moves to a new page when it, with the rows it keeps with, does not
 * fit where it would stand — unless it already stands first on its page.
 */
export function exportPageStarts(heights: readonly number[], keeps: readonly boolean[], space: { first: number; next: number }): ExportPageStart[] {
  const starts: ExportPageStart[] = [];
  let used = 0;
  let room = space.first;
  heights.forEach((height, i) => {
    if (used > 0 && used + exportKeepHeight(heights, keeps, i, space.next) > room) {
      starts.push({ index: i, kept: used + height <= room });
      used = 0;
      room = space.next;
    }
    used += height;
  });
  return starts;
}
