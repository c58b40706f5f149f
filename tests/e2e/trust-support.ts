/**
 * Helpers of the "trust" specs (editor-row-deleted, editor-rights-lost, refusal-keeps-edits):
 * rows made for one test through the app's test hooks (so no spec depends on another's rows),
 * the dialog that keeps text which could not be written, and the clipboard.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { revealRow } from './grid-support.ts';
import { expect, type PhulucTestHooks } from './support.ts';

export interface RowRef {
  tableId: string;
  rowId: string;
}

/**
 * Inserts item rows owned by `unitId` after the first row that unit owns in the first table
 * (so they are on screen), with `task` texts; returns them in order.
 */
export function rowsCreate(page: Page, unitId: string, tasks: readonly string[]): Promise<RowRef[]> {
  return page.evaluate(
    ({ unitId, tasks }) => {
      const h = (window.__phuluc as PhulucTestHooks);
      const tableId = h.tableIds()[0];
      if (!tableId) throw new Error('no table');
      let after = h.rowIds(tableId).find((id) => h.rowOwners(tableId, id)?.includes(unitId)) ?? null;
      return tasks.map((task) => {
        const rowId = h.insertRow(tableId, after, { task, note: '' }, [unitId]);
        after = rowId;
        return { tableId, rowId };
      });
    },
    { unitId, tasks },
  );
}

/** Deletes a row through the hooks (as the coordinator's grid would). */
export function rowDelete(page: Page, at: RowRef): Promise<void> {
  return page.evaluate((a) => (window.__phuluc as PhulucTestHooks).deleteRow(a.tableId, a.rowId), at);
}

/** Gives a row's lead to another unit, as the coordinator does: the lead text, then the owners. */
export function rowLeadSet(page: Page, at: RowRef, lead: string, owners: string[]): Promise<void> {
  return page.evaluate(
    ({ at, lead, owners }) => {
      const h = (window.__phuluc as PhulucTestHooks);
      h.setCell(at.tableId, at.rowId, 'lead', lead);
      h.setOwners(at.tableId, at.rowId, owners);
    },
    { at, lead, owners },
  );
}

/** Sets a cell through the hooks. */
export function cellSet(page: Page, at: RowRef, field: string, text: string): Promise<void> {
  return page.evaluate(({ at, field, text }) => (window.__phuluc as PhulucTestHooks).setCell(at.tableId, at.rowId, field, text), { at, field, text });
}

/** The first table's item rows whose `task` cell reads `task`. */
export function rowsWithTask(page: Page, task: string): Promise<RowRef[]> {
  return page.evaluate((task) => {
    const h = (window.__phuluc as PhulucTestHooks);
    const tableId = h.tableIds()[0] ?? '';
    return h
      .rowIds(tableId)
      .filter((rowId) => h.cellText(tableId, rowId, 'task') === task)
      .map((rowId) => ({ tableId, rowId }));
  }, task);
}

/** A cell's text in the page's document, or null when the row (or its text) is gone. */
export function cellText(page: Page, at: RowRef, field: string): Promise<string | null> {
  return page.evaluate(({ at, field }) => (window.__phuluc as PhulucTestHooks).cellText(at.tableId, at.rowId, field), { at, field });
}

/** Whether the row is in the page's document. */
export function rowExists(page: Page, at: RowRef): Promise<boolean> {
  return page.evaluate((at) => (window.__phuluc as PhulucTestHooks).rowIds(at.tableId).includes(at.rowId), at);
}

/** The dialog that shows text the app could not write, to copy. */
export function keptDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Nội dung chưa được ghi' });
}

/** Lets the page read and write the clipboard without a click (as a person who allowed it). */
export async function clipboardAllow(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
}

export function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The grid cell of a row's field. */
export function gridCell(page: Page, at: RowRef, field: string): Locator {
  return page.locator(`[role="row"][data-row-id="${at.rowId}"] [role="gridcell"][data-field="${field}"]`);
}

/** Selects a cell by clicking it and opens its editor with F2 (caret at the end). */
export async function editCell(page: Page, at: RowRef, field: string): Promise<void> {
  await revealRow(page, at.rowId);
  await gridCell(page, at, field).click({ position: { x: 12, y: 10 } });
  await expect(gridCell(page, at, field)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('cell-input')).toHaveAttribute('data-editing', 'true');
}
