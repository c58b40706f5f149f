import { IMPORT_FAILURE_CODES, IMPORT_MAX_FILE_BYTES, type ImportResult, type TableModel, tableImportGrid, tableImportText } from '@phuluc/domain';
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureRead } from '../testing/api-context.ts';
import { fileImport, type FileImportResult } from './file-import.ts';
import { assignmentStackedGrid } from '@phuluc/domain/testing/clipboard';
import {
  docxBuild,
  docxFromBodyXml,
  docxStackedBuild,
  FIXTURE_NAMES,
  fixtureGrid,
  gridHtml,
  rowIsSection,
  sofficeConvert,
  tblXml,
  xlsxBuild,
  xlsxStackedBuild,
  zipBuild,
  zipEntries,
} from './import-files.test-helper.ts';

function imported(bytes: Uint8Array, name: string, options?: Parameters<typeof fileImport>[2]): FileImportResult {
  const result = fileImport(bytes, name, options);
  if (!result.ok) throw new Error(`${name}: ${result.code}: ${result.reason}`);
  return result.value;
}

function failure(bytes: Uint8Array, name: string): { code: string; reason: string } {
  const result = fileImport(bytes, name);
  if (result.ok) throw new Error(`${name}: expected a failure`);
  return result;
}

/** The table the TSV fixture imports as: what every file made from it must import as too. */
function fixtureTable(name: string): TableModel {
  const result = tableImportText(fixtureRead(name));
  if (!result.ok) throw new Error(result.reason);
  return result.value.table;
}

