/**
 * The grid as people see it (screenshots to look at), filters and search, and the validation
 * panel: findings listed errors first, a click jumps to the cell, completeness per department.
 */
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { gridOf, gridRows } from './grid-support.ts';

test.describe('the grid, as people see it', () => {
  test('the coordinator sees sections, numbers and wrapped Vietnamese text, and the validation panel jumps to a finding', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().main);
      const grid = gridOf(page);
      await expect(grid.getByRole('row').nth(1)).toContainText('CHÍNH QUYỀN SỐ');
      await expect(grid.locator('[role="row"][aria-rowindex="2"] [role="rowheader"] .pg-number')).toHaveText('I');
      await expect(grid.locator('[role="row"][aria-rowindex="3"] [role="rowheader"] .pg-number')).toHaveText('1');
      await screenshot(page, 'grid-normal', testInfo);

      await page.getByRole('button', { name: /Kiểm tra/ }).click();
      const panel = page.getByRole('complementary', { name: 'Kiểm tra bảng' });
      await expect(panel).toBeVisible();
      await expect(panel.getByText('Mức hoàn thiện theo đơn vị')).toBeVisible();
      await expect(panel.getByRole('button', { name: /Phòng Kinh tế/ })).toBeVisible();
      const findings = panel.locator('.pg-finding');
      expect(await findings.count()).toBeGreaterThan(0);
      await screenshot(page, 'grid-validation', testInfo);

      // The last finding: its cell is selected and scrolled into view, and carries a marker.
      const last = findings.last();
      await last.click();
      const selected = grid.locator('[role="gridcell"][aria-selected="true"]');
      await expect(selected).toHaveCount(1);
      await expect(selected).toBeInViewport();
      await expect(selected.locator('.pg-marker')).toHaveCount(1);
      const message = (await last.locator('.pg-finding-message').textContent()) ?? '';
      expect(await selected.getAttribute('title')).toContain(message);
    } finally {
      await context.close();
    }
  });

  test('filters by my rows, by unit, by state, and searches without diacritics', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, planIds().main);
      const grid = gridOf(page);
      const all = await gridRows(page);
      const items = all.filter((r) => !r.section).length;
      const mine = all.filter((r) => r.owners.includes(ACCOUNTS.kinhte.unitId)).length;

      await page.getByLabel('Dòng của đơn vị tôi').check();
      await expect(page.getByText(`Đang hiện ${mine}/${items} dòng`)).toBeVisible();
      // Every task cell shown is editable by Phòng Kinh tế.
      const taskCells = grid.locator('[role="gridcell"][data-field="task"]');
      await expect(taskCells).toHaveCount(mine);
      for (const value of await taskCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-readonly')))) expect(value).toBe('false');
      await page.getByRole('button', { name: 'Bỏ lọc' }).click();

      await page.getByLabel('Tìm trong bảng').fill('nang cap ha tang so');
      await expect(grid.locator('[role="gridcell"][data-field="task"]')).toHaveText(['Nâng cấp hạ tầng số']);
      await expect(grid.locator('[data-section]')).toHaveText(['CHÍNH QUYỀN SỐ']);
      await page.getByLabel('Tìm trong bảng').fill('');

      await page.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Phòng Kinh tế' });
      await expect(page.getByText(`Đang hiện ${mine}/${items} dòng`)).toBeVisible();
      await page.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Mọi đơn vị' });

      await page.getByLabel('Tình trạng').selectOption({ label: 'Có cảnh báo' });
      const warned = grid.locator('[role="row"]:not(.pg-row--section) .pg-marker--warning');
      await expect.poll(() => warned.count()).toBeGreaterThan(0);
      await expect(grid.locator('[role="row"]:not(.pg-row--section) .pg-marker--error')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
