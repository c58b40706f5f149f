/**
 * The cell grids of an Excel workbook (.xlsx): the workbook's sheets in tab order, each as rows
 * of the text Excel shows — shared strings and inline strings (rich text runs joined, Excel's
 * `_x000D_` escapes decoded), numbers written back the Vietnamese way with the domain's
 * `numberFormat` ("1.250,5"; a cell formatted "0.00" keeps two decimals, a percentage shows
 * "%", a date "dd/mm/yyyy"), booleans and errors as Excel spells them, formulas by their cached
 * value; every cell's text written by the cell rule all readers follow (the domain's
 * `cellTextTidy`). Merged ranges (`<mergeCells>`) keep their text in the top-left cell and "" in
 * the cells they cover, as the domain lays out HTML spans. Part sizes are capped by the ZIP
 * reader; rows and columns beyond the import limits are reported, not read.
 */
import { cellTextTidy, IMPORT_FAILURE_CODES, IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS, type ImportNote, IMPORT_NOTE_CODES, numberFormat, type ParseResult, parseFail, parseOk } from '@phuluc/domain';
import { xmlDecode, xmlScan, type XmlTag } from './xml-scan.ts';
import type { ZipArchive } from './zip-safe.ts';

/** One sheet as Excel shows it. */
export interface XlsxSheet {
  name: string;
  hidden: boolean;
  /** Rows of cell text, in sheet order; rows absent from the file are absent here. */
  grid: string[][];
  /** The Excel row number (1-based) of each grid row, for notes ("dòng 17"). */
  rowLines: number[];
  /** What was left out (columns or rows beyond the limits). */
  notes: ImportNote[];
}

/** Excel's built-in number formats that matter here (the rest read as General). */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  14: 'dd/mm/yyyy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'dd/mm/yyyy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

/** Excel escapes control characters in strings as `_xHHHH_`. */
function xstringDecode(text: string): string {
  const decoded = text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
  return decoded.replace(/\r\n?/g, '\n');
}

/**
 * "1.250,5" with grouping, "1250,5" without; rounded to the format's decimals when it fixes
 * them, trailing zeros dropped as the domain's `numberFormat` writes numbers ("100%", not "100,00%").
 */
function numberVietnamese(value: number, grouping: boolean, decimals: number | undefined): string {
  const text = decimals === undefined ? numberFormat(value) : numberFormat(decimalRound(value, decimals), { maxDecimals: decimals });
  return grouping ? text : text.replace(/\./g, '');
}

/**
 * Rounds half away from zero on the decimal digits Excel shows (15 significant), so 1250.55
 * (stored as 1250.5499999…) rounds to 1250.6 as in Excel, not to 1250.5 as `toFixed` would.
 */
function decimalRound(value: number, decimals: number): number {
  const shifted = Number(`${Math.abs(value).toPrecision(15)}e${decimals}`);
  return Math.sign(value) * Number(`${Math.round(shifted)}e-${decimals}`);
}

/** A format code without its quoted literals, escapes, colours and conditions. */
function formatCore(code: string): string {
  const first = code.split(';')[0] ?? '';
  return first.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_./g, '').replace(/\*./g, '');
}

/** Days since 1899-12-30 (or 1904-01-01) as "dd/mm/yyyy" (or less when the format shows less). */
function dateShow(serial: number, core: string, date1904: boolean): string {
  const days = serial + (date1904 ? 1462 : 0);
  const ms = Math.round((days - 25569) * 86_400_000);
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return String(serial);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = String(d.getUTCFullYear());
  const lower = core.toLowerCase();
  const hasDay = /d/.test(lower);
  const hasYear = /y/.test(lower);
  // "m" next to "h" or "s" means minutes.
  const hasMonth = /m/.test(lower.replace(/h+[^a-z]*m+|m+[^a-z]*s+/g, ''));
  const time = /h/.test(lower) ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : '';
  let date = '';
  if (hasDay && hasMonth && hasYear) date = `${dd}/${mm}/${yyyy}`;
  else if (hasMonth && hasYear) date = `${mm}/${yyyy}`;
  else if (hasDay && hasMonth) date = `${dd}/${mm}`;
  else if (hasYear) date = yyyy;
  return [date, time].filter((s) => s !== '').join(' ') || `${dd}/${mm}/${yyyy}`;
}

/**
 * A number cell as Excel shows it under its format, written the Vietnamese way: dates as
 * dd/mm/yyyy, percentages with "%", "#,##0"-style and General formats with "." thousands
 * (except a General whole number from 1900 to 2100: a year), other formats without; rounded
 * to the format's decimals, trailing zeros dropped.
 */
