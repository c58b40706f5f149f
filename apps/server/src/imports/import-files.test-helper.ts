/**
 * Test-only: real Word and Excel files made from the fixture tables, the ways clerks' files
 * are made — by LibreOffice (HTML → DOCX, TSV → XLSX, in a private profile) and by the `docx`
 * and `exceljs` libraries (merged section rows, vertical merges, repeated header rows, a table
 * split in two with a page number between, auto-numbered STT cells, numbers and shared
 * strings) — and a few ZIP tools for hostile files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { fixtureRead } from '../testing/api-context.ts';

export const FIXTURE_NAMES = [
  'tan-thanh-2026-tasks.tsv',
  'xuan-loc-2026-indicators.tsv',
  'tan-ky-2026-tasks.tsv',
  'tan-ky-2026-recurring.tsv',
  'tan-ky-2026-kpi.tsv',
] as const;

/** A fixture as rows of cells, header and page-break headers included. */
export function fixtureGrid(name: string): string[][] {
  return fixtureRead(name)
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

/** "I. CHÍNH QUYỀN SỐ" alone in its row. */
export function rowIsSection(row: readonly string[]): boolean {
  return /^(?:[IVX]+|[A-Z])\.\s/.test(row[0] ?? '') && row.slice(1).every((c) => c === '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The grid as the HTML page a clerk would open in Writer: header in <thead>, sections merged. */
export function gridHtml(grid: readonly (readonly string[])[], title = 'PHỤ LỤC'): string {
  const [header = [], ...body] = grid;
  const width = header.length;
  const cell = (text: string, attrs = ''): string => `<td${attrs}>${text.split('\n').map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</td>`;
  const rows = body.map((row) =>
    rowIsSection(row) ? `<tr>${cell(row[0] ?? '', ` colspan="${width}"`)}</tr>` : `<tr>${row.map((c) => cell(c)).join('')}</tr>`,
  );
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Phụ lục</title></head><body>',
    `<p><b>${escapeHtml(title)}</b></p>`,
    '<table border="1" cellspacing="0">',
    `<thead><tr>${header.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    '</table><p>Nơi nhận: Như trên.</p></body></html>',
  ].join('');
}

/**
 * Converts files with LibreOffice headless, all in one run (one start-up), in a private profile.
 * `infilter` e.g. `HTML (StarWriter)` or `CSV:9,34,76,1`.
 */
export function sofficeConvert(files: ReadonlyArray<{ name: string; data: string | Uint8Array }>, to: 'docx' | 'xlsx', infilter: string): Map<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'phuluc-lo-'));
  try {
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const paths = files.map((f) => {
      const path = join(inDir, f.name);
      writeFileSync(path, f.data);
      return path;
    });
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', `--infilter=${infilter}`, '--convert-to', to, '--outdir', outDir, ...paths],
      { stdio: 'pipe', timeout: 180_000 },
    );
    const out = new Map<string, Uint8Array>();
    for (const f of files) {
      const base = f.name.replace(/\.[^.]+$/, '');
      out.set(f.name, new Uint8Array(readFileSync(join(outDir, `${base}.${to}`))));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How to lay a grid out in a Word document made with the `docx` library. */
export interface DocxBuildOptions {
  /** Split the table after this body row into a second w:tbl, a page-number paragraph between. */
  splitAfter?: number;
  /** Repeat the header row at the top of the second table too. */
  repeatHeaderInSplit?: boolean;
  /** Number STT cells with Word's automatic numbering (restarting per section) instead of text. */
  autoNumber?: boolean;
  /** Body rows whose cell in `column` continues a vertical merge from the row above. */
  vMerge?: { column: number; rows: readonly number[] };
  /** Lines before the table ("PHỤ LỤC", the title …); "PHỤ LỤC" alone by default (no title: the import names the table). */
  before?: readonly string[];
}

const NUMBERING_REF = 'stt';

/** A Word document of the grid made with the `docx` library. */
export async function docxBuild(grid: readonly (readonly string[])[], options: DocxBuildOptions = {}): Promise<Uint8Array> {
  const [header = [], ...body] = grid;
  const width = header.length;
  let section = 0;
  const paragraphs = (text: string, number = false): Paragraph[] =>
    number
      ? [new Paragraph({ numbering: { reference: NUMBERING_REF, level: 0, instance: section }, children: [] })]
      : text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const headerRow = (): TableRow =>
    new TableRow({
      tableHeader: true,
      children: header.map((label) => new TableCell({ children: paragraphs(label) })),
    });
  const bodyRow = (row: readonly string[], index: number): TableRow => {
    if (rowIsSection(row)) {
      section += 1;
      return new TableRow({ children: [new TableCell({ columnSpan: width, children: [new Paragraph({ children: [new TextRun({ text: row[0] ?? '', bold: true })] })] })] });
    }
    const merged = options.vMerge;
    return new TableRow({
      children: row.map((text, c) => {
        if (merged && c === merged.column) {
          const continues = merged.rows.includes(index);
          const starts = !continues && merged.rows.includes(index + 1);
          if (continues) return new TableCell({ verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph('')] });
          if (starts) return new TableCell({ verticalMerge: VerticalMergeType.RESTART, children: paragraphs(text) });
        }
        const auto = options.autoNumber === true && c === 0 && /^\d+$/.test(text);
        return new TableCell({ children: paragraphs(text, auto) });
      }),
    });
  };
  const table = (rows: TableRow[]): Table => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  const split = options.splitAfter ?? body.length;
  const first = body.slice(0, split).map((row, i) => bodyRow(row, i));
  const second = body.slice(split).map((row, i) => bodyRow(row, split + i));
  const children: Array<Paragraph | Table> = [
    ...(options.before ?? ['PHỤ LỤC']).map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, bold: true })] })),
    table([headerRow(), ...first]),
  ];
  if (second.length > 0) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('- 2 -')] }));
    children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    children.push(table(options.repeatHeaderInSplit ? [headerRow(), ...second] : second));
  }
  children.push(new Paragraph({ children: [new TextRun('Nơi nhận: Như trên; Lưu: VT.')] }));
  const doc = new Document({
    numbering: {
      config: [{ reference: NUMBERING_REF, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** An Excel workbook of the grid made with exceljs: section rows merged, STT and numbers as numbers. */
export async function xlsxBuild(
  grid: readonly (readonly string[])[],
  options: { sheetName?: string; extraSheets?: string[]; numberFormats?: Record<number, string> } = {},
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const name of options.extraSheets ?? []) book.addWorksheet(name).addRow(['Ghi chú', 'không phải bảng phụ lục']);
  const sheet = book.addWorksheet(options.sheetName ?? 'Phụ lục');
  const width = grid[0]?.length ?? 1;
  grid.forEach((row, r) => {
    const added = sheet.addRow(row.map((text) => (/^\d+$/.test(text) && text.length < 6 ? Number(text) : text)));
    if (rowIsSection(row)) sheet.mergeCells(r + 1, 1, r + 1, width);
    for (const [column, format] of Object.entries(options.numberFormats ?? {})) added.getCell(Number(column) + 1).numFmt = format;
  });
  return new Uint8Array(await book.xlsx.writeBuffer({ useSharedStrings: true }));
}

/** The entries of a ZIP, to change and zip again. */
export function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** Zips entries (deflated). */
export function zipBuild(entries: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level: 6 });
}

/** Overwrites the declared uncompressed size of every entry (local headers and central directory). */
export function zipDeclaredSizesForge(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let at = 0; at + 4 <= out.length; at += 1) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && at + 30 <= out.length) view.setUint32(at + 22, size, true);
    else if (sig === 0x02014b50 && at + 46 <= out.length) view.setUint32(at + 24, size, true);
  }
  return out;
}

/** A minimal, valid .docx whose body is `bodyXml` (w: prefix bound), built by hand. */
export function docxFromBodyXml(bodyXml: string, extra: Record<string, string> = {}): Uint8Array {
  return zipBuild({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': documentXml(bodyXml),
    ...extra,
  });
}

/** word/document.xml around a body. */
export function documentXml(bodyXml: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
    `<w:body>${bodyXml}<w:sectPr/></w:body></w:document>`
  );
}

/** A w:tbl of plain rows (each cell one paragraph per line). */
export function tblXml(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cell = (text: string): string =>
    `<w:tc>${text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeHtml(l)}</w:t></w:r></w:p>`).join('')}</w:tc>`;
  return `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

/** How one header cell of a stacked two-row header is merged: across sub-columns, or down over the sub-header row. */
interface StackedSpan {
  column: number;
  colspan: number;
  rowspan: number;
}

/**
 * The merges of a stacked header (`top` over `sub`, as `assignmentStackedGrid` lays them out): a
 * top cell with blank cells after it over filled sub-headers spans them; one with nothing under
 * it spans down.
 */
export function stackedSpans(top: readonly string[], sub: readonly string[]): StackedSpan[] {
  const spans: StackedSpan[] = [];
  for (let k = 0; k < top.length; k += 1) {
    if ((top[k] ?? '') === '') continue;
    let colspan = 1;
    while (k + colspan < top.length && (top[k + colspan] ?? '') === '' && (sub[k + colspan] ?? '') !== '') colspan += 1;
    spans.push({ column: k, colspan, rowspan: colspan === 1 && (sub[k] ?? '') === '' ? 2 : 1 });
  }
  return spans;
}

/** Rows `r` where the grid's stacked header (its first two rows) starts, repeats included. */
function stackedHeaderStarts(grid: readonly (readonly string[])[]): number[] {
  const [top = [], sub = []] = grid;
  const same = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.join('\t') === b.join('\t');
  return grid.flatMap((row, r) => (same(row, top) && same(grid[r + 1], sub) ? [r] : []));
}

/**
 * A Word document of a grid whose first two rows are a stacked header (and repeat below), made
 * with the `docx` library as Word writes merges: w:gridSpan across the sub-columns, w:vMerge down
 * over the sub-header row; section rows span the table; the heading lines above the table.
 */
export async function docxStackedBuild(grid: readonly (readonly string[])[], before: readonly string[] = ['PHỤ LỤC']): Promise<Uint8Array> {
  const [top = [], sub = []] = grid;
  const spans = stackedSpans(top, sub);
  const starts = new Set(stackedHeaderStarts(grid));
  const width = top.length;
  const text = (value: string): Paragraph[] => value.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const rows: TableRow[] = [];
  for (let r = 0; r < grid.length; r += 1) {
    const row = grid[r] ?? [];
    if (starts.has(r)) {
      rows.push(
        new TableRow({
          tableHeader: r === 0,
          children: spans.map((s) =>
            new TableCell({
              columnSpan: s.colspan,
              ...(s.rowspan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
              children: text(top[s.column] ?? ''),
            }),
          ),
        }),
      );
      rows.push(
        new TableRow({
          tableHeader: r === 0,
          children: spans.flatMap((s) =>
            s.rowspan > 1
              ? [new TableCell({ verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph('')] })]
              : Array.from({ length: s.colspan }, (_, i) => new TableCell({ children: text(sub[s.column + i] ?? '') })),
          ),
        }),
      );
      r += 1;
    } else if (rowIsSection(row)) {
      rows.push(new TableRow({ children: [new TableCell({ columnSpan: width, children: [new Paragraph({ children: [new TextRun({ text: row[0] ?? '', bold: true })] })] })] }));
    } else {
      rows.push(new TableRow({ children: row.map((cell) => new TableCell({ children: text(cell) })) }));
    }
  }
  const doc = new Document({
    sections: [
      {
        children: [
          ...before.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, bold: true })] })),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          new Paragraph({ children: [new TextRun('Nơi nhận: Như trên; Lưu: VT.')] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * An Excel workbook of a grid whose first two rows are a stacked header (and repeat below),
 * merged as a clerk merges them (across the sub-columns, down over the sub-header row), with the
 * heading lines in merged rows above it and section rows merged across.
 */
export async function xlsxStackedBuild(grid: readonly (readonly string[])[], before: readonly string[] = []): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Phân công');
  const [top = [], sub = []] = grid;
  const width = top.length;
  const spans = stackedSpans(top, sub);
  const starts = new Set(stackedHeaderStarts(grid));
  // Merged once every row is written: exceljs writes a covered cell's value into the merge's first cell.
  const merges: Array<[number, number, number, number]> = [];
  for (const line of before) {
    sheet.addRow([line]);
    merges.push([sheet.rowCount, 1, sheet.rowCount, width]);
  }
  grid.forEach((row, r) => {
    sheet.addRow(row.map((cell) => (cell === '' ? null : cell)));
    const at = sheet.rowCount;
    if (starts.has(r)) {
      for (const s of spans) if (s.colspan > 1 || s.rowspan > 1) merges.push([at, s.column + 1, at + s.rowspan - 1, s.column + s.colspan]);
    } else if (rowIsSection(row)) {
      merges.push([at, 1, at, width]);
    }
  });
  for (const [firstRow, firstColumn, lastRow, lastColumn] of merges) sheet.mergeCells(firstRow, firstColumn, lastRow, lastColumn);
  return new Uint8Array(await book.xlsx.writeBuffer({ useSharedStrings: true }));
}
