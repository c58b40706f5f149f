/**
 * Tables out of the HTML that Word and Excel put on the clipboard (and of saved .htm files),
 * without a DOM: domain runs in Node too. A small single-pass tokenizer reads tags, attributes
 * and character references; cell text follows what a browser shows (white space collapsed,
 * <br> and paragraphs as line breaks, comments, Word's conditional comments, <style>, <script>
 * and <head> skipped). Every step moves forward through the text, so the work is linear in its
 * length, and the number of tables, nesting depth, columns and cells is capped against hostile
 * input.
 */
import { headerRecognize } from './header.ts';

/** One cell as written in the HTML: its text and how far it spans. */
export interface HtmlCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** One `<table>` as written: rows of cells, spans not yet laid out. */
export interface HtmlTable {
  rows: HtmlCell[][];
  /** 0 for a table not inside another one. */
  depth: number;
  /** Number of cells (before spans are laid out). */
  cells: number;
}

/** Tables nested deeper than this are read as part of their parent. */
const MAX_DEPTH = 32;
const MAX_TABLES = 10_000;
/** The HTML limit of colspan, and the widest table read. */
const MAX_COLUMNS = 1000;
const MAX_ROWSPAN = 65_534;
/** Cells read over all tables, and cells laid out in the chosen grid. */
const MAX_CELLS = 2_000_000;
/** How many rows of a table are looked at to tell whether it is an appendix. */
const HEADER_SEARCH_ROWS = 20;
const HEADER_SEARCH_CELLS = 64;

/** Elements whose content is not text of the page. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xml', 'noscript', 'template', 'iframe', 'noembed', 'noframes']);
/** Elements that start and end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'address', 'center', 'hr', 'figure',
]);

// Latin-1 letters 0xC0–0xFF by their entity names, in code point order.
const LATIN1_NAMES =
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const NAMED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>(
    Object.entries({
      nbsp: '\u00A0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
      ndash: '\u2013', mdash: '\u2014', minus: '\u2212', hellip: '\u2026', bull: '\u2022', middot: '\u00B7',
      lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201A', ldquo: '\u201C', rdquo: '\u201D', bdquo: '\u201E',
      laquo: '\u00AB', raquo: '\u00BB', lsaquo: '\u2039', rsaquo: '\u203A', prime: '\u2032', Prime: '\u2033',
      ge: '\u2265', le: '\u2264', ne: '\u2260', asymp: '\u2248', plusmn: '\u00B1', infin: '\u221E',
      deg: '\u00B0', micro: '\u00B5', permil: '\u2030', frac12: '\u00BD', frac14: '\u00BC', frac34: '\u00BE',
      sup1: '\u00B9', sup2: '\u00B2', sup3: '\u00B3', copy: '\u00A9', reg: '\u00AE', trade: '\u2122',
      euro: '\u20AC', cent: '\u00A2', pound: '\u00A3', yen: '\u00A5', sect: '\u00A7', para: '\u00B6',
      iexcl: '\u00A1', iquest: '\u00BF', not: '\u00AC', ordf: '\u00AA', ordm: '\u00BA', acute: '\u00B4',
      cedil: '\u00B8', uml: '\u00A8', macr: '\u00AF', brvbar: '\u00A6', curren: '\u00A4',
      dagger: '\u2020', Dagger: '\u2021', larr: '\u2190', rarr: '\u2192', uarr: '\u2191', darr: '\u2193',
      harr: '\u2194', lArr: '\u21D0', rArr: '\u21D2', hArr: '\u21D4', radic: '\u221A', sum: '\u2211',
      shy: '\u00AD', zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F',
      ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', OElig: '\u0152', oelig: '\u0153',
      Scaron: '\u0160', scaron: '\u0161', Yuml: '\u0178', fnof: '\u0192', circ: '\u02C6', tilde: '\u02DC',
    }),
  );
  LATIN1_NAMES.split(' ').forEach((name, k) => map.set(name, String.fromCharCode(0xc0 + k)));
  return map;
})();

/** References a browser also reads without the closing ";" ("&nbsp" in old HTML). */
const NAMED_LEGACY = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg']);

