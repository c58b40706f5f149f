/**
 * The XLSX export: the same table as the DOCX on one sheet — the heading block in merged cells,
 * column widths from the table, wrapped text, thin borders, the header row frozen and repeated
 * on every printed page, section rows merged and bold, budgets as numbers with a SUM total row,
 * Vietnamese number formats, and the print setup of the appendix (A4 landscape, fit to the page
 * width, NĐ 30 margins, pages cut by hand so that no section row ends a page and the total
 * never stands alone on the last page). A
 * draft says "DỰ THẢO" in a title cell and in the header and footer of every printed page.
 */
import {
  EXPORT_DRAFT_MARK,
  EXPORT_PAGE,
  EXPORT_TEXT_WIDTH_MM,
  type ExportAlign,
  exportKeepsWithNext,
  type ExportModel,
  exportPageStarts,
} from '@phuluc/domain';
import ExcelJS from 'exceljs';
import { type FontName, textMeasureShared } from './text-measure.ts';

const FONT = 'Times New Roman';
/** The heading block takes rows 1–4 (the 4th holds the draft mark); the header row is 5. */
export const XLSX_HEADER_ROW = 5;
const MM_PER_INCH = 25.4;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Millimetres as an Excel column width (characters of the default 11 pt font: 7 px each plus 5 px padding, at 96 dpi). */
export function xlsxWidthFromMm(mm: number): number {
  const px = (mm * 96) / MM_PER_INCH;
  return Math.max(1, Math.round(((px - 5) / 7) * 100) / 100);
}

/**
 * The number format of an amount, in the Vietnamese locale (LCID 042A): "1.250" and "56,36" as
 * the plan writes them, whatever the reader's own separators — without the locale an English
 * spreadsheet shows 1,250 and 56.36, which a clerk reads as one and a quarter million.
 */
export function xlsxMoneyFormat(value: number): string {
  const fraction = (String(Math.abs(value)).split('.')[1] ?? '').length;
  const decimals = Math.min(6, fraction);
  return decimals === 0 ? `${XLSX_LOCALE_VI}#,##0` : `${XLSX_LOCALE_VI}#,##0.${'0'.repeat(decimals)}`;
}

/** The locale tag of a number format for Vietnamese (Windows LCID 0x042A). */
const XLSX_LOCALE_VI = '[$-42A]';

/** Excel's line for Times New Roman is about 1.3 times the point size. */
const LINE_FACTOR = 1.3;
/** The height of each line of the heading block, in points. */
const HEADING_ROW_HEIGHT = 21;

/**
 * The printed rows that begin a page (`exportPageStarts`: a section row never ends a page, the
 * total never stands alone), as the sheet prints: fitted to the page width, the heading block on
 * page 1, the header row on every page. Every page is cut here by hand, a little before the
 * spreadsheet would cut it (its scale and fonts may differ from these estimates: it must never
 * need a cut of its own, which could fall between a section row and the row after it).
 */
export function xlsxPageStarts(model: ExportModel, widths: readonly number[], rowHeights: readonly number[], headerHeight: number): number[] {
  const tableWidthPt = widths.reduce((sum, w) => sum + Math.trunc(w * 7 + 5) * 0.75, 0);
  const pageWidthPt = (EXPORT_TEXT_WIDTH_MM / MM_PER_INCH) * 72;
  const scale = Math.min(1, pageWidthPt / tableWidthPt);
  const bodyPt = ((EXPORT_PAGE.heightMm - EXPORT_PAGE.marginTopMm - EXPORT_PAGE.marginBottomMm) / MM_PER_INCH) * 72;
  const next = (bodyPt * PAGE_FILL) / scale - headerHeight;
  const first = next - 4 * HEADING_ROW_HEIGHT;
  return exportPageStarts(rowHeights, exportKeepsWithNext(model), { first, next }).map((start) => start.index);
}

/** The share of a page the hand-cut pages fill. */
const PAGE_FILL = 0.95;

