/**
 * Test support for the exports: the real fixture tables, a budget table and a table with errors
 * made from them, the plan meta of the heading block, and the outside tools that read exports
 * back as a person's programs would (LibreOffice headless, poppler's pdftotext / pdfinfo /
 * pdftoppm). Page-1 screenshots go to PHULUC_EXPORT_SHOTS (default /tmp/phuluc-export-shots)
 * for a person to look at. Test-only.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { type ExportMeta, type TableModel, TEMPLATES, tableImportText, templateColumnsForYear, unitDirectoryDefault } from '@phuluc/domain';
import { fixtureRead } from '../testing/api-context.ts';

export const UNITS = unitDirectoryDefault();

/** The plan of the heading block: "Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh". */
export const META: ExportMeta = { commune: 'Tân Thanh', planNumber: '25', issuedOn: '2026-01-15', year: 2026 };

/** A fixture imported as the importer reads it (`tan-thanh-2026-tasks`, without ".tsv"). */
export function fixtureTable(name: string): TableModel {
  const imported = tableImportText(fixtureRead(`${name}.tsv`));
  if (!imported.ok) throw new Error(imported.reason);
  return imported.value.table;
}

/** A 2026 "tasks with budget" table of these rows. */
function budgetTableOf(rows: TableModel['rows']): TableModel {
  return {
    title: 'Danh mục nhiệm vụ và kinh phí thực hiện năm 2026',
    template: 'tasks-budget',
    numbering: { ...TEMPLATES['tasks-budget'].numbering },
    numberWidth: TEMPLATES['tasks-budget'].numberWidth,
    columns: templateColumnsForYear('tasks-budget', 2026),
    rows,
  };
}

/** The Tân Kỳ tasks laid out "with budget": amounts as communes write them, one section. */
export function budgetTable(): TableModel {
  const source = fixtureTable('tan-ky-2026-tasks');
  const amounts = ['1.250', '56,36', '120 trđ', '', '0,5'];
  const items = source.rows.flatMap((row) => (row.kind === 'item' ? [row] : [])).slice(0, amounts.length);
  return budgetTableOf([
    { kind: 'section', label: 'CHÍNH QUYỀN SỐ' },
    ...items.map((row, i) => {
      const budget = amounts[i] ?? '';
      return { ...row, cells: { ...row.cells, output: 'Hoàn thành, báo cáo kết quả', budget, fundingSource: budget ? 'Ngân sách xã' : '' } };
    }),
  ]);
}

/** Tân Thanh's table with the timeframe of its first task erased: an error ("6 rõ": no time). */
export function tableWithErrors(): TableModel {
  const table = fixtureTable('tan-thanh-2026-tasks');
  let erased = false;
  return {
    ...table,
    rows: table.rows.map((row) => {
      if (row.kind !== 'item' || erased) return row;
      erased = true;
      return { ...row, cells: { ...row.cells, timeframe: '' } };
    }),
  };
}

/** A fixture's rows repeated until the table has `count` rows (sections every 25 items). */
export function tableRepeated(name: string, count: number): TableModel {
  const source = fixtureTable(name);
  const items = source.rows.filter((r) => r.kind === 'item');
  const sections = source.rows.filter((r) => r.kind === 'section');
  const rows: TableModel['rows'] = [];
  for (let n = 0; rows.length < count; n += 1) {
    if (n % 25 === 0) rows.push({ kind: 'section', label: sections[(n / 25) % Math.max(1, sections.length)]?.label ?? `MỤC ${n / 25 + 1}` });
    const item = items[n % items.length];
    if (item) rows.push({ ...item, id: `r${n}` });
  }
  return { ...source, rows };
}

/**
 * A budget table made to test page breaks: `items` tasks in short sections (the section labels
 * "S01", "S02" …, the tasks "V001" …, of varied heights), and the total row. Each row's marker is
 * found in a page's text by `pageRows`. `seed` varies the heights; `tall` makes taller tasks in
 * longer sections.
 */
