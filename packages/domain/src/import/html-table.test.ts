import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRows } from '../fixtures.test-helper.ts';
import { gridToExcelHtml, gridToWordHtml } from './clipboard.test-helper.ts';
import { htmlTableGrid, htmlTableParse, htmlTablesParse } from './html-table.ts';

describe('htmlTableParse', () => {
  it('reads cells as a browser shows them: white space collapsed, <br> and paragraphs as lines', () => {
    const html = `<table><tr><td>  Quý
      I/2026 </td><td><p>Dòng&nbsp;1</p><p>Dòng 2<br>Dòng 3</p></td><td><p>&nbsp;</p></td></tr></table>`;
    expect(htmlTableParse(html)).toEqual([['Quý I/2026', 'Dòng 1\nDòng 2\nDòng 3', '']]);
  });

  it('puts a colspan/rowspan cell in its first slot and "" in the slots it covers', () => {
    const html =
      '<table><tr><td rowspan=2>A</td><td colspan="2">B</td><td>C</td></tr>' +
      "<tr><td>D</td><td rowspan='2'>E</td><td>F</td></tr><tr><td>G</td><td>H</td></tr></table>";
    expect(htmlTableParse(html)).toEqual([
      ['A', 'B', '', 'C'],
      ['', 'D', 'E', 'F'],
      ['G', 'H', ''],
    ]);
  });

  it('skips comments, Word conditional comments, <head>, <style> and <script>, even when they hold table tags', () => {
    const html =
      '<html><head><title>STT</title><style>td:before{content:"<td>x</td>"}</style></head><body>' +
      '<!--[if gte mso 9]><xml><table><tr><td>ẩn</td><td>ẩn</td></tr></table></xml><![endif]-->' +
      '<script>document.write("<table><tr><td>ẩn</td></tr></table>")</script>' +
      '<table><tr><td>STT<![if !supportLists]>.<![endif]></td><td>Nhiệm vụ<!-- ghi chú --></td></tr></table></body></html>';
    expect(htmlTableParse(html)).toEqual([['STT.', 'Nhiệm vụ']]);
  });

  it("reads Excel's x:str / x:num cells and unquoted, single- and double-quoted attributes", () => {
    const html = `<table><tr><td class=xl65 style='mso-number-format:"\\@"' x:str>≥ 50%</td><td x:num="12" colspan=2>12</td><td>a<br style='mso-data-placement:same-cell'>b</td></tr></table>`;
    expect(htmlTableParse(html)).toEqual([['≥ 50%', '12', '', 'a\nb']]);
  });

  it('closes cells and rows the author left open', () => {
    expect(htmlTableParse('<table><tr><td>a<td>b<tr><td>c</table>')).toEqual([['a', 'b'], ['c']]);
    expect(htmlTableParse('<table><td>a</td><td>b')).toEqual([['a', 'b']]);
  });

  it('takes the appendix-looking table, not the layout table around it or a small one before it', () => {
    const html =
      '<table><tr><td>Kèm theo kế hoạch</td><td>số 12</td><td>x</td><td>y</td></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>' +
      '<table><tr><td>Bố cục<table><tr><td>STT</td><td>Nội dung công việc</td><td>Đơn vị chủ trì</td></tr>' +
      '<tr><td>1</td><td>Việc</td><td>Phòng</td></tr></table></td></tr></table>';
    expect(htmlTableParse(html)).toEqual([
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì'],
      ['1', 'Việc', 'Phòng'],
    ]);
    const tables = htmlTablesParse(html);
    expect(tables.map((t) => t.depth)).toEqual([0, 0, 1]);
    // The nested table's text is not repeated in the layout cell around it.
    expect(tables[1]?.rows[0]?.[0]?.text).toBe('Bố cục');
  });

  it('returns no grid for HTML without a table', () => {
    expect(htmlTableParse('<p>Không có bảng</p>')).toEqual([]);
  });

  it.each(FIXTURE_FILES)('reads back %s written as Word and as Excel clipboard HTML', (name) => {
    const grid = fixtureRows(name);
    // Word merges section rows into one colspan cell: laid out, that is the same row again.
    const word = htmlTableParse(gridToWordHtml(grid));
    expect(word.slice(0, grid.length)).toEqual(grid);
    // Word's trailing "misaligned columns" row is empty.
    expect(word.slice(grid.length).flat().every((c) => c === '')).toBe(true);
    expect(htmlTableParse(gridToExcelHtml(grid))).toEqual(grid);
  });
});

describe('htmlTablesParse on hostile input', () => {
  it('caps the nesting of 100 000 unclosed tables', () => {
    const tables = htmlTablesParse('<table><tr><td>x'.repeat(100_000));
    expect(tables.length).toBeLessThanOrEqual(32);
    expect(tables.at(-1)?.rows.length).toBeGreaterThan(99_000);
  }, 20_000);

  it('reads 5 MB of <td> in one row quickly, keeping at most 1000 columns', () => {
    const html = '<table><tr>' + '<td>'.repeat(1_250_000);
    const grid = htmlTableParse(html);
    expect(grid).toHaveLength(1);
    expect(grid[0]).toHaveLength(1000);
  }, 20_000);

  it('reads 5 MB of <td> without any <table> as no table', () => {
    expect(htmlTableParse('<td>'.repeat(1_250_000))).toEqual([]);
  }, 20_000);

  it('bounds the grid a huge colspan and rowspan would make', () => {
    const html = '<table><tr><td colspan=99999 rowspan=99999>a</td></tr>' + '<tr><td>b</td></tr>'.repeat(10_000) + '</table>';
    const tables = htmlTablesParse(html);
    const grid = htmlTableGrid(tables[0] ?? { rows: [], depth: 0, cells: 0 });
    expect(grid[0]).toHaveLength(1000);
    expect(grid.reduce((n, row) => n + row.length, 0)).toBeLessThanOrEqual(2_001_000);
  }, 20_000);

  it('survives unclosed comments, tags and attribute quotes', () => {
    expect(htmlTableParse('<table><tr><td>a</td><!-- không đóng <td>b</td>')).toEqual([['a']]);
    expect(htmlTableParse("<table><tr><td>a</td><td title='không đóng>b</td></tr></table>")).toEqual([['a']]);
    expect(htmlTableParse('<table><tr><td>a < b</td><td>c</td')).toEqual([['a < b', 'c']]);
  });
});
