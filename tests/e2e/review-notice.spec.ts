/**
 * A reviewer's «Yêu cầu sửa» reaches the department that owns the row: a notice and an inbox
 * entry carrying the reviewer's text, like a comment. And the review overview's quarter chart
 * keeps its labels apart («Thường xuyên», «Chưa rõ thời hạn», …) at 1366 px, measured.
 */
import type { Page } from '@playwright/test';
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { gridRows, revealRow, rowLocator, toasts, type RowAt } from './grid-support.ts';

/** A row of Phòng Kinh tế: the first, or the last. */
async function kinhTeRow(page: Page, which: 'first' | 'last'): Promise<RowAt> {
  const rows = (await gridRows(page)).filter((r) => !r.section && r.owners.includes(ACCOUNTS.kinhte.unitId));
  const row = which === 'first' ? rows[0] : rows[rows.length - 1];
  if (!row) throw new Error('the plan needs rows of Phòng Kinh tế');
  return row;
}

/** Opens a row's comment and review panel from the grid's row menu. */
async function openRowPanel(page: Page, rowId: string): Promise<void> {
  if ((await rowLocator(page, rowId).count()) > 0) await rowLocator(page, rowId).scrollIntoViewIfNeeded();
  else await revealRow(page, rowId);
  await rowLocator(page, rowId).locator('[role="gridcell"]').first().click({ button: 'right', position: { x: 12, y: 10 } });
  await page.getByRole('menuitem', { name: 'Bình luận và duyệt dòng…' }).click();
  await expect(page.getByTestId('row-panel')).toHaveAttribute('data-row-id', rowId);
}

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.describe('notices of a review', () => {
  test('a request for changes reaches an editor of the owning unit as a notice and an inbox entry with the reviewer’s text', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const leader = await contextAs(browser, 'lanhdao');
    const editor = await contextAs(browser, 'kinhte');
    const other = await contextAs(browser, 'vanphong');
    try {
      await openPlanWithHooks(leader.page, main);
      await openPlanWithHooks(editor.page, main);
      await openPlanWithHooks(other.page, main);
      const row = await kinhTeRow(editor.page, 'last');
      const reason = `Ghi rõ sản phẩm đầu ra và thời hạn theo quý (${Date.now()})`;
      const inbox = editor.page.getByTestId('comment-inbox');
      const unreadBefore = Number(await inbox.getAttribute('data-unread'));

      // The reviewer asks for changes: the panel asks what to change before anything is set.
      await openRowPanel(leader.page, row.rowId);
      const panel = leader.page.getByTestId('row-panel');
      await panel.getByRole('button', { name: 'Yêu cầu sửa' }).click();
      const request = panel.getByTestId('changes-request');
      await expect(request).toBeVisible();
      await expect(panel.getByTestId('review-state-line')).not.toHaveAttribute('data-state', 'changes_requested');
      await request.getByTestId('comment-input').fill(reason);
      await request.getByRole('button', { name: 'Gửi yêu cầu sửa' }).click();
      await expect(panel.getByTestId('review-state-line')).toHaveAttribute('data-state', 'changes_requested');
      await expect(panel.getByTestId('comment-thread')).toContainText(reason);
      await expect(panel.getByTestId('comment-request-tag').first()).toHaveText('Yêu cầu sửa');

      // The owning unit's editor is told, with the text, and finds it in the inbox.
      const notice = toasts(editor.page).filter({ hasText: reason });
      await expect(notice).toContainText('Võ Văn Lãnh yêu cầu sửa dòng');
      await expect(inbox).toHaveAttribute('data-unread', String(unreadBefore + 1));
      await inbox.click();
      const list = editor.page.getByRole('dialog', { name: 'Bình luận mới trên dòng của bạn' });
      const entry = list.getByRole('button').filter({ hasText: reason });
      await expect(entry).toContainText('Yêu cầu sửa');
      await screenshot(editor.page, 'review-request-inbox', testInfo);
      await entry.click();
      await expect(editor.page.getByTestId('row-panel')).toHaveAttribute('data-row-id', row.rowId);
      await expect(editor.page.getByTestId('row-panel').getByTestId('comment-thread')).toContainText(reason);

      // Another unit is not told.
      await other.page.waitForTimeout(1000);
      await expect(toasts(other.page).filter({ hasText: reason })).toHaveCount(0);
    } finally {
      await leader.context.close();
      await editor.context.close();
      await other.context.close();
    }
  });

  test('the quarter chart’s labels do not overlap at 1366 px, however many buckets there are', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const editor = await contextAs(browser, 'kinhte');
    const added: string[] = [];
    try {
      await openPlanWithHooks(editor.page, main);
      const at = await kinhTeRow(editor.page, 'first');
      // Rows due in every bucket outside the quarters (added, and removed at the end).
      for (const timeframe of ['Thường xuyên', 'Hàng tháng', 'Khi có yêu cầu', 'Năm 2025', 'Năm 2027']) {
        added.push(
          await editor.page.evaluate(
            ({ tableId, timeframe, unit }) => window.__phuluc?.insertRow(tableId, null, { task: `Kiểm tra biểu đồ: ${timeframe}`, lead: 'Phòng Kinh tế', timeframe }, [unit]) ?? '',
            { tableId: at.tableId, timeframe, unit: ACCOUNTS.kinhte.unitId },
          ),
        );
      }
      await expect(editor.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      await editor.page.getByRole('tab', { name: 'Tổng quan duyệt' }).click();
      const chart = editor.page.getByTestId('timeline-chart');
      await expect(chart).toBeVisible();
      for (const bucket of ['continuous', 'recurring', 'unclear', 'earlier', 'later']) await expect(chart.locator(`[data-bucket="${bucket}"]`)).toBeVisible();
      await chart.scrollIntoViewIfNeeded();

      const boxes: Box[] = await chart.locator('[data-testid="chart-label"], .rv-chart-now-label, .rv-chart-divider text').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(9);
      const clashes: string[] = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlap(a, b) && clashes.push(`«${a.text}» × «${b.text}»`)));
      expect(clashes).toEqual([]);
      // Wrapped, not clipped: every label lies inside the chart.
      const frame = await chart.locator('svg').boundingBox();
      if (!frame) throw new Error('no chart');
      for (const b of boxes) expect(b.y + b.height, b.text).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
      await screenshot(editor.page, 'review-chart-labels', testInfo);
    } finally {
      await editor.page
        .evaluate((ids) => {
          const hooks = window.__phuluc;
          const tableId = hooks?.tableIds()[0];
          if (hooks && tableId) for (const id of ids) hooks.deleteRow(tableId, id);
        }, added)
        .catch(() => undefined);
      await editor.page.waitForTimeout(500);
      await editor.context.close();
    }
  });
});