/** The width text has in a column of `chars` characters, in points (7 px a character plus 5 px, 2 px margins each side). */
function innerWidthPt(chars: number): number {
  return (Math.trunc(chars * 7 + 5) - 4) * 0.75;
}

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

/**
 * Row heights, computed: Excel and LibreOffice keep the default height of a row a program wrote
 * (they grow it only when a person edits the cell), so wrapped text would be hidden. `widths` are
 * the sheet's column widths (characters), `size` the font size in points. Also used by the reports.
 */
export class XlsxRowHeights {
  private readonly measure = textMeasureShared();
  constructor(
    private readonly size: number,
    private readonly widths: readonly number[],
  ) {}

  /** The height that shows every line of the cells (`span` cells merged from the first). */
  of(cells: ReadonlyArray<{ lines: readonly string[]; font: FontName; from: number; span: number }>): number {
    let lines = 1;
    for (const cell of cells) {
      const chars = this.widths.slice(cell.from, cell.from + cell.span).reduce((a, b) => a + b, 0);
      lines = Math.max(lines, this.measure.wrap(cell.lines, cell.font, this.size, innerWidthPt(chars)).length);
    }
    return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * this.size * LINE_FACTOR + 4));
  }
}

/** "A", "B" … "AA": the letter of a 1-based column. */
function columnLetter(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  return out;
}

/** An Excel header/footer text with the draft mark (codes: &L &C &R sections, &"font,style", &size, &K colour). */
function draftHeaderText(): string {
  return `&R&"${FONT},Bold"&14&KC00000${EXPORT_DRAFT_MARK}`;
}

function draftFooterText(): string {
  return `&C&"${FONT},Bold"&12&KC00000${EXPORT_DRAFT_MARK}`;
}

