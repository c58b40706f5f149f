/**
 * What every end-to-end spec shares: the accounts (known passwords, created by global-setup.ts),
 * the plan ids, the server's address, and helpers that log in and open a plan the way a person
 * does — through the Vietnamese-labelled forms.
 *
 *   import { test, expect, ACCOUNTS, planIds, login, openPlan } from './support.ts';
 *
 * Use this file's `test` (not @playwright/test's): it points `baseURL` at the server that the
 * global setup started on a free port.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

export { expect };

/** One test account; `unitId` is its unit in both test plans (editors and the coordinator). */
export interface Account {
  username: string;
  password: string;
  name: string;
  role: 'coordinator' | 'editor' | 'reviewer' | 'viewer';
  unitId: string | null;
  /** The unit's name as the directory spells it (what presence avatars show). */
  unitName: string | null;
}

/** Typed so that `ACCOUNTS.kinhte.unitId` is a string (not string | null) for accounts with a unit. */
function account<U extends string | null, N extends string | null>(
  username: string,
  name: string,
  role: Account['role'],
  unitId: U,
  unitName: N,
): Account & { unitId: U; unitName: N } {
  return { username, password: `${username}-mat-khau-2026`, name, role, unitId, unitName };
}

/** The accounts of both test plans. */
export const ACCOUNTS = {
  vhxh: account('vhxh', 'Nguyễn Thị Hoa', 'coordinator', 'phong-van-hoa-xa-hoi', 'Phòng Văn hóa - Xã hội'),
  kinhte: account('kinhte', 'Trần Văn Kinh', 'editor', 'phong-kinh-te', 'Phòng Kinh tế'),
  vanphong: account('vanphong', 'Lê Thị Vân', 'editor', 'van-phong-hdnd-va-ubnd-xa', 'Văn phòng HĐND và UBND xã'),
  hcc: account('hcc', 'Phạm Minh Công', 'editor', 'trung-tam-phuc-vu-hanh-chinh-cong', 'Trung tâm Phục vụ hành chính công'),
  lanhdao: account('lanhdao', 'Võ Văn Lãnh', 'reviewer', null, null),
  xem: account('xem', 'Đỗ Thị Xem', 'viewer', null, null),
} as const satisfies Record<string, Account>;

export type Username = keyof typeof ACCOUNTS;

/** What global-setup.ts hands to the specs (a JSON file named by PHULUC_E2E_STATE). */
export interface E2EState {
  baseURL: string;
  dataDir: string;
  plans: { main: string; scale: string; pristine: string; indicators: string };
  scaleRows: number;
  serverPid: number;
}

let cached: E2EState | null = null;

/** The running test server and its plans. */
export function e2eState(): E2EState {
  if (cached) return cached;
  const file = process.env.PHULUC_E2E_STATE;
  if (!file) throw new Error('PHULUC_E2E_STATE is not set: run the specs with `npx playwright test -c tests/playwright.config.ts`, whose global setup starts the server.');
  cached = JSON.parse(readFileSync(file, 'utf8')) as E2EState;
  return cached;
}

/**
 * `main`: the Tân Thạnh 2026 plan (fixture tan-thanh-2026-tasks.tsv); `scale`: a plan with a 5,000-row
 * table; `pristine`: the Tân Thạnh table as imported, which specs read but never edit.
 */
export function planIds(): E2EState['plans'] {
  return e2eState().plans;
}

/** `test` with `baseURL` set to the test server. */
export const test = base.extend({
  // Playwright reads fixture dependencies from the destructuring pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(e2eState().baseURL);
  },
});

/**
 * Logs in through the login form (Vietnamese labels) and waits for the plan list. Mind the
 * server's throttle, shared by the whole run (one server, one client address): 5 failed logins
 * per username and 20 per address within 5 minutes.
 */
export async function login(page: Page, username: Username): Promise<void> {
  const who = ACCOUNTS[username];
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/ke-hoach');
}

/** Opens a plan's page and waits until its document has arrived from the server ("Đã lưu"). */
export async function openPlan(page: Page, planId: string): Promise<void> {
  await page.goto(`/ke-hoach/${planId}`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
}

/** A new browser context (own cookies and IndexedDB) logged in as `username`. */
export async function contextAs(browser: Browser, username: Username, baseURL = e2eState().baseURL): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/** The repository's `fixtures/` folder: the real appendix tables. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** A fixture's text, e.g. `fixtureRead('tan-ky-2026-tasks.tsv')`. */
export function fixtureRead(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

const SCREENS_DIR = process.env.PHULUC_E2E_OUT
  ? resolve(process.env.PHULUC_E2E_OUT, 'screens')
  : join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screens');

/**
 * A full-page screenshot saved as `tests/test-results/screens/<name>.png` (or under
 * $PHULUC_E2E_OUT/screens; a stable path to look at)
 * and attached to the test's report.
 */
export async function screenshot(page: Page, name: string, testInfo: TestInfo): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}

/** The unit of an account that has one (editors, the coordinator). */
export function unitIdOf(username: Username): string {
  const unit = ACCOUNTS[username].unitId;
  if (!unit) throw new Error(`${username} has no unit`);
  return unit;
}

/**
 * The web app's test hooks (apps/web/src/app/test-hooks.ts), present on `window.__phuluc` when
 * a plan was opened with `?test`: edits through the same domain functions and sync as the grid.
 */
export interface PhulucTestHooks {
  planId: string;
  tableIds: () => string[];
  rowIds: (tableId: string) => string[];
  rowOwners: (tableId: string, rowId: string) => string[] | null;
  cellText: (tableId: string, rowId: string, field: string) => string | null;
  setCell: (tableId: string, rowId: string, field: string, text: string) => void;
  /** Inserts an item row after `afterRowId` (at the end when null); returns its id. */
  insertRow: (tableId: string, afterRowId: string | null, cells: Record<string, string>, owners: string[]) => string;
  deleteRow: (tableId: string, rowId: string) => void;
  setOwners: (tableId: string, rowId: string, owners: string[]) => void;
  saveState: () => string;
}

declare global {
  interface Window {
    __phuluc?: PhulucTestHooks;
  }
}

/** Opens a plan with the test hooks and waits until it is saved and the hooks are there. */
export async function openPlanWithHooks(page: Page, planId: string): Promise<void> {
  await page.goto(`/ke-hoach/${planId}?test`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await page.waitForFunction(() => window.__phuluc !== undefined);
}
