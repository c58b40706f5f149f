/**
 * Delimited text as Excel, Word and LibreOffice put it on the clipboard or in a file:
 * TSV (tab), CSV (comma) and the semicolon CSV of locales whose decimal mark is the comma.
 * RFC 4180 quoting ("…" with "" for a quote, line breaks inside quotes), read leniently so a
 * cell that merely starts with a quote ("hộ kinh doanh số" tại …) keeps its quotes.
 */

/** The separators an import accepts. */
export type Delimiter = '\t' | ',' | ';';

/** Rows of cells, with the 1-based source line each row starts on (for notes). */
export interface DelimitedRows {
  rows: string[][];
  lines: number[];
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Parses delimited text into rows of cells. A UTF-8 BOM is dropped; rows end at LF or CRLF
 * (or at CR when the text has no LF at all: old Mac clipboards); a final line break does not
 * make an empty row, but blank lines in between stay as `[""]` so importers can report them.
 * Inside a quoted cell, CRLF becomes LF (the model's line break).
 */
export function delimitedParse(text: string, delimiter: Delimiter): string[][] {
  return delimitedParseWithLines(text, delimiter).rows;
}

/** `delimitedParse`, also telling on which source line each row starts. */
export function delimitedParseWithLines(text: string, delimiter: Delimiter): DelimitedRows {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  const delim = delimiter.charCodeAt(0);
  // Without any LF, a CR ends a row; otherwise a lone CR is cell content.
  const crBreaks = src.indexOf('\n') < 0;
  const isBreak = (c: number): boolean => c === LF || (crBreaks && c === CR);

  const rows: string[][] = [];
  const lines: number[] = [];
  if (n === 0) return { rows, lines };

  // Look-ahead for closing quotes that turn out not to close a cell is paid from this budget,
  // so hostile text cannot make the parser quadratic: past it, quotes are read literally.
  let quoteBudget = 2 * n + 1_000_000;
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let i = 0;

  const rowEnd = (): void => {
    rows.push(row);
    lines.push(rowLine);
    row = [];
  };

  for (;;) {
    // At the start of a cell.
    let cell: string | null = null;
    if (src.charCodeAt(i) === QUOTE && quoteBudget > 0) {
      let j = i + 1;
      let close = -1;
      for (;;) {
        const k = src.indexOf('"', j);
        if (k < 0) break;
        if (src.charCodeAt(k + 1) === QUOTE) {
          j = k + 2;
          continue;
        }
        close = k;
        break;
      }
      if (close >= 0 && quotedCellEnds(src, close + 1, delim, crBreaks)) {
        const raw = src.slice(i + 1, close);
        line += lineBreaksCount(raw, crBreaks);
        cell = raw.replaceAll('""', '"').replaceAll('\r\n', '\n');
        i = close + 1;
      } else {
        quoteBudget -= (close < 0 ? n : close) - i;
      }
    }
    if (cell === null) {
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === delim || isBreak(c)) break;
        j += 1;
      }
      cell = src.slice(i, j);
      i = j;
    }

    // After a cell: a delimiter, a line break or the end.
    if (i < n && src.charCodeAt(i) === CR && src.charCodeAt(i + 1) === LF) {
      row.push(cell);
      rowEnd();
      i += 2;
      line += 1;
      rowLine = line;
      if (i >= n) break;
      continue;
    }
    // A CR right before LF was left at the end of an unquoted cell: strip it there.
    if (i < n && src.charCodeAt(i) === LF && cell.endsWith('\r')) cell = cell.slice(0, -1);
    row.push(cell);
    if (i >= n) {
      rowEnd();
      break;
    }
    const c = src.charCodeAt(i);
    i += 1;
    if (c === delim) {
      if (i >= n) {
        row.push('');
        rowEnd();
        break;
      }
      continue;
    }
    // A line break.
    rowEnd();
    line += 1;
    rowLine = line;
    if (i >= n) break;
  }
  return { rows, lines };
}

/** Whether a closing quote at `at - 1` ends the cell: the text, the row or the cell ends there. */
function quotedCellEnds(src: string, at: number, delim: number, crBreaks: boolean): boolean {
  if (at >= src.length) return true;
  const c = src.charCodeAt(at);
  return c === delim || c === LF || (c === CR && (crBreaks || src.charCodeAt(at + 1) === LF));
}

function lineBreaksCount(text: string, crBreaks: boolean): number {
  const mark = crBreaks ? '\r' : '\n';
  let count = 0;
  for (let p = text.indexOf(mark); p >= 0; p = text.indexOf(mark, p + 1)) count += 1;
  return count;
}

/**
 * Guesses the separator of pasted or uploaded delimited text: the one that splits the first
 * rows into the same number (≥ 2) of cells most consistently; ties go to tab, then comma.
 */
export function csvDelimiterDetect(text: string): ',' | ';' | '\t' {
  // A sample is enough and keeps detection cheap on big files.
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let best: { delimiter: ',' | ';' | '\t'; share: number; width: number } = {
    delimiter: ',',
    share: 0,
    width: 0,
  };
  for (const delimiter of ['\t', ',', ';'] as const) {
    const rows = delimitedParse(sample, delimiter)
      .filter((r) => r.some((c) => c.trim() !== ''))
      .slice(0, 200);
    // The sample may cut the last row short.
    if (rows.length > 1 && sample.length < text.length) rows.pop();
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let width = 0;
    let hits = 0;
    for (const [w, count] of counts) {
      if (w >= 2 && (count > hits || (count === hits && w > width))) {
        width = w;
        hits = count;
      }
    }
    if (width < 2) continue;
    const share = hits / rows.length;
    // A clearly more consistent split wins; between near ties, the one giving more columns.
    const better = share > best.share + 0.1 || (share > best.share - 0.1 && width > best.width);
    if (better) best = { delimiter, share, width };
  }
  return best.delimiter;
}
