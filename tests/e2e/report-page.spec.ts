/**
 * A period's report (issue 13) as the focal department uses it at 1366×768: the preview of the
 * «Báo cáo» with its motto and title, a text typed in place that survives a reload and goes into
 * the Word file downloaded (named in Vietnamese), the Excel file, and the way back to «Theo dõi».
 * Another department's editor is refused a department report that is not theirs, in Vietnamese.
 */
import { readFileSync } from 'node:fs';
import { contextAs, expect, planIds, test, unitIdOf } from './support.ts';

const PERIOD = '2026-11';

test.describe('a period\'s report', () => {
  test('the focal department edits the number in place, reloads, and downloads Word and Excel with it', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`/ke-hoach/${main}/bao-cao/${PERIOD}`);
      const sheet = page.getByRole('article', { name: 'Xem trước báo cáo' });
      await expect(sheet).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      await expect(sheet).toContainText('Độc lập - Tự do - Hạnh phúc');
      await expect(page.getByLabel('Trích yếu nội dung')).toHaveValue('Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026');
      await expect(sheet).toContainText('I. KẾT QUẢ THỰC HIỆN');
      // Both downloads are on screen without scrolling.
      for (const id of ['report-download-docx', 'report-download-xlsx']) await expect(page.getByTestId(id)).toBeInViewport();

      const number = page.getByLabel('Số văn bản');
      await expect(number).toHaveValue('…/BC-UBND');
      const typed = `${Date.now() % 1000}/BC-UBND`;
      await number.fill(typed);
      await page.reload();
      await expect(page.getByLabel('Số văn bản')).toHaveValue(typed);

      // The edits go with the request; the server lays them out (reports/report-routes.test.ts reads the file back).
      const [docx, request] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/reports/${PERIOD}/export?format=docx`)),
        page.getByTestId('report-download-docx').click(),
      ]);
      expect(request.postDataJSON()).toEqual({ number: typed });
      expect(docx.suggestedFilename()).toMatch(/^Báo cáo tháng 11-2026 - .+\.docx$/);
      expect(readFileSync((await docx.path()) ?? '').subarray(0, 2).toString('latin1')).toBe('PK');
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-xlsx').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

      // Back to the defaults, then back to «Theo dõi» at the same period.
      await page.getByRole('button', { name: 'Khôi phục nội dung mặc định' }).click();
      await expect(page.getByLabel('Số văn bản')).toHaveValue('…/BC-UBND');
      await page.getByRole('link', { name: /Quay lại Theo dõi/ }).click();
      await expect(page).toHaveURL(new RegExp(`/ke-hoach/${main}/theo-doi\\?ky=${PERIOD}$`));
    } finally {
      await context.close();
    }
  });

  test('another department\'s editor is refused a department report, in Vietnamese', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await page.goto(`/ke-hoach/${main}/bao-cao/${PERIOD}?don-vi=${unitIdOf('vanphong')}`);
      await expect(page.getByRole('alert')).toContainText('Chỉ đơn vị đó, đơn vị đầu mối, lãnh đạo và quản trị viên được xem báo cáo của một đơn vị.');
      await page.goto(`/ke-hoach/${main}/bao-cao/${PERIOD}?don-vi=${unitIdOf('kinhte')}`);
      await expect(page.getByText('PHÒNG KINH TẾ', { exact: true })).toBeVisible();
      await expect(page.getByLabel('Số văn bản')).toHaveValue('…/BC-PKT');
    } finally {
      await context.close();
    }
  });
});
