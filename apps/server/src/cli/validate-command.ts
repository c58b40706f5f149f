/**
 * `phuluc validate FILE [--json] [--year Y] [--table N]` (FILE: TSV, CSV, HTML, .xlsx or .docx):
 * prints the findings of the domain validators, with row numbers as the user sees them; exits 1
 * when there is an error.
 */
import { findingsHaveErrors, type TableModel, unitDirectoryDefault, validateTable } from '@phuluc/domain';
import { cliArgsParse, cliYearParse } from './cli-args.ts';
import { tableFileChoice, tableFileFormat, tableFileImport } from './table-file.ts';

export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, {
    json: { type: 'boolean', default: false },
    year: { type: 'string' },
    format: { type: 'string' },
    table: { type: 'string' },
  });
  const { table } = tableFileImport(positionals[0], tableFileFormat(values.format), tableFileChoice(values.table));
  const planYear = values.year ? cliYearParse(values.year) : tableYearGuess(table);
  const findings = validateTable(table, { tableId: 'table', planYear, units: unitDirectoryDefault() });

  if (values.json) {
    const list = findings.map(({ code, severity, tableId, rowId, field, message }) => ({ code, severity, tableId, rowId, field, message }));
    console.log(JSON.stringify(list, null, 2));
  } else {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const items = table.rows.filter((r) => r.kind === 'item').length;
    console.log(`${positionals[0]}: ${items} dòng, năm ${planYear} — ${errors} lỗi, ${findings.length - errors} cảnh báo`);
    for (const f of findings) {
      const where = f.row ? `dòng ${f.row}` : 'cả bảng';
      console.log(`  ${f.severity === 'error' ? 'Lỗi     ' : 'Cảnh báo'}  ${where.padEnd(10)} ${f.message}`);
    }
  }
  return findingsHaveErrors(findings) ? 1 : 0;
}

/** The plan year when not given: a year in the headers or title, else the commonest year in the cells. */
export function tableYearGuess(table: TableModel): number {
  const fromLabels = [table.title, ...table.columns.map((c) => c.label)].join(' ').match(/\b(20\d\d)\b/);
  if (fromLabels?.[1]) return Number(fromLabels[1]);
  const counts = new Map<number, number>();
  for (const row of table.rows) {
    if (row.kind !== 'item') continue;
    for (const text of Object.values(row.cells)) {
      for (const m of text.matchAll(/\b(20\d\d)\b/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : new Date().getFullYear();
}
