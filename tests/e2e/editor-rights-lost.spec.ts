/**
 * An open cell editor closes when the person loses the right to write its row. Seen with two
 * people: the Economy department was typing in a row whose lead the coordinator gave to another
 * unit; what he typed next and his Enter were dropped without a word.
 *
 * Now the editor closes at once with the reason in Vietnamese, what was typed is kept in a
 * dialog (and on the clipboard), and nothing more is written into the row: the server has
 * nothing to refuse.
 */
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test, unitIdOf } from './support.ts';
import { cellText, clipboardAllow, clipboardText, editCell, gridCell, keptDialog, rowDelete, rowExists, rowLeadSet, rowsCreate } from './trust-support.ts';

test('typing in a row whose lead goes to another unit stops at once; the text is kept and nothing is refused', async ({ browser }, testInfo) => {
  const { main } = planIds();
  const kt = await contextAs(browser, 'kinhte');
  const coord = await contextAs(browser, 'vhxh');
  await clipboardAllow(kt.context);
  const stamp = Date.now();
  try {
    await openPlanWithHooks(kt.page, main);
    await openPlanWithHooks(coord.page, main);
    const [row] = await rowsCreate(kt.page, unitIdOf('kinhte'), [`Dòng sẽ đổi chủ trì ${stamp}`]);
    if (!row) throw new Error('row not created');
    await expect.poll(() => rowExists(coord.page, row)).toBe(true);

    await editCell(kt.page, row, 'note');
    await kt.page.keyboard.type('Viết khi còn quyền');
    await expect.poll(() => cellText(coord.page, row, 'note')).toBe('Viết khi còn quyền');

    // The coordinator hands the row to the Office.
    await rowLeadSet(coord.page, row, 'Văn phòng HĐND và UBND xã', [unitIdOf('vanphong')]);
    await expect.poll(() => kt.page.evaluate((r) => window.__phuluc?.rowOwners(r.tableId, r.rowId), row)).toEqual([unitIdOf('vanphong')]);

    // He is told at once, with the reason; what he had typed is there to copy.
    const dialog = keptDialog(kt.page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('không còn quyền sửa');
    await expect(dialog).toContainText('Dòng này do đơn vị khác chủ trì');
    await expect(dialog.getByRole('textbox')).toHaveValue(/Viết khi còn quyền/);
    await screenshot(kt.page, 'kept-rights-lost', testInfo);
    expect(await clipboardText(kt.page)).toContain('Viết khi còn quyền');

    // Going on typing writes nothing anywhere, and the server has nothing to refuse.
    await kt.page.keyboard.type(' tiếp');
    await kt.page.keyboard.press('Enter');
    await kt.page.waitForTimeout(500);
    expect(await cellText(kt.page, row, 'note')).toBe('Viết khi còn quyền');
    expect(await cellText(coord.page, row, 'note')).toBe('Viết khi còn quyền');
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await expect(kt.page.getByTestId('toasts')).not.toContainText('từ chối');

    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(dialog).toBeHidden();
    await expect(kt.page.getByTestId('cell-input')).toHaveAttribute('data-editing', 'false');
    await expect(gridCell(kt.page, row, 'note')).toHaveAttribute('aria-selected', 'true');
    await rowDelete(coord.page, row);
  } finally {
    await kt.context.close();
    await coord.context.close();
  }
});
