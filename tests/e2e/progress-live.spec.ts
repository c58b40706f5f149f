/**
 * Two people in one progress report (issue 13): the department's editor and the focal department
 * type in the same «Kết quả thực hiện» at once; each sees the other's text arrive live, the
 * editor's caret stays by the characters it was at, and what each typed lands where they meant.
 */
import type { Page } from '@playwright/test';
import { contextAs, expect, planIds, test } from './support.ts';

const PERIOD = '2026-10';

async function openTracking(page: Page, planId: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/ke-hoach/${planId}/theo-doi?ky=${PERIOD}`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
}

test('two people type in one report: the text merges and the caret stays where the person left it', async ({ browser }) => {
  test.setTimeout(180_000);
  const { main } = planIds();
  const editor = await contextAs(browser, 'kinhte');
  const focal = await contextAs(browser, 'vhxh');
  try {
    await openTracking(editor.page, main);
    const form = editor.page.getByTestId('progress-row').first();
    const rowId = (await form.getAttribute('data-row-id')) ?? '';
    const mine = form.getByTestId('progress-result');
    await mine.fill('Đã lắp 5 camera');
    await mine.blur();
    await expect(form.getByTestId('progress-updated')).toContainText('Cập nhật');

    await openTracking(focal.page, main);
    await focal.page.getByTestId('tracking-mode-department').click();
    await focal.page.getByTestId('tracking-unit').selectOption('phong-kinh-te');
    const theirs = focal.page.locator(`[data-row-id="${rowId}"]`).getByTestId('progress-result');
    await expect(theirs).toHaveValue('Đã lắp 5 camera');

    // The editor puts the caret after "lắp" and waits there…
    await mine.click();
    await mine.press('Home');
    for (let i = 0; i < 6; i += 1) await mine.press('ArrowRight');
    await expect.poll(() => mine.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(6);
    // …while the focal department adds a word at the start.
    await theirs.click();
    await theirs.press('Home');
    await theirs.pressSequentially('Tháng 10: ');
    await theirs.blur();
    await expect(mine).toHaveValue('Tháng 10: Đã lắp 5 camera', { timeout: 15_000 });
    // The caret moved with "lắp": what the editor types now goes after it.
    await expect.poll(() => mine.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(16);
    await mine.pressSequentially(' thêm');
    await mine.blur();
    await expect(theirs).toHaveValue('Tháng 10: Đã lắp thêm 5 camera', { timeout: 15_000 });
    await expect(mine).toHaveValue('Tháng 10: Đã lắp thêm 5 camera');
  } finally {
    await editor.context.close();
    await focal.context.close();
  }
});
