/**
 * Named versions as people use them: the coordinator saves "Dự thảo lần 1", a department edits
 * one of its rows, the coordinator compares the version with the live plan and sees the edit as
 * a redline, then opens the version read-only: the banner names it, it still shows the text as
 * saved, and no cell can be edited. An editor sees the versions but cannot save one.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { cellLocator, clickCell, docCell, docSetCell, gridOf, gridRows, toasts } from './grid-support.ts';

const VERSION = 'Dự thảo lần 1';
const ADDED = ' (bổ sung: hoàn thành trong Quý III)';

test.describe('named versions', () => {
  test('save, edit, compare with a redline, open read-only', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const coordinator = await contextAs(browser, 'vhxh');
    const editor = await contextAs(browser, 'kinhte');
    let restore: (() => Promise<void>) | null = null;
    try {
      const lead = coordinator.page;
      await openPlanWithHooks(lead, main);
      await openPlanWithHooks(editor.page, main);
      const rows = await gridRows(editor.page);
      const mine = rows.find((r) => r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!mine) throw new Error('no row of Phòng Kinh tế');
      const before = (await docCell(editor.page, mine, 'output')) ?? '';
      restore = async () => {
        await docSetCell(editor.page, mine, 'output', before);
        await expect.poll(() => docCell(editor.page, mine, 'output')).toBe(before);
        await expect(editor.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      };

      // The coordinator saves the plan as "Dự thảo lần 1".
      await lead.getByRole('button', { name: 'Phiên bản' }).click();
      const panel = lead.getByRole('dialog', { name: 'Phiên bản đã lưu' });
      await panel.getByLabel('Tên phiên bản').fill(VERSION);
      await panel.getByRole('button', { name: 'Lưu phiên bản' }).click();
      await expect(toasts(lead)).toContainText(`Đã lưu phiên bản «${VERSION}».`);
      const item = panel.locator('.versions-item').filter({ hasText: VERSION }).first();
      await expect(item).toBeVisible();
      await expect(item).toContainText(ACCOUNTS.vhxh.name);
      await screenshot(lead, 'versions-panel', testInfo);

      // An editor sees the version but may not save one.
      await editor.page.getByRole('button', { name: 'Phiên bản' }).click();
      const editorPanel = editor.page.getByRole('dialog', { name: 'Phiên bản đã lưu' });
      await expect(editorPanel.locator('.versions-item').filter({ hasText: VERSION }).first()).toBeVisible();
      await expect(editorPanel.getByRole('button', { name: 'Lưu phiên bản' })).toHaveCount(0);
      await editorPanel.getByRole('button', { name: 'Đóng' }).click();

      // The department edits its row after the version was saved.
      await clickCell(editor.page, mine.rowId, 'output');
      await editor.page.keyboard.press('F2');
      await editor.page.keyboard.type(ADDED);
      await editor.page.keyboard.press('Enter');
      await expect.poll(() => docCell(lead, mine, 'output')).toBe(`${before}${ADDED}`);
      await expect(editor.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

      // The coordinator compares the version with the live plan: one cell, as a redline.
      await item.getByRole('link', { name: new RegExp(`So với hiện tại: «${VERSION}»`) }).click();
      await expect(lead.getByRole('heading', { name: 'So sánh phiên bản' })).toBeVisible();
      await expect(lead.locator('[data-count="changed"]')).toHaveText('✎ 1 ô sửa ở 1 dòng');
      await expect(lead.locator('[data-count="added"]')).toHaveText('+ 0 dòng thêm');
      await expect(lead.locator('[data-count="removed"]')).toHaveText('− 0 dòng xoá');
      const changed = lead.locator(`.compare-row[data-row-id="${mine.rowId}"]`);
      await expect(changed.locator('.compare-cell[data-field="output"]')).toContainText('Sản phẩm');
      await expect(changed.locator('ins.redline-ins')).toHaveText(ADDED);
      await expect(changed.locator('del.redline-del')).toHaveCount(0);
      await screenshot(lead, 'versions-compare', testInfo);

      // And opens the version itself: read-only, as it was saved.
      await lead.getByRole('link', { name: '← Về bản đang soạn' }).click();
      await lead.getByRole('button', { name: 'Phiên bản' }).click();
      await lead
        .getByRole('dialog', { name: 'Phiên bản đã lưu' })
        .locator('.versions-item')
        .filter({ hasText: VERSION })
        .first()
        .getByRole('link', { name: `Xem «${VERSION}»` })
        .click();
      await expect(lead.getByTestId('version-banner')).toContainText(`Phiên bản «${VERSION}» — chỉ xem`);
      await expect(gridOf(lead)).toHaveAttribute('aria-readonly', 'true');
      await expect(lead.getByRole('button', { name: 'Chèn dòng trên' })).toHaveCount(0);
      const cell = await clickCell(lead, mine.rowId, 'output');
      await expect(cell).toHaveAttribute('aria-readonly', 'true');
      await expect(cellLocator(lead, mine.rowId, 'output')).not.toContainText('bổ sung');
      await lead.keyboard.type('sửa');
      await expect(toasts(lead)).toContainText('Bạn chỉ có quyền xem.');
      await lead.keyboard.press('F2');
      await expect(lead.getByTestId('cell-input')).toHaveAttribute('data-editing', 'false');
      await expect(cellLocator(lead, mine.rowId, 'output')).not.toContainText('sửa');
      await screenshot(lead, 'versions-readonly', testInfo);

      // Its table exports as it was saved (as a draft if the plan had errors then), named after it.
      const downloaded = lead.waitForEvent('download');
      await lead.getByTestId('version-banner').getByRole('link', { name: 'JSON' }).click();
      const refused = lead.locator('.version-refused');
      if ((await Promise.race([downloaded.then(() => 'file'), refused.waitFor().then(() => 'refused')])) === 'refused') {
        await refused.getByRole('button', { name: /Xuất bản dự thảo/ }).click();
      }
      const file = await downloaded;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\(${VERSION}\\)\\.json$`));
      const saved = JSON.parse(readFileSync(await file.path(), 'utf8')) as { rows: Array<{ id?: string; cells?: Record<string, string> }> };
      expect(saved.rows.find((r) => r.id === mine.rowId)?.cells?.output).toBe(before);
    } finally {
      await restore?.().catch(() => undefined);
      await coordinator.context.close();
      await editor.context.close();
    }
  });

  test('rows added, removed, moved and edited between two versions, both ways', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().main);
      const initialRows = (await gridRows(page)).map((r) => r.rowId);
      const items = (await gridRows(page)).filter((r) => !r.section);
      const [anchor, moved, , , , removed, edited] = items;
      if (!anchor || !moved || !removed || !edited) throw new Error('seven item rows expected');
      const before = await saveVersion(page, 'Trước khi sắp xếp');

      // Insert a row, move one down two places, delete one, edit one.
      await clickCell(page, anchor.rowId, 'task');
      await page.getByRole('button', { name: 'Chèn dòng dưới' }).click();
      await expect.poll(async () => (await gridRows(page)).length).toBe(initialRows.length + 1);
      const added = (await gridRows(page)).find((r) => !initialRows.includes(r.rowId));
      if (!added) throw new Error('no new row');
      await page.keyboard.type('Số hoá hồ sơ địa chính');
      await page.keyboard.press('Enter');
      await expect.poll(() => docCell(page, added, 'task')).toBe('Số hoá hồ sơ địa chính');
      await clickCell(page, moved.rowId, 'task');
      await page.getByRole('button', { name: 'Chuyển xuống' }).click();
      await page.getByRole('button', { name: 'Chuyển xuống' }).click();
      await cellLocator(page, removed.rowId, 'task').click({ button: 'right', position: { x: 12, y: 10 } });
      await page.getByRole('menuitem', { name: 'Xóa dòng' }).click();
      await expect.poll(async () => (await gridRows(page)).some((r) => r.rowId === removed.rowId)).toBe(false);
      const timeframe = (await docCell(page, edited, 'timeframe')) ?? '';
      await clickCell(page, edited.rowId, 'timeframe');
      await page.keyboard.press('F2');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('Tháng 12/2026');
      await page.keyboard.press('Enter');
      await expect.poll(() => docCell(page, edited, 'timeframe')).toBe('Tháng 12/2026');
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      const after = await saveVersion(page, 'Sau khi sắp xếp');

      // Compared in another tab (this one keeps its undo history).
      const compare = await context.newPage();
      await compare.goto(`/ke-hoach/${planIds().main}/so-sanh?tu=${before}&den=${after}`);
      await expect(compare.locator('[data-count="added"]')).toHaveText('+ 1 dòng thêm');
      await expect(compare.locator('[data-count="removed"]')).toHaveText('− 1 dòng xoá');
      await expect(compare.locator('[data-count="moved"]')).toHaveText('↕ 1 dòng di chuyển');
      await expect(compare.locator('[data-count="changed"]')).toHaveText('✎ 1 ô sửa ở 1 dòng');
      await expect(compare.locator(`.compare-row[data-row-id="${added.rowId}"]`)).toHaveAttribute('data-change', 'added');
      await expect(compare.locator(`.compare-row[data-row-id="${added.rowId}"] ins`)).toHaveText('Số hoá hồ sơ địa chính');
      await expect(compare.locator(`.compare-row[data-row-id="${removed.rowId}"]`)).toHaveAttribute('data-change', 'removed');
      await expect(compare.locator(`.compare-row[data-row-id="${removed.rowId}"] del`).first()).toBeVisible();
      await expect(compare.locator(`.compare-row[data-row-id="${moved.rowId}"] .compare-cite`)).toContainText('→');
      await expect(compare.locator(`.compare-row[data-row-id="${moved.rowId}"]`)).toContainText('Di chuyển');
      const edit = compare.locator(`.compare-row[data-row-id="${edited.rowId}"] .compare-cell[data-field="timeframe"]`);
      await expect(edit.locator('ins')).toHaveText('Tháng 12');
      await expect(edit.locator('del')).toHaveText(timeframe.replace(/\/2026$/, ''));
      await screenshot(compare, 'versions-compare-rows', testInfo);

      // The other way round: the new row reads as removed, the removed one as added.
      await compare.getByRole('button', { name: 'Đổi chiều' }).click();
      await expect(compare.locator(`.compare-row[data-row-id="${added.rowId}"]`)).toHaveAttribute('data-change', 'removed');
      await expect(compare.locator(`.compare-row[data-row-id="${removed.rowId}"]`)).toHaveAttribute('data-change', 'added');
      await compare.close();

      // Put the plan back as it was.
      await clickCell(page, anchor.rowId, 'task');
      const undo = page.getByRole('button', { name: /Hoàn tác/ });
      for (let i = 0; i < 30 && (await undo.isEnabled()); i += 1) {
        await page.keyboard.press('Control+z');
        await page.waitForTimeout(60);
      }
      await expect.poll(async () => (await gridRows(page)).map((r) => r.rowId)).toEqual(initialRows);
      await expect.poll(() => docCell(page, edited, 'timeframe')).toBe(timeframe);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    } finally {
      await context.close();
    }
  });
});

/** Saves a version from the plan page's panel; returns its id. */
async function saveVersion(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Phiên bản' }).click();
  const panel = page.getByRole('dialog', { name: 'Phiên bản đã lưu' });
  await panel.getByLabel('Tên phiên bản').fill(name);
  await panel.getByRole('button', { name: 'Lưu phiên bản' }).click();
  const item = panel.locator('.versions-item').filter({ hasText: name }).first();
  await expect(item).toBeVisible();
  const id = await item.getAttribute('data-version-id');
  await panel.getByRole('button', { name: 'Đóng' }).click();
  if (!id) throw new Error('the saved version has no id');
  return id;
}
