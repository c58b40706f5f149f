/**
 * Year-round tracking (issue 13): two departments report one row each for «Tháng 11/2026» from
 * the «Theo dõi» tab, in their own browsers, while the focal department watches the matrix of
 * departments × periods move live; a row whose timeframe is over and not done is flagged late.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { contextAs, expect, login, planIds, screenshot, test } from './support.ts';

const PERIOD = '2026-11';

/** Opens the plan's «Theo dõi» tab at a period and waits for the document. */
async function openTracking(page: Page, planId: string, periodId: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/ke-hoach/${planId}/theo-doi?ky=${periodId}`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await expect(page.getByTestId('tracking-view')).toBeVisible();
}

/** The «reported/due» of a matrix cell as numbers. */
async function cellCounts(page: Page, unitId: string, periodId: string): Promise<{ reported: number; due: number; state: string }> {
  const cell = page.getByTestId(`matrix-cell-${unitId}-${periodId}`);
  const [reported, due] = ((await cell.textContent()) ?? '0/0').split('/').map(Number);
  return { reported: reported ?? 0, due: due ?? 0, state: (await cell.getAttribute('data-state')) ?? '' };
}

/** Reports the first row the department has due in the period; returns its id. */
async function reportFirstRow(page: Page, result: string, evidence: string): Promise<string> {
  await expect(page.getByTestId('tracking-department')).toBeVisible();
  await expect(page.getByTestId('tracking-period')).toHaveValue(PERIOD);
  const form = page.getByTestId('progress-row').first();
  const rowId = (await form.getAttribute('data-row-id')) ?? '';
  await form.getByTestId('progress-status').selectOption('in_progress');
  await form.getByTestId('progress-result').fill(result);
  await form.getByTestId('progress-evidence').fill(evidence);
  await form.getByTestId('progress-evidence').blur();
  await expect(form.getByTestId('progress-updated')).toContainText('Cập nhật');
  return rowId;
}

/** A DOCX's text as LibreOffice lays it out (converted headless with its own profile, read with pdftotext), whitespace squeezed. */
function docxText(docx: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'phuluc-report-'));
  try {
    execFileSync('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 });
    const pdf = readdirSync(dir).find((name) => name.endsWith('.pdf'));
    if (!pdf) throw new Error('LibreOffice made no PDF of the report');
    return execFileSync('pdftotext', [join(dir, pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('progress of the year', () => {
  test('two departments report November, the focal department sees both live in the matrix, and a row past its timeframe is late', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const { main } = planIds();
    const focal = await contextAs(browser, 'vhxh');
    const kinhTe = await contextAs(browser, 'kinhte');
    const vanPhong = await contextAs(browser, 'vanphong');
    // 5 December 2026 in Vietnam, whatever the machine's date: November is the period being
    // reported (due on the 20th), and «Quý I/2026» ended long ago.
    for (const { context } of [focal, kinhTe, vanPhong]) await context.clock.setFixedTime(new Date('2026-12-05T09:00:00+07:00'));
    try {
      await openTracking(focal.page, main, PERIOD);
      await expect(focal.page.getByTestId('tracking-matrix')).toBeVisible();
      const kinhTeBefore = await cellCounts(focal.page, 'phong-kinh-te', PERIOD);
      const vanPhongBefore = await cellCounts(focal.page, 'van-phong-hdnd-va-ubnd-xa', PERIOD);
      expect(kinhTeBefore.due).toBeGreaterThan(kinhTeBefore.reported);
      expect(vanPhongBefore.due).toBeGreaterThan(vanPhongBefore.reported);

      await openTracking(kinhTe.page, main, PERIOD);
      await openTracking(vanPhong.page, main, PERIOD);
      // Phòng Kinh tế has not reported November: the tab reminds it (the deadline is 20/12/2026).
      await expect(kinhTe.page.getByTestId('tracking-reminder')).toContainText('Tháng 11/2026');
      await expect(kinhTe.page.getByTestId('tracking-unit-report')).toHaveAttribute('href', `/ke-hoach/${main}/bao-cao/${PERIOD}?don-vi=phong-kinh-te`);

      // A "javascript:" evidence is refused with the reason, in Vietnamese; typing is kept.
      const first = kinhTe.page.getByTestId('progress-row').first();
      await first.getByTestId('progress-evidence').fill('javascript:alert(1)');
      await expect(first.locator('.pf-error')).toContainText('http://');
      const stamp = Date.now();
      const kinhTeResult = `Đã hỗ trợ 12 hộ lên sàn TMĐT, mã KT${stamp}`;
      const vanPhongResult = `Đã nâng cấp đường truyền, mã VP${stamp}`;
      const kinhTeRow = await reportFirstRow(kinhTe.page, kinhTeResult, 'Công văn số 45/PKT ngày 28/11/2026');
      const vanPhongRow = await reportFirstRow(vanPhong.page, vanPhongResult, 'https://tanthanh.gov.vn/bao-cao/ha-tang-so');
      await expect(first.locator('.pf-error')).toHaveCount(0);

      // The focal department's matrix moves without a reload: one more row reported for each.
      await expect.poll(async () => (await cellCounts(focal.page, 'phong-kinh-te', PERIOD)).reported).toBe(kinhTeBefore.reported + 1);
      await expect.poll(async () => (await cellCounts(focal.page, 'van-phong-hdnd-va-ubnd-xa', PERIOD)).reported).toBe(vanPhongBefore.reported + 1);
      for (const unit of ['phong-kinh-te', 'van-phong-hdnd-va-ubnd-xa']) {
        expect(['partial', 'complete']).toContain((await cellCounts(focal.page, unit, PERIOD)).state);
      }
      // A cell opens that department's report for the period; a column header the consolidated one.
      await expect(focal.page.getByTestId(`matrix-cell-phong-kinh-te-${PERIOD}`).locator('a')).toHaveAttribute('href', `/ke-hoach/${main}/bao-cao/${PERIOD}?don-vi=phong-kinh-te`);
      await expect(focal.page.getByTestId(`matrix-period-${PERIOD}`)).toHaveAttribute('href', `/ke-hoach/${main}/bao-cao/${PERIOD}`);

      // «Kiện toàn Tổ CDS cộng đồng» (Phòng Văn hóa – Xã hội, «Quý I/2026») ended on 31/03/2026 and
      // nobody reported it done: on 5 December 2026 it is late, with that reason.
      const late = focal.page.getByTestId('late-row').filter({ hasText: 'Kiện toàn Tổ CDS cộng đồng' });
      await expect(late).toHaveCount(1);
      await expect(late).toContainText('quá thời hạn 31/03/2026');
      await expect(late).toContainText('Phòng Văn hóa');

      // The focal department reads both reports live in the departments' views.
      await focal.page.getByTestId('tracking-mode-department').click();
      await focal.page.getByTestId('tracking-unit').selectOption('phong-kinh-te');
      await expect(focal.page.locator(`[data-row-id="${kinhTeRow}"]`).getByTestId('progress-result')).toHaveValue(kinhTeResult);
      await focal.page.getByTestId('tracking-unit').selectOption('van-phong-hdnd-va-ubnd-xa');
      await expect(focal.page.locator(`[data-row-id="${vanPhongRow}"]`).getByTestId('progress-result')).toHaveValue(vanPhongResult);
      await focal.page.getByTestId('tracking-mode-focal').click();

      await screenshot(kinhTe.page, 'tracking-department', testInfo);
      await screenshot(focal.page, 'tracking-matrix', testInfo);

      // The consolidated report of November, opened from the matrix's column, carries both
      // departments' results: its DOCX as LibreOffice renders it, read back with pdftotext.
      await focal.page.getByTestId(`matrix-period-${PERIOD}`).click();
      await expect(focal.page.getByTestId('report-page')).toBeVisible();
      const download = focal.page.waitForEvent('download');
      await expect(focal.page.getByTestId('report-download-docx')).toBeEnabled({ timeout: 30_000 });
      await focal.page.getByTestId('report-download-docx').click();
      const text = docxText(await (await download).path());
      expect(text).toContain(`KT${stamp}`);
      expect(text).toContain(`VP${stamp}`);
      await focal.page.goBack();
      await expect(focal.page.getByTestId('tracking-matrix')).toBeVisible();

      // In English the same view reads in English, and the period too.
      await focal.page.getByRole('button', { name: 'English' }).click();
      await expect(focal.page.getByRole('heading', { name: 'Department reports by period' })).toBeVisible();
      await expect(focal.page.getByTestId('tracking-period').locator('option:checked')).toHaveText('11/2026');
      await screenshot(focal.page, 'tracking-matrix-en', testInfo);
    } finally {
      await focal.context.close();
      await kinhTe.context.close();
      await vanPhong.context.close();
    }
  });

  test('a department that has not reported is reminded once per session when the deadline is five days away', async ({ browser }) => {
    const { main } = planIds();
    const context = await browser.newContext();
    // 17 December 2026 in Vietnam: November's reports are due on the 20th, three days later.
    await context.clock.setFixedTime(new Date('2026-12-17T09:00:00+07:00'));
    const page = await context.newPage();
    try {
      await login(page, 'hcc');
      await page.goto(`/ke-hoach/${main}`);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
      const notice = page.getByTestId('toasts').getByText('Trung tâm Phục vụ hành chính công chưa báo cáo Tháng 11/2026 — hạn 20/12/2026');
      await expect(notice).toBeVisible();
      await page.goto(`/ke-hoach/${main}/theo-doi`);
      await expect(page.getByTestId('tracking-reminder')).toHaveClass(/tr-reminder--urgent/);
      await expect(page.getByTestId('tracking-period')).toHaveValue('2026-11');
      // Opened again in the same session: no second notice.
      await page.reload();
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
      await page.waitForTimeout(2500);
      await expect(notice).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