function gridTable(grid: string[][]): ImportResult {
  const result = tableImportGrid(grid);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** Sections and rows, cell by cell: the whole TableModel must be the same. */
function expectSameTable(actual: TableModel, expected: TableModel): void {
  expect(actual.rows.length).toBe(expected.rows.length);
  actual.rows.forEach((row, k) => expect(row, `row ${k + 1}`).toEqual(expected.rows[k]));
  expect(actual).toEqual(expected);
}

const bodyRowsOf = (name: string): number => fixtureGrid(name).length - 1;

describe('fileImport: Word files of the real plans', () => {
  let libreOffice: Map<string, Uint8Array>;
  beforeAll(() => {
    libreOffice = sofficeConvert(
      FIXTURE_NAMES.map((name) => ({ name: name.replace('.tsv', '.html'), data: gridHtml(fixtureGrid(name)) })),
      'docx',
      'HTML (StarWriter)',
    );
  }, 180_000);

  it.each(FIXTURE_NAMES)('%s made by LibreOffice (HTML → DOCX) imports as the TSV does', (name) => {
    const docx = libreOffice.get(name.replace('.tsv', '.html'));
    if (!docx) throw new Error('not converted');
    const result = imported(docx, name.replace('.tsv', '.docx'));
    expect(result.format).toBe('docx');
    expectSameTable(result.table, fixtureTable(name));
  });

  it.each(FIXTURE_NAMES.map((name, k) => [name, k % 2 === 1] as const))(
    '%s made with docx (split over two tables, header repeated: %s, STT auto-numbered) imports as the TSV does',
    async (name, repeatHeaderInSplit) => {
      const grid = fixtureGrid(name);
      const bytes = await docxBuild(grid, { splitAfter: 8, repeatHeaderInSplit, autoNumber: true });
      const result = imported(bytes, name.replace('.tsv', '.docx'));
      expectSameTable(result.table, fixtureTable(name));
      const said = result.notes.map((n) => n.message).join('\n');
      expect(said).toMatch(/Bỏ dòng “- 2 -” nằm giữa hai phần của bảng/);
      expect(said).toMatch(/nối phần thứ 2 vào từ dòng 10/);
    },
  );

  it('reads merged section rows (gridSpan), a vertically merged lead cell (vMerge) and multi-paragraph cells', async () => {
    const grid = fixtureGrid('tan-thanh-2026-tasks.tsv');
    // Rows 2 and 3 of the body (items 1 and 2): a cell of two paragraphs, and the lead cell of
    // item 2 merged into item 1's.
    const multi = grid.map((row) => [...row]);
    const item1 = multi.findIndex((row, k) => k > 0 && row[0] === '1');
    (multi[item1] as string[])[5] = 'Báo cáo đúng hạn\nBáo cáo tổng hợp năm';
    const bytes = await docxBuild(multi, { vMerge: { column: 3, rows: [item1] } });
    const expectedGrid = multi.map((row) => [...row]);
    (expectedGrid[item1 + 1] as string[])[3] = ''; // covered by the merge: "" as the domain lays out HTML spans
    const sections = grid.filter(rowIsSection).length;
    const result = imported(bytes, 'ke-hoach.docx');
    expectSameTable(result.table, gridTable(expectedGrid).table);
    expect(result.table.rows.filter((r) => r.kind === 'section')).toHaveLength(sections);
    const first = result.table.rows.find((r) => r.kind === 'item');
    expect(first?.kind === 'item' && first.cells.output).toBe('Báo cáo đúng hạn\nBáo cáo tổng hợp năm');
  });

  it('lists every appendix table of a plan with several, and imports the one chosen', async () => {
    const [tasks, recurring, kpi] = ['tan-ky-2026-tasks.tsv', 'tan-ky-2026-recurring.tsv', 'tan-ky-2026-kpi.tsv'].map(fixtureGrid);
    const body = [tasks, recurring, kpi].map((g) => `<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>${tblXml(g ?? [])}`).join('');
    const bytes = docxFromBodyXml(body);
    const first = imported(bytes, 'tan-ky.docx');
    expect(first.choices.map((c) => c.rows)).toEqual([bodyRowsOf('tan-ky-2026-tasks.tsv'), bodyRowsOf('tan-ky-2026-recurring.tsv'), bodyRowsOf('tan-ky-2026-kpi.tsv')]);
    expect(first.choices[2]?.label).toMatch(/^Bảng 3: .*\(13 dòng\)$/);
    expect(first.notes.map((n) => n.message).join('\n')).toMatch(/Tệp có 3 bảng phụ lục; đang nhập bảng 1/);
    expectSameTable(first.table, fixtureTable('tan-ky-2026-tasks.tsv'));
    const third = imported(bytes, 'tan-ky.docx', { table: 2 });
    expect(third.chosen).toBe(2);
    expectSameTable(third.table, fixtureTable('tan-ky-2026-kpi.tsv'));
    expect(fileImport(bytes, 'tan-ky.docx', { table: 3 }).ok).toBe(false);
  });

  it('reads a document whose body is an embedded HTML page (w:altChunk)', () => {
    const bytes = docxFromBodyXml('<w:altChunk r:id="htmlChunk" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>', {
      'word/afchunk.htm': gridHtml(fixtureGrid('tan-ky-2026-recurring.tsv')),
    });
    const result = imported(bytes, 'he-thong.docx');
    expect(result.notes[0]?.message).toBe('Đã đọc bảng phụ lục từ trang HTML nhúng trong tệp Word (.docx).');
    expectSameTable(result.table, fixtureTable('tan-ky-2026-recurring.tsv'));
  });

  it('refuses a Word file without an appendix table, saying so', () => {
    const bytes = docxFromBodyXml(`<w:p><w:r><w:t>KẾ HOẠCH chuyển đổi số</w:t></w:r></w:p>${tblXml([['Nơi nhận:\n- Như trên;', 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH']])}`);
    const f = failure(bytes, 'ke-hoach.docx');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.noTable);
    expect(f.reason).toMatch(/^Không tìm thấy bảng phụ lục trong tệp Word: tài liệu có 1 bảng nhưng không bảng nào có dòng tiêu đề quen thuộc/);
    expect(failure(docxFromBodyXml('<w:p/>'), 'trong.docx').reason).toMatch(/không có bảng nào/);
  });
});

