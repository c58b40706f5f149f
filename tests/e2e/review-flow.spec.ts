/**
 * Leaders' review, live: the reviewer follows the plan on the review overview (completeness,
 * the timeline by quarter and the activity move as an editor edits), comments on a row and
 * approves it; the editor is told, replies and edits the row; the reviewer sees the row back to
 * "Chờ duyệt" with the reason. Screenshots of the overview, a thread and the grid's marks.
 */
import type { CDPSession, Page } from '@playwright/test';
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { cellInput, cellLocator, docCell, docSetCell, gridRows, revealRow, rowLocator, toasts, type RowAt } from './grid-support.ts';

const RESET = 'Đã trở về chờ duyệt vì có sửa đổi';

async function kinhTeRows(page: Page): Promise<RowAt[]> {
  const rows = await gridRows(page);
  const mine = rows.filter((r) => !r.section && r.owners.includes(ACCOUNTS.kinhte.unitId));
  if (mine.length < 2) throw new Error('the plan needs two rows of Phòng Kinh tế');
  return mine;
}

async function openReview(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Tổng quan duyệt' }).click();
  await expect(page).toHaveURL(/\/duyet/);
  await expect(page.getByTestId('review-page')).toBeVisible();
}

const headlineFigure = (page: Page, attr: 'data-complete' | 'data-rows'): Promise<number> =>
  page
    .getByTestId('review-complete')
    .getAttribute(attr)
    .then((v) => Number(v));

const dueRows = (page: Page, bucket: string): Promise<number> =>
  page
    .getByTestId('timeline-chart')
    .locator(`[data-bucket="${bucket}"]`)
    .getAttribute('data-rows')
    .then((v) => Number(v ?? 0))
    .catch(() => 0);

/**
 * Brings a row into view. `revealRow` scrolls to the top first and may catch the row about to be
 * virtualised away (then waits for it forever): a row already on screen is only scrolled to.
 */
async function showRow(page: Page, rowId: string): Promise<void> {
  if ((await rowLocator(page, rowId).count()) > 0) await rowLocator(page, rowId).scrollIntoViewIfNeeded();
  else await revealRow(page, rowId);
}

/** Selects a cell as a person clicks it (like grid-support's clickCell, without its scroll race). */
async function selectCell(page: Page, rowId: string, field: string): Promise<void> {
  await showRow(page, rowId);
  const cell = cellLocator(page, rowId, field);
  await cell.click({ position: { x: 12, y: 10 } });
  await expect(cell).toHaveAttribute('aria-selected', 'true');
}

/** Opens a row's comment and review panel from the grid's row menu. */
async function openRowPanel(page: Page, rowId: string): Promise<void> {
  await showRow(page, rowId);
  await rowLocator(page, rowId).locator('[role="gridcell"]').first().click({ button: 'right', position: { x: 12, y: 10 } });
  await page.getByRole('menuitem', { name: 'Bình luận và duyệt dòng…' }).click();
  await expect(page.getByTestId('row-panel')).toHaveAttribute('data-row-id', rowId);
}

