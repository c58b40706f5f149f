/**
 * The DOCX export: the official appendix a clerk puts into the signed plan. A4 landscape,
 * margins and Times New Roman per Nghị định 30/2020/NĐ-CP, "PHỤ LỤC" with the table title and
 * the italic "(Kèm theo Kế hoạch số …)" line, the page number at the top centre from page 2,
 * and the table: header row repeated on every page (tblHeader), rows never split across pages
 * (cantSplit), a section row kept on the page of the row after it and the last row with the
 * total (keepNext), section rows merged across the table (gridSpan) and bold, widths from the table,
 * multi-line cells as separate paragraphs. A draft carries "DỰ THẢO" in the header of every
 * page and as a watermark.
 *
 * The `docx` library writes the package (styles, section, headers, heading block). The table
 * itself is written as WordprocessingML text and put where a placeholder paragraph stands:
 * the library's object tree needs about 4 s and 650 MB for a 5,000-row table, beyond the
 * export targets (≤ 2 s, ≤ 300 MB), while the same XML written directly takes a fraction.
 */
import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TextRun,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import {
  EXPORT_DRAFT_MARK,
  EXPORT_PAGE,
  EXPORT_TEXT_WIDTH_MM,
  type ExportAlign,
  exportColumnWidths,
  exportKeepsWithNext,
  type ExportModel,
  numberFormat,
} from '@phuluc/domain';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const FONT = 'Times New Roman';
/** The paragraph style of table cells; a document that takes a table written here defines it. */
export const DOCX_TABLE_STYLE = 'PhulucBang';
const TABLE_STYLE = DOCX_TABLE_STYLE;
/** The text of the paragraph a table written as WordprocessingML replaces (`docxPlaceholderFill`). */
export const DOCX_TABLE_PLACEHOLDER = '@@PHULUC-BANG@@';
const PLACEHOLDER = DOCX_TABLE_PLACEHOLDER;
const TWIPS_PER_MM = 1440 / 25.4;

/** Millimetres to twentieths of a point. */
export function twipsFromMm(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** Text made safe for XML: markup characters escaped, characters XML forbids dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Widths in twips that add up exactly to `total`. */
function gridWidths(model: ExportModel, total: number): number[] {
  const raw = exportColumnWidths(model, total);
  const widths = raw.map((w) => Math.max(1, Math.floor(w)));
  let rest = total - widths.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % widths.length, rest -= 1) widths[i] = (widths[i] ?? 0) + 1;
  return widths;
}

const JC: Record<ExportAlign, string> = { left: 'left', center: 'center', right: 'right' };

/**
 * One paragraph of a cell. `keepNext` on every paragraph of a row keeps the row on the page of
 * the next one (Word and LibreOffice read it so for table rows).
 */