describe('fileImport: Excel files of the real plans', () => {
  let libreOffice: Map<string, Uint8Array>;
  beforeAll(() => {
    libreOffice = sofficeConvert(
      FIXTURE_NAMES.map((name) => ({ name, data: fixtureRead(name) })),
      'xlsx',
      'CSV:9,34,76,1',
    );
  }, 180_000);

  it.each(FIXTURE_NAMES)('%s made by LibreOffice (TSV → XLSX) imports as the TSV does', (name) => {
    const xlsx = libreOffice.get(name);
    if (!xlsx) throw new Error('not converted');
    const result = imported(xlsx, name.replace('.tsv', '.xlsx'));
    expect(result.format).toBe('xlsx');
    expectSameTable(result.table, fixtureTable(name));
  });

  it.each(FIXTURE_NAMES)('%s made with exceljs (merged sections, STT as numbers, shared strings) imports as the TSV does', async (name) => {
    const bytes = await xlsxBuild(fixtureGrid(name), { extraSheets: ['Bìa'] });
    const result = imported(bytes, name.replace('.tsv', '.xlsx'));
    expectSameTable(result.table, fixtureTable(name));
    expect(result.notes[0]?.message).toBe('Đã đọc trang tính “Phụ lục” của tệp Excel (.xlsx).');
    expect(result.choices).toHaveLength(1);
  });

  it('says which row of the sheet a note is about', async () => {
    const result = imported(await xlsxBuild(fixtureGrid('tan-thanh-2026-tasks.tsv')), 'tan-thanh.xlsx');
    const repeated = result.notes.filter((n) => n.message.includes('tiêu đề lặp lại')).map((n) => n.line);
    const expected = fixtureGrid('tan-thanh-2026-tasks.tsv').flatMap((row, k) => (k > 0 && row[0] === 'STT' ? [k + 1] : []));
    expect(repeated).toEqual(expected);
  });

  it('refuses a workbook without an appendix sheet, naming its sheets', async () => {
    const f = failure(await xlsxBuild([['Danh sách', 'Ghi chú'], ['a', 'b']], { sheetName: 'Tổng hợp' }), 'so-lieu.xlsx');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.noTable);
    expect(f.reason).toMatch(/Không tìm thấy bảng phụ lục trong tệp Excel: không trang tính nào \(“Tổng hợp”\)/);
  });
});

