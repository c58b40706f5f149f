/**
 * The grid's keys, like a spreadsheet: arrows, Tab, Home/End, Ctrl+Home/End, Shift to extend,
 * Esc to collapse, Enter to edit and commit downwards, Delete to clear — all moving
 * `aria-selected`, the way a screen reader follows the grid.
 */
import type { Page } from '@playwright/test';
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, test } from './support.ts';
import { cellInput, clickCell, docCell, gridOf, gridRows } from './grid-support.ts';

/** [aria-rowindex of the row, aria-colindex] of each selected cell. */
async function selected(page: Page): Promise<Array<[number, number]>> {
  return gridOf(page)
    .locator('[role="gridcell"][aria-selected="true"]')
    .evaluateAll((cells) =>
      cells.map((c) => [Number(c.closest('[role="row"]')?.getAttribute('aria-rowindex')), Number(c.getAttribute('aria-colindex'))] as [number, number]),
    );
}

test.describe('the grid’s keyboard', () => {
  test('moves the selection like a spreadsheet and edits with Enter', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, planIds().main);
      const rows = await gridRows(page);
      const index = rows.findIndex((r, k) => r.owners.includes(ACCOUNTS.kinhte.unitId) && rows[k + 1] && !rows[k + 1]?.section);
      const mine = rows[index];
      if (!mine) throw new Error('no row of Phòng Kinh tế');
      const cell = await clickCell(page, mine.rowId, 'task');
      const row = Number(await cell.locator('xpath=..').getAttribute('aria-rowindex'));
      expect(await selected(page)).toEqual([[row, 2]]);

      await page.keyboard.press('ArrowRight');
      expect(await selected(page)).toEqual([[row, 3]]);
      await page.keyboard.press('ArrowDown');
      expect(await selected(page)).toEqual([[row + 1, 3]]);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Tab');
      expect(await selected(page)).toEqual([[row, 4]]);
      await page.keyboard.press('Shift+Tab');
      expect(await selected(page)).toEqual([[row, 3]]);
      await page.keyboard.press('End');
      expect(await selected(page)).toEqual([[row, 9]]);
      await page.keyboard.press('Home');
      expect(await selected(page)).toEqual([[row, 2]]);

      // Shift extends, Esc collapses.
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      expect((await selected(page)).sort()).toEqual([[row, 2], [row, 3], [row + 1, 2], [row + 1, 3]]);
      await page.keyboard.press('Escape');
      expect(await selected(page)).toEqual([[row + 1, 3]]);

      // Ctrl+Home goes to the first cell (scrolling there), Ctrl+End to the last.
      await page.keyboard.press('Control+End');
      await expect.poll(() => selected(page)).toEqual([[rows.length + 1, 9]]);
      await page.keyboard.press('Control+Home');
      await expect.poll(() => selected(page)).toEqual([[2, 2]]);

      // Enter edits (caret at the end), Enter commits and moves down; Delete clears own cells.
      await clickCell(page, mine.rowId, 'note');
      const before = (await docCell(page, mine, 'note')) ?? '';
      await page.keyboard.press('Enter');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      await page.keyboard.type('thử');
      await page.keyboard.press('Enter');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
      expect(await docCell(page, mine, 'note')).toBe(`${before}thử`);
      expect(await selected(page)).toEqual([[row + 1, 9]]);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Delete');
      await expect.poll(() => docCell(page, mine, 'note')).toBe('');
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await expect.poll(() => docCell(page, mine, 'note')).toBe(before);
    } finally {
      await context.close();
    }
  });
});
