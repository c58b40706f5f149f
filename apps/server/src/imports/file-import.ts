/**
 * `fileImport(bytes, fileName)`: an uploaded file — the DOCX of last year's plan, an XLSX, TSV /
 * CSV / HTML text, or Phuluc's own JSON export — into the domain's ImportResult. The format is told by the content
 * (magic bytes; the name only breaks ties between text formats), the size limit (the domain's
 * `IMPORT_MAX_FILE_BYTES`, 10 MB) is checked before anything is read, ZIP files are opened
 * defensively (zip-safe.ts), and the appendix
 * table(s) found are handed to the domain's `tableImportGrid`, which finds the header, drops
 * repeated headers and page artifacts, detects sections and how rows are numbered. A file with
 * several appendix tables (tasks, recurring tasks, KPI) lists them; `options.table` picks one.
 */
import {
  HEADER_ROW_HINT,
  headerRowFind,
  IMPORT_FAILURE_CODES,
  type ImportFileFormat,
  type ImportFormat,
  IMPORT_MAX_FILE_BYTES,
  type ImportNote,
  IMPORT_NOTE_CODES,
  type ImportResult,
  type ParseResult,
  parseFail,
  parseOk,
  tableImportGrid,
  tableImportText,
} from '@phuluc/domain';
import { docxAppendixTables, DocxNumbering, docxTablesRead } from './docx-tables.ts';
import { xlsxSheetsRead } from './xlsx-grid.ts';
import { xmlDecode } from './xml-scan.ts';
import { sizeText, type ZipArchive, zipLooks, zipMacrosRefuse, zipOpen } from './zip-safe.ts';

/** One appendix table found in the file, to choose from. */
export interface FileImportChoice {
  index: number;
  /** "Bảng 2: Danh mục nhiệm vụ (22 dòng)", "Trang tính “KPI”: …". */
  label: string;
  rows: number;
}

/** The imported table, its notes, where it came from, and the other tables the file has. */
export interface FileImportResult extends ImportResult {
  format: ImportFileFormat;
  /** The appendix tables of the file (one for text formats). */
  choices: FileImportChoice[];
  /** Which of `choices` was imported. */
  chosen: number;
}

export interface FileImportOptions {
  /** Which appendix table to import when the file has several (0-based; default the first). */
  table?: number;
  /** The text format, when the caller knows it (text files only). */
  format?: ImportFormat;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The text format a file name suggests. */
export function fileFormatFromName(fileName: string): ImportFormat | undefined {
  const ext = extensionOf(fileName);
  if (ext === 'tsv' || ext === 'txt' || ext === 'tab') return 'tsv';
  if (ext === 'csv') return 'csv';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'json') return 'json';
  return undefined;
}

/** Imports an uploaded file; every refusal is a failed result with a Vietnamese reason. */
export function fileImport(bytes: Uint8Array, fileName: string, options: FileImportOptions = {}): ParseResult<FileImportResult> {
  if (bytes.length > IMPORT_MAX_FILE_BYTES) {
    return parseFail(
      IMPORT_FAILURE_CODES.tooLarge,
      `Tệp quá lớn (${sizeText(bytes.length)}); chỉ nhận tệp tối đa ${sizeText(IMPORT_MAX_FILE_BYTES)}.`,
    );
  }
  if (bytes.length === 0) return parseFail(IMPORT_FAILURE_CODES.empty, 'Tệp rỗng: không có nội dung nào để nhập.');
  const ext = extensionOf(fileName);
  if (zipLooks(bytes)) return zipImport(bytes, options);
  if (startsWith(bytes, OLE2)) {
    return parseFail(
      IMPORT_FAILURE_CODES.unsupported,
      'Tệp là định dạng Word/Excel cũ (.doc, .xls) hoặc được đặt mật khẩu, nên không đọc được. ' +
        'Hãy mở tệp bằng Word/Excel, bỏ mật khẩu nếu có, chọn “Lưu thành” .docx hoặc .xlsx rồi tải lên lần nữa.',
    );
  }
  if (ext === 'docx' || ext === 'xlsx' || ext === 'docm' || ext === 'xlsm') {
    return parseFail(
      IMPORT_FAILURE_CODES.notZip,
      `Tệp có đuôi .${ext} nhưng không phải tệp ${ext.startsWith('doc') ? 'Word' : 'Excel'} thật (nội dung không có cấu trúc của tệp .${ext}). ` +
        'Hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên lần nữa.',
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return parseFail(IMPORT_FAILURE_CODES.unsupported, 'Tệp PDF không nhập được. Hãy tải lên tệp Word (.docx) hoặc Excel (.xlsx) của kế hoạch.');
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    return parseFail(IMPORT_FAILURE_CODES.unsupported, 'Tệp RTF chưa nhập được. Hãy mở bằng Word, lưu thành .docx rồi tải lên lần nữa.');
  }
  return textImport(bytes, fileName, options);
}

/** Text files: UTF-8 (with or without BOM), UTF-16 with BOM, or the Windows-1258 of old Excel CSVs. */
function textImport(bytes: Uint8Array, fileName: string, options: FileImportOptions): ParseResult<FileImportResult> {
  const notes: ImportNote[] = [];
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = xmlDecode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // Windows-1258 writes most tone marks as combining characters: compose them as typed text is.
      text = new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
      notes.push({
        code: IMPORT_NOTE_CODES.format,
        message: 'Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258 (CSV do Excel tiếng Việt lưu). Hãy kiểm tra dấu tiếng Việt.',
      });
    }
  }
  if (text.includes('\u0000')) {
    return parseFail(
      IMPORT_FAILURE_CODES.unsupported,
      'Tệp không phải tệp Word (.docx), Excel (.xlsx) hay bảng văn bản (TSV, CSV, HTML) nên không đọc được.',
    );
  }
  const format = options.format ?? fileFormatFromName(fileName);
  const imported = tableImportText(text, format === undefined ? {} : { format });
  if (!imported.ok) return imported;
  const { table, notes: importNotes, heading } = imported.value;
  const detected: ImportFileFormat = format ?? textFormatOf(importNotes);
  return parseOk({
    table,
    heading,
    notes: [...notes, ...importNotes],
    format: detected,
    choices: [{ index: 0, label: choiceLabel(1, table.title, itemCount(table)), rows: itemCount(table) }],
    chosen: 0,
  });
}

