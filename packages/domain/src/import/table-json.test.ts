import { describe, expect, it } from 'vitest';
import { fixtureRead } from '../fixtures.test-helper.ts';
import { PLAN_LIMITS } from '../plan-limits.ts';
import { IMPORT_FAILURE_CODES } from './import-codes.ts';
import { jsonLooks, tableImportJson } from './table-json.ts';
import { importFormatDetect, tableImportText } from './table-import.ts';

const original = (() => {
  const imported = tableImportText(fixtureRead('xuan-loc-2026-indicators.tsv'));
  if (!imported.ok) throw new Error(imported.reason);
  return imported.value.table;
})();

describe('tableImportJson: Phuluc’s own JSON export read back', () => {
  it('is told from TSV, CSV and HTML by its content', () => {
    const json = JSON.stringify(original);
    expect(jsonLooks(`\uFEFF  ${json}\n`)).toBe(true);
    expect(importFormatDetect(json)).toBe('json');
    expect(importFormatDetect(fixtureRead('xuan-loc-2026-indicators.tsv'))).toBe('tsv');
  });

  it('gives the table back without the ids, owners and computed numbers of the export, and cells for every column', () => {
    const exported = {
      ...original,
      id: 'bang-1',
      rows: original.rows.map((row, k) => (row.kind === 'item' ? { ...row, id: `r${k}`, number: String(k), owners: ['u1'], cells: { ...row.cells, stray: 'x' } } : { ...row, id: `r${k}`, number: 'A' })),
    };
    const read = tableImportText(JSON.stringify(exported, null, 2));
    expect(read.ok && read.value.table).toEqual(original);
    expect(read.ok && read.value.heading.title).toBe(original.title);
  });

  it('refuses what is not a table, columns a plan cannot hold and an oversized cell, saying why in Vietnamese', () => {
    expect(tableImportJson('{"title": "Bảng", "rows": 3}')).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.invalid });
    expect(tableImportJson('{"title": "Bảng",')).toMatchObject({ ok: false, reason: expect.stringMatching(/^Tệp JSON không đọc được/) as unknown });
    const rowKey = { ...original, columns: [...original.columns, { field: 'order', label: 'Thứ tự', width: 10 }] };
    expect(tableImportJson(JSON.stringify(rowKey))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Tệp JSON có cột không hợp lệ/) as unknown });
    const long = { ...original, rows: [{ kind: 'item', cells: { indicator: 'x'.repeat(PLAN_LIMITS.importCellChars + 1) } }] };
    expect(tableImportJson(JSON.stringify(long))).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.tooLarge });
  });
});
