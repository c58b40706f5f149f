/**
 * The PDF export: the same page as the DOCX — A4 landscape, NĐ 30 margins, the heading block,
 * the page number at the top centre from page 2 — with Tinos embedded as Times New Roman (it
 * has the metrics of Times New Roman and every Vietnamese glyph). The table is laid out here:
 * cells wrapped to their column widths, the header row repeated on every page, rows kept whole
 * (a row taller than a whole page is the one exception, continued on the next page), a section
 * row moved to the next page when the row after it does not fit below it, the last row moved
 * with the total when the total does not fit, section rows merged and bold. A draft carries
 * "DỰ THẢO" at the top right of every page.
 *
 * Lines are wrapped by `TextMeasure` (word widths cached) and each drawn with one text
 * operation: pdfkit's own wrapping measures every line again and is the slow part of a large
 * table.
 */
import {
  EXPORT_DRAFT_MARK,
  EXPORT_PAGE,
  EXPORT_TEXT_WIDTH_MM,
  type ExportAlign,
  exportColumnWidths,
  exportKeepHeight,
  exportKeepsWithNext,
  type ExportModel,
  numberFormat,
} from '@phuluc/domain';
import PDFDocument from 'pdfkit';
import { type FontName, type TextLine, TextMeasure, tinosRegister } from './text-measure.ts';

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number): number => mm * PT_PER_MM;

const PAD_X = 3.5;
const PAD_Y = 2.5;
const BORDER_WIDTH = 0.5;
const DRAFT_COLOUR = '#C00000';

/** A cell laid out: its lines, alignment and font. */
interface CellBox {
  x: number;
  width: number;
  lines: TextLine[];
  align: ExportAlign;
  font: FontName;
}

/** What this module uses of pdfkit's embedded font (not in its public types). */
interface EmbeddedFont {
  id: string;
  ascender: number;
  ref: () => unknown;
  encode: (text: string) => [string[], Array<{ xOffset: number; yOffset: number }>];
}

/** What this module uses of pdfkit's document internals. */
interface DocumentInternals {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown> };
}

const num = (n: number): string => String(Math.round(n * 100) / 100);

const LITERAL_ESCAPES: Readonly<Record<number, string>> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r' };

/** A glyph code ("00ab", as pdfkit encodes it) as the two bytes of a literal string, escaped. */
function glyphBytes(hex: string): string {
  const code = Number.parseInt(hex, 16);
  const byte = (b: number): string => LITERAL_ESCAPES[b] ?? String.fromCharCode(b);
  return byte(code >> 8) + byte(code & 0xff);
}

/**
 * Writes table text straight into the page's content stream: glyph codes are cached per word
 * (as literal-string bytes), each line is one `Tj` and each row one content write. pdfkit's
 * `text()` lays out and encodes every line again (several times the cost for a 5,000-row
 * table); the font subset, widths and ToUnicode map (text extraction) are still kept by
 * pdfkit's own `encode`. Kerning is not applied, as in Word's default. A word whose glyphs need
 * positioning (an uncomposed mark) is drawn through `text()`.
 */