/** What numeric references 0x80–0x9F mean: Windows-1252, as browsers read them. */
const CP1252: ReadonlyMap<number, number> = new Map([
  [0x80, 0x20ac], [0x82, 0x201a], [0x83, 0x0192], [0x84, 0x201e], [0x85, 0x2026], [0x86, 0x2020],
  [0x87, 0x2021], [0x88, 0x02c6], [0x89, 0x2030], [0x8a, 0x0160], [0x8b, 0x2039], [0x8c, 0x0152],
  [0x8e, 0x017d], [0x91, 0x2018], [0x92, 0x2019], [0x93, 0x201c], [0x94, 0x201d], [0x95, 0x2022],
  [0x96, 0x2013], [0x97, 0x2014], [0x98, 0x02dc], [0x99, 0x2122], [0x9a, 0x0161], [0x9b, 0x203a],
  [0x9c, 0x0153], [0x9e, 0x017e], [0x9f, 0x0178],
]);

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function codePointText(code: number): string {
  const mapped = CP1252.get(code) ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(mapped);
}

/**
 * Decodes character references: named (`&nbsp;`, `&ndash;`, `&eacute;` …), decimal (`&#7879;`)
 * and hexadecimal (`&#x1EC7;`). An unknown or malformed reference is left as written.
 */