export function tableForPageBreaks(items: number, seed = 0, tall = false): TableModel {
  const filler = tall ? 'rà soát, cập nhật và báo cáo kết quả thực hiện' : 'rà soát và báo cáo';
  const rows: TableModel['rows'] = [];
  let section = 0;
  for (let n = 0; n < items; n += 1) {
    const opens = tall ? (n * 7 + seed) % 4 === 0 : (n * 5 + seed) % 3 === 0;
    if (n === 0 || opens) {
      section += 1;
      rows.push({ kind: 'section', id: `s${section}`, label: `S${String(section).padStart(2, '0')} NHÓM NHIỆM VỤ` });
    }
    const lines = tall ? 1 + ((n * 5 + seed * 3) % 4) : 1 + ((n * 7 + seed * 3) % 5);
    rows.push({
      kind: 'item',
      id: `v${n}`,
      cells: {
        task: `V${String(n + 1).padStart(3, '0')} ${Array.from({ length: lines }, () => filler).join(', ')}`,
        output: 'Hoàn thành, báo cáo kết quả',
        timeframe: 'Quý I–IV/2026',
        lead: 'Phòng Văn hóa - Xã hội',
        cooperating: 'Các phòng chuyên môn',
        budget: String(10 + n),
        fundingSource: 'Ngân sách xã',
      },
    });
  }
  return budgetTableOf(rows);
}

/**
 * The rows of `tableForPageBreaks` on each page of a PDF, in order: "S03" a section, "V017" a
 * task, "T" the total row.
 */
export function pageRows(path: string): string[][] {
  const out: string[][] = [];
  for (let page = 1, pages = pdfInfo(path).pages; page <= pages; page += 1) {
    out.push([...pdfText(path, page).matchAll(/\b([SV]\d{2,3})\b|Tổng cộng/gu)].map((m) => m[1] ?? 'T'));
  }
  return out;
}

/** What a reader must never see: a page ending with a section heading, a page starting with the total row. */
export function pageBreakFaults(pages: readonly string[][]): string[] {
  const faults: string[] = [];
  pages.forEach((rows, i) => {
    const last = rows.at(-1);
    if (last?.startsWith('S') && i < pages.length - 1) faults.push(`page ${i + 1} ends with section ${last}`);
    if (last?.startsWith('S') && i === pages.length - 1) faults.push(`the last page ends with section ${last}`);
    if (rows[0] === 'T') faults.push(`page ${i + 1} starts with the total row`);
  });
  return faults;
}

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true })`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `phuluc-${prefix}-`));
}

/** Writes `files` (name → bytes) into `dir`; returns their paths by name. */
export function filesWrite(dir: string, files: Record<string, Uint8Array>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], bytes);
  }
  return paths;
}

/**
 * Converts files to PDF with LibreOffice headless, in one run with a private profile (parallel
 * runs do not clash). Returns the PDF paths by input path.
 */
export function libreOfficeToPdf(inputs: readonly string[], outDir: string): Record<string, string> {
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...inputs], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const made = new Set(readdirSync(outDir));
  const out: Record<string, string> = {};
  for (const input of inputs) {
    const pdf = `${basename(input, extname(input))}.pdf`;
    if (!made.has(pdf)) throw new Error(`LibreOffice made no PDF of ${input}`);
    out[input] = join(outDir, pdf);
  }
  return out;
}

/** The text of a PDF (`pdftotext -layout`), of one page when `page` is given. */
export function pdfText(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
}

/** Page count and the size of the first page in points, from `pdfinfo`. */
export function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** Fonts embedded in a PDF (`pdffonts`), by name. */
export function pdfFonts(path: string): string[] {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/\s+/)[0] ?? '');
}

/** Renders page 1 at 80 dpi to SHOTS_DIR/`name`.png for a person to look at; returns the path. */
export function pdfScreenshot(path: string, name: string): string {
  const dir = process.env.PHULUC_EXPORT_SHOTS ?? join(tmpdir(), 'phuluc-export-shots');
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  return `${prefix}.png`;
}

/** Every page of a PDF carries `text`. */
export function pdfEveryPageHas(path: string, text: string): { pages: number; without: number[] } {
  const { pages } = pdfInfo(path);
  const without: number[] = [];
  for (let page = 1; page <= pages; page += 1) if (!pdfText(path, page).includes(text)) without.push(page);
  return { pages, without };
}

/**
 * True when the words of `phrase` appear in `text` in order (other words may come between them:
 * `pdftotext` interleaves the lines of cells that sit side by side).
 */
export function textHasWordsInOrder(text: string, phrase: string): boolean {
  const words = text.split(/\s+/);
  let at = 0;
  for (const word of phrase.split(/\s+/).filter((w) => w !== '')) {
    const found = words.indexOf(word, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}
