import { describe, expect, it } from 'vitest';
import { CellText, cellTextTidy } from './cell-text.ts';

describe('cellTextTidy: the one cell rule of every import reader', () => {
  it('reads a no-break space beside a space, and any run of spaces, as one space', () => {
    expect(cellTextTidy('Ngân sách\u00A0 xã')).toBe('Ngân sách xã');
    expect(cellTextTidy('Quý\tI –\u2003IV/2026')).toBe('Quý I – IV/2026');
  });

  it('trims every line and drops blank lines, keeping the line breaks between the others', () => {
    expect(cellTextTidy('  Phòng Kinh tế ')).toBe('Phòng Kinh tế');
    expect(cellTextTidy('\n- Tổ chức tập huấn \r\n\u00A0\r\n  - Tổ chức kiểm tra\n\n')).toBe('- Tổ chức tập huấn\n- Tổ chức kiểm tra');
  });

  it('trims the no-break and other Unicode spaces, tabs and zero-width characters at the edges of every bullet line, never inside one', () => {
    const pasted = '\u00A0- Tổ chức tập huấn\u00A0\u00A0\n\u3000\t- Tổ chức kiểm tra\u200B\u2003\n\uFEFF\u202F- Báo cáo\u2060';
    expect(cellTextTidy(pasted)).toBe('- Tổ chức tập huấn\n- Tổ chức kiểm tra\n- Báo cáo');
    expect(cellTextTidy('\u200BPhòng\u200BKinh tế\u200B')).toBe('Phòng\u200BKinh tế');
  });

  it('leaves tidy text as it is', () => {
    const tidy = 'Tỷ lệ hồ sơ "phi tiếp xúc"\n≥ 80%';
    expect(cellTextTidy(tidy)).toBe(tidy);
    expect(cellTextTidy('')).toBe('');
  });
});

describe('CellText: a cell built from markup', () => {
  it('reads line breaks in text runs as white space and line breaks only where the markup puts them', () => {
    const cell = new CellText();
    cell.append('  Quý\r\n      I/2026 ');
    cell.lineBreak();
    cell.lineBreak();
    cell.append('\u00A0');
    cell.lineBreak();
    cell.append('Dòng\u00A0 2');
    expect(cell.finish()).toBe('Quý I/2026\nDòng 2');
  });
});
