/**
 * The web app never discards edits the server has not acknowledged. Seen offline: the Economy
 * department edited two of its rows and added one while the coordinator gave one of those rows to
 * another unit; back online the server refused the whole update (it touched a row no longer
 * his) and the app threw away the local copy — the edits of his own rows went with it.
 *
 * Now the edits he may still make are written again after the refusal, and the one he may not
 * is shown (table, row, column, text) to copy. No loop: the plan settles on "Đã lưu".
 */
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test, unitIdOf } from './support.ts';
import { cellSet, cellText, clipboardAllow, keptDialog, rowDelete, rowExists, rowLeadSet, rowsCreate, rowsWithTask } from './trust-support.ts';

const OFFLINE = 'Mất kết nối — thay đổi được giữ trên máy';

test('after a refused offline update, the edits still allowed are written again and the refused one is shown', async ({ browser }, testInfo) => {
  // Two people, a network drop, a refusal, a resynchronisation and a reload: more than a minute on a busy machine.
  test.setTimeout(120_000);
  const { main } = planIds();
  const kt = await contextAs(browser, 'kinhte');
  const coord = await contextAs(browser, 'vhxh');
  await clipboardAllow(kt.context);
  const stamp = Date.now();
  const added = `Dòng thêm khi mất mạng ${stamp}`;
  try {
    await openPlanWithHooks(kt.page, main);
    await openPlanWithHooks(coord.page, main);
    const [kept, lost] = await rowsCreate(kt.page, unitIdOf('kinhte'), [`Dòng vẫn của Kinh tế ${stamp}`, `Dòng sẽ giao Văn phòng ${stamp}`]);
    if (!kept || !lost) throw new Error('rows not created');
    await expect.poll(() => rowExists(coord.page, lost)).toBe(true);
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    await kt.context.setOffline(true);
    await expect(kt.page.getByTestId('save-state')).toHaveText(OFFLINE);

    // Meanwhile the coordinator hands one of the rows to the Office.
    await rowLeadSet(coord.page, lost, 'Văn phòng HĐND và UBND xã', [unitIdOf('vanphong')]);
    await expect(coord.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    // Offline, he edits both rows (his copy still says they are his) and adds one.
    await cellSet(kt.page, kept, 'note', 'Ghi chú viết khi mất mạng');
    await cellSet(kt.page, lost, 'note', 'Ghi chú không còn được ghi');
    await kt.page.evaluate(
      ({ at, task, unit }) => (window as unknown as { __phuluc: { insertRow: (t: string, a: string, c: Record<string, string>, o: string[]) => string } }).__phuluc.insertRow(at.tableId, at.rowId, { task }, [unit]),
      { at: kept, task: added, unit: unitIdOf('kinhte') },
    );
    await kt.page.waitForTimeout(300);

    await kt.context.setOffline(false);

    // The refused text is shown, with where it belonged, to copy.
    const dialog = keptDialog(kt.page);
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    await expect(dialog).toContainText('từ chối');
    await expect(dialog).toContainText('Ghi chú');
    await expect(dialog.getByRole('textbox')).toHaveValue(/Ghi chú không còn được ghi/);
    await screenshot(kt.page, 'kept-refused-update', testInfo);

    // What he may still write reached the server: the others see it.
    await expect.poll(() => cellText(coord.page, kept, 'note'), { timeout: 20_000 }).toBe('Ghi chú viết khi mất mạng');
    await expect.poll(async () => (await rowsWithTask(coord.page, added)).length).toBe(1);
    expect(await cellText(coord.page, lost, 'note')).toBe('');
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });

    // No loop: it stays saved, and the refused text is not written back.
    await kt.page.waitForTimeout(2000);
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    expect(await cellText(kt.page, lost, 'note')).toBe('');
    expect(await cellText(kt.page, kept, 'note')).toBe('Ghi chú viết khi mất mạng');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(dialog).toBeHidden();

    // After a reload, from IndexedDB and the server: the same, and the added row once.
    await kt.page.reload();
    await kt.page.waitForFunction(() => window.__phuluc !== undefined);
    await expect(kt.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
    expect(await cellText(kt.page, kept, 'note')).toBe('Ghi chú viết khi mất mạng');
    expect(await cellText(kt.page, lost, 'note')).toBe('');
    expect((await rowsWithTask(kt.page, added)).length).toBe(1);
    await expect(keptDialog(kt.page)).toBeHidden();

    for (const row of [kept, lost, ...(await rowsWithTask(coord.page, added))]) await rowDelete(coord.page, row);
  } finally {
    await kt.context.close();
    await coord.context.close();
  }
});
