/**
 * The coordinator shapes the table: rows inserted, typed, moved (buttons and drag handle),
 * a section added, columns renamed, resized, added and removed, a row deleted from the context
 * menu — and every step undone again with Ctrl+Z, one by one, leaving the plan as it was.
 */
import type { Page } from '@playwright/test';
import { contextAs, expect, fixtureRead, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { cellInput, cellLocator, clickCell, docCell, gridOf, gridRows, pasteText, rowLocator, toasts } from './grid-support.ts';

async function headers(page: Page): Promise<string[]> {
  return gridOf(page).locator('[role="columnheader"] .pg-th-label').allTextContents();
}

test.describe('the table’s structure', () => {
  test('the coordinator inserts, moves and deletes rows, adds a section, changes columns, and undoes it all', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().main);
      const initialRows = (await gridRows(page)).map((r) => r.rowId);
      const initialHeaders = await headers(page);
      const items = (await gridRows(page)).filter((r) => !r.section);
      const first = items[0];
      const second = items[1];
      if (!first || !second) throw new Error('two item rows expected');

      // Insert a row below the first item, type into it.
      await clickCell(page, first.rowId, 'task');
      await page.getByRole('button', { name: 'Chèn dòng dưới' }).click();
      await expect.poll(async () => (await gridRows(page)).length).toBe(initialRows.length + 1);
      const added = (await gridRows(page)).find((r) => !initialRows.includes(r.rowId));
      if (!added) throw new Error('no new row');
      await expect(cellLocator(page, added.rowId, 'task')).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.type('Nhiệm vụ mới thêm');
      await page.keyboard.press('Enter');
      await expect.poll(() => docCell(page, added, 'task')).toBe('Nhiệm vụ mới thêm');

      // Move it up with the toolbar, then drag it below the second item.
      await clickCell(page, added.rowId, 'task');
      await page.getByRole('button', { name: 'Chuyển lên' }).click();
      await expect.poll(async () => (await gridRows(page)).map((r) => r.rowId).indexOf(added.rowId)).toBe(initialRows.indexOf(first.rowId));
      const handle = rowLocator(page, added.rowId).locator('[data-drag-handle]');
      await rowLocator(page, added.rowId).hover();
      const target = rowLocator(page, second.rowId);
      const box = await target.boundingBox();
      if (!box) throw new Error('no box');
      await handle.hover();
      await page.mouse.down();
      await page.mouse.move(box.x + 100, box.y + box.height * 0.8, { steps: 8 });
      await expect(target).toHaveClass(/pg-row--drop-after/);
      await page.mouse.up();
      await expect.poll(async () => {
        const ids = (await gridRows(page)).map((r) => r.rowId);
        return ids.indexOf(added.rowId) - ids.indexOf(second.rowId);
      }).toBe(1);

      // A section above the first item: typed right away.
      await clickCell(page, first.rowId, 'task');
      await page.getByRole('button', { name: 'Thêm mục' }).click();
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      await page.keyboard.type('MỤC THỬ NGHIỆM');
      await page.keyboard.press('Enter');
      const section = (await gridRows(page)).find((r) => r.section && !initialRows.includes(r.rowId));
      if (!section) throw new Error('no new section');
      await expect(cellLocator(page, section.rowId, 'label')).toHaveText('MỤC THỬ NGHIỆM');

      // Columns: rename, resize, add a custom one and remove it.
      await page.getByRole('button', { name: 'Tùy chọn cột «Ghi chú»' }).click();
      await page.getByRole('menuitem', { name: 'Đổi tên cột…' }).click();
      await page.getByLabel('Tên mới của cột').fill('Ghi chú thêm');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect(gridOf(page).getByRole('columnheader', { name: 'Ghi chú thêm' })).toBeVisible();

      const taskHeader = gridOf(page).getByRole('columnheader').nth(1);
      const before = (await taskHeader.boundingBox())?.width ?? 0;
      const edge = gridOf(page).getByRole('separator', { name: /Nhiệm vụ cụ thể/ });
      const e = await edge.boundingBox();
      if (!e) throw new Error('no resize handle');
      await page.mouse.move(e.x + e.width / 2, e.y + 10);
      await page.mouse.down();
      await page.mouse.move(e.x + e.width / 2 + 80, e.y + 10, { steps: 5 });
      await page.mouse.up();
      await expect.poll(async () => Math.round((await taskHeader.boundingBox())?.width ?? 0)).toBe(Math.round(before + 80));

      await page.getByRole('button', { name: 'Thêm cột ▾' }).click();
      await page.getByRole('menuitem', { name: 'Cột khác…' }).click();
      await page.getByLabel('Tên cột mới').fill('Mức ưu tiên');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect(gridOf(page).getByRole('columnheader', { name: 'Mức ưu tiên' })).toBeVisible();
      await page.getByRole('button', { name: 'Tùy chọn cột «Mức ưu tiên»' }).click();
      await page.getByRole('menuitem', { name: 'Xóa cột' }).click();
      await expect(toasts(page)).toContainText('Đã xóa cột «Mức ưu tiên»');
      await expect(gridOf(page).getByRole('columnheader', { name: 'Mức ưu tiên' })).toHaveCount(0);

      // Delete the new row from its context menu.
      await cellLocator(page, added.rowId, 'task').click({ button: 'right', position: { x: 12, y: 10 } });
      await page.getByRole('menuitem', { name: 'Xóa dòng' }).click();
      await expect.poll(async () => (await gridRows(page)).some((r) => r.rowId === added.rowId)).toBe(false);

      // Undo everything, one step at a time.
      await clickCell(page, first.rowId, 'task');
      const undo = page.getByRole('button', { name: /Hoàn tác/ });
      for (let i = 0; i < 30 && (await undo.isEnabled()); i += 1) {
        await page.keyboard.press('Control+z');
        await page.waitForTimeout(60);
      }
      await expect(undo).toBeDisabled();
      await expect.poll(async () => (await gridRows(page)).map((r) => r.rowId)).toEqual(initialRows);
      expect(await headers(page)).toEqual(initialHeaders);
      await expect.poll(async () => Math.round((await taskHeader.boundingBox())?.width ?? 0)).toBe(Math.round(before));
    } finally {
      await context.close();
    }
  });

  test('an emptied table offers a layout and takes a pasted table; undo brings the rows back', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().main);
      const initial = (await gridRows(page)).map((r) => r.rowId);
      const first = (await gridRows(page)).find((r) => !r.section);
      if (!first) throw new Error('no item row');
      await clickCell(page, first.rowId, 'task');
      await page.keyboard.press('Control+a');
      await page.getByRole('button', { name: `Xóa ${initial.length} dòng` }).click();
      await expect(gridOf(page).getByText('Bảng chưa có dòng nào.')).toBeVisible();
      await expect(page.getByLabel('Mẫu bảng')).toBeVisible();
      await screenshot(page, 'grid-empty', testInfo);

      // Click into the empty grid and paste the Tân Kỳ table (its "Đơn vị phối hợp" column is not in this layout).
      await gridOf(page).getByText('Bảng chưa có dòng nào.').click();
      await expect(gridOf(page)).toBeFocused();
      await pasteText(page, fixtureRead('tan-ky-2026-tasks.tsv'));
      await expect(toasts(page)).toContainText('Bảng này không có cột «Đơn vị phối hợp»: đã bỏ qua.');
      await expect.poll(async () => (await gridRows(page)).length).toBe(22);
      await expect(gridOf(page).locator('[role="gridcell"][data-field="task"]').first()).toHaveText('Ban hành Kế hoạch CDS - KHCN - ĐMST năm 2026 và bảng KPI theo dõi');

      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await gridRows(page)).length).toBe(0);
      await gridOf(page).focus();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await gridRows(page)).map((r) => r.rowId)).toEqual(initial);
    } finally {
      await context.close();
    }
  });
});
