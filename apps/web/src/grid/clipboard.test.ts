import { describe, expect, it } from 'vitest';
import { htmlTableParse } from '@phuluc/domain';
import tanKyTasks from '../../../../fixtures/tan-ky-2026-tasks.tsv?raw';
import { clipboardCells, clipboardHtml, clipboardParse, clipboardTsv } from './clipboard.ts';
import { section, task } from './test-doc.test-helper.ts';

const MULTI = 'Quý I/2026\nQuý III/2026';

describe('clipboard', () => {
  it('writes TSV as Excel does: multi-line cells and leading quotes quoted, rows ending in CRLF', () => {
    expect(clipboardTsv([['Số hóa', MULTI], ['"Chợ số" xã', 'a\tb']])).toBe('Số hóa\t"Quý I/2026\nQuý III/2026"\r\n"""Chợ số"" xã"\t"a\tb"\r\n');
  });

  it('reads back what it wrote, as text and as HTML', () => {
    const cells = [['Số hóa 100% hồ sơ', MULTI], ['Phòng Văn hóa - Xã hội <VH-XH> & "TT"', '']];
    expect(clipboardParse({ text: clipboardTsv(cells), html: '' })).toEqual(cells);
    expect(htmlTableParse(clipboardHtml(cells))).toEqual(cells);
    // Its own HTML is recognised and the exact TSV read instead.
    expect(clipboardParse({ text: clipboardTsv(cells), html: clipboardHtml(cells) })).toEqual(cells);
  });

  it('prefers HTML from Word and Excel over their plain text', () => {
    const html = '<table><tr><td>Nhiệm vụ<br>dòng hai</td><td>Quý II/2026</td></tr></table>';
    expect(clipboardParse({ text: 'Nhiệm vụ\ndòng hai\tQuý II/2026', html })).toEqual([['Nhiệm vụ\ndòng hai', 'Quý II/2026']]);
  });

  it('drops blank rows at the end and Windows line breaks in cells', () => {
    expect(clipboardParse({ text: 'a\tb\r\n\r\n', html: '' })).toEqual([['a', 'b']]);
    expect(clipboardParse({ text: '"x\r\ny"\tz', html: '' })).toEqual([['x\ny', 'z']]);
  });

  it('reads the real Tân Kỳ table as pasted from a spreadsheet', () => {
    const grid = clipboardParse({ text: tanKyTasks, html: '' });
    expect(grid[0]).toEqual(['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn']);
    expect(grid.length).toBeGreaterThan(20);
  });

  it('copies a range of rows, a section giving its title in the first column', () => {
    const rows = [section('CHÍNH QUYỀN SỐ'), task('Số hóa', [], { lead: 'Phòng Kinh tế' })];
    expect(clipboardCells(rows, ['task', 'lead', 'timeframe'], { top: 0, bottom: 1, left: 0, right: 1 })).toEqual([
      ['CHÍNH QUYỀN SỐ', ''],
      ['Số hóa', 'Phòng Kinh tế'],
    ]);
  });
});
