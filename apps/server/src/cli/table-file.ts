/**
 * Reading a table file given on the command line — TSV, CSV, HTML, Phuluc's JSON export, or the
 * XLSX / DOCX of an existing plan — and importing it with the same importer as uploads (`fileImport`).
 */
import { readFileSync, statSync } from 'node:fs';
import { IMPORT_MAX_FILE_BYTES, IMPORT_TEXT_FORMATS, type ImportFormat } from '@phuluc/domain';
import { fileImport, type FileImportResult } from '../imports/file-import.ts';
import { sizeText } from '../imports/zip-safe.ts';
import { CliError } from './cli-error.ts';

/** Checks a `--format` value (text formats; .docx and .xlsx are recognised by their content). */
export function tableFileFormat(value: string | undefined): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if ((IMPORT_TEXT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  if (value === 'docx' || value === 'xlsx') return undefined;
  throw new CliError(`Định dạng không hỗ trợ: ${value} (chọn ${IMPORT_TEXT_FORMATS.join(', ')}; tệp .docx và .xlsx được nhận ra tự động)`);
}

/** Checks a `--table N` value (1-based, as the notes number the tables of a file). */
export function tableFileChoice(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new CliError(`Số thứ tự bảng không hợp lệ: ${value} (bảng đầu tiên là 1)`);
  return n - 1;
}

/** Reads and imports FILE; an unreadable or unrecognisable file is a CliError (exit 1). */
export function tableFileImport(path: string | undefined, format?: ImportFormat, table?: number): FileImportResult {
  if (!path) throw new CliError('Thiếu tên tệp.');
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    // The same limit as uploads, checked before the file is read.
    if (size > IMPORT_MAX_FILE_BYTES) throw new CliError(`Tệp ${path} quá lớn (tối đa ${sizeText(IMPORT_MAX_FILE_BYTES)}).`, 1);
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Không đọc được tệp ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
  const imported = fileImport(bytes, path, { ...(format === undefined ? {} : { format }), ...(table === undefined ? {} : { table }) });
  if (!imported.ok) throw new CliError(`${path}: ${imported.reason}`, 1);
  return imported.value;
}
