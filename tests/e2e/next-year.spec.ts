/**
 * Next year's plan from this one (issue 13): the coordinator opens «Tạo kế hoạch năm 2027 từ kế
 * hoạch này» in the Tân Thạnh plan's «Theo dõi» tab, reads the preview (counts, a timeframe rolled
 * before → after), creates the plan, and lands in the 2027 plan whose grid shows the rolled
 * timeframes and the carried rows' mark; its «Theo dõi» tab shows the 2026 evaluation attached.
 */
import { expect, login, planIds, screenshot, test } from './support.ts';


test.describe('next year’s plan', () => {
  test('the coordinator previews the 2027 plan, creates it and lands in it with rolled timeframes and carried marks', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const { main } = planIds();
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, 'vhxh');
    await page.goto(`/ke-hoach/${main}/theo-doi`);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });

    await page.getByRole('button', { name: 'Tạo kế hoạch năm 2027 từ kế hoạch này' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo kế hoạch năm 2027 từ kế hoạch năm 2026' });
    await expect(dialog).toBeVisible();
    const summary = dialog.getByTestId('next-year-summary');
    await expect(summary).toHaveText(/^\d+ dòng chuyển tiếp, \d+ dòng đã hoàn thành không chuyển \(0 giữ lại\), \d+ năm giữ nguyên cần xem lại\.$/);
    const carried = Number(/^(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(carried).toBeGreaterThan(10);
    await expect(dialog.getByTestId('next-year-carried')).toHaveCount(carried);
    const rolled = dialog.getByTestId('next-year-change').filter({ hasText: 'Quý I–IV/2026' }).first();
    await expect(rolled).toHaveText('Thời gian thực hiện: Quý I–IV/2026 → Quý I–IV/2027');
    await expect(dialog.getByTestId('next-year-evaluation')).toContainText('Đánh giá kết quả năm 2026 được đính kèm');
    await expect(dialog).toContainText('Kế hoạch chuyển đổi số năm 2027');
    await screenshot(page, 'next-year-preview', testInfo);

    // A plan of 2027 made by an earlier run on the same data is named; creating another is then asked for.
    const again = dialog.getByLabel('Vẫn tạo thêm kế hoạch năm 2027');
    if (await again.isVisible()) await again.check();
    await dialog.getByRole('button', { name: 'Tạo kế hoạch năm 2027' }).click();
    await page.waitForURL((url) => /^\/ke-hoach\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(main), { timeout: 30_000 });
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
    await expect(page.getByRole('gridcell', { name: 'Quý I–IV/2027' }).first()).toBeVisible();
    await expect(page.getByRole('gridcell', { name: /Quý [IV–]+\/2026/ })).toHaveCount(0);
    const mark = page.getByTestId('carried-mark').first();
    await expect(mark).toBeVisible();
    await expect(mark).toHaveAttribute('title', 'Chuyển tiếp từ kế hoạch năm 2026');
    await screenshot(page, 'next-year-grid', testInfo);

    const newPlan = new URL(page.url()).pathname;
    await page.goto(`${newPlan}/theo-doi`);
    await expect(page.getByTestId('previous-year')).toContainText('Đánh giá kết quả thực hiện năm 2026');
  });
});