/** The appendix as an .xlsx file. */
export async function exportXlsx(model: ExportModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phuluc';
  workbook.title = `${model.heading} - ${model.title}`;
  const n = model.columns.length;
  const last = columnLetter(n);
  const sheet = workbook.addWorksheet('Phụ lục', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: XLSX_HEADER_ROW, topLeftCell: `A${XLSX_HEADER_ROW + 1}`, activeCell: `A${XLSX_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`,
      margins: {
        left: EXPORT_PAGE.marginLeftMm / MM_PER_INCH,
        right: EXPORT_PAGE.marginRightMm / MM_PER_INCH,
        top: EXPORT_PAGE.marginTopMm / MM_PER_INCH,
        bottom: EXPORT_PAGE.marginBottomMm / MM_PER_INCH,
        header: EXPORT_PAGE.headerMm / MM_PER_INCH,
        footer: EXPORT_PAGE.headerMm / MM_PER_INCH,
      },
    },
    // The page number at the top centre from page 2 (NĐ 30); a draft's mark on every page.
    headerFooter: model.draft
      ? {
          differentFirst: true,
          oddHeader: `&C&"${FONT},Regular"&13&P${draftHeaderText()}`,
          firstHeader: draftHeaderText(),
          oddFooter: draftFooterText(),
          firstFooter: draftFooterText(),
        }
      : { differentFirst: true, oddHeader: `&C&"${FONT},Regular"&13&P`, firstHeader: '' },
  });
  const widths = model.columns.map((c) => xlsxWidthFromMm(c.widthMm));
  sheet.columns = widths.map((width) => ({ width }));
  const heights = new XlsxRowHeights(model.fontPt.table, widths);

  const tablePt = model.fontPt.table;
  const fonts = {
    body: { name: FONT, size: tablePt },
    bold: { name: FONT, size: tablePt, bold: true },
  };
  // One object per style: exceljs keys its style table on them.
  const alignments: Record<ExportAlign, Partial<ExcelJS.Alignment>> = {
    left: { horizontal: 'left', vertical: 'middle', wrapText: true },
    center: { horizontal: 'center', vertical: 'middle', wrapText: true },
    right: { horizontal: 'right', vertical: 'middle', wrapText: true },
  };
  const aligned = (horizontal: ExportAlign): Partial<ExcelJS.Alignment> => alignments[horizontal];

  // The heading block, each line merged across the table.
  const headingLines: Array<[string, Partial<ExcelJS.Font>]> = [
    [model.heading, { name: FONT, size: model.fontPt.heading, bold: true }],
    [model.title, { name: FONT, size: model.fontPt.heading, bold: true }],
    [model.attachedTo, { name: FONT, size: model.fontPt.heading, italic: true }],
    [model.draft ? EXPORT_DRAFT_MARK : '', { name: FONT, size: model.fontPt.heading, bold: true, color: { argb: 'FFC00000' } }],
  ];
  headingLines.forEach(([text, font], i) => {
    const r = i + 1;
    sheet.mergeCells(`A${r}:${last}${r}`);
    const c = sheet.getCell(`A${r}`);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal: i === 3 ? 'right' : 'center', vertical: 'middle', wrapText: true };
    sheet.getRow(r).height = HEADING_ROW_HEIGHT;
  });

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = model.columns.map((c) => c.label);
  header.eachCell((c) => {
    c.font = fonts.bold;
    c.alignment = aligned('center');
    c.border = BORDER;
  });
  header.height = heights.of(model.columns.map((c, i) => ({ lines: [c.label], font: 'bold', from: i, span: 1 })));

  let r = XLSX_HEADER_ROW;
  const moneyColumns = model.columns.flatMap((c, i) => (c.kind === 'money' ? [i] : []));
  for (const row of model.rows) {
    r += 1;
    const line = sheet.getRow(r);
    if (row.kind === 'section') {
      const c = line.getCell(1);
      c.value = row.text;
      for (let i = 1; i <= n; i += 1) line.getCell(i).border = BORDER;
      if (n > 1) sheet.mergeCells(r, 1, r, n);
      c.font = fonts.bold;
      c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      line.height = heights.of([{ lines: [row.text], font: 'bold', from: 0, span: n }]);
      continue;
    }
    row.cells.forEach((cell, i) => {
      const column = model.columns[i];
      const c = line.getCell(i + 1);
      if (column?.kind === 'money' && cell.value !== null) {
        c.value = cell.value;
        c.numFmt = xlsxMoneyFormat(cell.value);
      } else {
        c.value = cell.lines.join('\n');
      }
      c.font = fonts.body;
      c.alignment = aligned(column?.align ?? 'left');
      c.border = BORDER;
    });
    line.height = heights.of(row.cells.map((cell, i) => ({ lines: cell.lines, font: 'regular', from: i, span: 1 })));
  }

  if (model.total) {
    const firstData = XLSX_HEADER_ROW + 1;
    const lastData = r;
    r += 1;
    const line = sheet.getRow(r);
    for (let i = 1; i <= n; i += 1) {
      const c = line.getCell(i);
      c.border = BORDER;
      c.font = fonts.bold;
      c.alignment = aligned(model.columns[i - 1]?.align ?? 'left');
    }
    const { labelSpan, label, values } = model.total;
    if (labelSpan > 0) {
      line.getCell(1).value = label;
      line.getCell(1).alignment = aligned('center');
      if (labelSpan > 1) sheet.mergeCells(r, 1, r, labelSpan);
    }
    for (const i of moneyColumns) {
      const value = values[i] ?? 0;
      const letter = columnLetter(i + 1);
      const c = line.getCell(i + 1);
      c.value = { formula: `SUM(${letter}${firstData}:${letter}${Math.max(firstData, lastData)})`, result: value };
      c.numFmt = xlsxMoneyFormat(value);
    }
  }

  // Pages cut by hand, so that no section row ends a page and the total never stands alone.
  const printedHeights: number[] = [];
  for (let row = XLSX_HEADER_ROW + 1; row <= r; row += 1) printedHeights.push(sheet.getRow(row).height);
  for (const index of xlsxPageStarts(model, widths, printedHeights, header.height)) sheet.getRow(XLSX_HEADER_ROW + index).addPageBreak();

  // Fast compression: level 6 takes twice as long for a file a tenth larger.
  const buffer = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } });
  return new Uint8Array(buffer);
}
