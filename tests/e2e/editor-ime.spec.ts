/**
 * The cell editors in the real app, as a commune clerk types: Vietnamese through an input method
 * (Telex: "v", "vi", "việ" … then "việc"), plain typing, Alt+Enter, Esc, the units picker and the
 * period preview. The input method is Chromium's own, driven through CDP
 * (`Input.imeSetComposition` for each step of the composition, `Input.insertText` to commit it),
 * so the page sees the same compositionstart / compositionupdate / compositionend and keyCode 229
 * events as with a real IME.
 *
 * A second browser context (the reviewer, who sees everything live) checks what reaches others;
 * in the typing page, every Yjs update with the app's local origin is counted, so "nothing is
 * written mid-composition" is checked at the source, not only after a network round trip.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import { contextAs, expect, openPlanWithHooks, planIds, screenshot, test } from './support.ts';

interface CellAt {
  tableId: string;
  rowId: string;
}

/**
 * Item rows (rows with owners) of the first table that the grid shows on screen now (it renders
 * only the rows in view), last first: cells the other specs are less likely to use.
 */
async function itemRows(page: Page): Promise<CellAt[]> {
  await expect(page.locator('[role="row"][data-row-id]').first()).toBeVisible();
  return page.evaluate(() => {
    const hooks = window.__phuluc;
    if (!hooks) throw new Error('no test hooks');
    const tableId = hooks.tableIds()[0];
    if (!tableId) throw new Error('no table');
    const grid = document.querySelector('[data-testid="plan-grid"]')?.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, grid?.bottom ?? window.innerHeight);
    return hooks
      .rowIds(tableId)
      .filter((rowId) => (hooks.rowOwners(tableId, rowId)?.length ?? 0) > 0)
      .filter((rowId) => {
        const box = document.querySelector(`[role="row"][data-row-id="${rowId}"]`)?.getBoundingClientRect();
        return box !== undefined && box.height > 0 && box.top >= (grid?.top ?? 0) && box.bottom <= bottom;
      })
      .reverse()
      .map((rowId) => ({ tableId, rowId }));
  });
}

function cellText(page: Page, at: CellAt, field: string): Promise<string | null> {
  return page.evaluate(({ tableId, rowId, field }) => window.__phuluc?.cellText(tableId, rowId, field) ?? null, { ...at, field });
}

async function setCell(page: Page, at: CellAt, field: string, text: string): Promise<void> {
  await page.evaluate(({ tableId, rowId, field, text }) => window.__phuluc?.setCell(tableId, rowId, field, text), { ...at, field, text });
}

/** Counts the Yjs updates this tab makes itself (origin LOCAL_ORIGIN, named 'phuluc-local'). */
async function localWritesCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __w3Writes?: number; __phuluc?: { conn?: { doc: { on: (e: string, f: (u: unknown, o: unknown) => void) => void } } } };
    const doc = w.__phuluc?.conn?.doc;
    if (!doc) throw new Error('no doc in the test hooks');
    w.__w3Writes = 0;
    doc.on('update', (_u, origin) => {
      if (typeof origin === 'object' && origin !== null && (origin as { name?: unknown }).name === 'phuluc-local') w.__w3Writes = (w.__w3Writes ?? 0) + 1;
    });
  });
}

function localWrites(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __w3Writes?: number }).__w3Writes ?? -1);
}

function gridCell(page: Page, at: CellAt, field: string): Locator {
  return page.locator(`[role="row"][data-row-id="${at.rowId}"] [role="gridcell"][data-field="${field}"]`);
}

function cellInput(page: Page): Locator {
  return page.getByTestId('cell-input');
}

async function select(page: Page, at: CellAt, field: string): Promise<void> {
  await gridCell(page, at, field).click();
  await expect(gridCell(page, at, field)).toHaveAttribute('aria-selected', 'true');
  await expect(cellInput(page)).toBeFocused();
  await expect(cellInput(page)).toHaveAttribute('data-editing', 'false');
}

