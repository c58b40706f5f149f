import { describe, expect, it } from 'vitest';
import { csvGuardAdd, csvGuardRemove } from './csv-guard.ts';
import { tableImportText } from './table-import.ts';

describe('the CSV formula guard', () => {
  it('takes off exactly the apostrophe the export puts before = + - @, a tab or a carriage return', () => {
    for (const cell of ['- Tổ chức tập huấn', '+84 912 345 678', '=SUM(A1:A3)', '@Phòng Kinh tế', '\tthụt lề', '\rdòng']) {
      expect(csvGuardAdd(cell)).toBe(`'${cell}`);
      expect(csvGuardRemove(csvGuardAdd(cell))).toBe(cell);
    }
  });

  it("keeps an apostrophe that guards nothing, and cells that were never guarded", () => {
    expect(csvGuardRemove("'Sổ tay' chuyển đổi số")).toBe("'Sổ tay' chuyển đổi số");
    expect(csvGuardRemove("''- hai dấu")).toBe("'- hai dấu");
    expect(csvGuardRemove('- Tổ chức')).toBe('- Tổ chức');
    expect(csvGuardAdd('Tổ chức')).toBe('Tổ chức');
  });

  it("guards a cell the person began with an apostrophe before a formula character, so it comes back with it", () => {
    for (const cell of ["'- gõ tay", "''=1+1", "'Sổ tay"]) expect(csvGuardRemove(csvGuardAdd(cell))).toBe(cell);
    expect(csvGuardAdd("'- gõ tay")).toBe("''- gõ tay");
  });

  it('gives back the bullet cells of a CSV the export guarded, and leaves TSV apostrophes alone', () => {
    const csv = "\uFEFFSTT,Nhiệm vụ,Cơ quan chủ trì\r\n1,\"'- Tổ chức tập huấn\n- Tổ chức kiểm tra\",'@Phòng Kinh tế\r\n2,'Sổ tay' số,Phòng Văn hóa - Xã hội\r\n";
    const imported = tableImportText(csv);
    if (!imported.ok) throw new Error(imported.reason);
    expect(imported.value.table.rows).toEqual([
      { kind: 'item', cells: { task: '- Tổ chức tập huấn\n- Tổ chức kiểm tra', lead: '@Phòng Kinh tế' } },
      { kind: 'item', cells: { task: "'Sổ tay' số", lead: 'Phòng Văn hóa - Xã hội' } },
    ]);
    const tsv = tableImportText("STT\tNhiệm vụ\tCơ quan chủ trì\n1\t'- gõ tay\tPhòng Kinh tế\n");
    expect(tsv.ok && tsv.value.table.rows[0]).toEqual({ kind: 'item', cells: { task: "'- gõ tay", lead: 'Phòng Kinh tế' } });
  });
});