export function htmlEntitiesDecode(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  const out: string[] = [];
  let from = 0;
  while (amp >= 0) {
    let j = amp + 1;
    let decoded: string | null = null;
    if (text.charCodeAt(j) === 35 /* # */) {
      j += 1;
      const hex = text.charCodeAt(j) === 120 || text.charCodeAt(j) === 88; // x X
      if (hex) j += 1;
      const start = j;
      const digit = hex ? isHexDigit : isDigit;
      while (j < text.length && j - start < 8 && digit(text.charCodeAt(j))) j += 1;
      if (j > start) {
        decoded = codePointText(parseInt(text.slice(start, j), hex ? 16 : 10));
        if (text.charCodeAt(j) === 59 /* ; */) j += 1;
      }
    } else {
      const start = j;
      while (j < text.length && j - start < 32 && isAsciiAlnum(text.charCodeAt(j))) j += 1;
      const name = text.slice(start, j);
      if (text.charCodeAt(j) === 59 && NAMED.has(name)) {
        decoded = NAMED.get(name) ?? null;
        j += 1;
      } else if (NAMED_LEGACY.has(name)) {
        decoded = NAMED.get(name) ?? null;
      }
    }
    if (decoded === null) {
      // Left as written: it stays in the text copied from `from` on.
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out.push(text.slice(from, amp), decoded);
    from = j;
    amp = text.indexOf('&', from);
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Builds a cell's text the way a browser lays it out: lines of collapsed white space. */
class CellText {
  private readonly lines: string[] = [];
  private line: string[] = [];
  private lineHasContent = false;

  append(text: string): void {
    const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
    this.line.push(collapsed);
    if (!this.lineHasContent && collapsed !== ' ' && collapsed !== '') this.lineHasContent = true;
  }

  /** `<br>`: always a new line. */
  breakHard(): void {
    this.lines.push(this.line.join(''));
    this.line = [];
    this.lineHasContent = false;
  }

  /** A paragraph boundary: a new line unless the current one is still empty. */
  breakSoft(): void {
    if (this.lineHasContent) this.breakHard();
    else this.line = [];
  }

  finish(): string {
    if (this.lineHasContent) this.lines.push(this.line.join(''));
    // Word marks empty paragraphs and runs of spaces with &nbsp;: read them as spaces.
    const lines = this.lines.map((l) => l.replace(/ {2,}/g, ' ').replace(/\u00A0/g, ' ').trim());
    let start = 0;
    let end = lines.length;
    while (start < end && lines[start] === '') start += 1;
    while (end > start && lines[end - 1] === '') end -= 1;
    return lines.slice(start, end).join('\n');
  }
}

interface Spans {
  colspan?: string;
  rowspan?: string;
}

interface OpenTable {
  table: HtmlTable;
  row: HtmlCell[] | null;
  cell: { target: HtmlCell; text: CellText } | null;
}

const rawTextEnd = new Map<string, RegExp>();

function rawTextEndFind(html: string, name: string, from: number): number {
  let re = rawTextEnd.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    rawTextEnd.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : html.length;
}

function isNameChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 58 /* : */ || c === 45 /* - */ || c === 95 /* _ */;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function spanParse(value: string | undefined, max: number): number {
  if (value === undefined) return 1;
  const m = /^\s*(\d{1,7})/.exec(value);
  const n = m?.[1] ? Number(m[1]) : 1;
  return n < 1 ? 1 : Math.min(n, max);
}

/**
 * Every table of an HTML document or fragment, in the order they start, with cell text as a
 * browser shows it. A nested table's text is not repeated in the cell around it.
 */
export function htmlTablesParse(html: string): HtmlTable[] {
  const n = html.length;
  const tables: HtmlTable[] = [];
  const stack: OpenTable[] = [];
  let ignoredTables = 0;
  let inHead = false;
  let cellsTotal = 0;
  let i = 0;

  const cellClose = (open: OpenTable): void => {
    if (!open.cell) return;
    open.cell.target.text = open.cell.text.finish();
    open.cell = null;
  };
  const rowClose = (open: OpenTable): void => {
    cellClose(open);
    open.row = null;
  };
  const rowOpen = (open: OpenTable): void => {
    rowClose(open);
    if (cellsTotal >= MAX_CELLS) return;
    open.row = [];
    open.table.rows.push(open.row);
  };
  const cellOpen = (open: OpenTable, spans: Spans): void => {
    cellClose(open);
    if (!open.row) rowOpen(open);
    const row = open.row;
    if (!row || row.length >= MAX_COLUMNS || cellsTotal >= MAX_CELLS) return;
    const target: HtmlCell = {
      text: '',
      colspan: spanParse(spans.colspan, MAX_COLUMNS),
      rowspan: spanParse(spans.rowspan, MAX_ROWSPAN),
    };
    row.push(target);
    open.table.cells += 1;
    cellsTotal += 1;
    open.cell = { target, text: new CellText() };
  };
  const currentCell = (): CellText | undefined => (inHead ? undefined : stack[stack.length - 1]?.cell?.text);

  const startTag = (name: string, spans: Spans): void => {
    const top = stack[stack.length - 1];
    switch (name) {
      case 'head':
        inHead = true;
        return;
      case 'body':
        inHead = false;
        return;
      case 'table':
        inHead = false;
        if (stack.length >= MAX_DEPTH || tables.length >= MAX_TABLES) {
          ignoredTables += 1;
          return;
        }
        {
          const table: HtmlTable = { rows: [], depth: stack.length, cells: 0 };
          tables.push(table);
          stack.push({ table, row: null, cell: null });
        }
        return;
      case 'tr':
        if (top) rowOpen(top);
        return;
      case 'td':
      case 'th':
        if (top) cellOpen(top, spans);
        return;
      case 'br':
        currentCell()?.breakHard();
        return;
      default:
        if (BLOCKS.has(name)) currentCell()?.breakSoft();
    }
  };

  const endTag = (name: string): void => {
    const top = stack[stack.length - 1];
    switch (name) {
      case 'head':
        inHead = false;
        return;
      case 'table':
        if (ignoredTables > 0) {
          ignoredTables -= 1;
          return;
        }
        if (top) {
          rowClose(top);
          stack.pop();
        }
        return;
      case 'tr':
        if (top) rowClose(top);
        return;
      case 'td':
      case 'th':
        if (top) cellClose(top);
        return;
      case 'br':
        currentCell()?.breakHard();
        return;
      default:
        if (BLOCKS.has(name)) currentCell()?.breakSoft();
    }
  };

  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const cell = currentCell();
      if (cell) cell.append(htmlEntitiesDecode(html.slice(i, textEnd)));
    }
    if (lt < 0) break;
    i = lt;
    const c1 = html.charCodeAt(i + 1);
    if (c1 === 33 /* ! */ && html.startsWith('<!--', i)) {
      // Comments, Word's conditional comments (<!--[if gte mso 9]>…<![endif]-->) included.
      const close = html.indexOf('-->', i + 2);
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (c1 === 33 || c1 === 63 /* ? */) {
      // <!DOCTYPE>, <![if …]>, <![endif]>, <?xml …?>: skipped, their content is not.
      const close = html.indexOf('>', i + 2);
      i = close < 0 ? n : close + 1;
      continue;
    }
    const closing = c1 === 47; /* / */
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    const first = html.charCodeAt(j);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) {
      if (closing) {
        // "</ >" and the like: a bogus comment to the next ">".
        const close = html.indexOf('>', i + 2);
        i = close < 0 ? n : close + 1;
      } else {
        currentCell()?.append('<');
        i += 1;
      }
      continue;
    }
    while (j < n && isNameChar(html.charCodeAt(j))) j += 1;
    const name = html.slice(nameStart, j).toLowerCase();
    // Only the spans of an attribute list matter here; the first of each counts.
    const spans: Spans = {};
    let ended = false;
    // Attributes: name, name=value, name="value", name='value'.
    while (j < n) {
      const c = html.charCodeAt(j);
      if (isSpace(c) || c === 47 /* / */) {
        j += 1;
        continue;
      }
      if (c === 62 /* > */) {
        j += 1;
        ended = true;
        break;
      }
      const attrStart = j;
      j += 1;
      while (j < n) {
        const d = html.charCodeAt(j);
        if (isSpace(d) || d === 47 || d === 62 || d === 61 /* = */) break;
        j += 1;
      }
      const attrName = j - attrStart === 7 ? html.slice(attrStart, j).toLowerCase() : '';
      while (j < n && isSpace(html.charCodeAt(j))) j += 1;
      let value = '';
      if (html.charCodeAt(j) === 61) {
        j += 1;
        while (j < n && isSpace(html.charCodeAt(j))) j += 1;
        const q = html.charCodeAt(j);
        if (q === 34 || q === 39) {
          const close = html.indexOf(q === 34 ? '"' : "'", j + 1);
          const valueEnd = close < 0 ? n : close;
          value = html.slice(j + 1, valueEnd);
          j = close < 0 ? n : close + 1;
        } else {
          const valueStart = j;
          while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 62) j += 1;
          value = html.slice(valueStart, j);
        }
      }
      if (attrName === 'colspan' || attrName === 'rowspan') spans[attrName] ??= value;
    }
    // A tag cut off by the end of the text is dropped, as browsers do.
    if (!ended) break;
    i = j;
    if (closing) {
      endTag(name);
    } else {
      startTag(name, spans);
      if (RAW_TEXT.has(name)) i = rawTextEndFind(html, name, i);
    }
  }
  for (const open of stack) rowClose(open);
  return tables;
}