describe('fileImport: text files and hostile files', () => {
  it('reads TSV, CSV and HTML by their content, with or without a telling name', () => {
    const tsv = fixtureRead('tan-ky-2026-kpi.tsv');
    expectSameTable(imported(strToU8(tsv), 'bang.txt').table, fixtureTable('tan-ky-2026-kpi.tsv'));
    expect(imported(strToU8(tsv), 'bang').format).toBe('tsv');
    const html = imported(strToU8(gridHtml(fixtureGrid('tan-ky-2026-kpi.tsv'))), 'bang.doc');
    expect(html.format).toBe('html');
    expectSameTable(html.table, fixtureTable('tan-ky-2026-kpi.tsv'));
  });

  it('reads UTF-16 text with a byte order mark', () => {
    const tsv = fixtureRead('tan-ky-2026-tasks.tsv');
    const bytes = new Uint8Array(2 + tsv.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let k = 0; k < tsv.length; k += 1) {
      bytes[2 + 2 * k] = tsv.charCodeAt(k) & 0xff;
      bytes[3 + 2 * k] = tsv.charCodeAt(k) >> 8;
    }
    expectSameTable(imported(bytes, 'bang.txt').table, fixtureTable('tan-ky-2026-tasks.tsv'));
  });

  it('reads a CSV that Vietnamese Excel saved in Windows-1258, composing its tone marks', () => {
    const csv = 'STT,Nội dung công việc,Đơn vị chủ trì,Thời hạn\r\n1,Rà soát thủ tục hành chính,Văn phòng HĐND và UBND xã,Quý I/2026\r\n';
    const result = imported(windows1258(csv), 'bang.csv');
    const row = result.table.rows[0];
    expect(row?.kind === 'item' && row.cells).toMatchObject({ task: 'Rà soát thủ tục hành chính', lead: 'Văn phòng HĐND và UBND xã' });
    expect(result.notes[0]?.message).toMatch(/Windows-1258/);
  });

  it('refuses a file of 10 MB and 1 byte before reading it', () => {
    const f = failure(new Uint8Array(IMPORT_MAX_FILE_BYTES + 1), 'lon.docx');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.tooLarge);
    expect(f.reason).toBe('Tệp quá lớn (10 MB); chỉ nhận tệp tối đa 10 MB.');
  });

  it('refuses a .docx or .xlsx that is not a ZIP', () => {
    const f = failure(strToU8('đây không phải tệp Word'), 'ke-hoach.docx');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.notZip);
    expect(f.reason).toMatch(/Tệp có đuôi \.docx nhưng không phải tệp Word thật/);
    expect(failure(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'anh.xlsx').code).toBe(IMPORT_FAILURE_CODES.notZip);
  });

  it('refuses old .doc/.xls (or password-protected) files, PDFs and binary junk with what to do instead', () => {
    const ole = failure(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'cu.doc');
    expect(ole.reason).toMatch(/định dạng Word\/Excel cũ.*\.docx hoặc \.xlsx/);
    expect(failure(strToU8('%PDF-1.7\n'), 'ke-hoach.pdf').reason).toMatch(/PDF không nhập được/);
    expect(failure(new Uint8Array([1, 0, 2, 0, 3]), 'x.bin').code).toBe(IMPORT_FAILURE_CODES.unsupported);
  });

  it('refuses a macro-enabled Word file (.docm with vbaProject.bin)', async () => {
    const entries = zipEntries(await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv')));
    entries['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]);
    const f = failure(zipBuild(entries), 'ke-hoach.docm');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.macros);
    expect(f.reason).toMatch(/macro/);
  });

  it('refuses a macro-enabled Excel file (.xlsm)', async () => {
    const entries = zipEntries(await xlsxBuild(fixtureGrid('tan-ky-2026-kpi.tsv')));
    entries['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]);
    expect(failure(zipBuild(entries), 'bang.xlsm').code).toBe(IMPORT_FAILURE_CODES.macros);
  });

  it('refuses a ZIP that is neither Word nor Excel, and an OpenDocument file', () => {
    expect(failure(zipBuild({ 'a.txt': 'x' }), 'a.zip').reason).toMatch(/không phải tài liệu Word \(\.docx\) hay bảng tính Excel/);
    expect(failure(zipBuild({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }), 'a.odt').reason).toMatch(/OpenDocument/);
  });

  it('refuses a document whose XML declares entities', () => {
    const bytes = zipBuild({ ...zipEntries(docxFromBodyXml('<w:p/>')), 'word/document.xml': '<!DOCTYPE d [<!ENTITY x "xxxxxxxx">]><w:document xmlns:w="x">&x;</w:document>' });
    const f = failure(bytes, 'ke-hoach.docx');
    expect(f.code).toBe(IMPORT_FAILURE_CODES.xmlInvalid);
    expect(f.reason).toMatch(/DOCTYPE/);
  });
});

/** Text as old Vietnamese Excel writes a CSV: Windows-1258, tone marks as combining bytes. */
function windows1258(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1258');
  const byChar = new Map<string, number>();
  for (let b = 255; b >= 0; b -= 1) byChar.set(decoder.decode(new Uint8Array([b])), b);
  const out: number[] = [];
  const byte = (c: string): number => {
    const b = byChar.get(c);
    if (b === undefined) throw new Error(`no Windows-1258 byte for ${c}`);
    return b;
  };
  // Each letter with its marks: circumflex, breve and horn are part of precomposed letters in
  // Windows-1258, the tone marks follow as combining bytes.
  for (const [, base = '', marks = ''] of text.normalize('NFD').matchAll(/(.)(\p{M}*)/gsu)) {
    const shape = [...marks].filter((m) => /[\u0302\u0306\u031B]/.test(m)).join('');
    out.push(byte((base + shape).normalize('NFC')));
    for (const tone of marks) if (!shape.includes(tone)) out.push(byte(tone));
  }
  return new Uint8Array(out);
}

