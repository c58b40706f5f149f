/** Reading a table file given on the command line and importing it with the domain importer. */
import { readFileSync, statSync } from 'node:fs';
import { type ImportFormat, type ImportResult, tableImportText } from '@phuluc/domain';
import { CliError } from './cli-error.ts';

/** Files larger than this are refused (the same limit as uploads). */
export const TABLE_FILE_MAX_BYTES = 10 * 1024 * 1024;

const FORMATS: readonly ImportFormat[] = ['tsv', 'csv', 'html'];

/** Checks a `--format` value. */
export function tableFileFormat(value: string | undefined): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if ((FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw new CliError(`Định dạng không hỗ trợ: ${value} (chọn tsv, csv hoặc html)`);
}

/** Reads and imports FILE; an unreadable or unrecognisable file is a CliError (exit 1). */
export function tableFileImport(path: string | undefined, format?: ImportFormat): ImportResult {
  if (!path) throw new CliError('Thiếu tên tệp.');
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > TABLE_FILE_MAX_BYTES) throw new CliError(`Tệp ${path} quá lớn (tối đa 10 MB).`, 1);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Không đọc được tệp ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
  const imported = tableImportText(text, { format: format ?? formatFromName(path) });
  if (!imported.ok) throw new CliError(`${path}: ${imported.reason}`, 1);
  return imported.value;
}

function formatFromName(path: string): ImportFormat | undefined {
  const ext = path.toLowerCase().split('.').pop();
  if (ext === 'tsv' || ext === 'txt') return 'tsv';
  if (ext === 'csv') return 'csv';
  if (ext === 'html' || ext === 'htm') return 'html';
  return undefined;
}
