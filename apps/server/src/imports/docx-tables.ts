/**
 * The appendix table(s) of a Word document (word/document.xml): every w:tbl read into a grid of
 * cell text the way Word shows it, then the tables whose header the domain recognises picked,
 * with the pieces Word split a long table into (a manual break, a page break, "(tiếp theo)"
 * lines, page numbers between them) joined back into one.
 *
 * Cells: paragraphs are lines, w:br and w:cr line breaks, w:tab a space, and the text is written
 * by the cell rule every reader follows (the domain's `CellText`: runs of white space one space,
 * blank lines dropped), so the DOCX, the clipboard HTML and the TSV of one table agree; deleted
 * revisions, hidden text, drawings, text boxes and content-control placeholder text are left
 * out, auto-numbered paragraphs ("1.", "I.", "a)") get the number Word shows (word/numbering.xml).
 * Spans are laid out on the table grid like the domain lays out HTML spans: w:gridSpan and
 * w:vMerge cells put their text in the first (top-left) slot, the slots they cover get "".
 * A nested table's text stays out of the cell around it; the nested table is a table of its own.
 */
import {
  CellText,
  headerRowFind,
  type ImportNote,
  IMPORT_NOTE_CODES,
  numberingAlpha,
  numberingRoman,
  type ParseResult,
  parseOk,
} from '@phuluc/domain';
import { xmlScan, type XmlTag } from './xml-scan.ts';

/** One w:tbl as Word shows it. */
export interface DocxTable {
  /** Cell text on the table grid, every row as wide as the table. */
  grid: string[][];
  /** Grid columns. */
  width: number;
  /** 0 for a table in the document body, 1 for a table in a cell of one … */
  depth: number;
  /** Leading rows marked "repeat as header row at the top of each page" (w:tblHeader). */
  headerRows: number;
  /** Text of the body paragraphs between the previous body table (or the start) and this one. */
  before: string[];
  /** Index of the table it is nested in, or -1. */
  parent: number;
}

/** An appendix table found in the document: its grid (pieces joined) and what was done. */
export interface DocxAppendix {
  grid: string[][];
  /** The body paragraphs before its first piece (the heading block: "PHỤ LỤC", the title, "(Kèm theo …)"). */
  before: string[];
  /** Indices (in `docxTablesRead` order) of the w:tbl pieces it was joined from. */
  pieces: number[];
  notes: ImportNote[];
}

/** Tables, nesting and cells read at most (hostile documents). */
const MAX_TABLES = 10_000;
const MAX_COLUMNS = 1000;
const MAX_CELLS = 2_000_000;
/** More body paragraphs than this between two tables: the second does not continue the first. */
const CONTINUATION_MAX_LINES = 6;

/** Subtrees whose text Word does not show in the cell (or shows twice: mc:Fallback). */
const SKIPPED = new Set([
  'w:drawing', 'w:pict', 'w:object', 'mc:Fallback', 'w:txbxContent', 'w:moveFrom', 'w:del',
  'w:sdtPr', 'w:sdtEndPr', 'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:sectPr', 'w:footnotePr', 'w:endnotePr',
  // Tracked formatting changes hold the properties as they were (an old numbering, old spans).
  'w:pPrChange', 'w:rPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:sectPrChange', 'w:numberingChange',
]);

/** Symbol-font characters Word stores as private-use code points (w:sym), by their low byte. */
const SYMBOL_CHARS: ReadonlyMap<number, string> = new Map([
  [0xb3, '≥'], [0xa3, '≤'], [0xb9, '≠'], [0xb1, '±'], [0xb4, '×'], [0xb8, '÷'], [0xae, '→'],
  [0xac, '←'], [0xb7, '•'], [0xa7, '•'], [0xd8, '•'], [0x2d, '-'], [0xb0, '°'], [0xbb, '≈'],
]);

// ——— Auto-numbered paragraphs (word/numbering.xml) ———

interface NumberingLevel {
  start: number;
  format: string;
  text: string;
}

/** The list definitions of a document and the counters Word keeps while laying it out. */
export class DocxNumbering {
  private readonly abstracts = new Map<string, Map<number, NumberingLevel>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();
  private readonly numsSeen = new Set<string>();
  /** The start overrides of the list instance last restarting each abstract list. */
  private readonly overrides = new Map<string, ReadonlyMap<number, number>>();

