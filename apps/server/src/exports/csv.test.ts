import { exportModelBuild } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { csvField, exportCsv } from './csv.ts';
import { budgetTable, fixtureTable, META, UNITS } from './export-fixtures.test-helper.ts';

const options = { draft: false, units: UNITS, planYear: 2026 };
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('the CSV of Tân Thanh', () => {
  const bytes = exportCsv(exportModelBuild(fixtureTable('tan-thanh-2026-tasks'), META, options));
  const text = decode(bytes);

  it('starts with the UTF-8 byte order mark and ends every line with CRLF', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")|\r/);
  });

  it('has one header row, with the STT column, and the sections as rows', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('STT,Nhiệm vụ cụ thể,Chi tiết nhiệm vụ,Người/Đơn vị chủ trì,Thời gian thực hiện,Sản phẩm/Kết quả đầu ra,Cơ quan hướng dẫn/kiểm tra,Theo dõi,Ghi chú');
    expect(lines.filter((l) => l.startsWith('STT,'))).toHaveLength(1);
    expect(lines[1]).toBe('I. CHÍNH QUYỀN SỐ,,,,,,,,');
    expect(lines[2]).toMatch(/^1,Thực hiện và báo cáo định kỳ theo Kế hoạch 02-KH\/BCĐTW,"Phân công công chức phụ trách 3 trụ cột; /);
    expect(lines.filter((l) => /^(I|II|III)\. /.test(l))).toHaveLength(3);
  });
});

describe('CSV cells', () => {
  it('cannot start a formula: = + - @, tab and carriage return get an apostrophe', () => {
    expect(['=1+1', '+84 912', '-5', '@SUM(A1)', '\tx', '\rx'].map(csvField)).toEqual(["'=1+1", "'+84 912", "'-5", "'@SUM(A1)", "'\tx", '"\'\rx"']);
    expect(['Quý I/2026', '100%', '≥ 50%', ''].map(csvField)).toEqual(['Quý I/2026', '100%', '≥ 50%', '']);
  });

  it('quotes a cell with a quote, a comma, a semicolon or a line break, doubling its quotes', () => {
    expect(csvField('Tỷ lệ "phi tiếp xúc"')).toBe('"Tỷ lệ ""phi tiếp xúc"""');
    expect(csvField('Công an tỉnh, Sở KH&CN')).toBe('"Công an tỉnh, Sở KH&CN"');
    expect(csvField('- Kiểm kê\n- Đề xuất')).toBe(`"'- Kiểm kê\n- Đề xuất"`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('neutralises a hostile row of a real table, keeps the lines of a cell and prints budgets the Vietnamese way', () => {
    const table = budgetTable();
    const first = table.rows[1];
    if (first?.kind === 'item') {
      first.cells.task = '=cmd|\' /C calc\'!A0';
      first.cells.output = 'Kiểm kê thiết bị\nĐề xuất nâng cấp';
    }
    const text = decode(exportCsv(exportModelBuild(table, META, { ...options, draft: true })));
    expect(text).toContain(`,'=cmd|' /C calc'!A0,"Kiểm kê thiết bị\nĐề xuất nâng cấp",`);
    expect(text).toContain(',1.250,Ngân sách xã\r\n');
    expect(text).toContain(',"56,36",Ngân sách xã\r\n');
    expect(text).not.toContain('Tổng cộng');
  });
});
