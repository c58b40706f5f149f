import type { TableModel } from '@phuluc/domain';
import { gridToCsv, gridToExcelHtml, gridToExcelTsv, gridToWordHtml } from '@phuluc/domain/testing/clipboard';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileImport } from './file-import.ts';
import { docxBuild, FIXTURE_NAMES, fixtureGrid, rowIsSection, xlsxBuild } from './import-files.test-helper.ts';

/** What a clerk's cells hold besides words, and what every reader must make of it. */
const MESSY_CELLS: ReadonlyArray<{ source: string; cell: string }> = [
  { source: 'Ngân sách\u00A0 xã', cell: 'Ngân sách xã' },
  { source: '  Phòng Kinh tế ', cell: 'Phòng Kinh tế' },
  { source: '- Tổ chức tập huấn kỹ năng số\n- Tổ chức  kiểm tra,\u00A0đánh giá  ', cell: '- Tổ chức tập huấn kỹ năng số\n- Tổ chức kiểm tra, đánh giá' },
  { source: '\u00A0Quý I–IV/2026\u00A0', cell: 'Quý I–IV/2026' },
  { source: '\u200B\u2003- Báo cáo kết quả\u202F\u200B\n\t- Lưu hồ sơ\u00A0', cell: '- Báo cáo kết quả\n- Lưu hồ sơ' },
];

/** The fixture with the cells of its first item row replaced by MESSY_CELLS, in turn. */
function messyGrid(name: string): { grid: string[][]; row: number; columns: number[] } {
  const grid = fixtureGrid(name).map((row) => [...row]);
  const numbered = /^(STT|TT)$/.test(grid[0]?.[0] ?? '');
  const row = grid.findIndex((cells, k) => k > 0 && !rowIsSection(cells) && cells.join('\t') !== grid[0]?.join('\t'));
  const cells = grid[row] ?? [];
  const columns: number[] = [];
  for (let c = numbered ? 1 : 0; c < cells.length; c += 1) {
    cells[c] = MESSY_CELLS[columns.length % MESSY_CELLS.length]?.source ?? '';
    columns.push(c);
  }
  return { grid, row, columns };
}

/** The table a file imports as; fails the test with the reader's reason otherwise. */
function tableOf(bytes: Uint8Array, fileName: string): TableModel {
  const result = fileImport(bytes, fileName);
  if (!result.ok) throw new Error(`${fileName}: ${result.code}: ${result.reason}`);
  return result.value.table;
}

/** Every rendering of a grid a clerk may hand over, imported. */
async function tablesFromEveryFormat(grid: string[][]): Promise<Record<string, TableModel>> {
  return {
    tsv: tableOf(strToU8(gridToExcelTsv(grid)), 'bang.tsv'),
    csv: tableOf(strToU8(gridToCsv(grid, ',')), 'bang.csv'),
    'word html': tableOf(strToU8(gridToWordHtml(grid)), 'bang.html'),
    'excel html': tableOf(strToU8(gridToExcelHtml(grid)), 'bang.html'),
    docx: tableOf(await docxBuild(grid), 'bang.docx'),
    xlsx: tableOf(await xlsxBuild(grid), 'bang.xlsx'),
  };
}

describe('the import readers agree: one table read from TSV, CSV, Word HTML, Excel HTML, DOCX and XLSX', () => {
  it.each(FIXTURE_NAMES)('%s, with no-break spaces, stray spaces and bullet lines, imports to the same cells from every format', async (name) => {
    const { grid, row, columns } = messyGrid(name);
    const tables = await tablesFromEveryFormat(grid);
    const reference = tables.tsv as TableModel;
    // The messy row is the n-th item of the table: count the items above it in the source.
    const itemIndex = grid.slice(1, row).filter((cells) => !rowIsSection(cells) && cells.join('\t') !== grid[0]?.join('\t')).length;
    for (const [format, table] of Object.entries(tables)) {
      const items = table.rows.filter((r) => r.kind === 'item');
      const messy = items[itemIndex];
      const want = Object.fromEntries(
        columns.map((c, k) => [table.columns.find((col) => col.label === (grid[0]?.[c] ?? ''))?.field ?? `?${c}`, MESSY_CELLS[k % MESSY_CELLS.length]?.cell]),
      );
      expect(messy?.kind === 'item' ? messy.cells : undefined, `${format}: the row with messy cells`).toEqual(want);
      table.rows.forEach((r, k) => expect(r, `${format}: row ${k + 1}`).toEqual(reference.rows[k]));
      expect(table, format).toEqual(reference);
    }
  });

  it('reads "Ngân sách\\u00A0 xã" (a no-break space beside a space) as "Ngân sách xã" in every format', async () => {
    const grid = [
      ['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Nguồn ngân sách'],
      ['1', 'Số hoá hồ sơ', 'Văn phòng', 'Ngân sách\u00A0 xã'],
    ];
    for (const [format, table] of Object.entries(await tablesFromEveryFormat(grid))) {
      const item = table.rows[0];
      expect(item?.kind === 'item' ? item.cells.fundingSource : undefined, format).toBe('Ngân sách xã');
    }
  });
});
