/**
 * The server sends a Content-Security-Policy with every page (scripts, styles and connections
 * from itself only, no eval). The built app must live under it: no screen may be refused
 * anything, or a part of it silently stops working.
 */
import type { Page } from '@playwright/test';
import { expect, login, openPlan, planIds, test } from './support.ts';

/** Collects the page's CSP violations (the browser reports each as an event on the document). */
async function violationsWatch(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

test('the login page, the plan list, the grid and the review overview run under the CSP without a violation', async ({ page }) => {
  const violations = await violationsWatch(page);
  const first = await page.goto('/dang-nhap');
  const csp = first?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  await login(page, 'vhxh');
  expect(await violations()).toEqual([]);

  const { main } = planIds();
  await openPlan(page, main);
  await page.getByRole('gridcell').nth(2).click();
  await page.keyboard.press('ArrowDown');
  expect(await violations()).toEqual([]);

  await page.goto(`/ke-hoach/${main}/duyet`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});