function textFormatOf(notes: readonly ImportNote[]): ImportFileFormat {
  const said = notes.find((n) => n.code === IMPORT_NOTE_CODES.format)?.message ?? '';
  if (said.includes('JSON')) return 'json';
  if (said.includes('HTML')) return 'html';
  if (said.includes('CSV')) return 'csv';
  return 'tsv';
}

function itemCount(table: ImportResult['table']): number {
  return table.rows.filter((r) => r.kind === 'item').length;
}

function choiceLabel(n: number, title: string, rows: number, where?: string): string {
  return `${where ?? `Bảng ${n}`}: ${title} (${rows} dòng)`;
}

/** A Word or Excel file. */
function zipImport(bytes: Uint8Array, options: FileImportOptions): ParseResult<FileImportResult> {
  const opened = zipOpen(bytes);
  if (!opened.ok) return opened;
  const archive = opened.value;
  const macros = zipMacrosRefuse(archive);
  if (!macros.ok) return macros;
  if (archive.has('word/document.xml')) return docxImport(archive, options);
  if (archive.has('xl/workbook.xml')) return xlsxImport(archive, options);
  const mimetype = archive.has('mimetype') ? archive.read('mimetype') : undefined;
  if (mimetype?.ok && new TextDecoder().decode(mimetype.value).includes('opendocument')) {
    return parseFail(
      IMPORT_FAILURE_CODES.unsupported,
      'Tệp OpenDocument (.odt, .ods) chưa nhập được. Hãy mở bằng LibreOffice hoặc Word/Excel, lưu thành .docx hoặc .xlsx rồi tải lên lần nữa.',
    );
  }
  return parseFail(IMPORT_FAILURE_CODES.unsupported, 'Tệp nén (ZIP) này không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx).');
}

/** Imports the chosen grid among the candidates (each imported once, to label the choices). */
function gridsImport(
  candidates: ReadonlyArray<{ grid: string[][]; rowLines?: number[]; before?: string[]; notes: ImportNote[]; where?: string }>,
  format: ImportFileFormat,
  formatNote: (where: string | undefined, n: number) => string,
  options: FileImportOptions,
): ParseResult<FileImportResult> {
  const chosen = options.table ?? 0;
  if (!Number.isInteger(chosen) || chosen < 0 || chosen >= candidates.length) {
    return parseFail(IMPORT_FAILURE_CODES.noTable, `Tệp không có bảng thứ ${chosen + 1}; tệp chỉ có ${candidates.length} bảng phụ lục.`);
  }
  const choices: FileImportChoice[] = [];
  let result: ParseResult<FileImportResult> | undefined;
  candidates.forEach((candidate, index) => {
    const imported = tableImportGrid(candidate.grid, {
      ...(candidate.rowLines ? { rowLines: candidate.rowLines } : {}),
      ...(candidate.before ? { before: candidate.before } : {}),
    });
    if (imported.ok) {
      const rows = itemCount(imported.value.table);
      choices.push({ index, label: choiceLabel(index + 1, imported.value.table.title, rows, candidate.where), rows });
    } else {
      choices.push({ index, label: `${candidate.where ?? `Bảng ${index + 1}`}: không đọc được (${imported.reason})`, rows: 0 });
    }
    if (index !== chosen) return;
    if (!imported.ok) {
      result = imported;
      return;
    }
    const notes: ImportNote[] = [{ code: IMPORT_NOTE_CODES.format, message: formatNote(candidate.where, index + 1) }];
    if (candidates.length > 1) {
      notes.push({
        code: IMPORT_NOTE_CODES.format,
        message: `Tệp có ${candidates.length} bảng phụ lục; đang nhập bảng ${index + 1}. Có thể chọn bảng khác.`,
      });
    }
    result = parseOk({ ...imported.value, notes: [...notes, ...candidate.notes, ...imported.value.notes], format, choices, chosen });
  });
  return result ?? parseFail(IMPORT_FAILURE_CODES.noTable, 'Không tìm thấy bảng phụ lục trong tệp.');
}