  /** Reads word/numbering.xml (a malformed one gives no numbering rather than an error). */
  static read(xml: string | undefined): DocxNumbering {
    const numbering = new DocxNumbering();
    if (!xml) return numbering;
    let abstract: Map<number, NumberingLevel> | null = null;
    let level: NumberingLevel | null = null;
    let num: { abstractId: string; starts: Map<number, number> } | null = null;
    let overrideLevel = -1;
    const path: string[] = [];
    xmlScan(xml, {
      open(tag: XmlTag) {
        const parent = path[path.length - 1];
        path.push(tag.name);
        switch (tag.name) {
          case 'w:abstractNum':
            abstract = new Map();
            numbering.abstracts.set(tag.attr('w:abstractNumId') ?? '', abstract);
            break;
          case 'w:lvl':
            if (abstract && parent === 'w:abstractNum') {
              level = { start: 1, format: 'decimal', text: '' };
              abstract.set(Number(tag.attr('w:ilvl') ?? 0), level);
            }
            break;
          case 'w:start':
            if (level && parent === 'w:lvl') level.start = Number(tag.attr('w:val') ?? 1) || 0;
            break;
          case 'w:numFmt':
            if (level && parent === 'w:lvl') level.format = tag.attr('w:val') ?? 'decimal';
            break;
          case 'w:lvlText':
            if (level && parent === 'w:lvl') level.text = tag.attr('w:val') ?? '';
            break;
          case 'w:num':
            num = { abstractId: '', starts: new Map() };
            numbering.nums.set(tag.attr('w:numId') ?? '', num);
            break;
          case 'w:abstractNumId':
            if (num && parent === 'w:num') num.abstractId = tag.attr('w:val') ?? '';
            break;
          case 'w:lvlOverride':
            overrideLevel = Number(tag.attr('w:ilvl') ?? -1);
            break;
          case 'w:startOverride':
            if (num && overrideLevel >= 0) num.starts.set(overrideLevel, Number(tag.attr('w:val') ?? 1) || 0);
            break;
        }
      },
      close(name) {
        path.pop();
        if (name === 'w:abstractNum') abstract = null;
        else if (name === 'w:lvl') level = null;
        else if (name === 'w:num') num = null;
        else if (name === 'w:lvlOverride') overrideLevel = -1;
      },
    });
    return numbering;
  }

  /** The number Word shows before the next paragraph of list `numId` at level `ilvl` ("2.", "II."), advancing the count. */
  next(numId: string, ilvl: number): string {
    const num = this.nums.get(numId);
    const levels = num ? this.abstracts.get(num.abstractId) : undefined;
    if (!num || !levels || numId === '0') return '';
    const level = levels.get(ilvl);
    if (!level) return '';
    let counts = this.counters.get(num.abstractId);
    if (!counts) {
      counts = [];
      this.counters.set(num.abstractId, counts);
    }
    // A list instance with start overrides restarts the list from those levels when first used.
    if (!this.numsSeen.has(numId)) {
      this.numsSeen.add(numId);
      if (num.starts.size > 0) {
        this.overrides.set(num.abstractId, num.starts);
        counts.length = Math.min(counts.length, ...num.starts.keys());
      }
    }
    const startOf = (l: number): number => this.overrides.get(num.abstractId)?.get(l) ?? levels.get(l)?.start ?? 1;
    counts[ilvl] = (counts[ilvl] ?? startOf(ilvl) - 1) + 1;
    // Deeper levels start again under the new number.
    counts.length = ilvl + 1;
    if (level.format === 'none') return '';
    if (level.format === 'bullet') {
      const bullet = level.text.codePointAt(0) ?? 0x2022;
      const shown = bullet >= 0xf000 && bullet <= 0xf0ff ? (SYMBOL_CHARS.get(bullet & 0xff) ?? '•') : String.fromCodePoint(bullet);
      return `${shown} `;
    }
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const value = counts[l] ?? startOf(l);
      return numberShow(value, levels.get(l)?.format ?? 'decimal');
    });
    return text === '' ? '' : `${text} `;
  }
}

