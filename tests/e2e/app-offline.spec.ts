/**
 * Offline: the save state says so when the connection drops, edits made meanwhile are kept in
 * IndexedDB (also across closing the tab) and reach the other person after reconnecting.
 * Edits go through the app's test hooks (`?test`): the same domain writes and sync path as the grid.
 *
 * Checked in this Chromium: `context.setOffline(true)` fires the page's `offline` event but leaves
 * an open WebSocket open — the app closes it on that event (as a real browser going offline
 * needs). The second test drops the sync socket at the network level instead (routeWebSocket),
 * with no `offline` event at all. A reload offline is served by the service worker's kept shell
 * (apps/web/src/offline/), which never keeps /api or /sync.
 */
import type { Page } from '@playwright/test';
import { contextAs, expect, openPlan, openPlanWithHooks, planIds, screenshot, test, unitIdOf } from './support.ts';
import { cellLocator, gridOf, revealRow } from './grid-support.ts';

const OFFLINE = 'Mất kết nối — thay đổi được giữ trên máy';

/** The first table and an item row owned by `unitId`. */
async function ownRow(page: Page, unitId: string): Promise<{ tableId: string; rowId: string }> {
  return page.evaluate((unit) => {
    const hooks = window.__phuluc;
    if (!hooks) throw new Error('no test hooks');
    const tableId = hooks.tableIds()[0];
    if (!tableId) throw new Error('no table');
    const rowId = hooks.rowIds(tableId).find((id) => hooks.rowOwners(tableId, id)?.includes(unit));
    if (!rowId) throw new Error(`no row owned by ${unit}`);
    return { tableId, rowId };
  }, unitId);
}

function cellText(page: Page, at: { tableId: string; rowId: string }, field: string): Promise<string | null> {
  return page.evaluate(({ tableId, rowId, field }) => window.__phuluc?.cellText(tableId, rowId, field) ?? null, { ...at, field });
}

function setCell(page: Page, at: { tableId: string; rowId: string }, field: string, text: string): Promise<void> {
  return page.evaluate(({ tableId, rowId, field, text }) => window.__phuluc?.setCell(tableId, rowId, field, text), { ...at, field, text });
}

