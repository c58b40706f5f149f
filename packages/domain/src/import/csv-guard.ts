/**
 * The apostrophe guard of CSV cells. Phuluc's CSV export puts a `'` before a cell a spreadsheet
 * would run as a formula (one starting with = + - @, a tab or a carriage return: OWASP's CSV
 * injection advice), and the import takes exactly that guard off again, so "- Tổ chức tập huấn"
 * comes back as it was written, not as "'- Tổ chức tập huấn".
 */

/** The first characters of a cell a spreadsheet reads as a formula. */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

/** Apostrophes, then a formula's first character: a cell a person typed as "'- …" needs the guard too, or it would lose its own apostrophe on the way back. */
const GUARDED = /^'*[=+\-@\t\r]/;

/** A cell a spreadsheet will not run as a formula: "=1+1" → "'=1+1", "'-x" → "''-x"; other cells unchanged. */
export function csvGuardAdd(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/**
 * The cell without the guard `csvGuardAdd` puts on: "'- Tổ chức" → "- Tổ chức". An apostrophe
 * before any other character is the cell's own ("'Sổ tay' số" stays as it is).
 */
export function csvGuardRemove(text: string): string {
  return text.startsWith("'") && GUARDED.test(text.slice(1)) ? text.slice(1) : text;
}
