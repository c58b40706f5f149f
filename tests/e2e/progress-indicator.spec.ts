/**
 * Year-round tracking of an indicator table (issue 13): the department that tracks an indicator
 * reports its measured value for the month and sees it compared with the target as it types
 * (Đạt / Chưa đạt); the focal department's year-end evaluation then gives «Kết quả: …» for it.
 * Plan `indicators`: Xuân Lộc 2026's indicators, where Trung tâm Phục vụ hành chính công tracks
 * «Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp» (target ≥ 80%).
 */
import { contextAs, expect, planIds, test } from './support.ts';

const INDICATOR = 'Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp';

test('a department reports an indicator’s value, compared live with its target, and the year-end evaluation gives its result', async ({ browser }) => {
  test.setTimeout(180_000);
  const { indicators } = planIds();
  const hcc = await contextAs(browser, 'hcc');
  const focal = await contextAs(browser, 'vhxh');
  try {
    await hcc.page.setViewportSize({ width: 1366, height: 768 });
    await hcc.page.goto(`/ke-hoach/${indicators}/theo-doi?ky=2026-11`);
    await expect(hcc.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
    await expect(hcc.page.getByTestId('tracking-department')).toBeVisible();

    const form = hcc.page.getByTestId('progress-row').filter({ hasText: INDICATOR });
    await expect(form).toHaveCount(1);
    await expect(form).toContainText('≥ 80%');
    const value = form.getByTestId('progress-value');
    const compare = form.getByTestId('progress-compare');
    await value.fill('75 %');
    await expect(compare).toHaveText('Chưa đạt');
    await value.fill('86 %');
    await expect(compare).toHaveText('Đạt');
    await form.getByTestId('progress-status').selectOption('in_progress');
    await form.getByTestId('progress-result').fill('86 % hồ sơ nộp trực tuyến trong tháng 11');
    await form.getByTestId('progress-result').blur();
    await expect(form.getByTestId('progress-updated')).toContainText('Cập nhật');

    // The focal department's year-end evaluation: the indicator's target and its result.
    await focal.page.setViewportSize({ width: 1366, height: 768 });
    await focal.page.goto(`/ke-hoach/${indicators}/bao-cao/2026`);
    const report = focal.page.getByTestId('report-page');
    await expect(report).toBeVisible();
    const line = report.locator('li, p').filter({ hasText: INDICATOR }).first();
    await expect(line).toContainText('Kết quả: Đạt 86 %', { timeout: 30_000 });
  } finally {
    await hcc.context.close();
    await focal.context.close();
  }
});
