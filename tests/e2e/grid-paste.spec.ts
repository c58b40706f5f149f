/**
 * Copy and paste with spreadsheets: a real appendix table (Tân Kỳ, TSV as Excel puts it on the
 * clipboard) pasted into the grid appends its rows; a block over another department's row is
 * refused whole; a range copied from the grid comes out as TSV and HTML.
 */
import { ACCOUNTS, contextAs, expect, fixtureRead, openPlanWithHooks, planIds, test } from './support.ts';
import { cellLocator, clickCell, docCell, gridOf, gridRows, pasteText, toasts } from './grid-support.ts';

test.describe('the grid and the clipboard', () => {
  test('a table pasted from a spreadsheet is appended as rows, and Ctrl+Z takes it back', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(page, planIds().main);
      const before = await gridRows(page);
      const last = before[before.length - 1];
      if (!last) throw new Error('empty table');
      await clickCell(page, last.rowId, last.section ? 'label' : 'task');
      await pasteText(page, fixtureRead('tan-ky-2026-tasks.tsv'));
      await expect(toasts(page)).toContainText('Đã dán 22 dòng từ bảng sao chép.');
      await expect.poll(async () => (await gridRows(page)).length).toBe(before.length + 22);

      // The rows are in the grid, right below, with their owners read from the lead column.
      const after = await gridRows(page);
      const first = after[before.length];
      if (!first) throw new Error('no pasted row');
      await expect(cellLocator(page, first.rowId, 'task')).toHaveText('Ban hành Kế hoạch CDS - KHCN - ĐMST năm 2026 và bảng KPI theo dõi');
      const hcc = after.slice(before.length).find((r) => r.owners.includes('trung-tam-phuc-vu-hanh-chinh-cong'));
      expect(hcc).toBeDefined();
      await expect(gridOf(page)).toHaveAttribute('aria-rowcount', String(after.length + 1));

      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await gridRows(page)).length).toBe(before.length);
    } finally {
      await context.close();
    }
  });

  test('a block over another department’s row is refused whole, a block over one’s own is written', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, planIds().main);
      const rows = await gridRows(page);
      const unit = ACCOUNTS.kinhte.unitId;
      const i = rows.findIndex((r, k) => r.owners.includes(unit) && rows[k + 1] !== undefined && !(rows[k + 1]?.owners ?? []).includes(unit));
      const mine = rows[i];
      const next = rows[i + 1];
      if (!mine || !next) throw new Error('expected a Kinh tế row followed by another unit’s row');
      const mineBefore = await docCell(page, mine, 'note');
      const nextBefore = await docCell(page, next, next.section ? 'label' : 'note');

      await clickCell(page, mine.rowId, 'note');
      await pasteText(page, 'Ghi chú 1\r\nGhi chú 2\r\n');
      await expect(toasts(page)).toContainText('Không dán được');
      await page.waitForTimeout(200);
      expect(await docCell(page, mine, 'note')).toBe(mineBefore);
      expect(await docCell(page, next, next.section ? 'label' : 'note')).toBe(nextBefore);

      // One line with a multi-line cell, as Excel quotes it: written into the own row only.
      await pasteText(page, '"Dòng một\nDòng hai"\r\n');
      await expect.poll(() => docCell(page, mine, 'note')).toBe('Dòng một\nDòng hai');
      await expect(cellLocator(page, mine.rowId, 'note')).toHaveText('Dòng một\nDòng hai');
      await page.keyboard.press('Control+z');
      await expect.poll(() => docCell(page, mine, 'note')).toBe(mineBefore);
    } finally {
      await context.close();
    }
  });

  test('a copied range is TSV and HTML, as spreadsheets read it', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await openPlanWithHooks(page, planIds().main);
      const rows = (await gridRows(page)).filter((r) => !r.section);
      const [a, b] = rows;
      if (!a || !b) throw new Error('two rows expected');
      await clickCell(page, a.rowId, 'task');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowRight');
      await expect(gridOf(page).locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(4);
      const copied = await page.evaluate(() => {
        const data = new DataTransfer();
        document.activeElement?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return { text: data.getData('text/plain'), html: data.getData('text/html') };
      });
      const expected = [
        [await docCell(page, a, 'task'), await docCell(page, a, 'detail')],
        [await docCell(page, b, 'task'), await docCell(page, b, 'detail')],
      ];
      const lines = copied.text.split('\r\n');
      expect(lines[0]).toBe(expected[0]?.join('\t'));
      expect(lines[1]).toBe(expected[1]?.join('\t'));
      expect(copied.html).toContain('<table');
      expect(copied.html).toContain(`<td style="white-space:pre-wrap;vertical-align:top">${expected[0]?.[0]}</td>`);
    } finally {
      await context.close();
    }
  });
});