describe('fileImport: what real plans put around their table', () => {
  const assignment = assignmentStackedGrid(fixtureGrid('tan-ky-2026-tasks.tsv'));
  const heading = ['PHỤ LỤC', 'PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026', '(Kèm theo Kế hoạch số 123/KH-UBND ngày 05/11/2026 của UBND xã Tân Kỳ)'];
  const columns = [
    ['task', 'Nhiệm vụ'],
    ['lead', 'Cơ quan chủ trì'],
    ['cooperating', 'Cơ quan phối hợp'],
    ['output', 'Sản phẩm'],
    ['timeframe', 'Thời gian hoàn thành'],
  ];

  it('reads a Word table whose two-row header merges "Cơ quan thực hiện" over "Chủ trì | Phối hợp" (gridSpan, vMerge), and its heading', async () => {
    const result = imported(await docxStackedBuild(assignment.grid, heading), 'phan-cong.docx');
    expect(result.table.columns.map((c) => [c.field, c.label])).toEqual(columns);
    expect(result.table.rows).toEqual(assignment.rows);
    expect(result.table.template).toBe('assignment');
    expect(result.table.title).toBe('PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026');
    expect(result.heading).toEqual({ title: result.table.title, planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Kỳ' });
  });

  it('reads an Excel sheet whose two-row header is merged the same way, and the heading rows above it', async () => {
    const result = imported(await xlsxStackedBuild(assignment.grid, heading), 'phan-cong.xlsx');
    expect(result.table.columns.map((c) => [c.field, c.label])).toEqual(columns);
    expect(result.table.rows).toEqual(assignment.rows);
    expect(result.heading).toEqual({ title: 'PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026', planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Kỳ' });
  });

  it('keeps the import’s own title when the Word file has no heading', async () => {
    const result = imported(await docxStackedBuild(assignment.grid), 'phan-cong.docx');
    expect(result.table.title).toBe('Phân công nhiệm vụ chuyển đổi số');
    expect(result.heading).toEqual({ title: '', planNumber: '', issuedOn: '', commune: '' });
  });
});

describe('fileImport: Phuluc’s own JSON export', () => {
  const table = fixtureTable('tan-thanh-2026-tasks.tsv');
  const numbered = { ...table, id: 't1', rows: table.rows.map((row, k) => ({ ...row, id: `r${k}`, number: String(k), ...(row.kind === 'item' ? { owners: ['u1'] } : {}) })) };

  it('reads it back to the same table, without the row ids, owners and numbers a plan gives again', () => {
    const result = imported(strToU8(JSON.stringify(numbered, null, 2)), 'bang.json');
    expect(result.format).toBe('json');
    expect(result.table).toEqual(table);
  });

  it('refuses JSON that is not a table, and a table whose columns a plan cannot hold, saying why', () => {
    expect(failure(strToU8('{"title": 1}'), 'bang.json').reason).toMatch(/^Tệp JSON không phải một bảng do Phuluc xuất \(ở “title”\)/);
    expect(failure(strToU8('{"title": "x",'), 'bang.json').reason).toMatch(/^Tệp JSON không đọc được/);
    const twice = { ...table, columns: [...table.columns, table.columns[0]] };
    expect(failure(strToU8(JSON.stringify(twice)), 'bang.json').reason).toMatch(/^Tệp JSON có cột không hợp lệ: Cột "task" xuất hiện hai lần/);
  });
});
