/**
 * Tables out of the HTML that Word and Excel put on the clipboard (and of saved .htm files),
 * without a DOM: domain runs in Node too. A small single-pass tokenizer reads tags, attributes
 * and character references (entities.ts); cell text is what a browser shows, written by the
 * cell rule every reader follows (cell-text.ts: <br> and paragraphs are line breaks, runs of white
 * space one space, blank lines dropped; comments, Word's conditional comments, <style>, <script>
 * and <head> skipped). Every step moves forward through the text, so the work is linear in its
 * length, and the number of tables, nesting depth, columns and cells is capped against hostile
 * input.
 */
import { CellText } from './cell-text.ts';
import { htmlEntitiesDecode } from './entities.ts';
import { HEADER_SEARCH_ROWS, headerRowFind } from './header.ts';

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

/** Elements whose content is not text of the page. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xml', 'noscript', 'template', 'iframe', 'noembed', 'noframes']);
/** Elements that start and end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'address', 'center', 'hr', 'figure',
]);

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

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
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
        currentCell()?.lineBreak();
        return;
      default:
        if (BLOCKS.has(name)) currentCell()?.lineBreak();
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
        currentCell()?.lineBreak();
        return;
      default:
        if (BLOCKS.has(name)) currentCell()?.lineBreak();
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

/** Whether a table has an appendix header, found as every reader finds it (spans need no layout for that). */
function htmlTableHasHeader(table: HtmlTable): boolean {
  return headerRowFind(table.rows.slice(0, HEADER_SEARCH_ROWS).map((row) => row.map((c) => c.text))) !== undefined;
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
    const looks = htmlTableHasHeader(table);
    if (!chosen || (looks && !chosenLooks) || (looks === chosenLooks && table.cells > chosen.cells)) {
      chosen = table;
      chosenLooks = looks;
    }
  }
  return chosen ? htmlTableGrid(chosen) : [];
}
