import { rmSync } from 'node:fs';
import { exportModelBuild } from '@phuluc/domain';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocx } from './docx.ts';
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
  UNITS,
} from './export-fixtures.test-helper.ts';

const options = { draft: false, units: UNITS, planYear: 2026 };

/** The parts of a .docx as text. */
async function docxParts(model: Parameters<typeof exportDocx>[0]): Promise<Record<string, string>> {
  const files = unzipSync(await exportDocx(model));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const count = (text: string, needle: string | RegExp): number => (typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length);

describe('the DOCX of Tân Thanh, as Word reads it', () => {
  const model = exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, options);
  let parts: Record<string, string>;
  let body: string;
  beforeAll(async () => {
    parts = await docxParts(model);
    body = parts['word/document.xml'] ?? '';
  });

  it('is an A4 landscape page with the margins of Nghị định 30 (top/bottom 20 mm, left 30 mm, right 15 mm)', () => {
    expect(body).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(body).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });

  it('writes in Times New Roman, 13 pt by default and the table in 11 pt', () => {
    const styles = parts['word/styles.xml'] ?? '';
    expect(styles).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="26"/>');
    expect(styles).toMatch(/w:styleId="PhulucBang".*?<w:sz w:val="22"\/>/s);
  });

  it('opens with "PHỤ LỤC", the title in capitals and the italic "Kèm theo" line from the plan', () => {
    const heading = body.slice(0, body.indexOf('<w:tbl>'));
    expect(heading).toMatch(/<w:b\/>.*?<w:t xml:space="preserve">PHỤ LỤC<\/w:t>/s);
    expect(heading).toContain('DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ');
    expect(heading).toMatch(/<w:i\/>.*?\(Kèm theo Kế hoạch số 25\/KH-UBND ngày 15\/01\/2026 của UBND xã Tân Thanh\)/s);
  });

  it('repeats the header row on every page and never splits a row', () => {
    expect(count(body, '<w:tblHeader/>')).toBe(1);
    expect(body).toMatch(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>(?:(?!<\/w:tr>).)*STT/s);
    expect(count(body, '<w:tr>')).toBe(model.rows.length + 1);
    expect(count(body, '<w:cantSplit/>')).toBe(model.rows.length + 1);
  });

  it('keeps each section row with the row after it (keepNext on every paragraph of the row), and never on other rows', () => {
    const rows = body.split('<w:tr>').slice(2);
    expect(rows).toHaveLength(model.rows.length);
    model.rows.forEach((row, i) => {
      const xml = rows[i] ?? '';
      const paragraphs = count(xml, '<w:p>');
      expect(count(xml, '<w:keepNext/>'), row.kind === 'section' ? row.text : row.number).toBe(row.kind === 'section' ? paragraphs : 0);
    });
  });

  it('merges each section row across the nine columns, in bold', () => {
    expect(count(body, '<w:gridSpan w:val="9"/>')).toBe(3);
    expect(body).toMatch(/<w:gridSpan w:val="9"\/>.*?<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">I\. CHÍNH QUYỀN SỐ<\/w:t>/s);
  });

  it('sizes the columns from the table, scaled to the 252 mm text width', () => {
    const grid = [...body.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(9);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(14287);
    // Chi tiết nhiệm vụ: 55 of 255 mm.
    expect(grid[2]).toBeGreaterThanOrEqual(Math.floor((55 / 255) * 14287));
    expect(grid[2]).toBeLessThanOrEqual(Math.ceil((55 / 255) * 14287));
    expect(body).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it('numbers the rows itself and restarts at 1 in each section', () => {
    const numbers = [...body.matchAll(/<w:tc><w:tcPr><w:tcW w:w="\d+" w:type="dxa"\/><w:vAlign w:val="center"\/><\/w:tcPr><w:p><w:pPr><w:pStyle w:val="PhulucBang"\/><w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">(\d+)<\/w:t>/g)].map((m) => m[1]);
    expect(numbers.slice(0, 11)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '1']);
  });

  it('has no draft mark and the page number from page 2 only', () => {
    expect(Object.values(parts).join('')).not.toContain('DỰ THẢO');
    expect(body).toContain('<w:titlePg/>');
  });
});

describe('a multi-line cell and a budget', () => {
  it('keeps each line of a cell as its own paragraph and sums the budget in a bold total row', async () => {
    const table = budgetTable();
    const first = table.rows[1];
    if (first?.kind === 'item') first.cells.output = '- Kiểm kê thiết bị\n- Đề xuất nâng cấp';
    const body = (await docxParts(exportModelBuild(table, META, options)))['word/document.xml'] ?? '';
    expect(body).toMatch(/- Kiểm kê thiết bị<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="PhulucBang"\/><w:jc w:val="left"\/><\/w:pPr><w:r><w:t xml:space="preserve">- Đề xuất nâng cấp/);
    expect(body).toMatch(/<w:gridSpan w:val="6"\/>.*?Tổng cộng.*?1\.426,86/s);
    expect(body).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">1\.250<\/w:t>/);
  });

  it('keeps the last row with the total row', async () => {
    const model = exportModelBuild(budgetTable(), META, options);
    const rows = ((await docxParts(model))['word/document.xml'] ?? '').split('<w:tr>').slice(2);
    const lastItem = rows.at(-2) ?? '';
    expect(count(lastItem, '<w:keepNext/>')).toBe(count(lastItem, '<w:p>'));
    expect(rows.at(-1)).toContain('Tổng cộng');
    expect(rows.at(-1)).not.toContain('<w:keepNext/>');
    expect(rows.slice(1, -2).every((xml) => !xml.includes('<w:keepNext/>'))).toBe(true);
  });

  it('escapes markup typed in a cell', async () => {
    const table = budgetTable();
    const first = table.rows[1];
    if (first?.kind === 'item') first.cells.task = 'Hệ thống <script> & "dữ liệu"\u0007';
    const body = (await docxParts(exportModelBuild(table, META, options)))['word/document.xml'] ?? '';
    expect(body).toContain('Hệ thống &lt;script&gt; &amp; &quot;dữ liệu&quot;</w:t>');
  });
});

/**
 * Page-break tests (tasks, seed, tall): without keepNext LibreOffice ends pages of the short ones
 * with a section heading and starts the last page of the tall ones with the total row alone.
 */
const PAGE_BREAK_CASES: ReadonlyArray<readonly [number, number, boolean]> = [
  [33, 1, false],
  [38, 2, false],
  [47, 2, true],
  [52, 3, true],
];

describe('the DOCX opened by LibreOffice', () => {
  let dir: string;
  let finalPdf: string;
  let draftPdf: string;
  let kpiPdf: string;
  let breakPdfs: ReadonlyArray<readonly [string, string]> = [];
  beforeAll(async () => {
    dir = tempDir('docx');
    const paths = filesWrite(dir, {
      'tan-thanh.docx': await exportDocx(exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, options)),
      'tan-thanh-draft.docx': await exportDocx(exportModelBuild(tableRepeated('tan-thanh-2026-tasks', 60), META, { ...options, draft: true })),
      'kpi.docx': await exportDocx(exportModelBuild(fixtureTable('tan-ky-2026-kpi'), META, options)),
    });
    const breaks = filesWrite(
      dir,
      Object.fromEntries(
        await Promise.all(PAGE_BREAK_CASES.map(async ([items, seed, tall]) => [`breaks-${items}-${seed}.docx`, await exportDocx(exportModelBuild(tableForPageBreaks(items, seed, tall), META, options))] as const)),
      ),
    );
    const pdfs = libreOfficeToPdf([...Object.values(paths), ...Object.values(breaks)], dir);
    breakPdfs = Object.entries(breaks).map(([name, path]) => [name, pdfs[path] ?? ''] as const);
    finalPdf = pdfs[paths['tan-thanh.docx'] ?? ''] ?? '';
    draftPdf = pdfs[paths['tan-thanh-draft.docx'] ?? ''] ?? '';
    kpiPdf = pdfs[paths['kpi.docx'] ?? ''] ?? '';
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lays out A4 landscape pages', () => {
    const info = pdfInfo(finalPdf);
    expect(info.width).toBeCloseTo(841.89, 0);
    expect(info.height).toBeCloseTo(595.3, 0);
    expect(info.pages).toBeGreaterThanOrEqual(2);
  });

  it('shows the heading block and the Vietnamese text exactly', () => {
    const text = pdfText(finalPdf);
    expect(text).toContain('PHỤ LỤC');
    expect(text).toContain('(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)');
    expect(text).toContain('I. CHÍNH QUYỀN SỐ');
    expect(text).toContain('Nhiệm vụ cụ thể');
    expect(text).toContain('≥');
    expect(pdfText(kpiPdf)).toContain('Phòng Văn hóa - Xã hội');
    pdfScreenshot(finalPdf, 'docx-tan-thanh');
    pdfScreenshot(kpiPdf, 'docx-kpi');
  });

  it('repeats the header row on the pages after the first', () => {
    const page2 = pdfText(finalPdf, 2);
    expect(page2).toContain('STT');
    expect(page2).toContain('Chi tiết nhiệm vụ');
    expect(page2).toMatch(/^\s*2\s*$/m);
  });

  it('never ends a page with a section heading nor starts one with the total row', () => {
    let pages = 0;
    const faults: string[] = [];
    for (const [name, pdf] of breakPdfs) {
      const rows = pageRows(pdf);
      pages += rows.length;
      faults.push(...pageBreakFaults(rows).map((fault) => `${name}: ${fault}`));
      // Every task is printed once.
      expect(rows.flat().filter((r) => r.startsWith('V')).length, name).toBe(Number(/breaks-(\d+)/.exec(name)?.[1]));
    }
    expect(faults).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(PAGE_BREAK_CASES.length * 2);
  });

  it('marks every page of a draft "DỰ THẢO"', () => {
    const { pages, without } = pdfEveryPageHas(draftPdf, 'DỰ THẢO');
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(without).toEqual([]);
    expect(pdfText(finalPdf)).not.toContain('DỰ THẢO');
    pdfScreenshot(draftPdf, 'docx-tan-thanh-draft');
  });
});
