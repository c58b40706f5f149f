/** `phuluc parse FILE [--format tsv|csv|html] [--table N]`: prints the imported table as JSON (FILE may be .docx or .xlsx). */
import { numberingCompute } from '@phuluc/domain';
import { cliArgsParse } from './cli-args.ts';
import { tableFileChoice, tableFileFormat, tableFileImport } from './table-file.ts';

export async function parseCommand(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, { format: { type: 'string' }, table: { type: 'string' } });
  const { table, notes } = tableFileImport(positionals[0], tableFileFormat(values.format), tableFileChoice(values.table));
  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );
  const rows = table.rows.map((row, i) => ({ ...row, number: numbers[i] ?? '' }));
  for (const note of notes) console.error(`${note.line ? `dòng ${note.line}: ` : ''}${note.message}`);
  console.log(JSON.stringify({ ...table, rows }, null, 2));
  return 0;
}
