import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRead, fixtureRows } from '../fixtures.test-helper.ts';
import { gridToCsv, gridToExcelTsv } from './clipboard.test-helper.ts';
import { csvDelimiterDetect, delimitedParse, delimitedParseWithLines } from './delimited.ts';

describe('delimitedParse', () => {
  it.each(FIXTURE_FILES)('reads the real table %s into the same cells as splitting its lines on tabs', (name) => {
    expect(delimitedParse(fixtureRead(name), '\t')).toEqual(fixtureRows(name));
  });

  it('keeps a quote inside a cell that does not start with one (Xuân Lộc: thuộc diện "phi tiếp xúc")', () => {
    const rows = delimitedParse(fixtureRead('xuan-loc-2026-indicators.tsv'), '\t');
    expect(rows.flat()).toContain('Tỷ lệ giao dịch hành chính thuộc diện "phi tiếp xúc"');
  });

  it('reads quoted cells with doubled quotes, delimiters and line breaks inside, as Excel copies them', () => {
    const text = 'a\t"x ""y""\tz"\t"dòng 1\r\ndòng 2"\r\nb\t\t""\r\n';
    expect(delimitedParse(text, '\t')).toEqual([
      ['a', 'x "y"\tz', 'dòng 1\ndòng 2'],
      ['b', '', ''],
    ]);
  });

  it('keeps the quotes of a cell that only starts with a quoted phrase', () => {
    expect(delimitedParse('1\t"hộ kinh doanh số" tại 1-2 Thôn\tx', '\t')).toEqual([
      ['1', '"hộ kinh doanh số" tại 1-2 Thôn', 'x'],
    ]);
  });

  it('reads an unclosed quote literally instead of swallowing the rest of the text', () => {
    expect(delimitedParse('"mở\tb\nc\td', '\t')).toEqual([
      ['"mở', 'b'],
      ['c', 'd'],
    ]);
  });

  it('strips the BOM, accepts LF, CRLF and CR-only line ends, and makes no row of the final line break', () => {
    expect(delimitedParse('\uFEFFa;b\r\nc;d\r\n', ';')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(delimitedParse('a,b\nc,d\n', ',')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(delimitedParse('a,b\rc,d', ',')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps blank lines in the middle as one-cell rows and trailing empty cells', () => {
    expect(delimitedParse('a\t\n\nb\t', '\t')).toEqual([['a', ''], [''], ['b', '']]);
  });

  it('reads back a real table written as Excel TSV and as CSV with commas or semicolons', () => {
    const grid = fixtureRows('tan-thanh-2026-tasks.tsv');
    grid[2] = grid[2]?.map((c, k) => (k === 2 ? `${c}\nDòng 2: "trích", có phẩy; và chấm phẩy` : c)) ?? [];
    expect(delimitedParse(gridToExcelTsv(grid), '\t')).toEqual(grid);
    expect(delimitedParse(gridToCsv(grid, ','), ',')).toEqual(grid);
    expect(delimitedParse(gridToCsv(grid, ';'), ';')).toEqual(grid);
  });

  it('tells the source line each row starts on, past multi-line cells', () => {
    const { rows, lines } = delimitedParseWithLines('h1\th2\n"a\nb\nc"\tx\ny\tz\n', '\t');
    expect(rows).toHaveLength(3);
    expect(lines).toEqual([1, 2, 5]);
  });

  it('stays linear on hostile quoting (a million quotes and delimiters)', () => {
    const hostile = '"\t'.repeat(500_000) + '\n' + '"x"y\t'.repeat(200_000);
    const rows = delimitedParse(hostile, '\t');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(10);
  }, 20_000);
});

describe('csvDelimiterDetect', () => {
  const grid = fixtureRows('xuan-loc-2026-indicators.tsv');

  it('finds the tab of the real TSV tables', () => {
    for (const name of FIXTURE_FILES) expect(csvDelimiterDetect(fixtureRead(name))).toBe('\t');
  });

  it('finds the comma of CSV whose cells contain semicolons, and the semicolon of CSV whose cells contain commas', () => {
    expect(csvDelimiterDetect(gridToCsv(grid, ','))).toBe(',');
    expect(csvDelimiterDetect(gridToCsv(grid, ';'))).toBe(';');
  });

  it('falls back to the comma for text that is not a table', () => {
    expect(csvDelimiterDetect('một dòng chữ')).toBe(',');
  });
});
