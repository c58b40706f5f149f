import { rmSync } from 'node:fs';
import { exportModelBuild } from '@phuluc/domain';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetTable,
  filesWrite,
  fixtureTable,
  libreOfficeToPdf,
  META,
  pageBreakFaults,
  pageRows,
  pdfEveryPageHas,
  pdfInfo,
  pdfScreenshot,
  pdfText,
  tableForPageBreaks,
  tableRepeated,
  tempDir,
  textHasWordsInOrder,
  UNITS,
} from './export-fixtures.test-helper.ts';
import { exportXlsx, XLSX_HEADER_ROW, xlsxMoneyFormat, xlsxWidthFromMm } from './xlsx.ts';

const options = { draft: false, units: UNITS, planYear: 2026 };

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('the XLSX of Tân Thanh, read back with exceljs', () => {
  const model = exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, options);
  let sheet: ExcelJS.Worksheet;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await exportXlsx(model);
    sheet = await sheetOf(bytes);
  });

  it('has the heading block merged across the table above the header row', () => {
    expect(sheet.getCell('A1').value).toBe('PHỤ LỤC');
    expect(sheet.getCell('A2').value).toBe('DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ');
    expect(sheet.getCell('A3').value).toBe('(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)');
    expect(sheet.getCell('A3').font.italic).toBe(true);
    expect(sheet.getCell('I1').master.address).toBe('A1');
    expect(sheet.getRow(XLSX_HEADER_ROW).values).toEqual([
      undefined,
      'STT',
      'Nhiệm vụ cụ thể',
      'Chi tiết nhiệm vụ',
      'Người/Đơn vị chủ trì',
      'Thời gian thực hiện',
      'Sản phẩm/Kết quả đầu ra',
      'Cơ quan hướng dẫn/kiểm tra',
      'Theo dõi',
      'Ghi chú',
    ]);
  });

  it('freezes the header row and repeats it on every printed page', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    expect(sheet.pageSetup.printTitlesRow).toBe(`${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`);
  });

  it('prints on A4 landscape, fitted to the page width, with the NĐ 30 margins', () => {
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.margins?.left).toBeCloseTo(30 / 25.4, 3);
    expect(sheet.pageSetup.margins?.right).toBeCloseTo(15 / 25.4, 3);
  });

  it('sizes the columns from the table widths', () => {
    expect(sheet.columns.map((c) => c.width)).toEqual([12, 40, 55, 32, 22, 32, 25, 22, 15].map(xlsxWidthFromMm));
    expect(xlsxWidthFromMm(55)).toBeCloseTo(29, 0);
  });

  it('merges section rows across the table in bold, and numbers the rows itself', () => {
    const section = sheet.getRow(XLSX_HEADER_ROW + 1);
    expect(section.getCell(1).value).toBe('I. CHÍNH QUYỀN SỐ');
    expect(section.getCell(1).font.bold).toBe(true);
    expect(section.getCell(9).master.address).toBe(`A${XLSX_HEADER_ROW + 1}`);
    const firstItem = sheet.getRow(XLSX_HEADER_ROW + 2);
    expect(firstItem.getCell(1).value).toBe('1');
    expect(firstItem.getCell(2).value).toBe('Thực hiện và báo cáo định kỳ theo Kế hoạch 02-KH/BCĐTW');
  });

  it('wraps text with thin borders, in Times New Roman, and makes rows tall enough for their lines', () => {
    const cell = sheet.getRow(XLSX_HEADER_ROW + 2).getCell(3);
    expect(cell.alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
    expect(cell.border.top?.style).toBe('thin');
    expect(cell.font).toMatchObject({ name: 'Times New Roman', size: 11 });
    // "Phân công công chức phụ trách 3 trụ cột; …" takes four lines in its 55 mm column.
    expect(sheet.getRow(XLSX_HEADER_ROW + 2).height).toBeGreaterThan(3 * 11 * 1.2);
    expect(sheet.getRow(XLSX_HEADER_ROW + 3).height).toBeLessThan(sheet.getRow(XLSX_HEADER_ROW + 2).height);
  });

  it('has no draft mark', () => {
    const files = unzipSync(bytes);
    expect(Object.values(files).map((f) => strFromU8(f)).join('')).not.toContain('DỰ THẢO');
  });
});

