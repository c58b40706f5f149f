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

  it('refuses a final export of a table with errors, in every format, with the findings', async () => {
    for (const format of EXPORT_FORMATS) {
      const result = await exportTable(tableWithErrors(), META, format, { draft: false, units: UNITS });
      expect(result.ok, format).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe('exportHasErrors');
      expect(result.message).toBe('Bảng còn 1 lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo (có dấu «DỰ THẢO» trên mỗi trang).');
      expect(result.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.row, f.message])).toEqual([
        ['timeframe.missing', 'I.1', 'Thiếu «Thời gian thực hiện».'],
      ]);
    }
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
    const result = await exportTable(fixtureTable('tan-thanh-2026-tasks'), META, 'json', { draft: false, units: UNITS, planYear: 2027 });
    expect(result.ok).toBe(false);
  });

  it('knows its formats', () => {
    expect(EXPORT_FORMATS.filter(exportFormatIsKnown)).toEqual(['docx', 'xlsx', 'pdf', 'csv', 'json']);
    expect(exportFormatIsKnown('doc')).toBe(false);
  });
});
