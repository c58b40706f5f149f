/** `phuluc parse` and `phuluc validate` on the Word and Excel files of a plan, as a person runs them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableImportText } from '@phuluc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBuild, fixtureGrid, xlsxBuild, zipBuild, zipEntries } from '../imports/import-files.test-helper.ts';
import { fixturePath, fixtureRead } from '../testing/api-context.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
let dir: string;

function phuluc(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phuluc-cli-files-'));
  writeFileSync(join(dir, 'tan-thanh.docx'), await docxBuild(fixtureGrid('tan-thanh-2026-tasks.tsv'), { splitAfter: 8, autoNumber: true }));
  writeFileSync(join(dir, 'xuan-loc.xlsx'), await xlsxBuild(fixtureGrid('xuan-loc-2026-indicators.tsv')));
  const macro = zipEntries(await docxBuild(fixtureGrid('tan-ky-2026-kpi.tsv')));
  macro['word/vbaProject.bin'] = new Uint8Array([1, 2, 3]);
  writeFileSync(join(dir, 'macro.docm'), zipBuild(macro));
  writeFileSync(join(dir, 'gia.docx'), 'không phải tệp Word');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('phuluc parse / validate with Word and Excel files', () => {
  it('parse FILE.docx prints the same table as the TSV, and the notes on stderr', () => {
    const res = phuluc(['parse', join(dir, 'tan-thanh.docx')]);
    expect(res.code).toBe(0);
    const expected = tableImportText(fixtureRead('tan-thanh-2026-tasks.tsv'));
    if (!expected.ok) throw new Error(expected.reason);
    const printed = JSON.parse(res.stdout) as { rows: Array<Record<string, unknown>> };
    expect(printed.rows.map(({ number: _, ...row }) => row)).toEqual(expected.value.table.rows);
    expect(printed.rows.filter((r) => r.kind === 'section').map((r) => r.number)).toEqual(['I', 'II', 'III']);
    expect(res.stderr).toContain('Đã đọc bảng phụ lục từ tệp Word (.docx).');
    expect(res.stderr).toContain('Bỏ dòng “- 2 -” nằm giữa hai phần của bảng');
  });

  it('validate FILE.xlsx prints the findings of the Excel table', () => {
    const res = phuluc(['validate', join(dir, 'xuan-loc.xlsx'), '--json']);
    const viaTsv = phuluc(['validate', fixturePath('xuan-loc-2026-indicators.tsv'), '--json']);
    expect(res.code).toBe(viaTsv.code);
    expect(JSON.parse(res.stdout)).toEqual(JSON.parse(viaTsv.stdout));
  });

  it('refuses hostile files with a Vietnamese message and exit code 1', () => {
    const macro = phuluc(['parse', join(dir, 'macro.docm')]);
    expect(macro.code).toBe(1);
    expect(macro.stderr).toMatch(/chứa macro/);
    const fake = phuluc(['validate', join(dir, 'gia.docx')]);
    expect(fake.code).toBe(1);
    expect(fake.stderr).toMatch(/không phải tệp Word thật/);
    expect(fake.stderr).not.toMatch(/at .*\.ts/);
  });
});
