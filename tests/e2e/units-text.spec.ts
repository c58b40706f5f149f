/**
 * A units cell keeps what the person typed: the match to the unit directory is shown beside the
 * editor, canonical names are written only on request; a lead edit that would drop the person's
 * own unit asks first; and a row an editor adds comes led by his unit.
 */
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, test } from './support.ts';
import { cellInput, cellLocator, clickCell, docCell, gridRows } from './grid-support.ts';

test.describe('units as typed', () => {
  test('"Phòng Kinh tế xã" typed in a lead cell stays exactly that, its match shown beside it', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, main);
      const rows = await gridRows(page);
      const row = rows.find((r) => !r.section && r.owners.length === 1 && r.owners[0] === ACCOUNTS.kinhte.unitId);
      if (!row) throw new Error('a row of Phòng Kinh tế alone expected');
      const before = await docCell(page, row, 'lead');

      await clickCell(page, row.rowId, 'lead');
      await page.keyboard.type('Phòng Kinh tế xã');
      const chip = page.getByTestId('units-chip');
      await expect(chip).toHaveCount(1);
      await expect(chip).toHaveAttribute('data-kind', 'unit');
      await expect(chip).toContainText('Phòng Kinh tế');
      await expect(page.getByTestId('units-canonical')).toHaveText('Dùng tên chuẩn');
      await page.keyboard.press('Enter');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => docCell(page, row, 'lead')).toBe('Phòng Kinh tế xã');
      await expect(cellLocator(page, row.rowId, 'lead')).toHaveText('Phòng Kinh tế xã');
      expect((await gridRows(page)).find((r) => r.rowId === row.rowId)?.owners).toEqual([ACCOUNTS.kinhte.unitId]);

      // "Dùng tên chuẩn" writes the canonical name, only when asked; Esc takes it back.
      await clickCell(page, row.rowId, 'lead');
      await page.keyboard.press('F2');
      await page.getByTestId('units-canonical').click();
      await expect(cellInput(page)).toHaveValue('Phòng Kinh tế');
      await page.keyboard.press('Escape');
      await expect.poll(() => docCell(page, row, 'lead')).toBe('Phòng Kinh tế xã');

      await page.keyboard.press('Control+z');
      await expect.poll(() => docCell(page, row, 'lead')).toBe(before);
    } finally {
      await context.close();
    }
  });

  test('a lead edit that drops the person’s own unit says so and asks first', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, main);
      const rows = await gridRows(page);
      const row = rows.find((r) => !r.section && r.owners.includes(ACCOUNTS.vhxh.unitId));
      if (!row) throw new Error('a row of Phòng Văn hóa - Xã hội expected');
      const before = await docCell(page, row, 'lead');

      await clickCell(page, row.rowId, 'lead');
      await page.keyboard.type('Công an xã');
      const loss = page.getByTestId('units-owners-loss');
      await expect(loss).toContainText('Đơn vị của bạn (Phòng Văn hóa - Xã hội) sẽ không còn là đơn vị chủ trì dòng này.');
      await page.keyboard.press('Enter');
      // Not saved yet: the question is asked, and "Sửa tiếp" goes back to the text.
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      await page.getByTestId('units-owners-keep').click();
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      await expect(page.getByTestId('units-owners-confirm')).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => docCell(page, row, 'lead')).toBe(before);
      expect((await gridRows(page)).find((r) => r.rowId === row.rowId)?.owners).toContain(ACCOUNTS.vhxh.unitId);
    } finally {
      await context.close();
    }
  });

  test('a row an editor inserts is led by his unit', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, main);
      const rows = await gridRows(page);
      const mine = rows.find((r) => r.owners.includes(ACCOUNTS.kinhte.unitId));
      if (!mine) throw new Error('a row of Phòng Kinh tế expected');
      await clickCell(page, mine.rowId, 'task');
      await page.getByRole('button', { name: 'Chèn dòng dưới' }).click();
      await expect.poll(async () => (await gridRows(page)).length).toBe(rows.length + 1);
      const added = (await gridRows(page)).find((r) => !rows.some((o) => o.rowId === r.rowId));
      if (!added) throw new Error('the new row');
      expect(added.owners).toEqual([ACCOUNTS.kinhte.unitId]);
      await expect.poll(() => docCell(page, added, 'lead')).toBe('Phòng Kinh tế');
      await expect(cellLocator(page, added.rowId, 'lead')).toHaveText('Phòng Kinh tế');

      await page.evaluate(({ tableId, rowId }) => window.__phuluc?.deleteRow(tableId, rowId), added);
      await expect.poll(async () => (await gridRows(page)).length).toBe(rows.length);
    } finally {
      await context.close();
    }
  });
});
