/**
 * `phuluc export FILE --to docx|xlsx|pdf|csv|json -o OUT [--draft] [--year Y] [--commune C]
 * [--plan-number N] [--issued-on DD/MM/YYYY] [--format tsv|csv|html] [--table N]`: exports a
 * table file (as `phuluc parse` reads it) offline, validated first like the server's exports.
 * A table with errors is refused (exit 1, the errors listed) unless `--draft`. OUT may be a
 * directory: the file then gets the export's own name.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unitDirectoryDefault } from '@phuluc/domain';
import { EXPORT_FORMATS, exportFormatIsKnown, exportTable } from '../exports/export.ts';
import { cliArgsParse, cliYearParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';
import { tableFileChoice, tableFileFormat, tableFileImport } from './table-file.ts';
import { tableYearGuess } from './validate-command.ts';

/** "15/01/2026" or "2026-01-15" → "2026-01-15". */
function issuedOnParse(text: string): string {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const iso = vn ? `${vn[3]}-${(vn[2] ?? '').padStart(2, '0')}-${(vn[1] ?? '').padStart(2, '0')}` : text.trim();
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new CliError(`Ngày ban hành không hợp lệ: ${text} (viết dd/mm/yyyy, ví dụ 15/01/2026)`);
  }
  return iso;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, {
    to: { type: 'string' },
    out: { type: 'string', short: 'o' },
    draft: { type: 'boolean', default: false },
    year: { type: 'string' },
    commune: { type: 'string' },
    'plan-number': { type: 'string' },
    'issued-on': { type: 'string' },
    format: { type: 'string' },
    table: { type: 'string' },
  });
  const format = values.to;
  if (!format) throw new CliError(`Thiếu --to (chọn ${EXPORT_FORMATS.join(', ')}).`);
  if (!exportFormatIsKnown(format)) throw new CliError(`Định dạng xuất không hỗ trợ: ${format} (chọn ${EXPORT_FORMATS.join(', ')}).`);
  if (!values.out) throw new CliError('Thiếu -o OUT: tệp (hoặc thư mục) để ghi kết quả.');

  const { table } = tableFileImport(positionals[0], tableFileFormat(values.format), tableFileChoice(values.table));
  const planYear = values.year ? cliYearParse(values.year) : tableYearGuess(table);
  const meta = {
    commune: values.commune ?? '',
    planNumber: values['plan-number'] ?? '',
    issuedOn: values['issued-on'] ? issuedOnParse(values['issued-on']) : '',
    year: planYear,
  };
  const result = await exportTable(table, meta, format, { draft: values.draft, units: unitDirectoryDefault(), planYear });
  if (!result.ok) {
    console.error(result.message);
    for (const f of result.findings.filter((x) => x.severity === 'error')) console.error(`  Lỗi  ${(f.row ? `dòng ${f.row}` : 'cả bảng').padEnd(10)} ${f.message}`);
    console.error('Thêm --draft để xuất bản dự thảo.');
    return 1;
  }
  const out = isDirectory(values.out) ? join(values.out, result.fileName) : values.out;
  try {
    writeFileSync(out, result.bytes);
  } catch (error) {
    throw new CliError(`Không ghi được tệp ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const errors = result.findings.length - warnings;
  const items = table.rows.filter((r) => r.kind === 'item').length;
  console.log(`Đã xuất ${out} (${items} dòng${values.draft ? ', bản dự thảo' : ''}${errors ? `, ${errors} lỗi` : ''}${warnings ? `, ${warnings} cảnh báo` : ''}).`);
  return 0;
}
