/**
 * Permissions shown, not just enforced: a reviewer watches edits arrive live but every cell is
 * read-only to them; an editor cannot edit another department's row, nor the lead column of its
 * own. Read-only cells say why (tooltip) and typing into them is refused with a notice.
 */
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, test } from './support.ts';
import { cellInput, cellLocator, clickCell, docCell, gridOf, gridRows, pasteText, toasts } from './grid-support.ts';

const OTHER_UNIT = 'Dòng này do đơn vị khác chủ trì.';
const LEAD_ONLY = 'Chỉ bộ phận đầu mối được giao đơn vị chủ trì.';
const REVIEWER = 'Lãnh đạo chỉ xem, bình luận và duyệt, không sửa nội dung.';

test.describe('the grid, by role', () => {
  test('a reviewer sees edits live and cannot edit', async ({ browser }) => {
    const { main } = planIds();
    const leader = await contextAs(browser, 'lanhdao');
    const editor = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(leader.page, main);
      await openPlanWithHooks(editor.page, main);
      const rows = await gridRows(editor.page);
      const mine = rows.find((r) => r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!mine) throw new Error('no row of Phòng Kinh tế');
      const before = (await docCell(editor.page, mine, 'output')) ?? '';

      // The reviewer's grid is read-only, and so is each cell; no row or column tools are offered.
      await expect(gridOf(leader.page)).toHaveAttribute('aria-readonly', 'true');
      await expect(leader.page.getByRole('button', { name: 'Chèn dòng trên' })).toHaveCount(0);
      const cell = await clickCell(leader.page, mine.rowId, 'output');
      await expect(cell).toHaveAttribute('aria-readonly', 'true');
      await expect(cell).toHaveAttribute('title', new RegExp(REVIEWER));

      // The editor edits; the reviewer sees it as it is typed.
      await clickCell(editor.page, mine.rowId, 'output');
      await editor.page.keyboard.press('F2');
      await editor.page.keyboard.type(' (đã cập nhật)');
      await expect(cellLocator(leader.page, mine.rowId, 'output')).toContainText('(đã cập nhật)');
      await editor.page.keyboard.press('Enter');

      // Typing into a cell is refused with the reason; nothing changes.
      await cell.click({ position: { x: 12, y: 10 } });
      await leader.page.keyboard.type('sửa');
      await expect(toasts(leader.page)).toContainText(REVIEWER);
      await expect(cellInput(leader.page)).toHaveAttribute('data-editing', 'false');
      await leader.page.keyboard.press('Delete');
      await leader.page.waitForTimeout(200);
      expect(await docCell(leader.page, mine, 'output')).toBe(`${before} (đã cập nhật)`);

      // Put the cell back.
      await clickCell(editor.page, mine.rowId, 'output');
      await editor.page.keyboard.press('Control+z');
      await expect.poll(() => docCell(leader.page, mine, 'output')).toBe(before);
    } finally {
      await leader.context.close();
      await editor.context.close();
    }
  });

  test('an editor cannot edit another department’s row, nor the lead column', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, main);
      const rows = await gridRows(page);
      const theirs = rows.find((r) => !r.section && r.owners.length > 0 && !r.owners.includes(ACCOUNTS.kinhte.unitId));
      const mine = rows.find((r) => r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!theirs || !mine) throw new Error('rows of both kinds expected');
      const before = await docCell(page, theirs, 'task');

      const cell = await clickCell(page, theirs.rowId, 'task');
      await expect(cell).toHaveAttribute('aria-readonly', 'true');
      await expect(cell).toHaveAttribute('title', new RegExp(OTHER_UNIT));
      await page.keyboard.type('x');
      await expect(toasts(page)).toContainText(OTHER_UNIT);
      await page.keyboard.press('F2');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
      await page.keyboard.press('Delete');
      await page.waitForTimeout(200);
      expect(await docCell(page, theirs, 'task')).toBe(before);

      // Own row: editable, except its lead.
      await expect(await clickCell(page, mine.rowId, 'task')).toHaveAttribute('aria-readonly', 'false');
      const lead = await clickCell(page, mine.rowId, 'lead');
      await expect(lead).toHaveAttribute('aria-readonly', 'true');
      await expect(lead).toHaveAttribute('title', new RegExp(LEAD_ONLY));
      await page.keyboard.type('Phòng Văn hóa');
      await expect(toasts(page)).toContainText(LEAD_ONLY);

      // "Delete row" is refused on another department's row: the button says why.
      await clickCell(page, theirs.rowId, 'task');
      const del = page.getByRole('button', { name: 'Xóa dòng' });
      await expect(del).toBeDisabled();
      await expect(del).toHaveAttribute('title', /Chỉ xoá được dòng do riêng đơn vị mình chủ trì/);
    } finally {
      await context.close();
    }
  });

  test('the coordinator assigns a row’s lead: the department can edit it at once', async ({ browser }) => {
    const { main } = planIds();
    const coordinator = await contextAs(browser, 'vhxh');
    const editor = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(coordinator.page, main);
      await openPlanWithHooks(editor.page, main);
      const rows = await gridRows(editor.page);
      const theirs = rows.find((r) => !r.section && r.owners.length > 0 && !r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!theirs) throw new Error('a row of another unit expected');
      const leadBefore = await docCell(coordinator.page, theirs, 'lead');
      await clickCell(editor.page, theirs.rowId, 'task');
      await expect(cellLocator(editor.page, theirs.rowId, 'task')).toHaveAttribute('aria-readonly', 'true');

      await clickCell(coordinator.page, theirs.rowId, 'lead');
      await pasteText(coordinator.page, 'Phòng Kinh tế');
      await expect.poll(() => docCell(editor.page, theirs, 'lead')).toBe('Phòng Kinh tế');
      await expect(cellLocator(editor.page, theirs.rowId, 'task')).toHaveAttribute('aria-readonly', 'false');

      // Undo gives the row back to its unit, lead and owners together.
      await coordinator.page.keyboard.press('Control+z');
      await expect.poll(() => docCell(editor.page, theirs, 'lead')).toBe(leadBefore);
      await expect(cellLocator(editor.page, theirs.rowId, 'task')).toHaveAttribute('aria-readonly', 'true');
    } finally {
      await coordinator.context.close();
      await editor.context.close();
    }
  });
});
