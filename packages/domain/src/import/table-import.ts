/**
 * Importing an appendix table from what a clerk pastes or uploads — TSV or CSV out of Excel or
 * Word, or the HTML they put on the clipboard — into a TableModel. The header row is found by
 * its labels, repeated headers (page breaks), blank rows and page numbers are dropped, section
 * rows ("I. CHÍNH QUYỀN SỐ") are recognised, the source numbering is read only to learn how the
 * table numbers its rows, and item cells keep their text exactly. Every row dropped and every
 * assumption made is reported as a note in Vietnamese, with its source line.
 */
import { fieldIsKnown } from '../fields.ts';
import { exportIssuerText } from '../export-model.ts';
import { moneyParse, numberFormat } from '../number.ts';
import { numberingAlpha, numberingRoman } from '../numbering.ts';
import { PLAN_LIMITS } from '../plan-limits.ts';
import { type ParseResult, parseFail, parseOk } from '../result.ts';
import { type RowModel, type TableModel, tableModelSchema } from '../table-model.ts';
import {
  type ItemNumbering,
  type SectionNumbering,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
  templateTitleForYear,
} from '../templates.ts';
import { cellTextTidy } from './cell-text.ts';
import { csvGuardRemove } from './csv-guard.ts';
import { csvDelimiterDetect, delimitedParseWithLines } from './delimited.ts';
import {
  HEADER_ROW_HINT,
  type HeaderMatch,
  headerFieldFind,
  headerLabelKey,
  headerLabelTidy,
  headerRecognize,
  headerRowFind,
  headerYear,
  templateDetect,
} from './header.ts';
import { type ImportHeading, importHeadingIsEmpty, importHeadingRead, templateTitleWithoutYear } from './heading.ts';
import { htmlTableParse } from './html-table.ts';
import { jsonLooks, tableImportJson } from './table-json.ts';
import { IMPORT_FAILURE_CODES, IMPORT_NOTE_CODES, type ImportNoteCode } from './import-codes.ts';
import { IMPORT_MAX_CHARS, IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS } from './import-limits.ts';

export { IMPORT_FAILURE_CODES, type ImportFailureCode, IMPORT_NOTE_CODES, type ImportNoteCode } from './import-codes.ts';
export { IMPORT_MAX_CHARS, IMPORT_MAX_COLUMNS, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from './import-limits.ts';

/** The text formats an import reads (JSON: Phuluc's own export, table-json.ts). */
export type ImportFormat = 'tsv' | 'csv' | 'html' | 'json';

/** Something the import dropped or assumed, told to the clerk. */
export interface ImportNote {
  code: ImportNoteCode;
  /** Vietnamese, shown as is. */
  message: string;
  /** 1-based row of the source (a line of TSV/CSV text, a row of the HTML table). */
  line?: number;
}

/** An imported table, the notes about it, and what the heading above it says about the plan. */
export interface ImportResult {
  table: TableModel;
  notes: ImportNote[];
  /** Read from the lines above the table (`importHeadingRead`); its title is the table's unless one was given. */
  heading: ImportHeading;
}

/** The first cell longer than a cell may be, if any (a quote left open swallows the rows after it). */
function cellTooLong(rows: readonly (readonly string[])[]): { row: number; column: number; length: number } | null {
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c += 1) {
      const length = (row[c] ?? '').length;
      if (length > PLAN_LIMITS.importCellChars) return { row: r, column: c, length };
    }
  }
  return null;
}


const DEFAULT_WIDTH = 30;
const DEFAULT_NUMBER_WIDTH = 10;

/** "I. CHÍNH QUYỀN SỐ", "A. Phát triển hạ tầng", "II - KINH TẾ SỐ". */
const SECTION_TEXT = /^([IVXLCDM]{1,7}|[A-Z])\s*[.:)\-\u2013\u2014]\s*(\S[\s\S]*)$/;
/** "I", "II.", "B)" alone in the number cell. */
const SECTION_NUMERAL = /^([IVXLCDM]{1,7}|[A-Z])\s*[.:)]?$/;
/** A plain STT: "3", "3.", "03)". */
const ITEM_NUMBER = /^(\d{1,6})\s*[.)]?$/;
const PAGE_ARTIFACTS = [
  /^(?:trang|page)\s*\d{1,4}(?:\s*(?:\/|trên|of)\s*\d{1,4})?$/i,
  /^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  // Last: a bare number, a page number only outside the STT column.
  /^\d{1,4}$/,
];
const COLUMN_NUMBER = /^\(?(\d{1,3})\)?$/;

