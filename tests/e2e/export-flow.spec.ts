/**
 * Exports as the coordinator uses them: from the plan page, "Xuất" → Word downloads the appendix
 * named in Vietnamese. When a department leaves a task without its time, a final PDF is refused
 * and the menu lists the error in Vietnamese; "Xuất bản dự thảo" downloads a draft instead.
 */
import { readFileSync } from 'node:fs';
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { docCell, docSetCell, gridRows, toasts } from './grid-support.ts';

test.describe('exports', () => {
  test('download the appendix; a table with errors is refused as final and exported as a draft', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vhxh');
    let restore: (() => Promise<void>) | null = null;
    try {
      await openPlanWithHooks(page, main);
      await page.getByRole('button', { name: 'Xuất', exact: true }).click();
      const menu = page.getByRole('dialog', { name: 'Xuất phụ lục' });
      await expect(menu).toBeVisible();

      // The final DOCX of a table without errors.
      const [docx] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Word (.docx)' }).click()]);
      expect(docx.suggestedFilename()).toMatch(/^Phụ lục - .+\.docx$/);
      expect(docx.suggestedFilename()).not.toContain('dự thảo');
      const bytes = readFileSync((await docx.path()) ?? '');
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await expect(toasts(page)).toContainText(`Đã tải xuống «${docx.suggestedFilename()}».`);
      await screenshot(page, 'export-menu', testInfo);

      // A department erases the time of the first task: the table now has an error.
      const first = (await gridRows(page)).find((r) => !r.section);
      if (!first) throw new Error('no task row');
      const before = (await docCell(page, first, 'timeframe')) ?? '';
      restore = async () => {
        await docSetCell(page, first, 'timeframe', before);
        await expect.poll(() => docCell(page, first, 'timeframe')).toBe(before);
        await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      };
      await docSetCell(page, first, 'timeframe', '');
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

      await menu.getByRole('button', { name: 'PDF' }).click();
      const refused = menu.getByRole('alert');
      await expect(refused).toContainText('Bảng còn 1 lỗi nên chưa xuất được bản chính thức:');
      await expect(refused).toContainText('Dòng I.1: Thiếu «Thời gian thực hiện».');
      await expect(toasts(page)).toContainText('Chưa xuất được: bảng còn 1 lỗi.');
      await screenshot(page, 'export-refused', testInfo);

      const [pdf] = await Promise.all([page.waitForEvent('download'), refused.getByRole('button', { name: 'Xuất bản dự thảo PDF' }).click()]);
      expect(pdf.suggestedFilename()).toMatch(/^Phụ lục - .+ \(dự thảo\)\.pdf$/);
      expect(readFileSync((await pdf.path()) ?? '').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      if (restore) await restore();
      await context.close();
    }
  });
});
