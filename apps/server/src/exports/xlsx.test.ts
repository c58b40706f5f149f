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
  pdfEveryPageHas,
  pdfInfo,
  pdfScreenshot,
  pdfText,
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
    expect(values.map((c) => c.numFmt)).toEqual(['#,##0', '#,##0.00', '#,##0', undefined, '#,##0.0']);
  });

  it('are summed by a formula in a bold total row, its label merged over the columns before', () => {
    const total = sheet.getRow(XLSX_HEADER_ROW + 7);
    const letter = String.fromCharCode(64 + budgetCol);
    expect(total.getCell(1).value).toBe('Tổng cộng');
    expect(total.getCell(budgetCol - 1).master.address).toBe(`A${XLSX_HEADER_ROW + 7}`);
    expect(total.getCell(budgetCol).value).toEqual({ formula: `SUM(${letter}${XLSX_HEADER_ROW + 1}:${letter}${XLSX_HEADER_ROW + 6})`, result: 1426.86 });
    expect(total.getCell(budgetCol).font.bold).toBe(true);
  });

  it('formats amounts by their decimals', () => {
    expect(xlsxMoneyFormat(1250)).toBe('#,##0');
    expect(xlsxMoneyFormat(56.36)).toBe('#,##0.00');
    expect(xlsxMoneyFormat(0.125)).toBe('#,##0.000');
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
  beforeAll(async () => {
    dir = tempDir('xlsx');
    const paths = filesWrite(dir, {
      'xuan-loc.xlsx': await exportXlsx(exportModelBuild(fixtureTable('xuan-loc-2026-indicators'), META, options)),
      'tan-thanh-draft.xlsx': await exportXlsx(exportModelBuild(tableRepeated('tan-thanh-2026-tasks', 60), META, { ...options, draft: true })),
      'budget.xlsx': await exportXlsx(exportModelBuild(budgetTable(), META, options)),
    });
    const pdfs = libreOfficeToPdf(Object.values(paths), dir);
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

  it('prints the budget total', () => {
    expect(pdfText(budgetPdf)).toMatch(/Tổng cộng\s+1,426\.86|Tổng cộng\s+1\.426,86/);
    pdfScreenshot(budgetPdf, 'xlsx-budget');
  });

  it('repeats the header row and marks every page of a draft "DỰ THẢO"', () => {
    const { pages, without } = pdfEveryPageHas(draftPdf, 'DỰ THẢO');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(without).toEqual([]);
    expect(pdfText(draftPdf, 2)).toContain('Chi tiết nhiệm vụ');
    pdfScreenshot(draftPdf, 'xlsx-tan-thanh-draft');
  });
});
