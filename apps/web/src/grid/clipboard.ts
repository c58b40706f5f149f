/**
 * The clipboard formats of the grid: a copied range is written as Excel writes it (TSV in
 * `text/plain`, an HTML table in `text/html`), and what is pasted from Excel, LibreOffice, Word
 * or the grid itself is read into a grid of cells with the domain's parsers.
 */
import { delimitedParse, htmlTableParse } from '@phuluc/domain';
import type { RowModel } from '@phuluc/domain';
import type { CellRange } from './selection.ts';

/** Marks the HTML the grid itself writes, so a paste back reads the exact TSV instead. */
const OWN_HTML_MARK = 'data-phuluc-grid';

/** The cells of a range as text: a section row gives its title in the range's first column. */
export function clipboardCells(rows: readonly RowModel[], fields: readonly string[], range: CellRange): string[][] {
  const out: string[][] = [];
  for (let r = range.top; r <= range.bottom; r += 1) {
    const row = rows[r];
    if (!row) continue;
    const line: string[] = [];
    for (let c = range.left; c <= range.right; c += 1) {
      const field = fields[c];
      if (field === undefined) continue;
      if (row.kind === 'section') line.push(c === range.left ? row.label : '');
      else line.push(row.cells[field] ?? '');
    }
    out.push(line);
  }
  return out;
}

/**
 * Excel's TSV: a cell holding a tab, a line break or starting with a quote is quoted, its quotes
 * doubled; rows end with CRLF (line breaks inside cells stay LF, as Excel writes them).
 */
export function clipboardTsv(cells: readonly (readonly string[])[]): string {
  const cell = (c: string): string => (/[\t\n\r]/.test(c) || c.startsWith('"') ? `"${c.replaceAll('"', '""')}"` : c);
  return cells.map((row) => row.map(cell).join('\t')).join('\r\n') + '\r\n';
}

function htmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * An HTML table as spreadsheets and Word read it: UTF-8, one `<td>` per cell, line breaks as
 * `<br>` marked to stay in the cell (Excel's own `mso-data-placement`).
 */
export function clipboardHtml(cells: readonly (readonly string[])[]): string {
  const td = (c: string): string =>
    `<td style="white-space:pre-wrap;vertical-align:top">${htmlEscape(c).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell;">')}</td>`;
  const body = cells.map((row) => `<tr>${row.map(td).join('')}</tr>`).join('');
  return `<html><head><meta charset="utf-8"></head><body><table ${OWN_HTML_MARK}="1" border="1" style="border-collapse:collapse">${body}</table></body></html>`;
}

/**
 * Reads pasted data into rows of cells. HTML with a table wins (Word's plain text splits a
 * multi-line cell into several rows), except the grid's own HTML, whose TSV is exact; then TSV.
 * Windows line breaks inside cells become "\n"; blank rows at the end are dropped.
 */
export function clipboardParse(data: { text: string; html: string }): string[][] {
  let grid: string[][] = [];
  if (data.html && /<t[dh][\s>]/i.test(data.html) && !data.html.includes(OWN_HTML_MARK)) grid = htmlTableParse(data.html);
  if (grid.length === 0 && data.text) grid = delimitedParse(data.text, '\t');
  grid = grid.map((row) => row.map((c) => c.replace(/\r\n?/g, '\n')));
  while (grid.length > 0 && (grid[grid.length - 1] ?? []).every((c) => c.trim() === '')) grid.pop();
  return grid;
}
