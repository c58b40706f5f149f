/**
 * End-to-end tests in Debian's Chromium (never `playwright install`) against a real Phuluc
 * server, started with a fresh data directory by e2e/global-setup.ts. The web app's end-to-end
 * build (apps/web/dist-e2e: the production app plus the `window.__phuluc` test hooks, which the
 * production build in apps/web/dist does not have) must be built first: `pnpm --filter
 * @phuluc/web build:e2e` (`npm test` does it through Turbo: e2e depends on @phuluc/web#build:e2e).
 *
 *   npx playwright test -c tests/playwright.config.ts [e2e/app-login.spec.ts]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env.PHULUC_CHROMIUM ?? '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));
/**
 * Artifacts (screenshots, traces) go to tests/test-results. Playwright empties that folder when a
 * run starts, so two runs at once (several people on one checkout) each set their own:
 * PHULUC_E2E_OUT=/tmp/mine npx playwright test …  (screens in $PHULUC_E2E_OUT/screens).
 */
const OUT = process.env.PHULUC_E2E_OUT ? resolve(process.env.PHULUC_E2E_OUT) : resolve(HERE, 'test-results');
const REPORT = process.env.PHULUC_E2E_OUT ? resolve(OUT, '..', `${OUT.split('/').pop() ?? 'e2e'}-report`) : resolve(HERE, 'playwright-report');

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: OUT,
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two cores shared with the server: one worker keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: REPORT }]],
  preserveOutput: 'always',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    video: 'off',
  },
});