function cellParagraph(text: string, align: ExportAlign, bold: boolean, keepNext: boolean): string {
  const run = text === '' ? '' : `<w:r>${bold ? '<w:rPr><w:b/><w:bCs/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
  return `<w:p><w:pPr><w:pStyle w:val="${TABLE_STYLE}"/>${keepNext ? '<w:keepNext/>' : ''}<w:jc w:val="${JC[align]}"/></w:pPr>${run}</w:p>`;
}

/** One cell: its width, its span, and one paragraph per line. */
function cell(width: number, lines: readonly string[], align: ExportAlign, options: { bold?: boolean; span?: number; keepNext?: boolean } = {}): string {
  const span = options.span && options.span > 1 ? `<w:gridSpan w:val="${options.span}"/>` : '';
  const body = (lines.length > 0 ? lines : ['']).map((line) => cellParagraph(line, align, options.bold ?? false, options.keepNext ?? false)).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}<w:vAlign w:val="center"/></w:tcPr>${body}</w:tc>`;
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

/** One row of a table written as WordprocessingML (`docxTableXmlOf`). */
export interface DocxXmlRow {
  cells: ReadonlyArray<{ lines: readonly string[]; align: ExportAlign; bold?: boolean; span?: number }>;
  /** The header row: repeated at the top of every page. */
  header?: boolean;
  /** Kept on the page of the row after it. */
  keepNext?: boolean;
}

/**
 * A bordered table of `widths` (twips, adding up to its width) as WordprocessingML text: rows
 * never split across pages, cells centred vertically, one paragraph per line in the table style.
 * Written as text because the `docx` library's objects cost seconds and hundreds of MB for
 * thousands of rows.
 */
export function docxTableXmlOf(widths: readonly number[], rows: readonly DocxXmlRow[]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const parts: string[] = [
    '<w:tbl><w:tblPr>',
    `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>`,
    `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/>',
    '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="70" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>',
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>',
    '</w:tblPr><w:tblGrid>',
    ...widths.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid>',
  ];
  for (const row of rows) {
    parts.push(`<w:tr><w:trPr><w:cantSplit/>${row.header ? '<w:tblHeader/>' : ''}</w:trPr>`);
    let column = 0;
    for (const c of row.cells) {
      const span = c.span ?? 1;
      const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
      parts.push(cell(width, c.lines, c.align, { bold: c.bold ?? false, span, keepNext: row.keepNext ?? false }));
      column += span;
    }
    parts.push('</w:tr>');
  }
  parts.push('</w:tbl>');
  return parts.join('');
}

/** The appendix table as WordprocessingML. */
export function docxTableXml(model: ExportModel): string {
  const widths = gridWidths(model, twipsFromMm(EXPORT_TEXT_WIDTH_MM));
  const span = model.columns.length;
  // The header row: repeated at the top of every page, never split, never alone.
  const rows: DocxXmlRow[] = [{ header: true, keepNext: true, cells: model.columns.map((column) => ({ lines: [column.label], align: 'center' as const, bold: true })) }];
  // A section row stays with the row after it, the last row with the total (`exportKeepsWithNext`).
  const keeps = exportKeepsWithNext(model);
  model.rows.forEach((row, r) => {
    const keepNext = keeps[r] ?? false;
    if (row.kind === 'section') rows.push({ keepNext, cells: [{ lines: [row.text], align: 'left', bold: true, span }] });
    else rows.push({ keepNext, cells: row.cells.map((c, i) => ({ lines: c.lines, align: model.columns[i]?.align ?? 'left' })) });
  });
  if (model.total) {
    const { labelSpan, label, values } = model.total;
    const cells: DocxXmlRow['cells'][number][] = [];
    if (labelSpan > 0) cells.push({ lines: [label], align: 'center', bold: true, span: labelSpan });
    values.forEach((value, i) => {
      if (i < labelSpan) return;
      const column = model.columns[i];
      const text = value === null ? '' : column?.kind === 'money' ? numberFormat(value) : '';
      cells.push({ lines: [text], align: column?.align ?? 'left', bold: true });
    });
    rows.push({ cells });
  }
  return docxTableXmlOf(widths, rows);
}

const HALF_POINTS = (pt: number): number => Math.round(pt * 2);

/** The header of a page: the page number in the centre (not on page 1), "DỰ THẢO" on the right. */
function pageHeader(model: ExportModel, withNumber: boolean): Header {
  const textWidth = twipsFromMm(EXPORT_TEXT_WIDTH_MM);
  const children: TextRun[] = [new TextRun({ text: '\t' })];
  if (withNumber) children.push(new TextRun({ children: [PageNumber.CURRENT], size: HALF_POINTS(13) }));
  if (model.draft) {
    children.push(new TextRun({ text: '\t' }));
    children.push(new TextRun({ text: EXPORT_DRAFT_MARK, bold: true, size: HALF_POINTS(14), color: 'C00000' }));
  }
  const paragraphs = [
    new Paragraph({
      tabStops: [
        { type: TabStopType.CENTER, position: Math.round(textWidth / 2) },
        { type: TabStopType.RIGHT, position: textWidth },
      ],
      children,
    }),
  ];
  if (model.draft) {
    paragraphs.push(
      new Paragraph({
        children: [new TextWatermark({ text: EXPORT_DRAFT_MARK, font: FONT, bold: true, color: 'D9D9D9', opacity: 0.5, layout: 'diagonal' })],
      }),
    );
  }
  return new Header({ children: paragraphs });
}

/** The document around the table, with the placeholder where the table goes. */
function docxShell(model: ExportModel): Document {
  const heading = HALF_POINTS(model.fontPt.heading);
  const centred = (text: string, run: { bold?: boolean; italics?: boolean }, after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after }, children: [new TextRun({ text, size: heading, ...run })] });
  return new Document({
    creator: 'Phuluc',
    title: `${model.heading} - ${model.title}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: HALF_POINTS(13) }, paragraph: { spacing: { before: 0, after: 0 } } },
      },
      paragraphStyles: [
        {
          id: TABLE_STYLE,
          name: 'Phuluc - Bảng',
          basedOn: 'Normal',
          run: { font: FONT, size: HALF_POINTS(model.fontPt.table) },
          paragraph: { spacing: { before: 20, after: 20 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            // Portrait dimensions: the library swaps them for a landscape page.
            size: { orientation: PageOrientation.LANDSCAPE, width: twipsFromMm(EXPORT_PAGE.heightMm), height: twipsFromMm(EXPORT_PAGE.widthMm) },
            margin: {
              top: twipsFromMm(EXPORT_PAGE.marginTopMm),
              bottom: twipsFromMm(EXPORT_PAGE.marginBottomMm),
              left: twipsFromMm(EXPORT_PAGE.marginLeftMm),
              right: twipsFromMm(EXPORT_PAGE.marginRightMm),
              header: twipsFromMm(EXPORT_PAGE.headerMm),
              footer: twipsFromMm(EXPORT_PAGE.headerMm),
            },
          },
        },
        headers: { default: pageHeader(model, true), first: pageHeader(model, false) },
        children: [
          centred(model.heading, { bold: true }),
          centred(model.title, { bold: true }),
          centred(model.attachedTo, { italics: true }, 240),
          new Paragraph({ children: [new TextRun(PLACEHOLDER)] }),
          new Paragraph({ children: [] }),
        ],
      },
    ],
  });
}

/**
 * Puts `tableXml` where the paragraph reading `DOCX_TABLE_PLACEHOLDER` stands in a document the
 * `docx` library packed; returns the new .docx.
 */
export function docxPlaceholderFill(packed: Uint8Array, tableXml: string): Uint8Array {
  const files = unzipSync(packed);
  const documentXml = files['word/document.xml'];
  if (!documentXml) throw new Error('docx: word/document.xml missing');
  const xml = strFromU8(documentXml);
  const at = xml.indexOf(PLACEHOLDER);
  const start = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at));
  const end = xml.indexOf('</w:p>', at);
  if (at < 0 || start < 0 || end < 0) throw new Error('docx: table placeholder missing');
  files['word/document.xml'] = strToU8(xml.slice(0, start) + tableXml + xml.slice(end + '</w:p>'.length));
  return zipSync(files, { level: 6 });
}

/** The appendix as a .docx file. */
export async function exportDocx(model: ExportModel): Promise<Uint8Array> {
  const shell = new Uint8Array(await Packer.toArrayBuffer(docxShell(model)));
  return docxPlaceholderFill(shell, docxTableXml(model));
}