const ROMAN_VALUES: ReadonlyMap<string, number> = new Map(
  Array.from({ length: 100 }, (_, k) => [numberingRoman(k + 1), k + 1] as const),
);

function sectionNumeralValid(numeral: string): boolean {
  return numeral.length === 1 || ROMAN_VALUES.has(numeral);
}

function preview(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * Tells the format of pasted or uploaded text: JSON when it is one object (Phuluc's export),
 * HTML when it is an HTML document or has table tags, TSV when tabs split its rows best, CSV
 * otherwise.
 */
export function importFormatDetect(text: string): ImportFormat {
  if (jsonLooks(text)) return 'json';
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<(?:!doctype|html|body|head|meta|table|style|!--)/.test(head)) return 'html';
  // A fragment: starts with a tag and closes one ("<p>…</p>").
  if (/^<[a-z][a-z0-9:-]*[\s/>]/.test(head) && head.includes('</')) return 'html';
  if (head.startsWith('version:') && head.includes('starthtml:')) return 'html';
  if (/<(?:table|tr|td|th)[\s>]/i.test(text)) return 'html';
  return csvDelimiterDetect(text) === '\t' ? 'tsv' : 'csv';
}

/**
 * Imports pasted or uploaded text: detects its format unless given, reads the cell grid
 * (TSV, CSV with its separator detected, or the appendix table of clipboard HTML) with every
 * cell written by the cell rule of cell-text.ts, then `tableImportGrid`.
 */
export function tableImportText(
  text: string,
  options: { format?: ImportFormat; title?: string } = {},
): ParseResult<ImportResult> {
  if (text.length > IMPORT_MAX_CHARS) {
    const mb = (n: number): string => (n / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    return parseFail(
      IMPORT_FAILURE_CODES.tooLarge,
      `Nội dung quá lớn (${mb(text.length)} triệu ký tự); chỉ nhập được tối đa ${mb(IMPORT_MAX_CHARS)} triệu ký tự.`,
    );
  }
  const src = text.replace(/^\uFEFF/, '');
  if (src.trim() === '') return parseFail(IMPORT_FAILURE_CODES.empty, 'Không có nội dung nào để nhập.');
  const format = options.format ?? importFormatDetect(src);
  if (format === 'json') {
    const read = tableImportJson(src);
    const title = options.title?.trim();
    return read.ok && title ? parseOk({ ...read.value, table: { ...read.value.table, title } }) : read;
  }
  const notes: ImportNote[] = [];
  let grid: string[][];
  let rowLines: number[] | undefined;
  switch (format) {
    case 'html':
      grid = htmlTableParse(src);
      if (grid.length === 0) {
        return parseFail(IMPORT_FAILURE_CODES.noTable, 'Không tìm thấy bảng nào trong nội dung HTML.');
      }
      if (!options.format) notes.push({ code: IMPORT_NOTE_CODES.format, message: 'Đã đọc bảng từ nội dung HTML (Word/Excel).' });
      break;
    case 'csv': {
      const delimiter = csvDelimiterDetect(src);
      ({ rows: grid, lines: rowLines } = delimitedParseWithLines(src, delimiter));
      // The guard comes off before the cell rule: "'\t…" guards a tab the rule would trim.
      grid = grid.map((row) => row.map((cell) => cellTextTidy(csvGuardRemove(cell))));
      const name = delimiter === ',' ? 'dấu phẩy' : delimiter === ';' ? 'dấu chấm phẩy' : 'dấu tab';
      notes.push({ code: IMPORT_NOTE_CODES.format, message: `Đã đọc nội dung dạng CSV, các ô phân cách bằng ${name}.` });
      break;
    }
    case 'tsv':
      ({ rows: grid, lines: rowLines } = delimitedParseWithLines(src, '\t'));
      grid = grid.map((row) => row.map(cellTextTidy));
      if (!options.format) notes.push({ code: IMPORT_NOTE_CODES.format, message: 'Đã đọc nội dung dạng bảng phân cách bằng dấu tab.' });
      break;
  }
  const result = tableImportGrid(grid, { ...(options.title === undefined ? {} : { title: options.title }), rowLines });
  if (result.ok) result.value.notes.unshift(...notes);
  return result;
}

/** A column of the imported table and where its cells are in the source rows. */
interface SourceColumn {
  index: number;
  field: string;
  label: string;
}

/**
 * Turns a cell grid into a TableModel. The header is the row `headerRowFind` finds (the first of
 * the first HEADER_SEARCH_ROWS with at least two recognised labels); its columns, except STT/TT,
 * become the table's columns in their source order, unknown ones kept as `custom:<slug>` text
 * columns. Below it: repeated headers, blank rows, page numbers and a "(1) (2) (3)" column-number
 * row are dropped; a row whose only text is "I. TITLE" / "A. Title" (or "I" in the STT cell and
 * the title next to it) is a section; every other row is an item whose cells keep the text the
 * reader gave them (a trailing "\r" aside). `rowLines` maps grid rows to source lines for the
 * notes (default: row index + 1).
 */
export function tableImportGrid(
  grid: readonly (readonly string[])[],
  options: { title?: string; rowLines?: readonly number[]; before?: readonly string[] } = {},
): ParseResult<ImportResult> {
  if (grid.length > IMPORT_MAX_ROWS) {
    return parseFail(
      IMPORT_FAILURE_CODES.tooLarge,
      `Bảng có ${grid.length} dòng, vượt quá giới hạn ${IMPORT_MAX_ROWS} dòng cho một lần nhập.`,
    );
  }
  const rows = grid.map((row) => row.map((cell) => (cell.endsWith('\r') ? cell.slice(0, -1) : cell)));
  const lineOf = (r: number): number => options.rowLines?.[r] ?? r + 1;
  const tooLong = cellTooLong(rows);
  if (tooLong) {
    return parseFail(
      IMPORT_FAILURE_CODES.tooLarge,
      `Ô ở dòng ${lineOf(tooLong.row)}, cột ${tooLong.column + 1} dài ${numberFormat(tooLong.length)} ký tự, quá giới hạn ${numberFormat(PLAN_LIMITS.importCellChars)} ký tự của một ô. ` +
        'Thường là do một dấu ngoặc kép (") mở ở ô đó mà không đóng: hãy kiểm tra dòng này trong tệp.',
    );
  }
  const notes: ImportNote[] = [];
  const note = (code: ImportNoteCode, message: string, r?: number): void => {
    notes.push(r === undefined ? { code, message } : { code, message, line: lineOf(r) });
  };

  if (rows.every((row) => row.every(isBlank))) {
    return parseFail(IMPORT_FAILURE_CODES.empty, 'Không có nội dung nào để nhập: các ô đều trống.');
  }

  const header = headerRowFind(rows);
  if (!header) {
    return parseFail(
      IMPORT_FAILURE_CODES.noHeader,
      `Không tìm thấy dòng tiêu đề của bảng: cần một ${HEADER_ROW_HINT}. Hãy sao chép cả dòng tiêu đề cùng với bảng.`,
    );
  }
  const { row: headerRow, matches: headers, height: headerHeight } = header;
  for (let r = 0; r < headerRow; r += 1) {
    const text = (rows[r] ?? []).filter((c) => !isBlank(c)).join(' ');
    if (text) note(IMPORT_NOTE_CODES.beforeHeader, `Bỏ dòng nằm trên dòng tiêu đề: “${preview(text)}”.`, r);
  }
  const headerCells = rows[headerRow] ?? [];
  if (headerCells.length > IMPORT_MAX_COLUMNS) {
    note(
      IMPORT_NOTE_CODES.tooManyColumns,
      `Dòng tiêu đề có ${headerCells.length} ô; chỉ nhập ${IMPORT_MAX_COLUMNS} cột đầu tiên.`,
      headerRow,
    );
  }
  const numberMatch = headers.find((h) => h.number);
  const numberIndex = numberMatch?.index;
  const headerWidth = headers.reduce((w, h) => Math.max(w, h.index + 1), 0);
  const body = rows.slice(headerRow + headerHeight);
  if (headerHeight > 1) {
    note(
      IMPORT_NOTE_CODES.stackedHeader,
      `Dòng tiêu đề gồm ${headerHeight} dòng (ô gộp trên các cột con); đã ghép thành một tên cho mỗi cột: ${headers.map((h) => `“${h.label}”`).join(', ')}.`,
      headerRow,
    );
  }

  // Columns: the header's, in source order; an untitled one only when it holds data.
  const byIndex = new Map(headers.map((h) => [h.index, h]));
  const sourceColumns: SourceColumn[] = [];
  const fieldsUsed = new Set(headers.map((h) => h.field));
  for (let index = 0; index < headerWidth; index += 1) {
    const h = byIndex.get(index);
    if (h) {
      if (!h.number) sourceColumns.push({ index, field: h.field, label: h.label });
      continue;
    }
    if (!body.some((row) => !isBlank(row[index] ?? ''))) continue;
    let field = `custom:cot-${index + 1}`;
    for (let n = 2; fieldsUsed.has(field); n += 1) field = `custom:cot-${index + 1}-${n}`;
    fieldsUsed.add(field);
    sourceColumns.push({ index, field, label: `Cột ${index + 1}` });
    note(
      IMPORT_NOTE_CODES.untitledColumn,
      `Cột thứ ${index + 1} không có tên nhưng có dữ liệu; giữ lại với tên “Cột ${index + 1}”.`,
      headerRow,
    );
  }
  for (const h of headers) {
    if (h.number || fieldIsKnown(h.field)) continue;
    const message = headerFieldFind(h.label)
      ? `Cột “${h.label}” trùng nội dung với một cột trước; giữ lại như một cột văn bản riêng.`
      : `Cột “${h.label}” không khớp với cột nào đã biết; giữ lại như một cột văn bản.`;
    note(IMPORT_NOTE_CODES.customColumn, message, headerRow);
  }

  // Rows.
  const headerKeys = new Map(headers.map((h) => [h.index, { key: headerLabelKey(h.label), length: h.label.length }]));
  // A stacked header repeats at page breaks as its rows, not as the combined labels.
  const headerRowsKeys = rows.slice(headerRow, headerRow + (headerHeight > 1 ? headerHeight : 0)).map((cells) => {
    const keys = new Map<number, { key: string; length: number }>();
    cells.forEach((cell, k) => {
      const label = headerLabelTidy(cell);
      if (label !== '') keys.set(k, { key: headerLabelKey(label), length: label.length });
    });
    return keys;
  });
  const tableRows: RowModel[] = [];
  const sectionNumerals: string[] = [];
  const itemNumbers: Array<{ section: number; value: number }> = [];
  let pendingBlank: number[] = [];
  for (let b = 0; b < body.length; b += 1) {
    const r = headerRow + headerHeight + b;
    const row = body[b] ?? [];
    const filled: number[] = [];
    row.forEach((cell, k) => {
      if (!isBlank(cell)) filled.push(k);
    });
    if (filled.length === 0) {
      pendingBlank.push(r);
      continue;
    }
    // Blank rows between content are reported; those at the very end are not worth a note.
    for (const blank of pendingBlank) note(IMPORT_NOTE_CODES.blankRow, `Bỏ dòng trống.`, blank);
    pendingBlank = [];

    if (headerRepeats(row, filled, headerKeys, headers.length) || headerRowsKeys.some((keys) => headerRepeats(row, filled, keys, keys.size))) {
      note(IMPORT_NOTE_CODES.repeatedHeader, 'Bỏ dòng tiêu đề lặp lại (do ngắt trang).', r);
      continue;
    }
    if (pageArtifactIs(row, filled, numberIndex)) {
      const only = (row[filled[0] ?? 0] ?? '').trim();
      note(IMPORT_NOTE_CODES.pageArtifact, `Bỏ dòng chỉ có số trang “${only}”.`, r);
      continue;
    }
    if (columnNumbersRow(row, filled)) {
      note(IMPORT_NOTE_CODES.columnNumbers, 'Bỏ dòng đánh số thứ tự các cột (1, 2, 3…).', r);
      continue;
    }
    const total = totalRowLabel(row);
    if (total !== undefined) {
      note(IMPORT_NOTE_CODES.totalRow, `Bỏ dòng “${preview(total)}”: dòng tính từ các dòng khác, được tính lại khi xuất bảng.`, r);
      continue;
    }

    const section = sectionRead(row, filled, numberIndex, sourceColumns);
    if (section) {
      tableRows.push({ kind: 'section', label: section.label });
      sectionNumerals.push(section.numeral);
      if (section.numeral === '') {
        note(
          IMPORT_NOTE_CODES.sectionAssumed,
          `Dòng “${preview(section.label)}” không có số mục nhưng đứng riêng một ô, viết hoa: coi là một mục.`,
          r,
        );
      }
      if (section.dropped.length > 0) {
        note(
          IMPORT_NOTE_CODES.sectionExtra,
          `Dòng được nhận là mục “${preview(section.label)}”; đã bỏ nội dung ở các ô khác: “${preview(section.dropped.join(' | '))}”.`,
          r,
        );
      }
      continue;
    }

    const extra = filled.filter((k) => k >= headerWidth);
    if (extra.length > 0) {
      note(
        IMPORT_NOTE_CODES.extraCells,
        `Dòng có ${extra.length} ô nằm ngoài các cột của dòng tiêu đề; đã bỏ nội dung: “${preview(extra.map((k) => row[k] ?? '').join(' | '))}”.`,
        r,
      );
    }
    const cells: Record<string, string> = {};
    for (const column of sourceColumns) cells[column.field] = row[column.index] ?? '';
    const numberText = numberIndex === undefined ? '' : (row[numberIndex] ?? '').trim();
    if (Object.values(cells).every(isBlank)) {
      if (numberText) {
        note(IMPORT_NOTE_CODES.emptyItem, `Bỏ dòng chỉ có số thứ tự “${preview(numberText)}”, các ô khác đều trống.`, r);
      }
      continue;
    }
    tableRows.push({ kind: 'item', cells });
    const numberMatchText = ITEM_NUMBER.exec(numberText);
    if (numberMatchText?.[1]) {
      itemNumbers.push({ section: sectionNumerals.length, value: Number(numberMatchText[1]) });
    } else if (numberText) {
      note(
        IMPORT_NOTE_CODES.numberText,
        `Số thứ tự “${preview(numberText)}” không phải một số; số thứ tự được đánh lại tự động.`,
        r,
      );
    }
  }

  // Layout, numbering, title.
  const template = templateDetect(headers);
  const def = TEMPLATES[template];
  note(IMPORT_NOTE_CODES.template, `Nhận dạng bảng theo mẫu “${def.name}”.`);
  const numbering = numberingInfer(template, numberMatch, sectionNumerals, itemNumbers);
  note(IMPORT_NOTE_CODES.numbering, numbering.message);
  const year = headerYear(headers);
  const aboveHeader = rows.slice(0, headerRow).map((cells) => cells.filter((c) => !isBlank(c)).join(' '));
  const heading = importHeadingRead([...(options.before ?? []), ...aboveHeader]);
  if (!importHeadingIsEmpty(heading)) note(IMPORT_NOTE_CODES.heading, importHeadingText(heading));
  let title = options.title?.trim() || heading.title;
  if (!title) {
    if (year !== undefined) {
      title = templateTitleForYear(template, year);
    } else {
      title = templateTitleWithoutYear(template);
      note(IMPORT_NOTE_CODES.titleWithoutYear, `Tên cột không ghi năm; tên bảng đặt là “${title}”, chưa kèm năm.`);
    }
  }

  const table: TableModel = {
    title,
    template,
    numbering: numbering.value,
    numberWidth: numberMatch ? def.numberWidth || DEFAULT_NUMBER_WIDTH : 0,
    columns: sourceColumns.map((c) => ({ field: c.field, label: c.label, width: columnWidth(c.field, template) })),
    rows: tableRows,
  };
  const checked = tableModelSchema.safeParse(table);
  if (!checked.success) {
    return parseFail(IMPORT_FAILURE_CODES.invalid, 'Bảng nhập vào không hợp lệ: ' + checked.error.issues[0]?.message);
  }
  return parseOk({ table, notes, heading });
}

/** The note saying what the heading gave: "Phần đầu bảng ghi: tên bảng “…”; kế hoạch số …; ngày …; xã …". */
function importHeadingText(heading: ImportHeading): string {
  const parts = [
    heading.title ? `tên bảng “${preview(heading.title)}”` : '',
    heading.planNumber ? `kế hoạch số ${heading.planNumber}` : '',
    heading.issuedOn ? `ngày ${heading.issuedOn.split('-').reverse().join('/')}` : '',
    heading.commune ? `của ${exportIssuerText(heading.commune)}` : '',
  ].filter((p) => p !== '');
  return `Phần đầu bảng ghi: ${parts.join('; ')}.`;
}

/** A page-break repetition of the header: ≥ 2 of its cells equal the header's at the same place. */
function headerRepeats(
  row: readonly string[],
  filled: readonly number[],
  headerKeys: ReadonlyMap<number, { key: string; length: number }>,
  headerCount: number,
): boolean {
  let same = 0;
  for (const k of filled) {
    const header = headerKeys.get(k);
    const cell = row[k] ?? '';
    // Keys cost a Unicode normalisation: only for cells about as long as the label.
    if (!header || cell.length < header.length / 2 - 2 || cell.length > header.length * 2 + 4) continue;
    if (headerLabelKey(cell) === header.key) same += 1;
  }
  if (same >= 2 && same >= filled.length - 1) return true;
  // Shifted or respelled: still a header when it names as many fields.
  if (same === 0 || filled.some((k) => (row[k] ?? '').length > 200)) return false;
  return headerRecognize(row).recognized >= Math.max(2, Math.ceil(headerCount * 0.6));
}

/**
 * A row holding only a page number ("Trang 2", "- 3 -", "2/5", or a bare number outside the STT
 * column, where it would be an item's number).
 */
function pageArtifactIs(row: readonly string[], filled: readonly number[], numberIndex: number | undefined): boolean {
  if (filled.length !== 1) return false;
  const text = (row[filled[0] ?? 0] ?? '').trim();
  if (text.length > 20) return false;
  const patterns = filled[0] === numberIndex ? PAGE_ARTIFACTS.slice(0, -1) : PAGE_ARTIFACTS;
  return patterns.some((re) => re.test(text));
}

/** The "1 2 3 …" or "(1) (2) (3) …" row under some headers. */
function columnNumbersRow(row: readonly string[], filled: readonly number[]): boolean {
  if (filled.length < 3) return false;
  let previous = 0;
  for (const k of filled) {
    const m = COLUMN_NUMBER.exec((row[k] ?? '').trim());
    const value = m?.[1] ? Number(m[1]) : NaN;
    if (previous !== 0 && value !== previous + 1) return false;
    if (Number.isNaN(value)) return false;
    previous = value;
  }
  return true;
}

/** "Tổng cộng", "Tổng", "Cộng", "Tổng số", a section's "Cộng mục I" (any case, a trailing ":" or "(I+II)" allowed). */
const TOTAL_LABEL = /^(?:tổng cộng|tổng số|tổng|cộng)(?:\s+(?:mục|phần)\s+(?:[ivxlcdm]{1,7}|[a-z]|\d{1,3}))?(?:\s*\([^()]*\))?\s*:?$/u;

/**
 * The label of a computed row — its first cell "Tổng cộng", "Tổng", "Cộng" or "Tổng số", every
 * other cell empty or an amount (the sums an export prints) — or undefined for any other row.
 */
export function totalRowLabel(row: readonly string[]): string | undefined {
  const [first, ...rest] = row.flatMap((cell, k) => (isBlank(cell) ? [] : [k]));
  if (first === undefined) return undefined;
  const label = (row[first] ?? '').trim();
  if (label.length > 40 || !TOTAL_LABEL.test(label.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' '))) return undefined;
  return rest.every((k) => moneyParse(row[k] ?? '').ok) ? label : undefined;
}

/** A section row's title, numeral, and the text of other cells it carried (dropped). */
function sectionRead(
  row: readonly string[],
  filled: readonly number[],
  numberIndex: number | undefined,
  columns: readonly SourceColumn[],
): { label: string; numeral: string; dropped: string[] } | undefined {
  const first = filled[0] ?? 0;
  // "I. CHÍNH QUYỀN SỐ" as the only text of the row (a merged row, or the first cell).
  if (filled.length === 1) {
    const text = (row[first] ?? '').trim();
    const m = SECTION_TEXT.exec(text);
    if (m?.[1] && m[2] && sectionNumeralValid(m[1])) return { label: m[2].trim(), numeral: m[1], dropped: [] };
    // A heading without numeral ("NHIỆM VỤ TRỌNG TÂM"): upper case, alone in the first column.
    const firstColumn = numberIndex ?? columns[0]?.index;
    if (first === firstColumn && text.length <= 150 && sectionTitleLooks(text)) return { label: text, numeral: '', dropped: [] };
  }
  // "I" in the STT cell (or the first cell), the title in the next non-empty cell.
  const numeralAt = numberIndex ?? columns[0]?.index;
  if (numeralAt === undefined || first !== numeralAt || filled.length < 2) return undefined;
  const m = SECTION_NUMERAL.exec((row[numeralAt] ?? '').trim());
  if (!m?.[1] || !sectionNumeralValid(m[1])) return undefined;
  const [, titleAt, ...rest] = filled;
  // Without an STT column the numeral cell is a data cell: be strict, nothing else may be filled.
  if (titleAt === undefined || (numberIndex === undefined && rest.length > 0)) return undefined;
  return {
    label: (row[titleAt] ?? '').trim(),
    numeral: m[1],
    dropped: rest.map((k) => (row[k] ?? '').trim()),
  };
}

/** Upper case with at least three letters and no lower-case one: a heading, not an item. */
function sectionTitleLooks(text: string): boolean {
  let letters = 0;
  for (const ch of text) {
    if (ch.toLowerCase() !== ch) letters += 1;
    else if (ch.toUpperCase() !== ch) return false;
  }
  return letters >= 3;
}

/** Width of a column: the template's for its field, another template's, or a default. */
function columnWidth(field: string, template: TemplateId): number {
  const own = TEMPLATES[template].columns.find((c) => c.field === field);
  if (own) return own.width;
  for (const id of TEMPLATE_IDS) {
    const other = TEMPLATES[id].columns.find((c) => c.field === field);
    if (other) return other.width;
  }
  return DEFAULT_WIDTH;
}

/**
 * How the imported table numbers its rows, learned from the source: sections by their numerals
 * (I, II … or A, B …), items by what follows a section (1 again, or the next number); what the
 * source does not tell is taken from the template. No STT column: items are not numbered.
 */
function numberingInfer(
  template: TemplateId,
  numberMatch: HeaderMatch | undefined,
  sectionNumerals: readonly string[],
  itemNumbers: ReadonlyArray<{ section: number; value: number }>,
): { value: TableModel['numbering']; message: string } {
  const def = TEMPLATES[template].numbering;
  let roman = 0;
  let alpha = 0;
  sectionNumerals.forEach((numeral, k) => {
    if (numeral === numberingRoman(k + 1)) roman += 1;
    if (numeral === numberingAlpha(k + 1)) alpha += 1;
  });
  const sections: SectionNumbering = roman > alpha ? 'roman' : alpha > roman ? 'alpha' : def.sections;
  const sectionsFromSource = roman !== alpha;

  let items: ItemNumbering;
  let itemsFromSource = true;
  if (!numberMatch) {
    items = 'none';
  } else {
    let restart = 0;
    let continuous = 0;
    for (let k = 1; k < itemNumbers.length; k += 1) {
      const prev = itemNumbers[k - 1];
      const cur = itemNumbers[k];
      if (!prev || !cur || prev.section === cur.section) continue;
      if (cur.value === 1 && prev.value >= 1) restart += 1;
      else if (cur.value === prev.value + 1) continuous += 1;
    }
    if (restart !== continuous) {
      items = restart > continuous ? 'restart' : 'continuous';
    } else {
      itemsFromSource = false;
      items = def.items === 'none' ? 'continuous' : def.items;
    }
  }

  const itemsText = {
    restart: 'số thứ tự đánh lại từ 1 trong mỗi mục',
    continuous: 'số thứ tự đánh liên tục qua các mục',
    none: 'không đánh số thứ tự (bảng nguồn không có cột STT)',
  }[items];
  const sectionsText = sections === 'roman' ? 'mục đánh số La Mã (I, II, III…)' : 'mục đánh theo chữ cái (A, B, C…)';
  const source = (fromSource: boolean): string => (fromSource ? 'theo bảng nguồn' : 'theo mẫu');
  return {
    value: { items, sections, label: numberMatch ? numberMatch.label : null },
    message:
      `Số thứ tự được tính lại: ${itemsText} (${source(itemsFromSource)}); ` +
      `${sectionsText} (${source(sectionsFromSource)}).`,
  };
}