describe('budgets in the XLSX', () => {
  let sheet: ExcelJS.Worksheet;
  const model = exportModelBuild(budgetTable(), META, options);
  const budgetCol = model.columns.findIndex((c) => c.field === 'budget') + 1;
  beforeAll(async () => {
    sheet = await sheetOf(await exportXlsx(model));
  });

  it('are numbers with a thousands format, and unreadable text stays text', () => {
    const values = [2, 3, 4, 5, 6].map((i) => sheet.getRow(XLSX_HEADER_ROW + i).getCell(budgetCol));
    expect(values.map((c) => c.value)).toEqual([1250, 56.36, 120, '', 0.5]);
    expect(values.map((c) => c.numFmt)).toEqual(['[$-42A]#,##0', '[$-42A]#,##0.00', '[$-42A]#,##0', undefined, '[$-42A]#,##0.0']);
  });

  it('are summed by a formula in a bold total row, its label merged over the columns before', () => {
    const total = sheet.getRow(XLSX_HEADER_ROW + 7);
    const letter = String.fromCharCode(64 + budgetCol);
    expect(total.getCell(1).value).toBe('Tổng cộng');
    expect(total.getCell(budgetCol - 1).master.address).toBe(`A${XLSX_HEADER_ROW + 7}`);
    expect(total.getCell(budgetCol).value).toEqual({ formula: `SUM(${letter}${XLSX_HEADER_ROW + 1}:${letter}${XLSX_HEADER_ROW + 6})`, result: 1426.86 });
    expect(total.getCell(budgetCol).font.bold).toBe(true);
  });

  it('formats amounts by their decimals, in the Vietnamese locale', () => {
    expect(xlsxMoneyFormat(1250)).toBe('[$-42A]#,##0');
    expect(xlsxMoneyFormat(56.36)).toBe('[$-42A]#,##0.00');
    expect(xlsxMoneyFormat(0.125)).toBe('[$-42A]#,##0.000');
  });
});

/** Page-break tests (tasks, seed, tall), as in the DOCX and PDF tests. */
const PAGE_BREAK_CASES: ReadonlyArray<readonly [number, number, boolean]> = [
  [33, 1, false],
  [38, 2, false],
  [47, 2, true],
  [52, 3, true],
];

/** The manual page breaks of the sheet (exceljs does not read them back): the rows they follow. */
function rowBreaksOf(bytes: Uint8Array): number[] {
  const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
  return [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
}

describe('printed pages of the XLSX', () => {
  it('are cut by hand, never after a section row nor before the total', async () => {
    const model = exportModelBuild(tableForPageBreaks(52, 3, true), META, options);
    const breaks = rowBreaksOf(await exportXlsx(model));
    expect(breaks.length).toBeGreaterThanOrEqual(5);
    // A break comes after sheet row `id`: the printed row `id - header row - 1` ends its page.
    const ending = breaks.map((id) => model.rows[id - XLSX_HEADER_ROW - 1]);
    expect(ending.every((row) => row?.kind === 'item')).toBe(true);
    expect(Math.max(...breaks)).toBeLessThan(XLSX_HEADER_ROW + model.rows.length);
    const sections = (id: number) => model.rows.slice(0, id - XLSX_HEADER_ROW).filter((r) => r.kind === 'section').length;
    // Some page begins with a section row that would have fitted at the foot of the page before.
    expect(breaks.some((id) => model.rows[id - XLSX_HEADER_ROW]?.kind === 'section' && sections(id) > 0)).toBe(true);
  });

  it('are not cut by hand when the table fits on one page', async () => {
    expect(rowBreaksOf(await exportXlsx(exportModelBuild(budgetTable(), META, options)))).toEqual([]);
  });
});

describe('a draft XLSX', () => {
  it('says "DỰ THẢO" in a title cell and in the header and footer of every printed page', async () => {
    const sheet = await sheetOf(await exportXlsx(exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, { ...options, draft: true })));
    expect(sheet.getCell('A4').value).toBe('DỰ THẢO');
    expect(sheet.headerFooter.oddHeader).toContain('DỰ THẢO');
    expect(sheet.headerFooter.firstHeader).toContain('DỰ THẢO');
    expect(sheet.headerFooter.oddFooter).toContain('DỰ THẢO');
  });
});

