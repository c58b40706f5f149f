/**
 * Two departments in two browsers edit the same table at the same time: each sees the other's
 * edits and cursor live, and Ctrl+Z undoes only one's own edit, never the other person's.
 */
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';
import { cellInput, cellLocator, clickCell, docCell, docSetCell, gridRows, revealRow, rowLocator } from './grid-support.ts';

test.describe('the grid, together', () => {
  test('two departments edit at once, see each other live, and undo only their own edits', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'kinhte');
    const b = await contextAs(browser, 'vanphong');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(b.page, main);
      const rows = await gridRows(a.page);
      const mine = rows.find((r) => r.owners.includes(ACCOUNTS.kinhte.unitId));
      const theirs = rows.find((r) => r.owners.includes(ACCOUNTS.vanphong.unitId) && !r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!mine || !theirs) throw new Error('the Tân Thạnh plan should have rows of both departments');
      const mineBefore = (await docCell(a.page, mine, 'note')) ?? '';
      const theirsBefore = (await docCell(b.page, theirs, 'note')) ?? '';

      // A types into its own row (edit-on-type: the first key starts the edit).
      await clickCell(a.page, mine.rowId, 'note');
      await a.page.keyboard.type('Kinh tế: đã rà soát');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
      // B sees A's cursor, tagged "typing", and A's text as it is typed.
      await revealRow(b.page, mine.rowId);
      const aInB = rowLocator(b.page, mine.rowId).locator(`.pg-peer[data-peer="${ACCOUNTS.kinhte.name}"]`);
      await expect(aInB).toBeVisible();
      await expect(aInB).toContainText(`${ACCOUNTS.kinhte.name} đang nhập`);
      await expect(cellLocator(b.page, mine.rowId, 'note')).toHaveText('Kinh tế: đã rà soát');

      // B types in its own row at the same time.
      await clickCell(b.page, theirs.rowId, 'note');
      await b.page.keyboard.type('Văn phòng: bổ sung máy chủ');
      await revealRow(a.page, theirs.rowId);
      const bInA = rowLocator(a.page, theirs.rowId).locator(`.pg-peer[data-peer="${ACCOUNTS.vanphong.name}"]`);
      await expect(bInA).toBeVisible();
      await expect(cellLocator(a.page, theirs.rowId, 'note')).toHaveText('Văn phòng: bổ sung máy chủ');
      await screenshot(a.page, 'grid-presence', testInfo);

      await a.page.keyboard.press('Enter');
      await b.page.keyboard.press('Enter');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => docCell(b.page, mine, 'note')).toBe('Kinh tế: đã rà soát');

      // A undoes: its own text goes, B's stays — in both browsers.
      await a.page.keyboard.press('Control+z');
      await expect.poll(() => docCell(a.page, mine, 'note')).toBe(mineBefore);
      await expect.poll(() => docCell(b.page, mine, 'note')).toBe(mineBefore);
      expect(await docCell(a.page, theirs, 'note')).toBe('Văn phòng: bổ sung máy chủ');
      expect(await docCell(b.page, theirs, 'note')).toBe('Văn phòng: bổ sung máy chủ');
      // Undo again has nothing of A's left: B's edit still stands.
      await a.page.keyboard.press('Control+z');
      await a.page.waitForTimeout(300);
      expect(await docCell(b.page, theirs, 'note')).toBe('Văn phòng: bổ sung máy chủ');
      // Redo brings A's text back.
      await a.page.keyboard.press('Control+y');
      await expect.poll(() => docCell(b.page, mine, 'note')).toBe('Kinh tế: đã rà soát');

      // Leave the plan as it was for other specs.
      await a.page.keyboard.press('Control+z');
      await clickCell(b.page, theirs.rowId, 'note');
      await b.page.keyboard.press('Delete');
      await expect.poll(() => docCell(a.page, theirs, 'note')).toBe('');
      if (theirsBefore) await docSetCell(b.page, theirs, 'note', theirsBefore);
      await expect.poll(() => docCell(b.page, mine, 'note')).toBe(mineBefore);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