class PdfTableText {
  private readonly fonts = new Map<FontName, EmbeddedFont>();
  private readonly words = new Map<FontName, Map<string, string | null>>();
  private readonly internals: DocumentInternals;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.internals = doc as unknown as DocumentInternals;
  }

  /** pdfkit's font object of `name`, made when first used (each parses the font file). */
  private fontOf(name: FontName): EmbeddedFont {
    let font = this.fonts.get(name);
    if (!font) {
      this.doc.font(name);
      font = this.internals._font;
      this.fonts.set(name, font);
      this.words.set(name, new Map());
    }
    return font;
  }

  /**
   * The glyph codes of a word as the bytes of a PDF literal string (two bytes a glyph, escaped),
   * or null when it needs glyph positioning. Half the size of hex strings, so half the work for
   * the page compression.
   */
  private glyphs(font: FontName, word: string): string | null {
    const encoder = this.fontOf(font);
    const cache = this.words.get(font) as Map<string, string | null>;
    let bytes = cache.get(word);
    if (bytes === undefined) {
      const [codes, positions] = encoder.encode(word);
      bytes = positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0) ? null : codes.map(glyphBytes).join('');
      cache.set(word, bytes);
    }
    return bytes;
  }

  /** Draws lines ({font, x, y top of the line}) at `size` points. */
  draw(lines: ReadonlyArray<{ font: FontName; text: string; x: number; y: number }>, size: number): void {
    const height = this.internals.page.height;
    const out: string[] = [`q 1 0 0 -1 0 ${num(height)} cm BT`];
    const slow: typeof lines[number][] = [];
    let current: FontName | null = null;
    for (const line of lines) {
      const font = this.fontOf(line.font);
      const words = line.text.split(' ').map((w) => (w === '' ? '' : this.glyphs(line.font, w)));
      if (words.includes(null)) {
        slow.push(line);
        continue;
      }
      if (current !== line.font) {
        this.internals.page.fonts[font.id] ??= font.ref();
        out.push(`/${font.id} ${num(size)} Tf`);
        current = line.font;
      }
      const space = this.glyphs(line.font, ' ') ?? '';
      const baseline = height - line.y - (font.ascender / 1000) * size;
      out.push(`1 0 0 1 ${num(line.x)} ${num(baseline)} Tm (${words.join(space)}) Tj`);
    }
    out.push('ET Q');
    this.doc.addContent(out.join('\n'));
    for (const line of slow) this.doc.font(line.font).fontSize(size).text(line.text, line.x, line.y, { lineBreak: false });
  }
}