export function xlsxNumberShow(value: number, formatCode: string, date1904 = false): string {
  if (!Number.isFinite(value)) return '';
  const core = formatCore(formatCode);
  if (formatCode === '@') return numberVietnamese(value, false, undefined);
  if (/^general$/i.test(core.trim()) || core.trim() === '') {
    const year = Number.isInteger(value) && value >= 1900 && value <= 2100;
    return numberVietnamese(value, !year, undefined);
  }
  if (/[dmyhs]/i.test(core) && !/[0#?]/.test(core)) return dateShow(value, core, date1904);
  if (/E[+-]/i.test(core)) return numberVietnamese(value, false, undefined);
  const decimalsMatch = /\.([0#?]+)/.exec(core);
  const decimals = decimalsMatch?.[1] ? decimalsMatch[1].replace(/[#?]/g, '').length : 0;
  const grouping = /[0#?],[0#?]/.test(core);
  if (core.includes('%')) return `${numberVietnamese(value * 100, grouping, decimals)}%`;
  return numberVietnamese(value, grouping, decimals);
}

/** Column letters of a cell reference ("AB12") as a 0-based index; -1 when there are none. */
function columnIndex(ref: string): number {
  let col = 0;
  let k = 0;
  for (; k < ref.length && k < 4; k += 1) {
    const c = ref.charCodeAt(k);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return k === 0 ? -1 : col - 1;
}

function rowNumber(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m?.[1] ? Number(m[1]) : -1;
}

/** A part's path from a relationship target, relative to the part that names it. */
function partResolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** The relationships of a part: id → { type, path }. */
function relationshipsRead(archive: ZipArchive, part: string): ParseResult<Map<string, { type: string; path: string }>> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const rels = new Map<string, { type: string; path: string }>();
  if (!archive.has(relsPath)) return parseOk(rels);
  const bytes = archive.read(relsPath);
  if (!bytes.ok) return bytes;
  const scanned = xmlScan(xmlDecode(bytes.value), {
    open(tag) {
      if (tag.name !== 'rel:Relationship' && tag.name !== 'Relationship') return;
      if (tag.attr('TargetMode') === 'External') return;
      rels.set(tag.attr('Id') ?? '', { type: tag.attr('Type') ?? '', path: partResolve(part, tag.attr('Target') ?? '') });
    },
  });
  if (!scanned.ok) return xmlFailure(relsPath, scanned);
  return parseOk(rels);
}

function xmlFailure(part: string, failed: { code: string; reason: string }): ParseResult<never> {
  return parseFail(IMPORT_FAILURE_CODES.xmlInvalid, `Phần “${part}” của tệp không đọc được: ${failed.reason}`);
}

function partText(archive: ZipArchive, path: string): ParseResult<string> {
  const bytes = archive.read(path);
  if (!bytes.ok) return bytes;
  return parseOk(xmlDecode(bytes.value));
}

/** Text of `<t>` elements of an `<si>` / `<is>`: rich text runs joined, phonetic runs left out. */
class StringCollector {
  private parts: string[] = [];
  private depthInT = -1;
  private skipDepth = -1;
  private depth = 0;

  open(name: string): void {
    this.depth += 1;
    if (this.skipDepth >= 0) return;
    if (name === 'x:rPh' || name === 'x:phoneticPr') this.skipDepth = this.depth;
    else if (name === 'x:t') this.depthInT = this.depth;
  }

  close(): void {
    if (this.skipDepth === this.depth) this.skipDepth = -1;
    if (this.depthInT === this.depth) this.depthInT = -1;
    this.depth -= 1;
  }

  text(text: string): void {
    if (this.depthInT >= 0 && this.skipDepth < 0) this.parts.push(text);
  }

  take(): string {
    const text = xstringDecode(this.parts.join(''));
    this.parts = [];
    this.depth = 0;
    this.depthInT = -1;
    this.skipDepth = -1;
    return text;
  }
}

function sharedStringsRead(xml: string, part: string): ParseResult<string[]> {
  const strings: string[] = [];
  let collector: StringCollector | null = null;
  const scanned = xmlScan(xml, {
    open(tag) {
      if (tag.name === 'x:si') collector = new StringCollector();
      else collector?.open(tag.name);
    },
    close(name) {
      if (name === 'x:si' && collector) {
        strings.push(collector.take());
        collector = null;
      } else {
        collector?.close();
      }
    },
    text(text) {
      collector?.text(text);
    },
  });
  if (!scanned.ok) return xmlFailure(part, scanned);
  return parseOk(strings);
}

/** The number format code of each cell style (`s` attribute → cellXfs index). */
function stylesRead(xml: string, part: string): ParseResult<string[]> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  const scanned = xmlScan(xml, {
    open(tag) {
      if (tag.name === 'x:numFmts') inNumFmts = true;
      else if (tag.name === 'x:numFmt' && inNumFmts) custom.set(Number(tag.attr('numFmtId')), tag.attr('formatCode') ?? 'General');
      else if (tag.name === 'x:cellXfs') inCellXfs = true;
      else if (tag.name === 'x:xf' && inCellXfs) xfs.push(Number(tag.attr('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'x:cellXfs') inCellXfs = false;
      else if (name === 'x:numFmts') inNumFmts = false;
    },
  });
  if (!scanned.ok) return xmlFailure(part, scanned);
  return parseOk(xfs.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id] ?? (id >= 27 && id <= 36 ? 'dd/mm/yyyy' : 'General')));
}

interface SheetContext {
  strings: readonly string[];
  formats: readonly string[];
  date1904: boolean;
}

/** One worksheet's XML as a grid. */
function sheetRead(xml: string, part: string, name: string, hidden: boolean, context: SheetContext): ParseResult<XlsxSheet> {
  const rows = new Map<number, string[]>();
  const order: number[] = [];
  const merges: Array<{ top: number; left: number; bottom: number; right: number }> = [];
  const notes: ImportNote[] = [];
  let rowAt = 0;
  let row: string[] | null = null;
  let cell: { col: number; type: string; style: number; value: string; inline: StringCollector | null; inValue: boolean } | null = null;
  let colAt = -1;
  let columnsDropped = 0;
  let rowsDropped = 0;

  const scanned = xmlScan(xml, {
    open(tag: XmlTag) {
      if (cell?.inline) {
        cell.inline.open(tag.name);
        return;
      }
      switch (tag.name) {
        case 'x:row': {
          const r = Number(tag.attr('r') ?? rowAt + 1);
          rowAt = Number.isInteger(r) && r > rowAt ? r : rowAt + 1;
          colAt = -1;
          if (order.length >= IMPORT_MAX_ROWS + 1) {
            rowsDropped += 1;
            row = null;
            break;
          }
          row = [];
          rows.set(rowAt, row);
          order.push(rowAt);
          break;
        }
        case 'x:c': {
          if (!row) break;
          const ref = tag.attr('r');
          const col = ref ? columnIndex(ref) : colAt + 1;
          colAt = col >= 0 ? col : colAt + 1;
          cell = { col: colAt, type: tag.attr('t') ?? 'n', style: Number(tag.attr('s') ?? 0), value: '', inline: null, inValue: false };
          break;
        }
        case 'x:v':
          if (cell) cell.inValue = true;
          break;
        case 'x:is':
          if (cell) cell.inline = new StringCollector();
          break;
        case 'x:mergeCell': {
          const [from = '', to = from] = (tag.attr('ref') ?? '').split(':');
          const top = rowNumber(from);
          const left = columnIndex(from);
          const bottom = rowNumber(to);
          const right = columnIndex(to);
          if (top > 0 && left >= 0 && bottom >= top && right >= left) merges.push({ top, left, bottom, right });
          break;
        }
      }
    },
    close(tagName) {
      if (cell?.inline) {
        if (tagName === 'x:is') {
          cell.value = cell.inline.take();
          cell.inline = null;
        } else {
          cell.inline.close();
        }
        return;
      }
      if (tagName === 'x:v' && cell) cell.inValue = false;
      else if (tagName === 'x:c' && cell && row) {
        if (cell.col >= IMPORT_MAX_COLUMNS) {
          if (cell.value !== '') columnsDropped += 1;
        } else {
          const text = cellTextTidy(cellShow(cell, context));
          while (row.length < cell.col) row.push('');
          row[cell.col] = text;
        }
        cell = null;
      } else if (tagName === 'x:row') {
        row = null;
      }
    },
    text(text) {
      if (cell?.inline) cell.inline.text(text);
      else if (cell?.inValue) cell.value += text;
    },
  });
  if (!scanned.ok) return xmlFailure(part, scanned);

  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r += 1) {
      const cells = rows.get(r);
      if (!cells) continue;
      for (let c = m.left; c <= m.right && c < cells.length; c += 1) {
        if (r !== m.top || c !== m.left) cells[c] = '';
      }
    }
  }
  const grid = order.map((r) => rows.get(r) ?? []);
  const width = grid.reduce((w, cells) => Math.max(w, cells.length), 0);
  for (const cells of grid) {
    for (let c = 0; c < width; c += 1) if (cells[c] === undefined) cells[c] = '';
  }
  if (columnsDropped > 0) {
    notes.push({
      code: IMPORT_NOTE_CODES.tooManyColumns,
      message: `Trang tính “${name}” có ${columnsDropped} ô nằm ngoài ${IMPORT_MAX_COLUMNS} cột đầu tiên; các ô đó không được nhập.`,
    });
  }
  if (rowsDropped > 0) {
    notes.push({
      code: IMPORT_NOTE_CODES.tooManyColumns,
      message: `Trang tính “${name}” có hơn ${IMPORT_MAX_ROWS} dòng; chỉ đọc ${IMPORT_MAX_ROWS} dòng đầu.`,
    });
  }
  return parseOk({ name, hidden, grid, rowLines: order, notes });
}

function cellShow(cell: { type: string; style: number; value: string }, context: SheetContext): string {
  switch (cell.type) {
    case 's': {
      const index = Number(cell.value);
      return Number.isInteger(index) ? (context.strings[index] ?? '') : '';
    }
    case 'inlineStr':
    case 'str':
      return xstringDecode(cell.value);
    case 'b':
      return cell.value.trim() === '1' ? 'TRUE' : cell.value.trim() === '0' ? 'FALSE' : cell.value;
    case 'e':
      return cell.value;
    case 'd': {
      // ISO 8601 date (strict files): shown as dd/mm/yyyy.
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(cell.value);
      return m ? `${m[3]}/${m[2]}/${m[1]}` : cell.value;
    }
    default: {
      const text = cell.value.trim();
      if (text === '') return '';
      const value = Number(text);
      if (!Number.isFinite(value)) return text;
      return xlsxNumberShow(value, context.formats[cell.style] ?? 'General', context.date1904);
    }
  }
}

/**
 * Every sheet of an .xlsx archive in tab order (hidden ones flagged), each as a grid. Fails on
 * a workbook without sheets, or an XML part that is not well formed.
 */
export function xlsxSheetsRead(archive: ZipArchive): ParseResult<XlsxSheet[]> {
  // The workbook part: named by the package relationships, conventionally xl/workbook.xml.
  const root = relationshipsRead(archive, '');
  if (!root.ok) return root;
  let workbookPath = 'xl/workbook.xml';
  for (const rel of root.value.values()) if (REL_OFFICE_DOCUMENT.test(rel.type) && archive.has(rel.path)) workbookPath = rel.path;
  if (!archive.has(workbookPath)) {
    return parseFail(IMPORT_FAILURE_CODES.unsupported, 'Tệp không phải bảng tính Excel (.xlsx) hợp lệ: thiếu phần “xl/workbook.xml”.');
  }
  const rels = relationshipsRead(archive, workbookPath);
  if (!rels.ok) return rels;
  const workbook = partText(archive, workbookPath);
  if (!workbook.ok) return workbook;
  const listed: Array<{ name: string; hidden: boolean; path: string }> = [];
  let date1904 = false;
  const scanned = xmlScan(workbook.value, {
    open(tag) {
      if (tag.name === 'x:workbookPr') date1904 = /^(1|true)$/i.test(tag.attr('date1904') ?? '');
      if (tag.name !== 'x:sheet') return;
      const rel = rels.value.get(tag.attr('r:id') ?? '');
      if (!rel || !REL_WORKSHEET.test(rel.type)) return; // a chart sheet, a dialog sheet
      listed.push({ name: tag.attr('name') ?? `Sheet${listed.length + 1}`, hidden: (tag.attr('state') ?? 'visible') !== 'visible', path: rel.path });
    },
  });
  if (!scanned.ok) return xmlFailure(workbookPath, scanned);
  if (listed.length === 0) return parseFail(IMPORT_FAILURE_CODES.noTable, 'Bảng tính không có trang tính nào chứa dữ liệu.');

  let strings: string[] = [];
  let formats: string[] = [];
  for (const rel of rels.value.values()) {
    if (!archive.has(rel.path)) continue;
    if (REL_SHARED_STRINGS.test(rel.type)) {
      const text = partText(archive, rel.path);
      if (!text.ok) return text;
      const read = sharedStringsRead(text.value, rel.path);
      if (!read.ok) return read;
      strings = read.value;
    } else if (REL_STYLES.test(rel.type)) {
      const text = partText(archive, rel.path);
      if (!text.ok) return text;
      const read = stylesRead(text.value, rel.path);
      if (!read.ok) return read;
      formats = read.value;
    }
  }
  const sheets: XlsxSheet[] = [];
  for (const entry of listed) {
    if (!archive.has(entry.path)) continue;
    const text = partText(archive, entry.path);
    if (!text.ok) return text;
    const sheet = sheetRead(text.value, entry.path, entry.name, entry.hidden, { strings, formats, date1904 });
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  return parseOk(sheets);
}