function numberShow(value: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return numberingRoman(value);
    case 'lowerRoman':
      return numberingRoman(value).toLowerCase();
    case 'upperLetter':
      return numberingAlpha(value);
    case 'lowerLetter':
      return numberingAlpha(value).toLowerCase();
    case 'decimalZero':
      return String(value).padStart(2, '0');
    default:
      return String(value);
  }
}

// ——— Tables ———

interface CellBuild {
  span: number;
  /** "restart" starts a vertical merge, "continue" is covered by the cell above. */
  vMerge: 'none' | 'restart' | 'continue';
  hMergeContinue: boolean;
  text: CellText;
}

interface RowBuild {
  cells: CellBuild[];
  gridBefore: number;
  header: boolean;
  deleted: boolean;
}

interface TableBuild {
  index: number;
  depth: number;
  parent: number;
  before: string[];
  rows: RowBuild[];
  row: RowBuild | null;
  cell: CellBuild | null;
}

function onOff(tag: XmlTag): boolean {
  const value = tag.attr('w:val');
  return value === undefined || !/^(0|false|off)$/i.test(value);
}

function intAttr(tag: XmlTag, max: number): number {
  const n = Number.parseInt(tag.attr('w:val') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : 0;
}

/**
 * Every table of a document body in the order they start (nested ones included), laid out on
 * their grids. Fails only on XML that is not well formed (or has a DOCTYPE).
 */
export function docxTablesRead(xml: string, numbering: DocxNumbering = new DocxNumbering()): ParseResult<DocxTable[]> {
  const tables: DocxTable[] = [];
  const open: TableBuild[] = [];
  const path: string[] = [];
  let skipDepth = -1;
  let bodyParagraphs: string[] = [];
  let paragraph: CellText | null = null;
  let paragraphNumber: { numId: string; ilvl: number } | null = null;
  let paragraphNumbered = false;
  let runHidden = false;
  let suppress = 0;
  const sdts: Array<{ placeholder: boolean; suppressing: boolean }> = [];
  let cells = 0;

  /** The text sink of the moment: the open cell's text, else a body paragraph's. */
  const sink = (): CellText | null => {
    const table = open[open.length - 1];
    return table?.cell ? table.cell.text : paragraph;
  };
  const numberingApply = (): void => {
    if (paragraphNumbered || !paragraphNumber) return;
    paragraphNumbered = true;
    const prefix = numbering.next(paragraphNumber.numId, paragraphNumber.ilvl);
    if (prefix) sink()?.append(prefix);
  };

  const result = xmlScan(xml, {
    open(tag) {
      const name = tag.name;
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      path.push(name);
      if (skipDepth >= 0) {
        if (name === 'w:showingPlcHdr' && path.includes('w:sdtPr')) {
          const sdt = sdts[sdts.length - 1];
          if (sdt) sdt.placeholder = true;
        }
        if (name === 'w:vanish' && parent === 'w:rPr' && grand === 'w:r' && onOff(tag)) runHidden = true;
        return;
      }
      const table = open[open.length - 1];
      // A row deleted with track changes on: Word's final view leaves it out.
      if (name === 'w:del' && parent === 'w:trPr' && table?.row) table.row.deleted = true;
      switch (name) {
        case 'w:tbl': {
          if (tables.length >= MAX_TABLES) {
            skipDepth = path.length - 1;
            break;
          }
          const depth = open.length;
          const build: TableBuild = {
            index: tables.length,
            depth,
            parent: table ? table.index : -1,
            before: depth === 0 ? bodyParagraphs : [],
            rows: [],
            row: null,
            cell: null,
          };
          if (depth === 0) bodyParagraphs = [];
          // Reserve the table's place in start order; filled when it closes.
          tables.push(undefined as unknown as DocxTable);
          open.push(build);
          break;
        }
        case 'w:tr':
          if (table) table.row = { cells: [], gridBefore: 0, header: false, deleted: false };
          break;
        case 'w:gridBefore':
          if (table?.row && parent === 'w:trPr') table.row.gridBefore = intAttr(tag, MAX_COLUMNS);
          break;
        case 'w:tblHeader':
          if (table?.row && parent === 'w:trPr') table.row.header = onOff(tag);
          break;
        case 'w:tc':
          if (table?.row) table.cell = { span: 1, vMerge: 'none', hMergeContinue: false, text: new CellText() };
          break;
        case 'w:gridSpan':
          if (table?.cell && parent === 'w:tcPr') table.cell.span = Math.max(1, intAttr(tag, MAX_COLUMNS));
          break;
        case 'w:vMerge':
          if (table?.cell && parent === 'w:tcPr') table.cell.vMerge = tag.attr('w:val') === 'restart' ? 'restart' : 'continue';
          break;
        case 'w:hMerge':
          if (table?.cell && parent === 'w:tcPr') table.cell.hMergeContinue = tag.attr('w:val') !== 'restart';
          break;
        case 'w:p':
          paragraphNumber = null;
          paragraphNumbered = false;
          if (!table?.cell) paragraph = new CellText();
          break;
        case 'w:numId':
          if (parent === 'w:numPr') paragraphNumber = { numId: tag.attr('w:val') ?? '', ilvl: paragraphNumber?.ilvl ?? 0 };
          break;
        case 'w:ilvl':
          if (parent === 'w:numPr') paragraphNumber = { numId: paragraphNumber?.numId ?? '', ilvl: intAttr(tag, 8) };
          break;
        case 'w:r':
          runHidden = false;
          numberingApply();
          break;
        case 'w:tab':
        case 'w:ptab':
          if (parent === 'w:r' && !runHidden && suppress === 0) sink()?.append(' ');
          break;
        case 'w:br':
        case 'w:cr':
          if (parent === 'w:r' && !runHidden && suppress === 0) sink()?.lineBreak();
          break;
        case 'w:noBreakHyphen':
          if (parent === 'w:r' && !runHidden && suppress === 0) sink()?.append('-');
          break;
        case 'w:sym': {
          if (parent !== 'w:r' || runHidden || suppress > 0) break;
          const code = Number.parseInt(tag.attr('w:char') ?? '', 16);
          if (Number.isFinite(code)) {
            const shown = code >= 0xf000 && code <= 0xf0ff ? SYMBOL_CHARS.get(code & 0xff) : code > 0 && code < 0xd800 ? String.fromCharCode(code) : undefined;
            if (shown) sink()?.append(shown);
          }
          break;
        }
        case 'w:sdt':
          sdts.push({ placeholder: false, suppressing: false });
          break;
        case 'w:sdtContent': {
          const sdt = sdts[sdts.length - 1];
          if (sdt?.placeholder) {
            sdt.suppressing = true;
            suppress += 1;
          }
          break;
        }
        default:
          if (SKIPPED.has(name)) skipDepth = path.length - 1;
      }
    },
    close(name) {
      if (skipDepth >= 0) {
        if (path.length - 1 === skipDepth) skipDepth = -1;
        path.pop();
        return;
      }
      path.pop();
      const table = open[open.length - 1];
      switch (name) {
        case 'w:p': {
          numberingApply();
          if (table?.cell) {
            table.cell.text.lineBreak();
          } else if (paragraph) {
            bodyParagraphs.push(paragraph.finish());
            paragraph = null;
          }
          paragraphNumber = null;
          break;
        }
        case 'w:tc':
          if (table?.row && table.cell) {
            if (cells < MAX_CELLS) table.row.cells.push(table.cell);
            cells += 1;
          }
          if (table) table.cell = null;
          break;
        case 'w:tr':
          if (table?.row && !table.row.deleted) table.rows.push(table.row);
          if (table) table.row = null;
          break;
        case 'w:tbl': {
          const done = open.pop();
          if (done) tables[done.index] = tableLayout(done);
          break;
        }
        case 'w:sdt':
          sdts.pop();
          break;
        case 'w:sdtContent': {
          const sdt = sdts[sdts.length - 1];
          if (sdt?.suppressing) {
            sdt.suppressing = false;
            suppress -= 1;
          }
          break;
        }
      }
    },
    text(text) {
      if (skipDepth >= 0 || suppress > 0 || runHidden) return;
      if (path[path.length - 1] !== 'w:t' || path[path.length - 2] !== 'w:r') return;
      sink()?.append(text);
    },
  });
  if (!result.ok) return result;
  return parseOk(tables.filter((t): t is DocxTable => t !== undefined));
}

/** Lays a table's cells out on its grid. */
function tableLayout(build: TableBuild): DocxTable {
  const grid: string[][] = [];
  let width = 0;
  let headerRows = 0;
  let headerRun = true;
  for (const row of build.rows) {
    const out: string[] = [];
    let col = Math.min(row.gridBefore, MAX_COLUMNS);
    for (let c = 0; c < col; c += 1) out.push('');
    for (const cell of row.cells) {
      if (col >= MAX_COLUMNS) break;
      const span = Math.min(cell.span, MAX_COLUMNS - col);
      const covered = cell.vMerge === 'continue' || cell.hMergeContinue;
      out.push(covered ? '' : cell.text.finish());
      for (let k = 1; k < span; k += 1) out.push('');
      col += span;
    }
    width = Math.max(width, out.length);
    grid.push(out);
    if (headerRun && row.header) headerRows += 1;
    else headerRun = false;
  }
  for (const row of grid) while (row.length < width) row.push('');
  return { grid, width, depth: build.depth, headerRows, before: build.before, parent: build.parent };
}

function preview(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}

/**
 * The appendix tables among a document's tables: each table whose header the domain recognises,
 * followed by the tables that continue it — the same number of columns, either no header of
 * their own or the same header again, with at most a few short paragraphs between (page
 * numbers, "(tiếp theo)", empty lines), which are dropped and reported. Tables nested inside an
 * appendix table are part of its cells, not appendices of their own.
 */
export function docxAppendixTables(tables: readonly DocxTable[]): DocxAppendix[] {
  const appendices: DocxAppendix[] = [];
  const appendixOf = new Map<number, DocxAppendix>();
  let current: { appendix: DocxAppendix; width: number; depth: number; parent: number; fields: string } | null = null;
  tables.forEach((table, index) => {
    // Inside an appendix (a table in one of its cells): not a table of its own.
    let ancestor = table.parent;
    while (ancestor >= 0 && !appendixOf.has(ancestor)) ancestor = tables[ancestor]?.parent ?? -1;
    if (ancestor >= 0) return;

    // The fields its header names (STT as "#"): the same again on a piece that repeats the header.
    const fields = headerRowFind(table.grid)?.matches.map((m) => (m.number ? '#' : m.field)).join('|');
    const between = table.before.filter((line) => line.trim() !== '');
    const adjacent =
      current !== null &&
      table.depth === current.depth &&
      table.parent === current.parent &&
      table.width === current.width &&
      between.length <= CONTINUATION_MAX_LINES &&
      between.every((line) => line.length <= 200);
    if (current && adjacent && (fields === undefined || fields === current.fields)) {
      const { appendix } = current;
      for (const line of between) {
        appendix.notes.push({
          code: IMPORT_NOTE_CODES.pageArtifact,
          message: `Bỏ dòng “${preview(line)}” nằm giữa hai phần của bảng (số trang hoặc dòng ghi chú khi bảng sang trang).`,
          line: appendix.grid.length + 1,
        });
      }
      appendix.notes.push({
        code: IMPORT_NOTE_CODES.format,
        message: `Bảng được Word tách thành nhiều phần (sang trang); đã nối phần thứ ${appendix.pieces.length + 1} vào từ dòng ${appendix.grid.length + 1}.`,
      });
      appendix.grid.push(...table.grid);
      appendix.pieces.push(index);
      appendixOf.set(index, appendix);
      return;
    }
    if (fields !== undefined) {
      const appendix: DocxAppendix = { grid: table.grid.map((row) => [...row]), before: [...table.before], pieces: [index], notes: [] };
      appendices.push(appendix);
      appendixOf.set(index, appendix);
      current = { appendix, width: table.width, depth: table.depth, parent: table.parent, fields };
      return;
    }
    // Another table (a signature block, a layout table) at the same level ends the appendix.
    if (current && table.depth <= current.depth) current = null;
  });
  return appendices;
}
