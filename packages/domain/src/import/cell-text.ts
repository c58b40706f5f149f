/**
 * The text of one table cell as every import reader writes it (TSV, CSV, clipboard HTML, .docx,
 * .xlsx), so that one table gives the same cells whichever way it reaches us.
 *
 * The rule: a cell is lines. Inside a line every run of white space (spaces, tabs, no-break
 * spaces, the other Unicode spaces) is one space, and the line is trimmed; blank lines are
 * dropped. "Ngân sách\u00A0 xã" is "Ngân sách xã", "  Phòng Kinh tế " is "Phòng Kinh tế". Invisible
 * characters a copy leaves at a line's edges (zero-width space, word joiner, BOM) go too; inside a
 * line they stay, like every character that is not white space.
 * Why not keep spaces as the source has them: no format keeps them the same way. A browser
 * collapses runs of spaces in HTML and Word writes them there as "&nbsp; " pairs, Excel's HTML
 * as plain spaces, a .docx and TSV keep them as typed; an empty paragraph is a blank line in
 * Word but nothing in a browser. Runs of spaces and blank lines carry no meaning in an appendix
 * cell, and only dropping them gives every format the same answer.
 *
 * Line breaks are what the format says they are: "\n", "\r\n", "\r", a vertical tab, U+2028 or
 * U+2029 in delimited text and in spreadsheet strings; <br> and paragraphs in HTML; w:p, w:br
 * and w:cr in Word's XML. There, a line break written in the text itself is only white space.
 */

/** White space inside a line: what becomes one space. */
const SPACE_RUN = /[ \t\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
/** Line breaks in text: what separates the lines of a cell. */
const LINE_BREAK = /\r\n|[\r\n\v\u2028\u2029]/;
const LINE_BREAKS = /\r\n|[\r\n\v\u2028\u2029]/g;
/** Invisible characters trimmed from a line's edges (kept inside it): zero-width space, word joiner, BOM. */
const EDGE_INVISIBLE = /^[ \u200B\u2060\uFEFF]+|[ \u200B\u2060\uFEFF]+$/g;
/** Something to tidy: white space other than single spaces between words, or an invisible character. */
const UNTIDY = /[^\S ]| {2}|^ | $|[\u200B\u2060]/;

/** A cell's text by the cell rule above, from text whose line breaks are "\n" (TSV, CSV, XLSX). */
export function cellTextTidy(text: string): string {
  if (!UNTIDY.test(text)) return text;
  const lines: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const tidy = line.replace(SPACE_RUN, ' ').replace(EDGE_INVISIBLE, '');
    if (tidy !== '') lines.push(tidy);
  }
  return lines.join('\n');
}

/**
 * A cell's text built from the pieces of a markup format (HTML, Word's XML): text runs, and
 * line breaks where the markup has them. `finish` applies the cell rule.
 */
export class CellText {
  private text = '';

  /** A run of text; its own line breaks are white space (source formatting, not lines). */
  append(text: string): void {
    this.text += text.replace(LINE_BREAKS, ' ');
  }

  /** A line break (`<br>`, a paragraph boundary, `w:br`); blank lines are dropped at the end. */
  lineBreak(): void {
    this.text += '\n';
  }

  /** The cell's text. */
  finish(): string {
    return cellTextTidy(this.text);
  }
}
