/**
 * "Nhập bảng từ tệp" as the coordinator uses it: last year's Word file (made here with the
 * `docx` library: merged section rows, the table split over two pages with a page number
 * between, auto-numbered STT, and one column whose header the importer does not know) is
 * previewed — layout, column mapping, first rows, findings — nothing written yet; the
 * coordinator maps the unknown column to «Đơn vị chủ trì», the findings get better, confirms,
 * and the new table opens as a tab, its cells in the right fields. Runs on a plan of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxBuild, fixtureGrid } from '../../apps/server/src/imports/import-files.test-helper.ts';
import { gridOf, toasts } from './grid-support.ts';
import { ACCOUNTS, contextAs, e2eState, expect, openPlanWithHooks, screenshot, test } from './support.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'apps', 'server', 'bin', 'phuluc.mjs');

function cli(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(process.execPath, [CLI, ...args, '--data', e2eState().dataDir], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error) fail(new Error(`phuluc ${args.slice(0, 2).join(' ')}: ${stderr || error.message}`));
      else ok(stdout);
    });
  });
}

const UNKNOWN_LEAD = 'Bộ phận thực hiện';

test.describe('import a table from a Word file', () => {
  let planId = '';
  let docxPath = '';
  let dir = '';

  test.beforeAll(async () => {
    // A plan of its own (an empty basic table), so the other specs' plans keep their single table.
    const out = await cli(['plan', 'create', '--commune', 'Tân Thanh', '--province', 'Tuyên Quang', '--year', '2026', '--template', 'tasks-basic', '--json']);
    const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { id?: string; plan?: { id?: string } };
    planId = parsed.id ?? parsed.plan?.id ?? '';
    expect(planId).not.toBe('');
    const coordinator = ACCOUNTS.vhxh;
    await cli(['user', 'grant', coordinator.username, '--role', 'coordinator', '--unit', coordinator.unitId, '--plan', planId]);
    await cli(['user', 'grant', ACCOUNTS.kinhte.username, '--role', 'editor', '--unit', ACCOUNTS.kinhte.unitId, '--plan', planId]);

    const grid = fixtureGrid('tan-thanh-2026-tasks.tsv').map((row) => row.map((cell) => (cell === 'Người/Đơn vị chủ trì' ? UNKNOWN_LEAD : cell)));
    dir = mkdtempSync(join(tmpdir(), 'phuluc-e2e-import-'));
    docxPath = join(dir, 'Ke-hoach-CDS-2025-Tan-Thanh.docx');
    // The heading of a plan that gives its number and date (the new plan has neither yet).
    const before = ['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ', '(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND xã Tân Thanh)'];
    writeFileSync(docxPath, await docxBuild(grid, { splitAfter: 8, repeatHeaderInSplit: true, autoNumber: true, before }));
  });
  test.afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('preview, fix a column, confirm: the table opens as a new tab', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    const editor = await contextAs(browser, 'kinhte');
    try {
      await page.goto(`/ke-hoach/${planId}`);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
      await editor.page.goto(`/ke-hoach/${planId}`);
      await expect(editor.page.getByRole('tab')).toHaveCount(3); // the table, "Tổng quan duyệt" and "Theo dõi"
      // Editors do not import.
      await expect(editor.page.getByRole('button', { name: 'Nhập bảng từ tệp' })).toHaveCount(0);

      await page.getByRole('button', { name: 'Nhập bảng từ tệp' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nhập bảng từ tệp' });
      await expect(dialog).toBeVisible();
      await screenshot(page, 'import-dialog-empty', testInfo);

      await dialog.locator('input[type=file]').setInputFiles(docxPath);
      const summary = dialog.getByTestId('import-summary');
      await expect(summary).toContainText('tệp Word (.docx)');
      await expect(summary).toContainText('Nhiệm vụ chi tiết');
      await expect(summary).toContainText('17 dòng, 3 mục');
      const rows = dialog.getByTestId('import-rows');
      await expect(rows.locator('tbody tr').first()).toHaveText('I. CHÍNH QUYỀN SỐ');
      await expect(rows.locator('tbody tr').nth(1)).toContainText('Thực hiện và báo cáo định kỳ theo Kế hoạch 02-KH/BCĐTW');
      await expect(dialog.getByText('Bỏ dòng “- 2 -” nằm giữa hai phần của bảng', { exact: false })).toBeAttached();

      // The unknown column is kept as a column of its own: the tasks have no lead unit yet.
      const leadSelect = dialog.getByRole('combobox', { name: `Trường cho cột «${UNKNOWN_LEAD}»` });
      await expect(leadSelect).toHaveValue(/^custom:/);
      await expect(rows.locator('thead')).toContainText(UNKNOWN_LEAD);
      await expect(dialog.locator('.import-count')).toHaveText(/^\d+ lỗi · \d+ cảnh báo$/);
      // The file's heading: the "Kèm theo" line the exports will print, number and date taken from it.
      const heading = dialog.getByTestId('import-heading');
      await expect(heading).toContainText('(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND xã Tân Thanh)');
      await expect(heading).toContainText('Lấy từ tệp: số kế hoạch, ngày ban hành.');
      // Field names are those of the plan's year, never a "{year}" placeholder.
      await expect(leadSelect.locator('option', { hasText: 'Chỉ tiêu phấn đấu năm 2026' })).toHaveCount(1);
      await expect(dialog.locator('option', { hasText: '{year}' })).toHaveCount(0);
      await screenshot(page, 'import-dialog-preview', testInfo);

      // Nothing is written by a preview: the editor still sees one table.
      await expect(editor.page.getByRole('tab')).toHaveCount(3);

      // The coordinator says the column is «Đơn vị chủ trì»: the preview is read again with it.
      await leadSelect.selectOption({ label: 'Đơn vị chủ trì' });
      await expect(leadSelect).toHaveValue('lead');
      await expect(rows.locator('thead')).toContainText('Người/Đơn vị chủ trì');
      await expect(rows.locator('thead')).not.toContainText(UNKNOWN_LEAD);
      await expect(dialog.locator('.import-mapping select.import-clash')).toHaveCount(0);
      await screenshot(page, 'import-dialog-mapped', testInfo);
      // The rest of the preview: first rows, findings, notes (the dialog body scrolls).
      await dialog.locator('.import-notes summary').click();
      await dialog.locator('.import-body').evaluate((body) => body.scrollTo(0, body.scrollHeight / 2 - 200));
      await screenshot(page, 'import-dialog-rows', testInfo);
      await dialog.locator('.import-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
      await screenshot(page, 'import-dialog-findings', testInfo);

      await dialog.getByRole('button', { name: 'Nhập bảng' }).click();
      await expect(dialog).toBeHidden();
      await expect(toasts(page)).toContainText('Đã thêm bảng «Danh mục nhiệm vụ chuyển đổi số» (17 dòng).');
      const newTab = page.getByRole('tab', { name: 'Danh mục nhiệm vụ chuyển đổi số' });
      await expect(newTab).toHaveAttribute('aria-selected', 'true');
      await expect(page).toHaveURL(/\?bang=/);
      const grid = gridOf(page);
      await expect(grid).toContainText('Người/Đơn vị chủ trì');
      await expect(grid).toContainText('Nâng cấp hạ tầng số');
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      await screenshot(page, 'import-new-tab', testInfo);

      // The cells of the corrected column are in the lead field (read through the test hooks).
      const tableId = new URL(page.url()).searchParams.get('bang') ?? '';
      await openPlanWithHooks(page, planId);
      const leads = await page.evaluate((id) => {
        const hooks = window.__phuluc;
        if (!hooks) throw new Error('no hooks');
        return hooks.rowIds(id).map((row) => hooks.cellText(id, row, 'lead'));
      }, tableId);
      expect(leads.filter((lead) => lead !== null)).toHaveLength(17);
      expect(leads).toContain('Trung tâm phục vụ Hành chính công xã');

      // The editor, who had the plan open, sees the new tab without reloading.
      await expect(editor.page.getByRole('tab', { name: 'Danh mục nhiệm vụ chuyển đổi số' })).toBeVisible();
    } finally {
      await editor.context.close();
      await context.close();
    }
  });

  test('a file that is not a Word file is refused in Vietnamese, and nothing is added', async ({ browser }, testInfo) => {
    const { context, page } = await contextAs(browser, 'vhxh');
    try {
      await page.goto(`/ke-hoach/${planId}`);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
      const tabsBefore = await page.getByRole('tab').count();
      await page.getByRole('button', { name: 'Nhập bảng từ tệp' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nhập bảng từ tệp' });
      await dialog.locator('input[type=file]').setInputFiles({ name: 'ke-hoach.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('đây không phải tệp Word') });
      await expect(dialog.getByRole('alert')).toContainText('Tệp có đuôi .docx nhưng không phải tệp Word thật');
      await expect(dialog.getByRole('button', { name: 'Nhập bảng' })).toBeDisabled();
      await screenshot(page, 'import-dialog-refused', testInfo);
      await dialog.getByRole('button', { name: 'Huỷ' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('tab')).toHaveCount(tabsBefore);
    } finally {
      await context.close();
    }
  });
});