/**
 * Lays out a table's spans: a colspan/rowspan cell's text goes in its first (top-left) slot,
 * the slots it covers get "". Rows keep their own width (no padding).
 */
export function htmlTableGrid(table: HtmlTable): string[][] {
  const grid: string[][] = [];
  // For each column, the last row a rowspan from above covers.
  const coveredUntil: number[] = [];
  const active = new Set<number>();
  let total = 0;
  for (let r = 0; r < table.rows.length && total < MAX_CELLS; r += 1) {
    for (const c of active) if ((coveredUntil[c] ?? -1) < r) active.delete(c);
    const out: string[] = [];
    let col = 0;
    for (const cell of table.rows[r] ?? []) {
      while (col < MAX_COLUMNS && (coveredUntil[col] ?? -1) >= r) col += 1;
      if (col >= MAX_COLUMNS) break;
      const span = Math.min(cell.colspan, MAX_COLUMNS - col);
      for (let k = 0; k < span; k += 1) {
        out[col + k] = k === 0 ? cell.text : '';
        if (cell.rowspan > 1) {
          coveredUntil[col + k] = Math.max(coveredUntil[col + k] ?? -1, r + cell.rowspan - 1);
          active.add(col + k);
        }
      }
      col += span;
    }
    let width = out.length;
    for (const c of active) if ((coveredUntil[c] ?? -1) >= r && c + 1 > width) width = c + 1;
    const row = new Array<string>(width);
    for (let c = 0; c < width; c += 1) row[c] = out[c] ?? '';
    grid.push(row);
    total += width;
  }
  return grid;
}

/** How much a table looks like an appendix: the most header labels recognised in one row. */
function htmlTableHeaderScore(table: HtmlTable): number {
  let best = 0;
  for (const row of table.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const texts = row.slice(0, HEADER_SEARCH_CELLS).map((c) => c.text);
    if (texts.filter((t) => t !== '').length < 2) continue;
    best = Math.max(best, headerRecognize(texts).recognized);
  }
  return best;
}

/**
 * The cell grid of the appendix table in clipboard or saved HTML: of all tables (nested ones
 * included), the largest one whose rows contain a header (≥ 2 labels recognised), the first on a
 * tie; without such a table, the largest one. [] when the HTML has no table cell.
 */
export function htmlTableParse(html: string): string[][] {
  const tables = htmlTablesParse(html).filter((t) => t.cells > 0);
  let chosen: HtmlTable | undefined;
  let chosenLooks = false;
  for (const table of tables) {
    const looks = htmlTableHeaderScore(table) >= 2;
    if (!chosen || (looks && !chosenLooks) || (looks === chosenLooks && table.cells > chosen.cells)) {
      chosen = table;
      chosenLooks = looks;
    }
  }
  return chosen ? htmlTableGrid(chosen) : [];
}