test.describe('leaders review a plan live', () => {
  test('the reviewer sees completeness, the timeline and the activity move as an editor edits', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const leader = await contextAs(browser, 'lanhdao');
    const editor = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(editor.page, main);
      await openPlanWithHooks(leader.page, main);
      const [row] = await kinhTeRows(editor.page);
      if (!row) throw new Error('no row');
      const output = (await docCell(editor.page, row, 'output')) ?? '';
      const timeframe = (await docCell(editor.page, row, 'timeframe')) ?? '';

      await openReview(leader.page);
      const review = leader.page.getByTestId('review-page');
      await expect(review.getByTestId('review-headline')).toBeVisible();
      await expect(review.getByTestId('timeline-chart')).toBeVisible();
      // The editor is online, and where.
      await selectCell(editor.page, row.rowId, 'output');
      await expect(review.getByTestId('review-online')).toContainText('Trần Văn Kinh');
      await expect(review.getByTestId('review-online')).toContainText('Phòng Kinh tế');
      await expect(review.getByTestId('review-online')).toContainText('«Sản phẩm/Kết quả đầu ra»');

      const complete = await headlineFigure(leader.page, 'data-complete');
      const q1 = await dueRows(leader.page, 'q1');
      // The editor empties the row's output ("6 rõ" lost) and moves its deadline to Quý I.
      await docSetCell(editor.page, row, 'output', '');
      await expect.poll(() => headlineFigure(leader.page, 'data-complete')).toBe(complete - 1);
      await docSetCell(editor.page, row, 'timeframe', 'Quý I/2026');
      await expect.poll(() => dueRows(leader.page, 'q1')).toBe(q1 + 1);
      const feed = review.getByTestId('activity-feed');
      await expect(feed).toContainText(/Phòng Kinh tế sửa «Thời gian thực hiện» dòng [IVX]+\.\d+/);
      await expect(feed).toContainText(/Phòng Kinh tế sửa «Sản phẩm\/Kết quả đầu ra» dòng [IVX]+\.\d+/);
      // Phòng Kinh tế's row now has an error, in its line of the departments' table.
      await expect(review.getByTestId('review-units').locator(`tr[data-unit="${ACCOUNTS.kinhte.unitId}"] .rv-num--error`)).toHaveText('1');
      await leader.page.setViewportSize({ width: 1366, height: 2100 });
      await screenshot(leader.page, 'review-overview', testInfo);
      await leader.page.setViewportSize({ width: 1366, height: 800 });

      // Put the row back; the figures follow.
      await docSetCell(editor.page, row, 'output', output);
      await docSetCell(editor.page, row, 'timeframe', timeframe);
      await expect.poll(() => headlineFigure(leader.page, 'data-complete')).toBe(complete);
      await expect.poll(() => dueRows(leader.page, 'q1')).toBe(q1);
      // Someone typing makes one audited update per keystroke: the feed tells the sitting as one
      // line with its time span (never a count of updates), and older entries come on demand.
      const note = (await docCell(editor.page, row, 'note')) ?? '';
      await editor.page.evaluate(
        ({ tableId, rowId }) => {
          for (let i = 1; i <= 90; i += 1) window.__phuluc?.setCell(tableId, rowId, 'note', `Ghi chú ${i}`);
        },
        { tableId: row.tableId, rowId: row.rowId },
      );
      await docSetCell(editor.page, row, 'note', note);
      const newest = feed.locator('.rv-activity-item').first();
      await expect(newest.locator('.rv-activity-sentence')).toHaveText(/^Phòng Kinh tế sửa «Ghi chú» dòng [IVX]+\.\d+$/);
      await expect(newest.locator('time')).toHaveText(/^\d\d:\d\d(–\d\d:\d\d)?$/);
      const sentence = (await newest.locator('.rv-activity-sentence').textContent()) ?? '';
      const noteLines = feed.locator('.rv-activity-sentence').filter({ hasText: new RegExp(`^${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
      await expect(noteLines).toHaveCount(1);
      await expect(feed).not.toContainText(/\d+ lần/);
      const more = feed.getByRole('button', { name: 'Xem thêm' });
      await expect(more).toBeVisible();
      const loaded = Number(await feed.getAttribute('data-loaded'));
      await more.click();
      await expect.poll(async () => Number(await feed.getAttribute('data-loaded'))).toBeGreaterThan(loaded);
      await expect(noteLines).toHaveCount(1);
    } finally {
      await leader.context.close();
      await editor.context.close();
    }
  });

  test('the reviewer comments and approves; the editor is told, replies and edits; the row is back to pending', async ({ browser }, testInfo) => {
    // Two people, a dozen steps, on a busy 2-core machine.
    test.setTimeout(120_000);
    const { main } = planIds();
    const leader = await contextAs(browser, 'lanhdao');
    const editor = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(leader.page, main);
      await openPlanWithHooks(editor.page, main);
      const [row, other] = await kinhTeRows(editor.page);
      if (!row || !other) throw new Error('no rows');
      await expect(editor.page.getByTestId('comment-inbox')).toHaveAttribute('data-unread', '0');

      // The reviewer comments — with a Telex composition whose Enter only ends the composition.
      await openRowPanel(leader.page, row.rowId);
      const panel = leader.page.getByTestId('row-panel');
      const input = panel.getByTestId('comment-input');
      await input.click();
      await input.fill('Đề nghị ghi rõ sản phẩm ');
      const cdp: CDPSession = await leader.page.context().newCDPSession(leader.page);
      for (const step of ['d', 'dd', 'đ', 'đầ', 'đầu']) await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      await cdp.send('Input.insertText', { text: 'đầu' });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
      await expect(input).toHaveValue('Đề nghị ghi rõ sản phẩm đầu');
      await expect(panel.getByTestId('comment-thread')).toHaveCount(0);
      await leader.page.keyboard.type(' ra.');
      await leader.page.keyboard.press('Enter');
      await expect(panel.getByTestId('comment-thread')).toHaveCount(1);
      await expect(panel.getByTestId('comment-thread')).toContainText('Đề nghị ghi rõ sản phẩm đầu ra.');
      await expect(input).toHaveValue('');

      // …and approves the row.
      await panel.getByRole('button', { name: 'Duyệt', exact: true }).click();
      await expect(panel.getByTestId('review-state-line')).toHaveAttribute('data-state', 'approved');
      await expect(panel.getByTestId('review-state-line')).toContainText('Đã duyệt');
      await expect(panel.getByTestId('review-state-line')).toContainText('Võ Văn Lãnh');
      await expect(rowLocator(leader.page, row.rowId).locator('[data-row-action]')).toHaveAttribute('data-review-state', 'approved');

      // The editor is told (a notice and the badge), opens the thread from the badge and replies.
      await expect(toasts(editor.page)).toContainText('Võ Văn Lãnh bình luận');
      await expect(toasts(editor.page)).toContainText('Đề nghị ghi rõ sản phẩm đầu ra.');
      const inbox = editor.page.getByTestId('comment-inbox');
      await expect(inbox).toHaveAttribute('data-unread', '1');
      await inbox.click();
      await editor.page.getByRole('dialog', { name: 'Bình luận mới trên dòng của bạn' }).getByRole('button').first().click();
      const editorPanel = editor.page.getByTestId('row-panel');
      await expect(editorPanel).toHaveAttribute('data-row-id', row.rowId);
      await expect(inbox).toHaveAttribute('data-unread', '0');
      // An editor is offered no approval.
      await expect(editorPanel.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
      await expect(editorPanel.getByTestId('review-state-line')).toContainText('Đã duyệt');
      await editorPanel.getByRole('button', { name: 'Trả lời' }).first().click();
      await editor.page.keyboard.type('Đã bổ sung báo cáo quý.');
      await editor.page.keyboard.press('Enter');
      await expect(panel.getByTestId('comment-thread')).toContainText('Đã bổ sung báo cáo quý.');
      await expect(panel.getByRole('list', { name: '1 câu trả lời' })).toBeVisible();

      // The reviewer also asks for changes on another row, for the look of the grid.
      await openRowPanel(leader.page, other.rowId);
      await panel.getByRole('button', { name: 'Yêu cầu sửa' }).click();
      await panel.getByTestId('changes-request').getByTestId('comment-input').fill('Bổ sung kinh phí dự kiến.');
      await panel.getByRole('button', { name: 'Gửi yêu cầu sửa' }).click();
      await expect(panel.getByTestId('review-state-line')).toHaveAttribute('data-state', 'changes_requested');
      await openRowPanel(leader.page, row.rowId);
      await screenshot(leader.page, 'review-comment-thread', testInfo);

      // The editor edits the approved row: the server puts it back to pending, for everyone.
      await editorPanel.getByRole('button', { name: 'Đóng bảng bình luận' }).click();
      await selectCell(editor.page, row.rowId, 'note');
      await editor.page.keyboard.press('F2');
      await editor.page.keyboard.type(' Bổ sung theo ý kiến lãnh đạo.');
      await editor.page.keyboard.press('Enter');
      await expect(cellInput(editor.page)).toHaveAttribute('data-editing', 'false');
      const line = panel.getByTestId('review-state-line');
      await expect(line).toHaveAttribute('data-state', 'pending');
      await expect(line).toContainText(RESET);
      await expect(line).toContainText('Trần Văn Kinh');
      await expect(rowLocator(leader.page, row.rowId).locator('[data-row-action]')).toHaveAttribute('data-review-state', 'reset');
      await expect(rowLocator(leader.page, row.rowId).locator('[data-row-action]')).toHaveAttribute('title', new RegExp(RESET));
      await panel.getByRole('button', { name: 'Đóng bảng bình luận' }).click();
      // A third row approved from the row menu, for the look of the grid.
      const third = (await kinhTeRows(editor.page))[2];
      if (third) {
        await showRow(leader.page, third.rowId);
        await rowLocator(leader.page, third.rowId).locator('[role="gridcell"]').first().click({ button: 'right', position: { x: 12, y: 10 } });
        await leader.page.getByRole('menuitem', { name: 'Duyệt', exact: true }).click();
        await expect(rowLocator(leader.page, third.rowId).locator('[data-row-action]')).toHaveAttribute('data-review-state', 'approved');
      }
      await showRow(leader.page, row.rowId);
      await screenshot(leader.page, 'review-grid-marks', testInfo);

      // The overview says so too, in the rows list and the activity.
      await openReview(leader.page);
      const listed = leader.page.getByTestId('review-rows').locator(`[data-row-id="${row.rowId}"]`);
      await expect(listed).toContainText('Chờ duyệt lại');
      await expect(leader.page.getByTestId('activity-feed')).toContainText(/đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi/);
      await leader.page.setViewportSize({ width: 1366, height: 2100 });
      await screenshot(leader.page, 'review-overview-after', testInfo);
    } finally {
      await leader.context.close();
      await editor.context.close();
    }
  });

  test('a viewer sees the overview and the comments, with nothing to change', async ({ browser }) => {
    const { main } = planIds();
    const viewer = await contextAs(browser, 'xem');
    try {
      await openPlanWithHooks(viewer.page, main);
      await openReview(viewer.page);
      await expect(viewer.page.getByTestId('review-headline')).toBeVisible();
      await expect(viewer.page.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
      await viewer.page.getByTestId('review-rows').locator('.rv-row-open').first().click();
      await expect(viewer.page.getByTestId('row-panel')).toBeVisible();
      await expect(viewer.page.getByTestId('comment-input')).toHaveCount(0);
      await expect(viewer.page.getByTestId('row-panel')).toContainText('Bạn chỉ có quyền xem bình luận.');
    } finally {
      await viewer.context.close();
    }
  });
});
