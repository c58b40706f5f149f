/**
 * A period's report as the «Báo cáo» a commune signs, in the layout of Nghị định 30/2020/NĐ-CP:
 * A4 portrait, Times New Roman, ND30 margins; the header as a borderless two-column table (the
 * issuing body with a short rule and «Số: …/BC-UBND» on the left, the national motto with its
 * rule and the italic place and date on the right); «BÁO CÁO» and the subject centred in bold;
 * the body (`reportBody`: I. Kết quả thực hiện … IV. Kiến nghị, đề xuất); «Nơi nhận:» bottom left
 * and the signature block bottom right; then, on a landscape page, the appendix «Chi tiết kết quả
 * thực hiện các nhiệm vụ» whose header row repeats on every page.
 *
 * The document is a few pages, so the `docx` library builds all of it (the appendix export writes
 * its big table by hand for speed; a report's table is a plan's rows at most).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  REPORT_DETAIL_COLUMNS,
  REPORT_MOTTO,
  reportAppendixHeading,
  reportBody,
  reportDetailCells,
  type ReportModel,
  reportTextLines,
  type ReportTexts,
} from '@phuluc/domain';
import { DOCX_TABLE_PLACEHOLDER, DOCX_TABLE_STYLE, docxPlaceholderFill, type DocxXmlRow, docxTableXmlOf, twipsFromMm } from '../exports/docx.ts';

const FONT = 'Times New Roman';
/** Nghị định 30: A4, top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const REPORT_PAGE = { widthMm: 210, heightMm: 297, marginTopMm: 20, marginBottomMm: 20, marginLeftMm: 30, marginRightMm: 15 } as const;
const PORTRAIT_TEXT_MM = REPORT_PAGE.widthMm - REPORT_PAGE.marginLeftMm - REPORT_PAGE.marginRightMm;
const LANDSCAPE_TEXT_MM = REPORT_PAGE.heightMm - REPORT_PAGE.marginLeftMm - REPORT_PAGE.marginRightMm;
const pt = (size: number): number => Math.round(size * 2);

/** The body's size (13–14 pt in Nghị định 30). */
const BODY_PT = 14;

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };

function para(runs: Run[] | string, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indentFirstMm?: number; before?: number; after?: number; keepNext?: boolean } = {}): Paragraph {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    indent: options.indentFirstMm ? { firstLine: twipsFromMm(options.indentFirstMm) } : undefined,
    keepNext: options.keepNext,
    children: list.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: r.size === undefined ? undefined : pt(r.size) })),
  });
}

/** A short centred rule: an empty paragraph with a top border, `widthMm` long in a column `columnMm` wide. */
function rule(widthMm: number, columnMm: number): Paragraph {
  const side = twipsFromMm(Math.max(0, (columnMm - widthMm) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120 },
    indent: { left: side, right: side },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

function plainCell(widthMm: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: twipsFromMm(widthMm), type: WidthType.DXA }, borders: TableBorders.NONE, children });
}

function borderlessTable(widthsMm: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: twipsFromMm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(twipsFromMm),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    // Never split: «Nơi nhận» and the signature stay together on one page.
    rows: [new TableRow({ cantSplit: true, children: cells.map((children, i) => plainCell(widthsMm[i] ?? 0, children)) })],
  });
}

const LEFT_MM = 62;
const RIGHT_MM = PORTRAIT_TEXT_MM - LEFT_MM;

/** The header: issuing body and number on the left, motto and place-date on the right. */
function headerTable(model: ReportModel, texts: ReportTexts): Table {
  const centred = AlignmentType.CENTER;
  const left: Paragraph[] = [];
  if (model.issuer.body) {
    left.push(para([{ text: model.issuer.parent, size: 13 }], { align: centred }));
    left.push(para([{ text: model.issuer.body, bold: true, size: 13 }], { align: centred }));
  } else {
    left.push(para([{ text: model.issuer.parent, bold: true, size: 13 }], { align: centred }));
  }
  left.push(rule(22, LEFT_MM));
  left.push(para([{ text: `Số: ${texts.number}`, size: 13 }], { align: centred, before: 60 }));
  const right: Paragraph[] = [
    para([{ text: REPORT_MOTTO.nation, bold: true, size: 12 }], { align: centred }),
    para([{ text: REPORT_MOTTO.motto, bold: true, size: 14 }], { align: centred }),
    rule(60, RIGHT_MM),
    para([{ text: texts.placeDate, italics: true, size: 14 }], { align: centred, before: 60 }),
  ];
  return borderlessTable([LEFT_MM, RIGHT_MM], [left, right]);
}

/** «Nơi nhận:» on the left, the signature block on the right. */
function closingTable(texts: ReportTexts): Table {
  const recipients = reportTextLines(texts.recipients);
  const left: Paragraph[] = [
    para([{ text: 'Nơi nhận:', bold: true, italics: true, size: 12 }]),
    ...recipients.map((line) => para([{ text: `- ${line.replace(/^-\s*/, '')}`, size: 11 }])),
  ];
  const centred = AlignmentType.CENTER;
  const right: Paragraph[] = [];
  if (texts.signAuthority.trim()) right.push(para([{ text: texts.signAuthority, bold: true, size: 14 }], { align: centred }));
  right.push(para([{ text: texts.signTitle, bold: true, size: 14 }], { align: centred }));
  for (let i = 0; i < 4; i += 1) right.push(para('', { align: centred }));
  right.push(para([{ text: texts.signer.trim() || ' ', bold: true, size: 14 }], { align: centred }));
  return borderlessTable([LEFT_MM + 12, RIGHT_MM - 12], [left, right]);
}