/** One Telex step: the input method shows `text` as its (uncommitted) composition. */
async function compose(cdp: CDPSession, text: string): Promise<void> {
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

test.describe('cell editors and Vietnamese input methods', () => {
  test('a Telex composition that starts an edit is neither written nor synced until committed, then lands exactly once', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'vhxh');
    const b = await contextAs(browser, 'lanhdao');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(b.page, main);
      const [row, below] = await itemRows(a.page);
      if (!row || !below) throw new Error('the plan needs two item rows');
      await setCell(a.page, row, 'note', 'Ghi chú cũ');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Ghi chú cũ');
      await localWritesCount(a.page);

      await select(a.page, row, 'note');
      const cdp = await a.page.context().newCDPSession(a.page);
      // The first key of the composition starts the edit: the editor shows the composition,
      // and nothing is written, moved or synced.
      for (const step of ['v', 'vi', 'vie', 'viê', 'việ']) {
        await compose(cdp, step);
        await expect(cellInput(a.page)).toHaveValue(step);
        await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
        expect(await localWrites(a.page)).toBe(0);
      }
      await screenshot(a.page, 'editor-ime-composing', testInfo);
      await b.page.waitForTimeout(300);
      expect(await cellText(b.page, row, 'note')).toBe('Ghi chú cũ');
      expect(await cellText(a.page, row, 'note')).toBe('Ghi chú cũ');

      // Committed: the cell reads exactly "việc" (the first letter neither lost nor doubled), here and there.
      await cdp.send('Input.insertText', { text: 'việc' });
      await expect(cellInput(a.page)).toHaveValue('việc');
      expect(await localWrites(a.page)).toBe(1);
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('việc');

      // A second word; the Enter that confirms the composition (keyCode 229) neither commits nor moves.
      await a.page.keyboard.type(' ');
      const before = await localWrites(a.page);
      for (const step of ['l', 'la', 'lam', 'làm']) await compose(cdp, step);
      expect(await localWrites(a.page)).toBe(before);
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      await cdp.send('Input.insertText', { text: 'làm' });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
      await expect(gridCell(a.page, row, 'note')).toHaveAttribute('aria-selected', 'true');
      await expect(cellInput(a.page)).toHaveValue('việc làm');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('việc làm');

      // An Enter keydown while the composition is still open (isComposing) does not commit either.
      await compose(cdp, 'ơ');
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
      await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
      await expect(cellInput(a.page)).toHaveValue('việc làm');

      // Then a real Enter commits and moves down.
      await a.page.keyboard.press('Enter');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'false');
      await expect(gridCell(a.page, row, 'note')).toHaveAttribute('aria-selected', 'false');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('việc làm');
      await expect(gridCell(b.page, row, 'note')).toContainText('việc làm');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('plain typing replaces the cell, Alt+Enter adds a line, Esc restores the original', async ({ browser }) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'vhxh');
    const b = await contextAs(browser, 'lanhdao');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(b.page, main);
      const rows = await itemRows(a.page);
      const row = rows[1];
      if (!row) throw new Error('the plan needs item rows');
      await setCell(a.page, row, 'note', 'Nguyên bản');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Nguyên bản');

      // Typing over a selected cell replaces it, live for others.
      await select(a.page, row, 'note');
      await a.page.keyboard.type('Dòng một');
      await a.page.keyboard.press('Alt+Enter');
      await a.page.keyboard.type('Dòng hai');
      await expect(cellInput(a.page)).toHaveValue('Dòng một\nDòng hai');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Dòng một\nDòng hai');
      // Esc: back to what the cell held before this edit, here and for others.
      await a.page.keyboard.press('Escape');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'false');
      await expect(gridCell(a.page, row, 'note')).toHaveAttribute('aria-selected', 'true');
      await expect.poll(() => cellText(a.page, row, 'note')).toBe('Nguyên bản');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Nguyên bản');

      // F2 edits with the caret at the end; Tab commits and moves right.
      await a.page.keyboard.press('F2');
      await expect(cellInput(a.page)).toHaveValue('Nguyên bản');
      await a.page.keyboard.type(' (sửa)');
      await a.page.keyboard.press('Tab');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Nguyên bản (sửa)');

      // Double-click edits with the caret at the end, too.
      await gridCell(a.page, row, 'note').dblclick();
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
      await expect(cellInput(a.page)).toHaveValue('Nguyên bản (sửa)');
      await a.page.keyboard.type('!');
      await a.page.keyboard.press('Enter');
      await expect.poll(() => cellText(b.page, row, 'note')).toBe('Nguyên bản (sửa)!');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a colleague typing in the same cell is merged into the open editor, keeping my caret', async ({ browser }) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'vhxh');
    const c = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(c.page, main);
      const rows = await itemRows(a.page);
      const row = rows[2];
      if (!row) throw new Error('the plan needs item rows');
      await setCell(a.page, row, 'note', 'abc');
      await expect.poll(() => cellText(c.page, row, 'note')).toBe('abc');

      await select(a.page, row, 'note');
      await a.page.keyboard.press('F2');
      await a.page.keyboard.press('Home');
      await a.page.keyboard.press('ArrowRight');
      await setCell(c.page, row, 'note', '>> abc');
      await expect(cellInput(a.page)).toHaveValue('>> abc');
      await a.page.keyboard.type('X');
      await expect.poll(() => cellText(c.page, row, 'note')).toBe('>> aXbc');
      // …and during a composition the colleague's change waits until it ends.
      const cdp = await a.page.context().newCDPSession(a.page);
      await compose(cdp, 'ư');
      await setCell(c.page, row, 'note', '#>> aXbc');
      await a.page.waitForTimeout(300);
      await expect(cellInput(a.page)).toHaveValue('>> aXưbc');
      await cdp.send('Input.insertText', { text: 'ư' });
      await expect(cellInput(a.page)).toHaveValue('#>> aXưbc');
      await expect.poll(() => cellText(c.page, row, 'note')).toBe('#>> aXưbc');
      await a.page.keyboard.press('Enter');
    } finally {
      await a.context.close();
      await c.context.close();
    }
  });

  test('the units picker finds "Phòng Kinh tế" from "phong kinh te"; the period preview shows the range', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(a.page, main);
      const rows = await itemRows(a.page);
      const row = rows[3];
      if (!row) throw new Error('the plan needs item rows');
      const monitorBefore = (await cellText(a.page, row, 'monitor')) ?? '';
      const timeframeBefore = (await cellText(a.page, row, 'timeframe')) ?? '';

      // Units: type without diacritics, the directory answers; ↓ + Enter adds and goes on.
      await select(a.page, row, 'monitor');
      await a.page.keyboard.type('phong kinh te');
      const suggestions = a.page.getByRole('listbox', { name: 'Gợi ý đơn vị' }).getByRole('option');
      await expect(suggestions.first()).toHaveText('Phòng Kinh tế');
      await screenshot(a.page, 'editor-units-search', testInfo);
      await a.page.keyboard.press('ArrowDown');
      await a.page.keyboard.press('Enter');
      await expect(cellInput(a.page)).toHaveValue('Phòng Kinh tế, ');
      await a.page.keyboard.type('cong an');
      await expect(suggestions.first()).toContainText('Công an');
      await a.page.keyboard.press('ArrowDown');
      await a.page.keyboard.press('Enter');
      const chips = a.page.getByTestId('cell-editor-units').locator('.units-chip');
      await expect(chips).toHaveCount(2);
      // Backspace after a separator removes the whole last unit.
      await a.page.keyboard.press('Backspace');
      await expect(chips).toHaveCount(1);
      await expect(cellInput(a.page)).toHaveValue('Phòng Kinh tế, ');
      // Free text for an agency outside the directory is kept as typed.
      await a.page.keyboard.type('Công ty Điện lực');
      await expect(a.page.getByTestId('cell-editor-units')).toContainText('Không có đơn vị nào khớp');
      await screenshot(a.page, 'editor-units-chips', testInfo);
      await a.page.keyboard.press('Enter');
      await expect.poll(() => cellText(a.page, row, 'monitor')).toBe('Phòng Kinh tế, Công ty Điện lực');
      await select(a.page, row, 'monitor');
      await a.page.keyboard.press('Enter');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'true');
      await expect(chips).toHaveCount(2);
      await a.page.keyboard.press('Escape');
      await setCell(a.page, row, 'monitor', monitorBefore);
      await expect.poll(() => cellText(a.page, row, 'monitor')).toBe(monitorBefore);

      await select(a.page, row, 'monitor');
      await a.page.keyboard.type('phong kinh te');
      await expect(suggestions.first()).toHaveText('Phòng Kinh tế');
      // Enter takes the highlighted match and commits, like a spreadsheet's autocomplete.
      await a.page.keyboard.press('Enter');
      await expect(cellInput(a.page)).toHaveAttribute('data-editing', 'false');
      await expect.poll(() => cellText(a.page, row, 'monitor')).toBe('Phòng Kinh tế');

      // Period: a live preview of what was understood, or why not.
      await select(a.page, row, 'timeframe');
      await a.page.keyboard.type('Quý II - Quý IV/2026');
      const preview = a.page.getByTestId('cell-editor-preview');
      await expect(preview).toHaveText('Hiểu là: Quý II → Quý IV/2026');
      await screenshot(a.page, 'editor-period-preview', testInfo);
      await a.page.keyboard.press('Control+a');
      await a.page.keyboard.type('sớm nhất có thể');
      await expect(preview).not.toHaveText(/Hiểu là/);
      await expect(preview.locator('.cell-editor-preview-error')).toBeVisible();
      await screenshot(a.page, 'editor-period-invalid', testInfo);
      await a.page.keyboard.press('Escape');
      await expect.poll(() => cellText(a.page, row, 'timeframe')).toBe(timeframeBefore);

      // Put the monitor cell back as it was.
      await setCell(a.page, row, 'monitor', monitorBefore);
    } finally {
      await a.context.close();
    }
  });

  test('money, target and frequency cells preview what was understood', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'vhxh');
    const page = a.page;
    const added: { field: string; label: string }[] = [];
    try {
      await openPlanWithHooks(page, main);
      const [row] = await itemRows(page);
      if (!row) throw new Error('the plan needs item rows');
      // The coordinator adds the columns (removed again at the end).
      for (const column of [
        { field: 'budget', label: 'Kinh phí (trđ)' },
        { field: 'target', label: 'Chỉ tiêu phấn đấu năm 2026' },
        { field: 'frequency', label: 'Tần suất' },
      ]) {
        await page.getByRole('button', { name: /^Thêm cột/ }).click();
        await page.getByRole('menuitem', { name: column.label }).click();
        await expect(gridCell(page, row, column.field)).toHaveCount(1);
        added.push(column);
      }
      const preview = page.getByTestId('cell-editor-preview');

      // Money in the Vietnamese format: "1250" is understood as 1.250 million and written so.
      await select(page, row, 'budget');
      await page.keyboard.type('1250');
      await expect(preview).toHaveText('Hiểu là: 1.250 triệu đồng');
      await screenshot(page, 'editor-money-preview', testInfo);
      await page.keyboard.press('Enter');
      await expect.poll(() => cellText(page, row, 'budget')).toBe('1.250');
      await select(page, row, 'budget');
      await page.keyboard.type('1.25');
      await expect(preview).toContainText('1,25');
      await expect(preview.locator('.cell-editor-preview-error')).toBeVisible();
      await screenshot(page, 'editor-money-invalid', testInfo);
      await page.keyboard.press('Escape');
      await expect.poll(() => cellText(page, row, 'budget')).toBe('1.250');

      await select(page, row, 'target');
      await page.keyboard.type('>= 50%');
      await expect(preview).toHaveText('Hiểu là: ≥ 50%');
      await screenshot(page, 'editor-target-preview', testInfo);
      await page.keyboard.press('Escape');

      await select(page, row, 'frequency');
      await page.keyboard.type('Hàng tuần/Hàng tháng');
      await expect(preview).toHaveText('Hiểu là: Hàng tuần, hàng tháng');
      await screenshot(page, 'editor-frequency-preview', testInfo);
      await page.keyboard.press('Escape');
      await setCell(page, row, 'budget', '');
    } finally {
      for (const column of added.reverse()) {
        await page.getByRole('button', { name: `Tùy chọn cột «${column.label}»` }).click();
        await page.getByRole('menuitem', { name: 'Xóa cột' }).click();
        await expect(page.getByRole('button', { name: `Tùy chọn cột «${column.label}»` })).toHaveCount(0);
      }
      await a.context.close();
    }
  });

  test('typing into a cell one may not edit changes nothing and says why', async ({ browser }) => {
    const { main } = planIds();
    const b = await contextAs(browser, 'lanhdao');
    try {
      await openPlanWithHooks(b.page, main);
      const [row] = await itemRows(b.page);
      if (!row) throw new Error('the plan needs item rows');
      const before = await cellText(b.page, row, 'task');
      await gridCell(b.page, row, 'task').click();
      await expect(cellInput(b.page)).toBeFocused();
      await b.page.keyboard.type('x');
      const cdp = await b.page.context().newCDPSession(b.page);
      await compose(cdp, 'v');
      await cdp.send('Input.insertText', { text: 'việc' });
      await b.page.keyboard.press('F2');
      await expect(cellInput(b.page)).toHaveAttribute('data-editing', 'false');
      await expect(cellInput(b.page)).toHaveValue('');
      expect(await cellText(b.page, row, 'task')).toBe(before);
    } finally {
      await b.context.close();
    }
  });
});
