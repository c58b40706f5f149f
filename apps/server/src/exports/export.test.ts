import { describe, expect, it } from 'vitest';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFormatIsKnown, exportTable } from './export.ts';
import { fixtureTable, META, tableWithErrors, UNITS } from './export-fixtures.test-helper.ts';

describe('exportTable', () => {
  it('exports a table without errors in every format, named after the table and the commune', async () => {
    for (const format of EXPORT_FORMATS) {
      const result = await exportTable(fixtureTable('tan-ky-2026-kpi'), META, format, { draft: false, units: UNITS });
      expect(result.ok, format).toBe(true);
      if (!result.ok) continue;
      expect(result.contentType).toBe(EXPORT_CONTENT_TYPES[format]);
      expect(result.fileName).toBe(`Phụ lục - Bảng KPI chuyển đổi số năm 2026 - Tân Thanh.${format}`);
      expect(result.bytes.length).toBeGreaterThan(500);
    }
  });

  it('refuses a final Word or PDF of a table with errors, with the findings', async () => {
    for (const format of ['docx', 'pdf'] as const) {
      const result = await exportTable(tableWithErrors(), META, format, { draft: false, units: UNITS });
      expect(result.ok, format).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe('exportHasErrors');
      expect(result.message).toBe(
        'Bảng còn 1 lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo (có dấu «DỰ THẢO» trên mỗi trang). Excel, CSV và JSON vẫn xuất được để sửa lỗi.',
      );
      expect(result.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.row, f.message])).toEqual([
        ['timeframe.missing', 'I.1', 'Thiếu «Thời gian thực hiện».'],
      ]);
    }
  });

  it('never lets an error block the data exports (XLSX, CSV, JSON): they come named as a draft, with the findings', async () => {
    for (const format of ['xlsx', 'csv', 'json'] as const) {
      const result = await exportTable(tableWithErrors(), META, format, { draft: false, units: UNITS });
      expect(result.ok, format).toBe(true);
      if (!result.ok) continue;
      expect(result.fileName).toBe(`Phụ lục - Danh mục nhiệm vụ chuyển đổi số - Tân Thanh (dự thảo).${format}`);
      expect(result.findings.filter((f) => f.severity === 'error')).toHaveLength(1);
    }
  });

  it('exports a table whose only fault is an empty «Sản phẩm» as data, though not as the official Word', async () => {
    const table = fixtureTable('tan-thanh-2026-tasks');
    let emptied = false;
    const rows = table.rows.map((row) => {
      if (row.kind !== 'item' || emptied) return row;
      emptied = true;
      return { ...row, cells: { ...row.cells, output: '' } };
    });
    const options = { draft: false, units: UNITS };
    const docx = await exportTable({ ...table, rows }, META, 'docx', options);
    const csv = await exportTable({ ...table, rows }, META, 'csv', options);
    expect(docx.ok).toBe(false);
    if (!docx.ok) expect(docx.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['output.missing']);
    expect(csv.ok).toBe(true);
  });

  it('exports the same table as a draft, named as one', async () => {
    const result = await exportTable(tableWithErrors(), META, 'csv', { draft: true, units: UNITS });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.fileName).toBe('Phụ lục - Danh mục nhiệm vụ chuyển đổi số - Tân Thanh (dự thảo).csv');
      expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
    }
  });

  it('checks timeframes against the plan year it is given', async () => {
    const result = await exportTable(fixtureTable('tan-thanh-2026-tasks'), META, 'docx', { draft: false, units: UNITS, planYear: 2027 });
    expect(result.ok).toBe(false);
  });

  it('knows its formats', () => {
    expect(EXPORT_FORMATS.filter(exportFormatIsKnown)).toEqual(['docx', 'xlsx', 'pdf', 'csv', 'json']);
    expect(exportFormatIsKnown('doc')).toBe(false);
  });
});