/** The body blocks as paragraphs: headings bold, text justified with a first-line indent. */
function bodyParagraphs(model: ReportModel, texts: ReportTexts): Paragraph[] {
  const out: Paragraph[] = [];
  const justified = AlignmentType.JUSTIFIED;
  const blocks = reportBody(model, texts);
  const last = blocks[blocks.length - 1];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(para([{ text: block.text, bold: true }], { align: justified, indentFirstMm: 10, before: 120, after: 60, keepNext: true }));
        break;
      case 'paragraph':
        // The closing sentence («Trên đây là báo cáo …») stays on the page of the signature.
        out.push(para(block.text, { align: justified, indentFirstMm: 10, after: 60, keepNext: block === last }));
        break;
      case 'item':
        out.push(para(`- ${block.text}`, { align: justified, indentFirstMm: 10, after: 60 }));
        break;
      case 'editable':
        for (const line of block.lines.length > 0 ? block.lines : [block.fallback].filter((t) => t !== '')) out.push(para(line, { align: justified, indentFirstMm: 10, after: 60 }));
        break;
    }
  }
  return out;
}

/** The table style of the detail table's cells: 11 pt, a little space around each line. */
const TABLE_PARAGRAPH_STYLE = {
  id: DOCX_TABLE_STYLE,
  name: 'Phuluc - Bảng',
  basedOn: 'Normal',
  run: { font: FONT, size: pt(11) },
  paragraph: { spacing: { before: 20, after: 20 } },
};

/**
 * The appendix's detail table as WordprocessingML (`docxTableXmlOf`, as the appendix export
 * writes its table: the library's objects took 5 s for 5,000 rows), its header row repeated on
 * every page and no row split.
 */
function detailTableXml(model: ReportModel): string {
  const total = REPORT_DETAIL_COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  const scale = LANDSCAPE_TEXT_MM / total;
  const widths = REPORT_DETAIL_COLUMNS.map((c) => twipsFromMm(c.widthMm * scale));
  const header: DocxXmlRow = { header: true, cells: REPORT_DETAIL_COLUMNS.map((c) => ({ lines: c.label.split('\n'), align: 'center' as const, bold: true })) };
  const rows: DocxXmlRow[] = model.rows.map((row) => ({
    cells: reportDetailCells(row).map((text, i) => ({ lines: text.split('\n'), align: i === 0 || i === 3 || i === 4 ? ('center' as const) : ('left' as const) })),
  }));
  if (rows.length === 0) rows.push({ cells: [{ lines: ['Không có nhiệm vụ nào trong kỳ.'], align: 'center', span: widths.length }] });
  return docxTableXmlOf(widths, [header, ...rows]);
}

const margins = {
  top: twipsFromMm(REPORT_PAGE.marginTopMm),
  bottom: twipsFromMm(REPORT_PAGE.marginBottomMm),
  left: twipsFromMm(REPORT_PAGE.marginLeftMm),
  right: twipsFromMm(REPORT_PAGE.marginRightMm),
  header: twipsFromMm(10),
  footer: twipsFromMm(10),
};

/** The page number at the top centre (Nghị định 30), from page 2 of the report. */
function pageNumberHeader(): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })] });
}

/** The report as a .docx file, with the person's texts. */
export async function reportDocx(model: ReportModel, texts: ReportTexts): Promise<Uint8Array> {
  const [appendixTitle, appendixSubject, appendixCite] = reportAppendixHeading(model, texts);
  const centred = AlignmentType.CENTER;
  const doc = new Document({
    creator: 'Phuluc',
    title: `Báo cáo - ${texts.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(BODY_PT) }, paragraph: { spacing: { before: 0, after: 0 } } } }, paragraphStyles: [TABLE_PARAGRAPH_STYLE] },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { orientation: PageOrientation.PORTRAIT, width: twipsFromMm(REPORT_PAGE.widthMm), height: twipsFromMm(REPORT_PAGE.heightMm) }, margin: margins },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [] })] }) },
        children: [
          headerTable(model, texts),
          para([{ text: 'BÁO CÁO', bold: true }], { align: centred, before: 360 }),
          para([{ text: texts.subject, bold: true }], { align: centred }),
          rule(40, PORTRAIT_TEXT_MM),
          para('', { after: 120 }),
          ...bodyParagraphs(model, texts),
          para('', { after: 120, keepNext: true }),
          closingTable(texts),
        ],
      },
      {
        properties: {
          type: SectionType.NEXT_PAGE,
          // Portrait dimensions: the library swaps them for a landscape page.
          page: { size: { orientation: PageOrientation.LANDSCAPE, width: twipsFromMm(REPORT_PAGE.widthMm), height: twipsFromMm(REPORT_PAGE.heightMm) }, margin: margins },
        },
        headers: { default: pageNumberHeader() },
        children: [
          para([{ text: appendixTitle, bold: true }], { align: centred }),
          para([{ text: appendixSubject, bold: true }], { align: centred }),
          para([{ text: appendixCite, italics: true }], { align: centred, after: 200 }),
          para(DOCX_TABLE_PLACEHOLDER),
          para(''),
        ],
      },
    ],
  });
  return docxPlaceholderFill(new Uint8Array(await Packer.toArrayBuffer(doc)), detailTableXml(model));
}
