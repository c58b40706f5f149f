/**
 * The CSV export: UTF-8 with a BOM (so Excel reads the Vietnamese letters), CRLF line ends, one
 * header row, section rows as rows ("I. CHÍNH QUYỀN SỐ" in the first cell), the lines of a cell
 * kept inside its quotes. A cell that a spreadsheet would read as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with an apostrophe: `csvGuardAdd`, the one rule
 * the CSV import reads back.
 */
import { csvGuardAdd, type ExportModel } from '@phuluc/domain';

const BOM = '\uFEFF';

/** One field: neutralised, quoted when it holds a quote, a separator, a line break or edge spaces. */
export function csvField(text: string): string {
  const safe = csvGuardAdd(text);
  return /[",;\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV text (the BOM included). */
export function csvText(model: ExportModel): string {
  const lines: string[] = [model.columns.map((c) => csvField(c.label)).join(',')];
  const empty = model.columns.slice(1).map(() => '');
  for (const row of model.rows) {
    if (row.kind === 'section') lines.push([csvField(row.text), ...empty].join(','));
    else lines.push(row.cells.map((c) => csvField(c.lines.join('\n'))).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The table as a .csv file. */
export function exportCsv(model: ExportModel): Uint8Array {
  return new TextEncoder().encode(csvText(model));
}
