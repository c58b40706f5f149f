/**
 * Measuring and wrapping text in Times New Roman, for the formats that lay out lines themselves:
 * the PDF draws the wrapped lines, the XLSX sets row heights from them (spreadsheet programs do
 * not grow a row to fit wrapped text written by another program). Tinos has the metrics of Times
 * New Roman and every Vietnamese glyph; its TTFs are read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export type FontName = 'regular' | 'bold' | 'italic';

const FONT_FILES: Readonly<Record<FontName, string>> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
};

let fontData: Record<FontName, Buffer> | null = null;

/** The Tinos TTFs (regular, bold, italic). */
export function tinosFonts(): Record<FontName, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    fontData = {
      regular: readFileSync(require.resolve(FONT_FILES.regular)),
      bold: readFileSync(require.resolve(FONT_FILES.bold)),
      italic: readFileSync(require.resolve(FONT_FILES.italic)),
    };
  }
  return fontData;
}

/** Registers the Tinos fonts on a PDF document under the names of `FontName`. */
export function tinosRegister(doc: PDFKit.PDFDocument): void {
  const fonts = tinosFonts();
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name]);
}

/** Words kept per font before the width cache starts over. */
const CACHE_MAX_WORDS = 100_000;

/** A wrapped line and its width in points. */
export interface TextLine {
  text: string;
  width: number;
}

/**
 * Widths and line wrapping with a cache of word widths (measured at 1 pt, so one cache serves
 * every size): a 5,000-row table repeats its words, and measuring is the costly part of layout.
 */
export class TextMeasure {
  private readonly doc: PDFKit.PDFDocument;
  private readonly cache: Record<FontName, Map<string, number>> = { regular: new Map(), bold: new Map(), italic: new Map() };

  /**
   * Measures with the Tinos fonts of `doc` (registered with `tinosRegister`), or of a document of
   * its own. The PDF export passes its document: pdfkit then shapes each word once, for the
   * measure and the drawing alike.
   */
  constructor(doc?: PDFKit.PDFDocument) {
    if (doc) this.doc = doc;
    else {
      // A document used only for its font metrics; it is never written out.
      this.doc = new PDFDocument({ autoFirstPage: false });
      tinosRegister(this.doc);
    }
  }

  /** Width of `text` in points. */
  width(text: string, font: FontName, size: number): number {
    const cache = this.cache[font];
    let unit = cache.get(text);
    if (unit === undefined) {
      unit = this.doc.font(font).fontSize(1).widthOfString(text);
      // A long-running server measures whatever people type: the cache is bounded.
      if (cache.size >= CACHE_MAX_WORDS) cache.clear();
      cache.set(text, unit);
    }
    return unit * size;
  }

  /** Height of one line in points (ascender, descender and line gap of the font). */
  lineHeight(font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true);
  }

  /**
   * The lines of `paragraphs` (a cell's own lines) wrapped to `maxWidth` points: greedy, at
   * spaces; a word wider than the column is broken between letters. An empty paragraph stays
   * an empty line.
   */
  wrap(paragraphs: readonly string[], font: FontName, size: number, maxWidth: number): TextLine[] {
    const out: TextLine[] = [];
    const space = this.width(' ', font, size);
    for (const paragraph of paragraphs) {
      const words = paragraph.split(/\s+/).filter((w) => w !== '');
      if (words.length === 0) {
        out.push({ text: '', width: 0 });
        continue;
      }
      let text = '';
      let width = 0;
      for (const word of words) {
        const w = this.width(word, font, size);
        if (text !== '' && width + space + w <= maxWidth) {
          text += ` ${word}`;
          width += space + w;
          continue;
        }
        if (text !== '') out.push({ text, width });
        if (w <= maxWidth) {
          text = word;
          width = w;
          continue;
        }
        text = '';
        width = 0;
        for (const ch of word) {
          const cw = this.width(ch, font, size);
          if (text !== '' && width + cw > maxWidth) {
            out.push({ text, width });
            text = '';
            width = 0;
          }
          text += ch;
          width += cw;
        }
      }
      out.push({ text, width });
    }
    return out;
  }
}

let shared: TextMeasure | null = null;

/** The process's measurer: fonts parsed once, word widths shared by every export. */
export function textMeasureShared(): TextMeasure {
  shared ??= new TextMeasure();
  return shared;
}
