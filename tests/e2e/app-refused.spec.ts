/**
 * The server is the authority: a change the person may not make (here forced past the grid's
 * read-only cells through the test hooks) is refused with 4403; the app says so plainly, reloads
 * the plan from the server, and shows the refused text to copy instead of writing it again — it
 * does not come back from IndexedDB either.
 */
import type { Page } from '@playwright/test';
import { contextAs, expect, openPlanWithHooks, planIds, test, unitIdOf } from './support.ts';

async function rowOwnedBy(page: Page, unitId: string): Promise<{ tableId: string; rowId: string }> {
  return page.evaluate((unit) => {
    const hooks = window.__phuluc;
    const tableId = hooks?.tableIds()[0];
    const rowId = tableId ? hooks?.rowIds(tableId).find((id) => hooks.rowOwners(tableId, id)?.includes(unit) && !hooks.rowOwners(tableId, id)?.includes('phong-kinh-te')) : undefined;
    if (!tableId || !rowId) throw new Error(`no row owned by ${unit} alone`);
    return { tableId, rowId };
  }, unitId);
}

const note = (page: Page, at: { tableId: string; rowId: string }) =>
  page.evaluate(({ tableId, rowId }) => window.__phuluc?.cellText(tableId, rowId, 'note') ?? null, at);

test('a refused change is announced, shown to copy, written nowhere, and the plan reloaded from the server', async ({ browser }) => {
  const { main } = planIds();
  const a = await contextAs(browser, 'kinhte');
  const b = await contextAs(browser, 'vanphong');
  try {
    await openPlanWithHooks(a.page, main);
    await openPlanWithHooks(b.page, main);
    const theirs = await rowOwnedBy(a.page, unitIdOf('vanphong'));
    const before = await note(a.page, theirs);

    await a.page.evaluate(({ tableId, rowId }) => window.__phuluc?.setCell(tableId, rowId, 'note', 'Sửa trộm dòng của đơn vị khác'), theirs);

    await expect(a.page.getByTestId('toasts')).toContainText('Máy chủ đã từ chối một thay đổi của bạn');
    await expect(a.page.getByTestId('toasts')).toContainText('Đang tải lại kế hoạch từ máy chủ');
    const kept = a.page.getByRole('dialog', { name: 'Nội dung chưa được ghi' });
    await expect(kept.getByRole('textbox')).toHaveValue('Sửa trộm dòng của đơn vị khác', { timeout: 20_000 });
    await expect(a.page.getByTestId('save-state')).toHaveText('Đã lưu', { timeout: 20_000 });
    await expect.poll(() => note(a.page, theirs)).toBe(before);
    await kept.getByRole('button', { name: 'Đóng' }).click();
    await expect(kept).toBeHidden();

    // Nothing of it reached anyone, and it does not come back from IndexedDB after a reload.
    expect(await note(b.page, theirs)).toBe(before);
    await a.page.reload();
    await a.page.waitForFunction(() => window.__phuluc !== undefined);
    await expect(a.page.getByTestId('save-state')).toHaveText('Đã lưu', { timeout: 20_000 });
    expect(await note(a.page, theirs)).toBe(before);
    await expect(a.page.getByTestId('toasts')).not.toContainText('từ chối');
    await expect(kept).toBeHidden();
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