test.describe('offline', () => {
  test('the save state turns offline when the network drops, and back to saved after reconnecting with the edits merged', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'kinhte');
    const b = await contextAs(browser, 'vanphong');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(b.page, main);
      const mine = await ownRow(a.page, unitIdOf('kinhte'));
      const theirs = await ownRow(b.page, unitIdOf('vanphong'));

      await a.context.setOffline(true);
      await expect(a.page.getByTestId('save-state')).toHaveText(OFFLINE);
      await screenshot(a.page, 'plan-page-offline', testInfo);

      // The connection is really gone, both ways: nothing crosses while A is offline.
      await setCell(a.page, mine, 'note', 'Ghi chú viết khi mất mạng');
      await setCell(b.page, theirs, 'note', 'Ghi chú của Văn phòng');
      await expect(b.page.getByTestId('save-state')).toHaveText('Đã lưu');
      await b.page.waitForTimeout(1500);
      expect(await cellText(b.page, mine, 'note')).not.toBe('Ghi chú viết khi mất mạng');
      expect(await cellText(a.page, theirs, 'note')).not.toBe('Ghi chú của Văn phòng');
      await expect(a.page.getByTestId('save-state')).toHaveText(OFFLINE);

      await a.context.setOffline(false);
      await expect(a.page.getByTestId('save-state')).toHaveText('Đã lưu', { timeout: 20_000 });
      await expect.poll(() => cellText(b.page, mine, 'note')).toBe('Ghi chú viết khi mất mạng');
      await expect.poll(() => cellText(a.page, theirs, 'note')).toBe('Ghi chú của Văn phòng');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('edits made offline survive closing the tab and reach the other person after reconnecting', async ({ browser }) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'hcc');
    const b = await contextAs(browser, 'vhxh');
    try {
      await openPlanWithHooks(a.page, main);
      await openPlanWithHooks(b.page, main);
      const mine = await ownRow(a.page, unitIdOf('hcc'));
      const text = `Sản phẩm sửa ngoại tuyến ${Date.now()}`;

      await a.context.setOffline(true);
      await expect(a.page.getByTestId('save-state')).toHaveText(OFFLINE);
      await setCell(a.page, mine, 'output', text);
      // y-indexeddb writes asynchronously: give it a moment before the tab goes away.
      await a.page.waitForTimeout(500);
      await a.page.close();

      // Back on the network, but the sync endpoint stays unreachable for a while: the reopened
      // tab shows the edit from IndexedDB alone; the server and B do not have it yet.
      let syncBlocked = true;
      await a.context.routeWebSocket(/\/sync\//, (ws) => {
        if (syncBlocked) void ws.close({ code: 1011, reason: 'test: sync unreachable' });
        else void ws.connectToServer();
      });
      await a.context.setOffline(false);
      const reopened = await a.context.newPage();
      await reopened.goto(`/ke-hoach/${main}?test`);
      await reopened.waitForFunction(() => window.__phuluc !== undefined);
      await expect.poll(() => cellText(reopened, mine, 'output')).toBe(text);
      await expect(reopened.getByTestId('save-state')).toHaveText(OFFLINE);
      expect(await cellText(b.page, mine, 'output')).not.toBe(text);

      // The sync endpoint comes back: the provider reconnects by itself and sends the edit.
      syncBlocked = false;
      await expect(reopened.getByTestId('save-state')).toHaveText('Đã lưu', { timeout: 20_000 });
      await expect.poll(() => cellText(b.page, mine, 'output')).toBe(text);

      // And it is on the server: a fresh browser (no IndexedDB) gets it.
      const c = await contextAs(browser, 'lanhdao');
      await openPlanWithHooks(c.page, main);
      await expect.poll(() => cellText(c.page, mine, 'output')).toBe(text);
      await c.context.close();
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a reload without network opens the plan from this browser’s copy; an edit typed then reaches the server on return', async ({ browser }, testInfo) => {
    const { main } = planIds();
    const a = await contextAs(browser, 'kinhte');
    const b = await contextAs(browser, 'vanphong');
    try {
      await openPlanWithHooks(a.page, main);
      // The service worker has kept the app's shell and controls the page.
      await a.page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const mine = await ownRow(a.page, unitIdOf('kinhte'));
      await openPlanWithHooks(b.page, main);

      await a.context.setOffline(true);
      await a.page.reload();
      // No browser error page: the app, its grid from IndexedDB, and the person let in offline.
      await expect(gridOf(a.page)).toBeVisible({ timeout: 30_000 });
      await expect(a.page.getByTestId('session-offline')).toHaveText('Ngoại tuyến');
      await expect(a.page.getByTestId('save-state')).toHaveText(OFFLINE);
      await a.page.waitForFunction(() => window.__phuluc !== undefined);
      await expect.poll(() => cellText(a.page, mine, 'task')).not.toBeNull();
      await screenshot(a.page, 'plan-page-reloaded-offline', testInfo);

      // Typed as a person does, into a cell of its own row.
      const text = ` (sửa khi tải lại ngoại tuyến ${Date.now()})`;
      const before = (await cellText(a.page, mine, 'note')) ?? '';
      await revealRow(a.page, mine.rowId);
      const cell = cellLocator(a.page, mine.rowId, 'note');
      await cell.click({ position: { x: 12, y: 10 } });
      await expect(cell).toHaveAttribute('aria-selected', 'true');
      await a.page.keyboard.press('F2');
      await a.page.keyboard.press('End');
      await a.page.keyboard.type(text);
      await a.page.keyboard.press('Enter');
      await expect.poll(() => cellText(a.page, mine, 'note')).toBe(`${before}${text}`);
      await a.page.waitForTimeout(500);
      expect(await cellText(b.page, mine, 'note')).toBe(before);

      await a.context.setOffline(false);
      await expect(a.page.getByTestId('save-state')).toHaveText('Đã lưu', { timeout: 30_000 });
      await expect(a.page.getByTestId('session-offline')).toHaveCount(0);
      await expect.poll(() => cellText(b.page, mine, 'note'), { timeout: 20_000 }).toBe(`${before}${text}`);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('the service worker never answers the API or the sync endpoint from its cache', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'xem');
    try {
      await openPlan(page, planIds().main);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const kept = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(kept).toContain('/index.html');
      expect(kept.some((u) => u.startsWith('/assets/'))).toBe(true);
      expect(kept.filter((u) => /^\/(api|sync|healthz)(\/|$)/.test(u))).toEqual([]);
      // Offline, the API fails as the network does (no stale answer from the cache).
      await context.setOffline(true);
      const status = await page.evaluate(() => fetch('/api/me').then((r) => `answered ${r.status}`, () => 'failed'));
      expect(status).toBe('failed');
    } finally {
      await context.close();
    }
  });

  test('a plan opened without the test flag exposes no hooks', async ({ browser }) => {
    const { context, page } = await contextAs(browser, 'xem');
    try {
      await openPlan(page, planIds().main);
      expect(await page.evaluate(() => window.__phuluc === undefined)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
