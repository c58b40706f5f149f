import { ACCOUNTS, contextAs, expect, openPlan, planIds, screenshot, test } from './support.ts';

test.describe('the plan page', () => {
  test('two departments in two browsers see the plan and each other online', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'kinhte');
    const b = await contextAs(browser, 'vanphong');
    try {
      await openPlan(a.page, main);
      await openPlan(b.page, main);

      for (const { page } of [a, b]) {
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kế hoạch chuyển đổi số năm 2026 của xã Tân Thạnh');
        await expect(page.getByText('Xã Tân Thạnh · Năm 2026')).toBeVisible();
        await expect(page.getByTestId('save-state')).toHaveText('Đã lưu');
        await expect(page.getByRole('tab')).toHaveCount(3); // the table, "Tổng quan duyệt" and "Theo dõi"
        await expect(page.getByRole('tab').nth(1)).toHaveText('Tổng quan duyệt');
        await expect(page.getByRole('tab').last()).toHaveText('Theo dõi');
        await expect(page.getByRole('tab').first()).toHaveAttribute('aria-selected', 'true');
      }

      // Each sees the other's avatar: initials, unit and the colour the server chose.
      const seenByA = a.page.getByTestId('presence').locator('.presence-person');
      await expect(seenByA).toHaveCount(1);
      await expect(seenByA).toContainText(ACCOUNTS.vanphong.name);
      await expect(seenByA).toContainText(ACCOUNTS.vanphong.unitName ?? '');
      await expect(seenByA.locator('.avatar')).toHaveText('LV');
      const seenByB = b.page.getByTestId('presence').locator('.presence-person');
      await expect(seenByB).toHaveCount(1);
      await expect(seenByB).toContainText(ACCOUNTS.kinhte.name);
      await expect(seenByB).toHaveAttribute('title', `${ACCOUNTS.kinhte.name} — ${ACCOUNTS.kinhte.unitName}`);
      const colour = await seenByB.locator('.avatar').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(colour).toMatch(/^rgb\(/);

      // A third person arrives and leaves: both lists follow.
      const c = await contextAs(browser, 'lanhdao');
      await openPlan(c.page, main);
      await expect(a.page.getByTestId('presence').locator('.presence-person')).toHaveCount(2);
      await expect(b.page.getByTestId('presence')).toContainText(ACCOUNTS.lanhdao.name);
      await screenshot(a.page, 'plan-page', testInfo);
      await c.context.close();
      await expect(a.page.getByTestId('presence').locator('.presence-person')).toHaveCount(1, { timeout: 40_000 });
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('the plan page fits a small screen', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'hcc');
    try {
      await page.setViewportSize({ width: 390, height: 760 });
      await openPlan(page, planIds().main);
      await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'plan-page-small', testInfo);
    } finally {
      await context.close();
    }
  });

  test('an unknown plan says so in Vietnamese', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await page.goto('/ke-hoach/khong-co-ke-hoach-nay');
      await expect(page.getByRole('alert')).toHaveText('Không tìm thấy kế hoạch này, hoặc bạn không có quyền xem.');
    } finally {
      await context.close();
    }
  });
});