describe('the XLSX opened by LibreOffice', () => {
  let dir: string;
  let finalPdf: string;
  let draftPdf: string;
  let budgetPdf: string;
  let breakPdfs: ReadonlyArray<readonly [string, string]> = [];
  beforeAll(async () => {
    dir = tempDir('xlsx');
    const paths = filesWrite(dir, {
      'xuan-loc.xlsx': await exportXlsx(exportModelBuild(fixtureTable('xuan-loc-2026-indicators'), META, options)),
      'tan-thanh-draft.xlsx': await exportXlsx(exportModelBuild(tableRepeated('tan-thanh-2026-tasks', 60), META, { ...options, draft: true })),
      'budget.xlsx': await exportXlsx(exportModelBuild(budgetTable(), META, options)),
    });
    const breaks = filesWrite(
      dir,
      Object.fromEntries(
        await Promise.all(PAGE_BREAK_CASES.map(async ([items, seed, tall]) => [`breaks-${items}-${seed}.xlsx`, await exportXlsx(exportModelBuild(tableForPageBreaks(items, seed, tall), META, options))] as const)),
      ),
    );
    const pdfs = libreOfficeToPdf([...Object.values(paths), ...Object.values(breaks)], dir);
    breakPdfs = Object.entries(breaks).map(([name, path]) => [name, pdfs[path] ?? ''] as const);
    finalPdf = pdfs[paths['xuan-loc.xlsx'] ?? ''] ?? '';
    draftPdf = pdfs[paths['tan-thanh-draft.xlsx'] ?? ''] ?? '';
    budgetPdf = pdfs[paths['budget.xlsx'] ?? ''] ?? '';
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints A4 landscape pages with the heading, the sections and the Vietnamese text', () => {
    const info = pdfInfo(finalPdf);
    expect(info.width).toBeCloseTo(841.89, 0);
    expect(info.height).toBeCloseTo(595.3, 0);
    const text = pdfText(finalPdf);
    expect(text).toContain('PHỤ LỤC');
    expect(text).toContain('CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026');
    expect(text).toContain('A. Phát triển hạ tầng');
    expect(text).toContain('≥ 50%');
    pdfScreenshot(finalPdf, 'xlsx-xuan-loc');
  });

  it('shows every line of a wrapped cell (rows are tall enough)', () => {
    const text = pdfText(finalPdf);
    expect(textHasWordsInOrder(text, 'Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps/s')).toBe(true);
    expect(textHasWordsInOrder(text, 'Tỷ lệ cơ quan, đơn vị có ít nhất 01 tài khoản ứng dụng trí tuệ nhân tạo (AI) phiên bản nâng cao (trả phí) để phục vụ công tác chuyên môn, góp phần nâng cao hiệu quả xử lý công việc.')).toBe(true);
    // Each cell's lines stay inside its row: above the next section, below the previous row.
    const lines = text.split('\n');
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));
    expect(lineOf('Tỷ lệ phủ sóng 5G')).toBeLessThan(lineOf('Tỷ lệ người sử dụng'));
    expect(lineOf('Gbps/s')).toBeLessThan(lineOf('B. Phát triển nguồn lực'));
  });

  it('prints amounts and the budget total the Vietnamese way (1.250 is one thousand two hundred and fifty)', () => {
    const text = pdfText(budgetPdf);
    expect(text).toMatch(/Tổng cộng\s+1\.426,86/);
    expect(text).toMatch(/\b1\.250\b/);
    expect(text).toMatch(/\b56,36\b/);
    expect(text).not.toMatch(/\b1,250\b|\b56\.36\b/);
    pdfScreenshot(budgetPdf, 'xlsx-budget');
  });

  it('never ends a printed page with a section heading nor starts one with the total row', () => {
    const faults: string[] = [];
    for (const [name, pdf] of breakPdfs) {
      const rows = pageRows(pdf);
      faults.push(...pageBreakFaults(rows).map((fault) => `${name}: ${fault}`));
      expect(rows.flat().filter((r) => r.startsWith('V')).length, name).toBe(Number(/breaks-(\d+)/.exec(name)?.[1]));
      // The header row is repeated on every page.
      for (let page = 2; page <= rows.length; page += 1) expect(pdfText(pdf, page), `${name} page ${page}`).toContain('Nhiệm vụ chính');
    }
    expect(faults).toEqual([]);
  });

  it('repeats the header row and marks every page of a draft "DỰ THẢO"', () => {
    const { pages, without } = pdfEveryPageHas(draftPdf, 'DỰ THẢO');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(without).toEqual([]);
    expect(pdfText(draftPdf, 2)).toContain('Chi tiết nhiệm vụ');
    pdfScreenshot(draftPdf, 'xlsx-tan-thanh-draft');
  });
});
