/**
 * The grid fits the usual office laptop (1366×768) with four people online: a one-line header
 * (title, save state, an avatar stack with a count, menus), the toolbar on one row, at least ten
 * task rows in view, columns sharing the window's width with none too narrow, long cells cut at
 * three lines with their whole text on focus; notices never cover a cell, two at most; and the
 * one Enter rule in a cell: Alt+Enter and Shift+Enter break the line, Enter saves and moves down.
 */
import type { Page } from '@playwright/test';
import { ACCOUNTS, contextAs, expect, openPlanWithHooks, planIds, test } from './support.ts';
import type { Username } from './support.ts';
import { cellInput, cellLocator, clickCell, docCell, docSetCell, gridOf, gridRows, toasts } from './grid-support.ts';

const LAPTOP = { width: 1366, height: 768 };
/** The narrowest a column may be drawn (COLUMN_MIN_PX in apps/web/src/grid/geometry.ts). */
const COLUMN_MIN_PX = 76;
/** Three lines of 18 px, the padding and the border (geometry.ts: rowHeight(3)). */
const ROW_MAX_PX = 3 * 18 + 7;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The item rows whose whole box is inside the grid's visible area, below its sticky header. */
function itemRowsFullyVisible(page: Page): Promise<number> {
  return gridOf(page).evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const top = grid.querySelector('.pg-header')?.getBoundingClientRect().bottom ?? box.top;
    const bottom = Math.min(box.top + grid.clientHeight, window.innerHeight);
    return [...grid.querySelectorAll('[role="row"][data-row-id]:not(.pg-row--section)')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
    }).length;
  });
}

