/**
 * An open cell editor belongs to its row, not to a place on the screen. Seen with two people:
 * the Economy department was typing in a row the coordinator deleted; the editor moved onto the
 * row below, and what he typed next ended up in that row's «Ghi chú» without a word.
 *
 * Now the editor closes, says so in Vietnamese, and keeps what was typed in a dialog (and on the
 * clipboard) — nothing lands in the row below. A row deleted above the one being edited leaves
 * the editor where it is.
 */
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test, unitIdOf } from './support.ts';
import { revealRow } from './grid-support.ts';
import { cellText, clipboardAllow, clipboardText, editCell, gridCell, keptDialog, rowDelete, rowExists, rowsCreate } from './trust-support.ts';

test('typing in a row that someone deletes never lands in the row below; the text is kept for the person', async ({ browser }, testInfo) => {
  const { main } = planIds();
  const kt = await contextAs(browser, 'kinhte');
  const coord = await contextAs(browser, 'vhxh');
  await clipboardAllow(kt.context);
  const stamp = Date.now();
  try {
    await openPlanWithHooks(kt.page, main);
    await openPlanWithHooks(coord.page, main);
    const [above, doomed, below] = await rowsCreate(kt.page, unitIdOf('kinhte'), [`Dòng trên ${stamp}`, `Dòng sẽ bị xóa ${stamp}`, `Dòng dưới ${stamp}`]);
    if (!above || !doomed || !below) throw new Error('rows not created');
    await expect.poll(() => rowExists(coord.page, below)).toBe(true);

    // A row deleted ABOVE the one being edited: the editor stays on its row and typing goes on there.
    await editCell(kt.page, below, 'note');
    await kt.page.keyboard.type('Ghi chú dòng dưới');
    await expect.poll(() => cellText(coord.page, below, 'note')).toBe('Ghi chú dòng dưới');
    await rowDelete(coord.page, above);
    await expect.poll(() => rowExists(kt.page, above)).toBe(false);
    await kt.page.keyboard.type(' vẫn ở đây');
    await kt.page.keyboard.press('Enter');
    await expect.poll(() => cellText(coord.page, below, 'note')).toBe('Ghi chú dòng dưới vẫn ở đây');

    // Typing in the row the coordinator deletes.
    await editCell(kt.page, doomed, 'note');
    await kt.page.keyboard.type('Đang gõ dở');
    await expect.poll(() => cellText(coord.page, doomed, 'note')).toBe('Đang gõ dở');
    await rowDelete(coord.page, doomed);
    await expect.poll(() => rowExists(kt.page, doomed)).toBe(false);

    // He goes on typing, not having noticed: nothing reaches the row below.
    await kt.page.keyboard.type(' tiếp');
    await kt.page.keyboard.press('Enter');
    await kt.page.waitForTimeout(500);
    expect(await cellText(kt.page, below, 'note')).toBe('Ghi chú dòng dưới vẫn ở đây');
    await expect.poll(() => cellText(coord.page, below, 'note')).toBe('Ghi chú dòng dưới vẫn ở đây');

    // He is told, and what he had typed is there to copy (and on the clipboard already).
    const dialog = keptDialog(kt.page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('vừa bị người khác xóa');
    await expect(dialog.getByRole('textbox')).toHaveValue(/Đang gõ dở/);
    await screenshot(kt.page, 'kept-row-deleted', testInfo);
    expect(await clipboardText(kt.page)).toContain('Đang gõ dở');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(dialog).toBeHidden();

    // The selection moved to a neighbour, but no editor opened there.
    await expect(kt.page.getByTestId('cell-input')).toHaveAttribute('data-editing', 'false');
    await expect(gridCell(kt.page, below, 'note')).toHaveAttribute('aria-selected', 'true');
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    // Deleting the row one is editing oneself closes the editor quietly (Ctrl+Z brings both back).
    await editCell(kt.page, below, 'note');
    await kt.page.keyboard.type(' — xong');
    await kt.page.getByRole('button', { name: 'Xóa dòng' }).click();
    await expect.poll(() => rowExists(coord.page, below)).toBe(false);
    await expect(kt.page.getByTestId('cell-input')).toHaveAttribute('data-editing', 'false');
    await kt.page.waitForTimeout(300);
    await expect(keptDialog(kt.page)).toBeHidden();
  } finally {
    await kt.context.close();
    await coord.context.close();
  }
});

test('a paste whose target row is deleted just before it is written is refused whole, never half written', async ({ browser }) => {
  const { main } = planIds();
  const kt = await contextAs(browser, 'kinhte');
  const stamp = Date.now();
  try {
    await openPlanWithHooks(kt.page, main);
    const [first, second] = await rowsCreate(kt.page, unitIdOf('kinhte'), [`Dán 1 ${stamp}`, `Dán 2 ${stamp}`]);
    if (!first || !second) throw new Error('rows not created');
    await revealRow(kt.page, first.rowId);
    await gridCell(kt.page, first, 'note').click({ position: { x: 12, y: 10 } });
    await expect(gridCell(kt.page, first, 'note')).toHaveAttribute('aria-selected', 'true');

    // The second row goes (as a colleague's deletion arriving) in the same moment the paste lands,
    // before the grid has drawn the change.
    await kt.page.evaluate(({ tableId, rowId }) => {
      (window as unknown as { __phuluc: { deleteRow: (t: string, r: string) => void } }).__phuluc.deleteRow(tableId, rowId);
      const data = new DataTransfer();
      data.setData('text/plain', 'Một\nHai');
      document.querySelector('[data-testid="cell-input"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, second);

    await kt.page.waitForTimeout(300);
    expect(await cellText(kt.page, first, 'note')).toBe('');
    await expect(kt.page.getByTestId('toasts')).toContainText('vừa bị xóa');
    await rowDelete(kt.page, first);
  } finally {
    await kt.context.close();
  }
});