function docxImport(archive: ZipArchive, options: FileImportOptions): ParseResult<FileImportResult> {
  const document = archive.read('word/document.xml');
  if (!document.ok) return document;
  let numbering = new DocxNumbering();
  if (archive.has('word/numbering.xml')) {
    const numberingXml = archive.read('word/numbering.xml');
    if (!numberingXml.ok) return numberingXml;
    numbering = DocxNumbering.read(xmlDecode(numberingXml.value));
  }
  const tables = docxTablesRead(xmlDecode(document.value), numbering);
  if (!tables.ok) {
    return parseFail(IMPORT_FAILURE_CODES.xmlInvalid, `Nội dung tài liệu Word không đọc được: ${tables.reason}`);
  }
  const appendices = docxAppendixTables(tables.value);
  if (appendices.length === 0) {
    // Some systems write the body as an embedded HTML page (w:altChunk) that Word lays out.
    const chunk = docxHtmlChunkImport(archive);
    if (chunk) return chunk;
    const count = tables.value.length;
    return parseFail(
      IMPORT_FAILURE_CODES.noTable,
      count === 0
        ? 'Không tìm thấy bảng phụ lục trong tệp Word: tài liệu không có bảng nào. Bảng phụ lục phải là một bảng Word (Chèn → Bảng), không phải chữ căn bằng dấu cách hay tab.'
        : `Không tìm thấy bảng phụ lục trong tệp Word: tài liệu có ${count} bảng nhưng không bảng nào có ${HEADER_ROW_HINT}.`,
    );
  }
  return gridsImport(
    appendices.map((a) => ({ grid: a.grid, before: a.before, notes: a.notes })),
    'docx',
    (_, n) => (appendices.length > 1 ? `Đã đọc bảng phụ lục thứ ${n} của tệp Word (.docx).` : 'Đã đọc bảng phụ lục từ tệp Word (.docx).'),
    options,
  );
}

/**
 * The appendix of a document whose content is an embedded HTML page (w:altChunk, as written by
 * some document systems and by "insert file"): the HTML read as the clipboard HTML is; undefined
 * when the document has no such page or it holds no appendix.
 */
function docxHtmlChunkImport(archive: ZipArchive): ParseResult<FileImportResult> | undefined {
  const chunks = archive.entries.filter((e) => /^word\/[^/]+\.x?html?$/i.test(e.name));
  for (const entry of chunks) {
    const bytes = archive.read(entry.name);
    if (!bytes.ok) return bytes;
    const imported = tableImportText(xmlDecode(bytes.value), { format: 'html' });
    if (!imported.ok) continue;
    const rows = itemCount(imported.value.table);
    const note: ImportNote = { code: IMPORT_NOTE_CODES.format, message: 'Đã đọc bảng phụ lục từ trang HTML nhúng trong tệp Word (.docx).' };
    return parseOk({
      ...imported.value,
      notes: [note, ...imported.value.notes],
      format: 'docx',
      choices: [{ index: 0, label: choiceLabel(1, imported.value.table.title, rows), rows }],
      chosen: 0,
    });
  }
  return undefined;
}

function xlsxImport(archive: ZipArchive, options: FileImportOptions): ParseResult<FileImportResult> {
  const sheets = xlsxSheetsRead(archive);
  if (!sheets.ok) return sheets;
  const withHeader = sheets.value.filter((s) => headerRowFind(s.grid) !== undefined);
  // Visible sheets first: a hidden one is usually a lookup list or an old copy.
  const candidates = [...withHeader.filter((s) => !s.hidden), ...withHeader.filter((s) => s.hidden)];
  if (candidates.length === 0) {
    const names = sheets.value.map((s) => `“${s.name}”`).join(', ');
    return parseFail(
      IMPORT_FAILURE_CODES.noTable,
      `Không tìm thấy bảng phụ lục trong tệp Excel: không trang tính nào (${names}) có ${HEADER_ROW_HINT}.`,
    );
  }
  return gridsImport(
    candidates.map((s) => ({ grid: s.grid, rowLines: s.rowLines, notes: s.notes, where: `Trang tính “${s.name}”${s.hidden ? ' (ẩn)' : ''}` })),
    'xlsx',
    (where) => `Đã đọc ${where ? where.charAt(0).toLowerCase() + where.slice(1) : 'trang tính'} của tệp Excel (.xlsx).`,
    options,
  );
}
