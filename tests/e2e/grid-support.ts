/**
 * Helpers of the grid specs (grid-*.spec.ts): find rows through the app's test hooks, reach a
 * row of the virtualised grid, read and type into cells as a person does.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './support.ts';

export interface RowAt {
  tableId: string;
  rowId: string;
  owners: string[];
}

/** The rows of the plan's first table, in order, with their owners (null owners: a section). */
export async function gridRows(page: Page): Promise<Array<RowAt & { section: boolean }>> {
  return page.evaluate(() => {
    const hooks = window.__phuluc;
    if (!hooks) throw new Error('no test hooks: open the plan with openPlanWithHooks');
    const tableId = hooks.tableIds()[0] as string;
    return hooks.rowIds(tableId).map((rowId) => {
      const owners = hooks.rowOwners(tableId, rowId);
      const section = hooks.cellText(tableId, rowId, 'label') !== null;
      return { tableId, rowId, owners: owners ?? [], section };
    });
  });
}

/** A cell's text in the document (through the hooks), or null when it has none. */
export function docCell(page: Page, at: RowAt, field: string): Promise<string | null> {
  return page.evaluate(({ tableId, rowId, field }) => window.__phuluc?.cellText(tableId, rowId, field) ?? null, { ...at, field });
}

/** Sets a cell through the hooks (as another person's edit would arrive). */
export function docSetCell(page: Page, at: RowAt, field: string, text: string): Promise<void> {
  return page.evaluate(({ tableId, rowId, field, text }) => window.__phuluc?.setCell(tableId, rowId, field, text), { ...at, field, text });
}

export function gridOf(page: Page): Locator {
  return page.getByTestId('plan-grid');
}

export function rowLocator(page: Page, rowId: string): Locator {
  return gridOf(page).locator(`[role="row"][data-row-id="${rowId}"]`);
}

/** The grid cell of a row's field (a section's one spanning cell for 'label'). */
export function cellLocator(page: Page, rowId: string, field: string): Locator {
  const row = rowLocator(page, rowId);
  return field === 'label' ? row.locator('[role="gridcell"][data-section]') : row.locator(`[role="gridcell"][data-field="${field}"]`);
}

/** Scrolls the grid until the row is rendered (rows outside the viewport are not in the DOM). */
export async function revealRow(page: Page, rowId: string): Promise<void> {
  const grid = gridOf(page);
  // The virtualiser renders a scroll on the next frame: look only after it has.
  const settle = () => grid.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await grid.evaluate((el) => (el.scrollTop = 0));
  await settle();
  for (let i = 0; i < 400; i += 1) {
    if ((await rowLocator(page, rowId).count()) > 0) {
      try {
        await rowLocator(page, rowId).scrollIntoViewIfNeeded({ timeout: 2000 });
        return;
      } catch {
        // It left the window while we looked; scroll on and look again.
      }
    }
    const moved = await grid.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight * 0.8;
      return el.scrollTop !== before;
    });
    await settle();
    if (!moved) await page.waitForTimeout(50);
  }
  throw new Error(`row ${rowId} never appeared in the grid`);
}

/** Clicks a cell (selecting it) after bringing its row into view. */
export async function clickCell(page: Page, rowId: string, field: string): Promise<Locator> {
  await revealRow(page, rowId);
  const cell = cellLocator(page, rowId, field);
  await cell.click({ position: { x: 12, y: 10 } });
  await expect(cell).toHaveAttribute('aria-selected', 'true');
  return cell;
}

/** The focused cell input (the grid's one focusable element). */
export function cellInput(page: Page): Locator {
  return page.getByTestId('cell-input');
}

/** The latest notice shown to the person. */
export function toasts(page: Page): Locator {
  return page.getByTestId('toasts');
}

/** Dispatches a paste of `text` (and optional `html`) on the focused element, as Ctrl+V from Excel would. */
export async function pasteText(page: Page, text: string, html = ''): Promise<void> {
  await page.evaluate(
    ({ text, html }) => {
      const target = document.activeElement;
      if (!target) throw new Error('nothing focused');
      const data = new DataTransfer();
      data.setData('text/plain', text);
      if (html) data.setData('text/html', html);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { text, html },
  );
}