/** How far each rendered row's top is from the bottom of the row above it. */
function rowGaps(grid: Element): number[] {
  const boxes = [...grid.querySelectorAll('[role="row"][data-row-id]')].map((r) => r.getBoundingClientRect()).sort((a, b) => a.top - b.top);
  return boxes.slice(1).map((b, i) => Math.abs(b.top - (boxes[i]?.bottom ?? b.top)));
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

test.describe('the grid on a 1366×768 laptop', () => {
  test('with four people online: one-line header, one-row toolbar, ten task rows, no horizontal scroll, long cells clamped', async ({ browser }) => {
    test.setTimeout(150_000);
    // The real table as imported: other specs leave notes in `main` that make its rows taller.
    const { pristine: main } = planIds();
    const others: Username[] = ['kinhte', 'vanphong', 'hcc'];
    const people = [await contextAs(browser, 'vhxh'), ...(await Promise.all(others.map((u) => contextAs(browser, u))))];
    try {
      const page = people[0]?.page as Page;
      await page.setViewportSize(LAPTOP);
      for (const { page: p } of people) await openPlanWithHooks(p, main);

      // Presence: a stack of three avatars and their count, names in the tooltips.
      const presence = page.getByTestId('presence');
      await expect(presence.locator('.presence-person')).toHaveCount(3, { timeout: 30_000 });
      await expect(page.getByTestId('presence-count')).toHaveText('3 người khác');
      await expect(presence.locator(`[title="${ACCOUNTS.kinhte.name} — ${ACCOUNTS.kinhte.unitName}"]`)).toHaveCount(1);

      // The header is one line: as high as one button row, everything in it inside that line.
      const header = page.locator('.plan-header');
      const headerBox = await header.boundingBox();
      expect(headerBox?.height ?? 999).toBeLessThanOrEqual(52);
      const outside = await header.evaluate((h) => {
        const hb = h.getBoundingClientRect();
        return [...h.children].filter((c) => {
          const r = c.getBoundingClientRect();
          return r.height > 0 && (r.top < hb.top - 0.5 || r.bottom > hb.bottom + 0.5 || r.right > hb.right + 0.5);
        }).length;
      });
      expect(outside).toBe(0);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText('Xã Tân Thạnh · Năm 2026')).toBeVisible();

      // The toolbar, filters included, is one row.
      expect((await page.locator('.pg-toolbar').boundingBox())?.height ?? 999).toBeLessThanOrEqual(40);

      // At least ten task rows fully in view, without scrolling.
      const grid = gridOf(page);
      await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toBeVisible();
      expect(await itemRowsFullyVisible(page)).toBeGreaterThanOrEqual(10);

      // No horizontal scroll, in the grid or the page; every column at least its minimum.
      const widths = await grid.evaluate((g) => ({
        grid: g.scrollWidth - g.clientWidth,
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        columns: [...g.querySelectorAll('[role="columnheader"]')].slice(1).map((c) => c.getBoundingClientRect().width),
      }));
      expect(widths.grid).toBeLessThanOrEqual(0);
      expect(widths.page).toBeLessThanOrEqual(0);
      expect(widths.columns).toHaveLength(8);
      for (const w of widths.columns) expect(w).toBeGreaterThanOrEqual(COLUMN_MIN_PX);

      // Rows lie end to end: the heights the grid counts are the heights drawn.
      const gaps = await grid.evaluate(rowGaps);
      expect(gaps.length).toBeGreaterThan(10);
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual(1);

      // A long cell is cut at three lines; its whole text is in its tooltip and shows on focus.
      const first = (await gridRows(page)).find((r) => !r.section);
      if (!first) throw new Error('no task row');
      const full = (await docCell(page, first, 'detail')) ?? '';
      const cell = cellLocator(page, first.rowId, 'detail');
      const clamp = await cell.locator('.pg-text').evaluate((el) => ({ cut: el.scrollHeight > el.clientHeight + 2, height: el.closest('[role="gridcell"]')?.getBoundingClientRect().height ?? 0 }));
      expect(clamp.cut).toBe(true);
      expect(clamp.height).toBeLessThanOrEqual(ROW_MAX_PX + 0.5);
      expect(await cell.getAttribute('title')).toContain(full);
      await clickCell(page, first.rowId, 'detail');
      await expect(cell).toHaveAttribute('data-full', full);
      const shown = await cell.evaluate((el) => {
        const after = getComputedStyle(el, '::after');
        return { content: after.content, position: after.position, height: parseFloat(after.height) };
      });
      expect(shown.content).toContain(full);
      expect(shown.position).toBe('absolute');
      expect(shown.height).toBeGreaterThan(clamp.height + 10);
      // The text is in the DOM once (screen readers and copies read it once).
      await expect(cell).toHaveText(full);
      // Focusing did not move any row.
      expect(await itemRowsFullyVisible(page)).toBeGreaterThanOrEqual(10);

      // A wider window: the table still ends at its edge, rows measured again at their new heights.
      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(() => grid.evaluate((g) => g.querySelector('.pg-header')?.getBoundingClientRect().width ?? 0)).toBeGreaterThan(1366);
      await expect.poll(() => grid.evaluate((g) => g.scrollWidth - g.clientWidth)).toBeLessThanOrEqual(0);
      await expect.poll(() => grid.evaluate(rowGaps).then((g) => Math.max(...g))).toBeLessThanOrEqual(1);
    } finally {
      for (const { context } of people) await context.close();
    }
  });

  test('notices cover no cell and show two at a time; the others wait their turn', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await page.setViewportSize(LAPTOP);
      await openPlanWithHooks(page, planIds().main);
      const rows = await gridRows(page);
      const theirs = rows.find((r) => !r.section && r.owners.length > 0 && !r.owners.includes(ACCOUNTS.kinhte.unitId));
      const mine = rows.find((r) => !r.section && r.owners.includes(ACCOUNTS.kinhte.unitId));
      const section = rows.find((r) => r.section);
      if (!theirs || !mine || !section) throw new Error('rows of three kinds expected');

      // Three refusals, three different messages.
      const messages: string[] = [];
      for (const [rowId, field] of [[theirs.rowId, 'task'], [mine.rowId, 'lead'], [section.rowId, 'label']] as const) {
        const target = await clickCell(page, rowId, field);
        const why = ((await target.getAttribute('title')) ?? '').split('\n').find((l) => l.startsWith('🔒')) ?? '';
        messages.push(why.replace('🔒 ', ''));
        await page.keyboard.type('x');
      }
      expect(new Set(messages).size).toBe(3);
      const shown = toasts(page).locator('.toast');
      await expect(shown).toHaveCount(2);
      await expect(toasts(page)).toContainText(messages[0] ?? '');
      await expect(toasts(page)).toContainText(messages[1] ?? '');
      await expect(toasts(page)).not.toContainText(messages[2] ?? '');

      // No notice lies over a cell of the grid.
      const cells = await gridOf(page).locator('[role="gridcell"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
      const notices = await shown.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
      expect(cells.length).toBeGreaterThan(20);
      for (const n of notices) for (const c of cells) expect(overlaps(n, c)).toBe(false);

      // Closing one lets the third show.
      await shown.first().getByRole('button', { name: 'Đóng thông báo' }).click();
      await expect(toasts(page)).toContainText(messages[2] ?? '');
      await expect(shown).toHaveCount(2);
    } finally {
      await context.close();
    }
  });

  test('Alt+Enter and Shift+Enter break the line inside a cell; Enter saves and moves down', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'kinhte');
    try {
      await page.setViewportSize(LAPTOP);
      await openPlanWithHooks(page, planIds().main);
      const rows = await gridRows(page);
      const index = rows.findIndex((r, k) => r.owners.includes(ACCOUNTS.kinhte.unitId) && rows[k + 1] && !rows[k + 1]?.section);
      const mine = rows[index];
      const next = rows[index + 1];
      if (!mine || !next) throw new Error('no row of Phòng Kinh tế with a row below');
      const before = (await docCell(page, mine, 'note')) ?? '';

      await clickCell(page, mine.rowId, 'note');
      await page.keyboard.press('Enter');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      // The rule is shown under the editor.
      await expect(page.getByTestId('cell-editor-hint')).toContainText('Shift+Enter / Alt+Enter: xuống dòng');
      await page.keyboard.type('một');
      await page.keyboard.press('Alt+Enter');
      await page.keyboard.type('hai');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('ba');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'true');
      await page.keyboard.press('Enter');
      await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => docCell(page, mine, 'note')).toBe(`${before}một\nhai\nba`);
      await expect(cellLocator(page, next.rowId, 'note')).toHaveAttribute('aria-selected', 'true');

      await docSetCell(page, mine, 'note', before);
    } finally {
      await context.close();
    }
  });
});
