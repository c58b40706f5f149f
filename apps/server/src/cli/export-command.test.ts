/** `phuluc export` as a person runs it: a real process, real fixture files, files read back. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfEveryPageHas, tempDir } from '../exports/export-fixtures.test-helper.ts';
import { fixturePath, fixtureRead } from '../testing/api-context.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
let dir: string;

function phuluc(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [BIN, 'export', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  dir = tempDir('cli-export');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('phuluc export', () => {
  it('writes the DOCX of a table file with the plan number, date and commune given', () => {
    const out = join(dir, 'tan-thanh.docx');
    const res = phuluc([fixturePath('tan-thanh-2026-tasks.tsv'), '--to', 'docx', '-o', out, '--commune', 'Tân Thanh', '--plan-number', '25', '--issued-on', '15/01/2026']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`Đã xuất ${out} (17 dòng, 3 cảnh báo).\n`);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)');
  });

  it('names the file itself when OUT is a directory', () => {
    const res = phuluc([fixturePath('tan-ky-2026-kpi.tsv'), '--to', 'csv', '-o', dir]);
    expect(res.code).toBe(0);
    const out = join(dir, 'Phụ lục - Bảng KPI chuyển đổi số năm 2026.csv');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFChỉ tiêu/KPI,Mức theo dõi năm 2026,Đơn vị chủ trì theo dõi\r\n')).toBe(true);
  });

  it('refuses a table with errors and lists them, writing nothing; --draft exports it marked on every page', () => {
    const broken = join(dir, 'broken.tsv');
    writeFileSync(broken, fixtureRead('tan-thanh-2026-tasks.tsv').replace('\tQuý I–IV/2026\tBáo cáo đúng hạn', '\t\tBáo cáo đúng hạn'));
    const out = join(dir, 'broken.pdf');
    const refused = phuluc([broken, '--to', 'pdf', '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Bảng còn 1 lỗi nên chưa xuất được bản chính thức.');
    expect(refused.stderr).toContain('Lỗi  dòng I.1   Thiếu «Thời gian thực hiện».');
    expect(refused.stderr).toContain('Thêm --draft để xuất bản dự thảo.');
    expect(existsSync(out)).toBe(false);

    const draft = phuluc([broken, '--to', 'pdf', '-o', out, '--draft']);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toContain('bản dự thảo, 1 lỗi');
    expect(pdfEveryPageHas(out, 'DỰ THẢO').without).toEqual([]);
  });

  it('checks its arguments in Vietnamese', () => {
    const file = fixturePath('tan-ky-2026-kpi.tsv');
    expect(phuluc([file, '-o', dir]).stderr).toContain('Thiếu --to (chọn docx, xlsx, pdf, csv, json).');
    expect(phuluc([file, '--to', 'odt', '-o', dir]).stderr).toContain('Định dạng xuất không hỗ trợ: odt');
    expect(phuluc([file, '--to', 'pdf']).stderr).toContain('Thiếu -o OUT');
    const badDate = phuluc([file, '--to', 'pdf', '-o', dir, '--issued-on', '31/02/2026']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('Ngày ban hành không hợp lệ: 31/02/2026');
    expect(phuluc([join(dir, 'khong-co.tsv'), '--to', 'pdf', '-o', dir]).code).toBe(1);
    // Five CLI processes one after the other: 31 s were seen with two suites on two cores.
  }, 120_000);
});