/** The appendix as a .pdf file. */
export async function exportPdf(model: ExportModel): Promise<Uint8Array> {
  const page = {
    width: pt(EXPORT_PAGE.widthMm),
    height: pt(EXPORT_PAGE.heightMm),
    top: pt(EXPORT_PAGE.marginTopMm),
    bottom: pt(EXPORT_PAGE.heightMm - EXPORT_PAGE.marginBottomMm),
    left: pt(EXPORT_PAGE.marginLeftMm),
    textWidth: pt(EXPORT_TEXT_WIDTH_MM),
    header: pt(EXPORT_PAGE.headerMm),
  };
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: page.top, bottom: pt(EXPORT_PAGE.marginBottomMm), left: page.left, right: pt(EXPORT_PAGE.marginRightMm) },
    autoFirstPage: false,
    compress: true,
    info: { Title: `${model.heading} - ${model.title}`, Creator: 'Phuluc', Producer: 'Phuluc' },
    lang: 'vi-VN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  tinosRegister(doc);

  const measure = new TextMeasure(doc);
  const tableText = new PdfTableText(doc);
  const size = model.fontPt.table;
  const lineHeight = measure.lineHeight('regular', size);
  const widths = exportColumnWidths(model, page.textWidth);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), page.left);

  let pageNumber = 0;
  let y = page.top;

  const newPage = (): void => {
    doc.addPage();
    pageNumber += 1;
    y = page.top;
    if (pageNumber > 1) {
      doc.font('regular').fontSize(13).fillColor('black');
      const label = String(pageNumber);
      doc.text(label, page.left + (page.textWidth - doc.widthOfString(label)) / 2, page.header, { lineBreak: false });
    }
    if (model.draft) {
      doc.font('bold').fontSize(14).fillColor(DRAFT_COLOUR);
      doc.text(EXPORT_DRAFT_MARK, page.left + page.textWidth - doc.widthOfString(EXPORT_DRAFT_MARK), page.header, { lineBreak: false });
      doc.fillColor('black');
    }
  };

  /** Draws one row of boxes at `y` with height `h`, each cell's lines centred vertically. */
  const drawRow = (boxes: readonly CellBox[], h: number): void => {
    for (const box of boxes) doc.rect(box.x, y, box.width, h);
    doc.lineWidth(BORDER_WIDTH).strokeColor('black').stroke();
    const lines: Array<{ font: FontName; text: string; x: number; y: number }> = [];
    for (const box of boxes) {
      const top = y + (h - box.lines.length * lineHeight) / 2;
      const inner = box.width - 2 * PAD_X;
      box.lines.forEach((line, i) => {
        if (line.text === '') return;
        const dx = box.align === 'center' ? (inner - line.width) / 2 : box.align === 'right' ? inner - line.width : 0;
        lines.push({ font: box.font, text: line.text, x: box.x + PAD_X + dx, y: top + i * lineHeight });
      });
    }
    tableText.draw(lines, size);
  };

  const boxHeight = (boxes: readonly CellBox[]): number => Math.max(1, ...boxes.map((b) => b.lines.length)) * lineHeight + 2 * PAD_Y;
  const box = (i: number, span: number, paragraphs: readonly string[], align: ExportAlign, font: FontName): CellBox => {
    const width = widths.slice(i, i + span).reduce((a, b) => a + b, 0);
    return { x: xs[i] ?? page.left, width, lines: measure.wrap(paragraphs, font, size, width - 2 * PAD_X), align, font };
  };

  const headerBoxes = model.columns.map((c, i) => box(i, 1, [c.label], 'center', 'bold'));
  const headerHeight = boxHeight(headerBoxes);
  const drawHeader = (): void => {
    drawRow(headerBoxes, headerHeight);
    y += headerHeight;
  };

  /** Places a row: on this page if it fits, else on the next after the repeated header. */
  const placeRow = (boxes: CellBox[]): void => {
    const h = boxHeight(boxes);
    if (y + h > page.bottom) {
      newPage();
      drawHeader();
    }
    if (y + h <= page.bottom) {
      drawRow(boxes, h);
      y += h;
      return;
    }
    // Taller than a whole page: continued over as many pages as it needs.
    const total = Math.max(...boxes.map((b) => b.lines.length));
    let from = 0;
    while (from < total) {
      const fit = Math.max(1, Math.floor((page.bottom - y - 2 * PAD_Y) / lineHeight));
      const count = Math.min(fit, total - from);
      const partHeight = count * lineHeight + 2 * PAD_Y;
      drawRow(
        boxes.map((b) => ({ ...b, lines: b.lines.slice(from, from + count) })),
        partHeight,
      );
      y += partHeight;
      from += count;
      if (from < total) {
        newPage();
        drawHeader();
      }
    }
  };

  // The heading block on the first page.
  newPage();
  const headingSize = model.fontPt.heading;
  const centred = (text: string, font: FontName): void => {
    doc.font(font).fontSize(headingSize).fillColor('black');
    doc.text(text, page.left, y, { width: page.textWidth, align: 'center' });
    y = doc.y;
  };
  centred(model.heading, 'bold');
  centred(model.title, 'bold');
  centred(model.attachedTo, 'italic');
  y += headingSize;

  drawHeader();
  // Every printed row laid out first: a row's place depends on the rows it keeps with.
  const span = model.columns.length;
  const printed: CellBox[][] = model.rows.map((row) =>
    row.kind === 'section'
      ? [box(0, span, [row.text], 'left', 'bold')]
      : row.cells.map((c, i) => box(i, 1, c.lines, model.columns[i]?.align ?? 'left', 'regular')),
  );
  if (model.total) {
    const { labelSpan, label, values } = model.total;
    const boxes: CellBox[] = [];
    if (labelSpan > 0) boxes.push(box(0, labelSpan, [label], 'center', 'bold'));
    values.forEach((value, i) => {
      if (i < labelSpan) return;
      const column = model.columns[i];
      boxes.push(box(i, 1, [value === null ? '' : numberFormat(value)], column?.align ?? 'left', 'bold'));
    });
    printed.push(boxes);
  }
  // A section row goes to the next page when the row after it would not fit with it, and the
  // last row goes with the total (`exportKeepsWithNext`); a group taller than a page is not held.
  const heights = printed.map(boxHeight);
  const keeps = exportKeepsWithNext(model);
  const pageTop = page.top + headerHeight;
  const pageSpace = page.bottom - pageTop;
  printed.forEach((boxes, i) => {
    const atPageTop = y <= pageTop + 0.01;
    if (!atPageTop && y + exportKeepHeight(heights, keeps, i, pageSpace) > page.bottom) {
      newPage();
      drawHeader();
    }
    placeRow(boxes);
  });

  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
