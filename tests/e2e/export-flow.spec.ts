/**
 * Exports as the coordinator uses them: from the plan page, "Xuất" → Word downloads the appendix
 * named in Vietnamese, and the menu closes as the export starts. When a department leaves a task
 * without its time, the menu lists the error in Vietnamese and holds back the official Word and
 * PDF — "Xuất bản dự thảo PDF" downloads a draft instead — while the data exports (CSV) still
 * download, named as a draft.
 */
import { readFileSync } from 'node:fs';
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { docCell, docSetCell, gridRows, toasts } from './grid-support.ts';

test.describe('exports', () => {
  test('download the appendix; a table with errors exports its data, and the official formats only as a draft', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vhxh');
    let restore: (() => Promise<void>) | null = null;
    try {
      await openPlanWithHooks(page, main);
      const openMenu = async () => {
        await page.getByRole('button', { name: 'Xuất', exact: true }).click();
        const menu = page.getByRole('dialog', { name: 'Xuất phụ lục' });
        await expect(menu).toBeVisible();
        return menu;
      };
      let menu = await openMenu();
      await screenshot(page, 'export-menu', testInfo);

      // The final DOCX of a table without errors; the menu closes once the export starts.
      const [docx] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Word (.docx)' }).click()]);
      await expect(menu).toBeHidden();
      expect(docx.suggestedFilename()).toMatch(/^Phụ lục - .+\.docx$/);
      expect(docx.suggestedFilename()).not.toContain('dự thảo');
      const bytes = readFileSync((await docx.path()) ?? '');
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await expect(toasts(page)).toContainText(`Đã tải xuống «${docx.suggestedFilename()}».`);

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

      // The menu says why Word and PDF are held back, and keeps the data exports.
      menu = await openMenu();
      const errors = menu.getByRole('alert');
      await expect(errors).toContainText('Bảng còn 1 lỗi nên chưa xuất được bản chính thức:');
      await expect(errors).toContainText('Dòng I.1: Thiếu «Thời gian thực hiện».');
      await expect(menu.getByRole('button', { name: 'PDF', exact: true })).toBeDisabled();
      await expect(menu.getByRole('button', { name: 'Word (.docx)', exact: true })).toBeDisabled();
      await expect(menu.getByRole('button', { name: 'CSV (trao đổi dữ liệu)' })).toBeEnabled();
      await expect(menu.getByRole('button', { name: 'Excel (.xlsx)' })).toBeEnabled();
      await screenshot(page, 'export-errors', testInfo);

      const [csv] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'CSV (trao đổi dữ liệu)' }).click()]);
      await expect(menu).toBeHidden();
      expect(csv.suggestedFilename()).toMatch(/^Phụ lục - .+ \(dự thảo\)\.csv$/);
      expect(readFileSync((await csv.path()) ?? '').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

      menu = await openMenu();
      const [pdf] = await Promise.all([page.waitForEvent('download'), menu.getByRole('alert').getByRole('button', { name: 'Xuất bản dự thảo PDF' }).click()]);
      await expect(menu).toBeHidden();
      expect(pdf.suggestedFilename()).toMatch(/^Phụ lục - .+ \(dự thảo\)\.pdf$/);
      expect(readFileSync((await pdf.path()) ?? '').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      if (restore) await restore();
      await context.close();
    }
  });
});
