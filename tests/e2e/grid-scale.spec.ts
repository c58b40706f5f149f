/**
 * A 5,000-row table opens and scrolls: only a window of rows is in the DOM, a row far down
 * appears after scrolling, and Ctrl+End reaches the last row.
 */
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { gridOf, gridRows } from './grid-support.ts';

test.describe('a large table', () => {
  test('a 5,000-row table opens, keeps only visible rows in the DOM and scrolls to the end', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().scale);
      const grid = gridOf(page);
      await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toBeVisible();
      const total = (await gridRows(page)).length;
      expect(total).toBeGreaterThanOrEqual(5000);
      await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
      const rendered = await grid.locator('[role="row"]').count();
      expect(rendered).toBeLessThan(80);

      // Scroll far down: rows near the end appear, the first ones leave the DOM.
      await grid.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.8));
      await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toHaveCount(0);
      await expect.poll(async () => Number(await grid.locator('[role="row"][aria-rowindex]').last().getAttribute('aria-rowindex'))).toBeGreaterThan(total * 0.7);
      expect(await grid.locator('[role="row"]').count()).toBeLessThan(80);

      // Keyboard: select a visible cell, Ctrl+End jumps to the last row.
      await grid.locator('[role="row"][aria-rowindex] [role="gridcell"]').first().click({ position: { x: 10, y: 8 } });
      await page.keyboard.press('Control+End');
      const last = grid.locator(`[role="row"][aria-rowindex="${total + 1}"]`);
      await expect(last).toBeVisible();
      await expect(last.locator('[role="gridcell"]').last()).toHaveAttribute('aria-selected', 'true');
      await screenshot(page, 'grid-scale-end', testInfo);
      await page.keyboard.press('Control+Home');
      await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
