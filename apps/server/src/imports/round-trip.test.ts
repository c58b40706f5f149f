/**
 * Round trips: what Phuluc exports, Phuluc imports back to the identical table. Every real
 * fixture, a 14-item budget table and a two-row-header assignment table are imported once (the
 * original), exported to every format a person can import again (DOCX, XLSX, CSV, JSON; a PDF is
 * not imported), and the file imported back must give the same title, layout, columns, sections,
 * items and cells — the "Tổng cộng" row an export prints skipped, the CSV formula guard taken off,
 * the plan's number, date and commune read back from the heading.
 */
import { csvGuardAdd, csvGuardRemove, type ExportMeta, exportModelBuild, IMPORT_NOTE_CODES, type TableModel, tableImportText } from '@phuluc/domain';
import { assignmentStackedGrid, budgetGrid, gridToExcelTsv } from '@phuluc/domain/testing/clipboard';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../exports/export.ts';
import { UNITS } from '../exports/export-fixtures.test-helper.ts';
import { fixtureRead } from '../testing/api-context.ts';
import { fileImport, type FileImportResult } from './file-import.ts';
import { FIXTURE_NAMES, fixtureGrid } from './import-files.test-helper.ts';

/** The plan the heading block names. */
const META: ExportMeta = { commune: 'Tân Thanh', planNumber: '123/KH-UBND', issuedOn: '2026-11-05', year: 2026 };
const FORMATS = ['docx', 'xlsx', 'csv', 'json'] as const;

/** A table as the importer reads it from pasted text (the original of a round trip). */
function importedText(text: string): TableModel {
  const result = tableImportText(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value.table;
}

const tanKyTasks = fixtureGrid('tan-ky-2026-tasks.tsv');
const ORIGINALS: Array<[string, TableModel]> = [
  ...FIXTURE_NAMES.map((name): [string, TableModel] => [name, importedText(fixtureRead(name))]),
  ['the budget table (14 items, Kinh phí, Tổng cộng 9.200)', importedText(gridToExcelTsv(budgetGrid(tanKyTasks).grid))],
  ['the assignment table with a two-row header and bullet cells', importedText(gridToExcelTsv(assignmentStackedGrid(tanKyTasks).grid))],
];

/** Exports the table to `format` (as a draft: a table with findings still exports) and imports the file. */
async function roundTrip(table: TableModel, format: (typeof FORMATS)[number]): Promise<FileImportResult> {
  const exported = await exportTable(table, META, format, { draft: true, units: UNITS, planYear: 2026 });
  if (!exported.ok) throw new Error(exported.message);
  const back = fileImport(exported.bytes, exported.fileName);
  if (!back.ok) throw new Error(`${format}: ${back.code}: ${back.reason}`);
  return back.value;
}

describe('round trips: an exported table imports back to the identical table', () => {
  it('starts from originals that are what the test says they are', () => {
    const budget = ORIGINALS[FIXTURE_NAMES.length]?.[1];
    const assignment = ORIGINALS[FIXTURE_NAMES.length + 1]?.[1];
    expect(budget?.template).toBe('tasks-budget');
    expect(budget?.rows.filter((r) => r.kind === 'item')).toHaveLength(14);
    expect(assignment?.template).toBe('assignment');
    expect(assignment?.rows.some((r) => r.kind === 'item' && (r.cells.output ?? '').startsWith('- '))).toBe(true);
  });

  describe.each(ORIGINALS)('%s', (_, original) => {
    it.each(FORMATS)('through %s', async (format) => {
      const back = await roundTrip(original, format);
      expect(back.format).toBe(format);
      expect(back.table.rows.length).toBe(original.rows.length);
      back.table.rows.forEach((row, k) => expect(row, `row ${k + 1}`).toEqual(original.rows[k]));
      expect(back.table).toEqual(original);
    });
  });

  it.each(['docx', 'xlsx'] as const)('reads the plan number, date and commune back from the heading of a %s', async (format) => {
    const back = await roundTrip(ORIGINALS[0]?.[1] ?? importedText(fixtureRead(FIXTURE_NAMES[0])), format);
    expect(back.heading).toMatchObject({ planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Thanh' });
  });

  it.each(['docx', 'xlsx'] as const)('skips the "Tổng cộng" row of a budget table exported to %s, so the next export sums the same 9.200', async (format) => {
    const budget = ORIGINALS[FIXTURE_NAMES.length]?.[1];
    if (!budget) throw new Error('no budget table');
    const back = await roundTrip(budget, format);
    expect(back.notes.filter((n) => n.code === IMPORT_NOTE_CODES.totalRow)).toHaveLength(1);
    const again = exportModelBuild(back.table, META, { draft: true, units: UNITS, planYear: 2026 });
    expect(again.rows.filter((r) => r.kind === 'item')).toHaveLength(14);
    expect(again.total?.values.filter((v) => v !== null)).toEqual([9200]);
  });
});

describe('the CSV formula guard', () => {
  it('is the same on both sides: the import takes off exactly what the export (csvField) puts on', () => {
    const cells = ['- Tổ chức tập huấn', '+84 912 345 678', '=SUM(A1:A3)', '@Phòng Kinh tế', '\tthụt lề', '\rdòng', "'Sổ tay' số", 'Tổ chức', '', '1.250', '–Gạch ngang dài', "'- đã có nháy"];
    for (const cell of cells) {
      expect(csvGuardRemove(csvGuardAdd(cell)), JSON.stringify(cell)).toBe(cell);
    }
  });
});
