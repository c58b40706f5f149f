import { rmSync } from 'node:fs';
import { exportModelBuild } from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetTable,
  filesWrite,
  fixtureTable,
  META,
  pageBreakFaults,
  pageRows,
  pdfEveryPageHas,
  pdfFonts,
  pdfInfo,
  pdfScreenshot,
  pdfText,
  tableForPageBreaks,
  tableRepeated,
  tempDir,
  textHasWordsInOrder,
  UNITS,
} from './export-fixtures.test-helper.ts';
import { exportPdf } from './pdf.ts';

const options = { draft: false, units: UNITS, planYear: 2026 };

describe('the PDF export', () => {
  let dir: string;
  let files: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir('pdf');
    files = filesWrite(dir, {
      'tan-thanh.pdf': await exportPdf(exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, options)),
      'xuan-loc.pdf': await exportPdf(exportModelBuild(fixtureTable('xuan-loc-2026-indicators'), META, options)),
      'kpi.pdf': await exportPdf(exportModelBuild(fixtureTable('tan-ky-2026-kpi'), META, options)),
      'budget.pdf': await exportPdf(exportModelBuild(budgetTable(), META, options)),
      'long-draft.pdf': await exportPdf(exportModelBuild(tableRepeated('tan-thanh-2026-tasks', 120), META, { ...options, draft: true })),
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string): string => files[name] ?? '';

  it('is A4 landscape, in Tinos (Times New Roman metrics) embedded', () => {
    const info = pdfInfo(path('tan-thanh.pdf'));
    expect(info.width).toBeCloseTo(841.89, 1);
    expect(info.height).toBeCloseTo(595.28, 1);
    expect(pdfFonts(path('tan-thanh.pdf')).map((f) => f.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['Tinos-Bold', 'Tinos-Italic', 'Tinos-Regular']));
  });

  it('has the heading block with the plan number, date and commune', () => {
    const page1 = pdfText(path('tan-thanh.pdf'), 1);
    expect(page1).toMatch(/^\s*PHỤ LỤC\s*$/m);
    expect(page1).toMatch(/^\s*DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ\s*$/m);
    expect(page1).toContain('(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)');
    pdfScreenshot(path('tan-thanh.pdf'), 'pdf-tan-thanh');
  });

  it('writes Vietnamese exactly: "Nhiệm vụ", "Chính quyền số", "Phòng Văn hóa - Xã hội", "≥"', () => {
    const tasks = pdfText(path('tan-thanh.pdf'));
    expect(tasks).toContain('Nhiệm vụ cụ thể');
    expect(tasks).toContain('I. CHÍNH QUYỀN SỐ');
    expect(tasks).toContain('Cập nhật tin bài ≥ 1 /ngày');
    const kpi = pdfText(path('kpi.pdf'));
    expect(kpi).toContain('Phòng Văn hóa - Xã hội');
    expect(kpi).toContain('≥ 80%');
    expect(pdfText(path('xuan-loc.pdf'))).toContain('A. Phát triển hạ tầng');
    pdfScreenshot(path('kpi.pdf'), 'pdf-kpi');
    pdfScreenshot(path('xuan-loc.pdf'), 'pdf-xuan-loc');
  });

  it('wraps long cells within their column, keeping every word', () => {
    const text = pdfText(path('xuan-loc.pdf'));
    expect(textHasWordsInOrder(text, 'Tỷ lệ cơ quan, đơn vị có ít nhất 01 tài khoản ứng dụng trí tuệ nhân tạo (AI) phiên bản nâng cao (trả phí) để phục vụ công tác chuyên môn, góp phần nâng cao hiệu quả xử lý công việc.')).toBe(true);
    expect(text.split('\n').some((l) => l.includes('Tỷ lệ cơ quan, đơn vị có ít nhất 01 tài khoản ứng dụng trí tuệ nhân tạo (AI) phiên bản nâng cao'))).toBe(false);
  });

  it('repeats the header row on every page, numbers pages from 2 and never splits a row', () => {
    const { pages } = pdfInfo(path('long-draft.pdf'));
    expect(pages).toBeGreaterThanOrEqual(8);
    for (let page = 1; page <= pages; page += 1) {
      const text = pdfText(path('long-draft.pdf'), page);
      expect(text, `page ${page}`).toMatch(/STT\s+Nhiệm vụ cụ thể\s+Chi tiết nhiệm vụ/);
      if (page > 1) expect(text, `page ${page}`).toMatch(new RegExp(`^\\s*${page}\\s+DỰ THẢO\\s*$`, 'm'));
    }
    // Row 1 of section I is "Thực hiện và báo cáo định kỳ theo Kế hoạch 02-KH/BCĐTW": all its
    // lines sit on the same page wherever it falls.
    for (let page = 1; page <= pages; page += 1) {
      const text = pdfText(path('long-draft.pdf'), page);
      expect(text.includes('Thực hiện và báo cáo'), `page ${page}`).toBe(text.includes('02-KH/BCĐTW'));
    }
  });

  it('marks every page of a draft "DỰ THẢO" and no page of a final export', () => {
    const { pages, without } = pdfEveryPageHas(path('long-draft.pdf'), 'DỰ THẢO');
    expect(pages).toBeGreaterThan(1);
    expect(without).toEqual([]);
    expect(pdfText(path('tan-thanh.pdf'))).not.toContain('DỰ THẢO');
    pdfScreenshot(path('long-draft.pdf'), 'pdf-long-draft');
  });

  it('prints budgets the Vietnamese way with their total', () => {
    const text = pdfText(path('budget.pdf'));
    expect(text).toMatch(/Tổng cộng\s+1\.426,86/);
    expect(text).toContain('56,36');
    pdfScreenshot(path('budget.pdf'), 'pdf-budget');
  });

  it('never ends a page with a section heading nor starts one with the total row alone', async () => {
    const faults: string[] = [];
    let moved = 0;
    for (const items of [30, 36, 42, 48]) {
      for (const tall of [false, true]) {
        const name = `breaks-${items}-${tall ? 'tall' : 'short'}.pdf`;
        const pdf = filesWrite(dir, { [name]: await exportPdf(exportModelBuild(tableForPageBreaks(items, items % 4, tall), META, options)) })[name] ?? '';
        const pages = pageRows(pdf);
        faults.push(...pageBreakFaults(pages).map((fault) => `${name}: ${fault}`));
        expect(pages.flat().filter((r) => r.startsWith('V')), name).toHaveLength(items);
        moved += pages.slice(1).filter((rows) => rows[0]?.startsWith('S')).length;
      }
    }
    expect(faults).toEqual([]);
    // Sections did come at the foot of pages, and went over to the next.
    expect(moved).toBeGreaterThan(0);
  });

  it('carries the last row over with the total rather than print the total alone on the last page', async () => {
    // Rows of one line, as tall as the total: for some count the last row fills the page.
    let carried = 0;
    for (let items = 22; items <= 30; items += 1) {
      const table = tableForPageBreaks(items, 0);
      const rows = table.rows.filter((r) => r.kind === 'item').map((r) => ({ ...r, cells: { ...r.cells, task: (r.cells.task ?? '').slice(0, 4) } }));
      const name = `total-${items}.pdf`;
      const pdf = filesWrite(dir, { [name]: await exportPdf(exportModelBuild({ ...table, rows }, META, options)) })[name] ?? '';
      const { pages } = pdfInfo(pdf);
      const last = [...pdfText(pdf, pages).matchAll(/\b(V\d{3})\b|Tổng cộng/gu)].map((m) => m[1] ?? 'T');
      expect(last[0], name).not.toBe('T');
      if (pages > 1 && last.length === 2) carried += 1;
    }
    expect(carried).toBeGreaterThan(0);
  });

  it('continues a row taller than a page on the next page instead of losing its text', async () => {
    const table = fixtureTable('tan-ky-2026-kpi');
    const first = table.rows[0];
    const long = Array.from({ length: 60 }, (_, i) => `Dòng ${i + 1} của ô rất dài`).join('\n');
    if (first?.kind === 'item') first.cells.indicator = long;
    const out = filesWrite(dir, { 'tall.pdf': await exportPdf(exportModelBuild(table, META, options)) })['tall.pdf'] ?? '';
    const text = pdfText(out);
    expect(text).toContain('Dòng 1 của ô rất dài');
    expect(text).toContain('Dòng 60 của ô rất dài');
    expect(pdfInfo(out).pages).toBeGreaterThanOrEqual(2);
  });
});
