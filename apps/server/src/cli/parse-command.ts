/** `phuluc parse FILE [--format tsv|csv|html]`: prints the imported table as JSON. */
import { numberingCompute } from '@phuluc/domain';
import { cliArgsParse } from './cli-args.ts';
import { tableFileFormat, tableFileImport } from './table-file.ts';

export async function parseCommand(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, { format: { type: 'string' } });
  const { table, notes } = tableFileImport(positionals[0], tableFileFormat(values.format));
  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );
  const rows = table.rows.map((row, i) => ({ ...row, number: numbers[i] ?? '' }));
  for (const note of notes) console.error(`${note.line ? `dòng ${note.line}: ` : ''}${note.message}`);
  console.log(JSON.stringify({ ...table, rows }, null, 2));
  return 0;
}
