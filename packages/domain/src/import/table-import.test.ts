import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRead, fixtureRows } from '../fixtures.test-helper.ts';
import type { ItemRow, TableModel } from '../table-model.ts';
import {
  assignmentStackedGrid,
  budgetGrid,
  gridToCsv,
  gridToExcelHtml,
  gridToExcelTsv,
  gridToSpannedHtml,
  gridToWordHtml,
} from './clipboard.test-helper.ts';
import {
  IMPORT_FAILURE_CODES,
  IMPORT_MAX_CHARS,
  IMPORT_NOTE_CODES,
  type ImportResult,
  importFormatDetect,
  tableImportGrid,
  tableImportText,
} from './table-import.ts';

function imported(text: string, options?: Parameters<typeof tableImportText>[1]): ImportResult {
  const result = tableImportText(text, options);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.value;
}

function importedGrid(grid: string[][]): ImportResult {
  const result = tableImportGrid(grid);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.value;
}

/** Items per section, in order (a table without sections: one count). */
function itemsPerSection(table: TableModel): number[] {
  const counts: number[] = [];
  for (const row of table.rows) {
    if (row.kind === 'section') counts.push(0);
    else if (counts.length === 0) counts.push(1);
    else counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
  }
  return counts;
}

const items = (table: TableModel): ItemRow[] => table.rows.filter((r): r is ItemRow => r.kind === 'item');
const sections = (table: TableModel): string[] => table.rows.flatMap((r) => (r.kind === 'section' ? [r.label] : []));

/** What the source lines say, read here independently of the importer. */
function sourceRows(name: string): Array<{ section: string } | { cells: string[] }> {
  const [header = [], ...lines] = fixtureRows(name);
  const offset = header[0] === 'STT' || header[0] === 'TT' ? 1 : 0;
  return lines
    .filter((line) => line.join('\t') !== header.join('\t'))
    .map((line) => {
      const m = /^(?:[IVX]+|[A-Z])\. (.+)$/.exec(line[0] ?? '');
      if (m?.[1] && line.slice(1).every((c) => c === '')) return { section: m[1] };
      return { cells: header.slice(offset).map((_, k) => line[k + offset] ?? '') };
    });
}

describe('tableImportText on the real fixture tables', () => {
  const expected = {
    'tan-thanh-2026-tasks.tsv': {
      template: 'tasks-detailed',
      sections: ['CHÍNH QUYỀN SỐ', 'KINH TẾ SỐ', 'XÃ HỘI SỐ'],
      counts: [10, 3, 4],
      numbering: { items: 'restart', sections: 'roman', label: 'STT' },
      title: 'Danh mục nhiệm vụ chuyển đổi số',
    },
    'xuan-loc-2026-indicators.tsv': {
      template: 'indicators',
      sections: ['Phát triển hạ tầng', 'Phát triển nguồn lực', 'Phát triển chuyển đổi số'],
      counts: [2, 5, 23],
      numbering: { items: 'restart', sections: 'alpha', label: 'STT' },
      title: 'Chỉ tiêu chuyển đổi số năm 2026',
    },
    'tan-ky-2026-tasks.tsv': {
      template: 'tasks-basic',
      sections: [],
      counts: [22],
      numbering: { items: 'continuous', sections: 'roman', label: 'TT' },
      title: 'Danh mục nhiệm vụ',
    },
    'tan-ky-2026-recurring.tsv': {
      template: 'recurring',
      sections: [],
      counts: [10],
      numbering: { items: 'continuous', sections: 'roman', label: 'TT' },
      title: 'Danh mục nhiệm vụ thực hiện thường xuyên',
    },
    'tan-ky-2026-kpi.tsv': {
      template: 'kpi',
      sections: [],
      counts: [13],
      numbering: { items: 'none', sections: 'roman', label: null },
      title: 'Bảng KPI chuyển đổi số năm 2026',
    },
  } as const;

  it.each(FIXTURE_FILES)('imports %s with its layout, sections, item counts, numbering and title', (name) => {
    const want = expected[name];
    const { table } = imported(fixtureRead(name));
    expect(table.template).toBe(want.template);
    expect(sections(table)).toEqual(want.sections);
    expect(itemsPerSection(table)).toEqual(want.counts);
    expect(table.numbering).toEqual(want.numbering);
    expect(table.title).toBe(want.title);
  });

  it.each(FIXTURE_FILES)('keeps every cell of %s exactly as in the source line', (name) => {
    const { table } = imported(fixtureRead(name));
    const got = table.rows.map((row) =>
      row.kind === 'section' ? { section: row.label } : { cells: table.columns.map((c) => row.cells[c.field]) },
    );
    expect(got).toEqual(sourceRows(name));
  });

  it('takes the columns and their labels from the header, widths from the template', () => {
    const { table } = imported(fixtureRead('xuan-loc-2026-indicators.tsv'));
    expect(table.columns.map((c) => c.label)).toEqual([
      'Nội dung chỉ tiêu',
      'Đơn vị tính',
      'Chỉ tiêu phần đầu năm 2026',
      'Đơn vị theo dõi, đánh giá, tổng hợp, báo cáo',
      'Đơn vị phối hợp',
      'Ghi chú',
    ]);
    expect(table.columns.map((c) => c.width)).toEqual([95, 18, 28, 40, 35, 24]);
    expect(table.numberWidth).toBe(12);
  });

  it('drops the headers Tân Thanh repeats at page breaks, with a note on their source lines', () => {
    const { notes } = imported(fixtureRead('tan-thanh-2026-tasks.tsv'));
    const repeated = notes.filter((n) => n.code === IMPORT_NOTE_CODES.repeatedHeader);
    expect(repeated.map((n) => n.line)).toEqual([8, 16]);
    expect(repeated[0]?.message).toMatch(/tiêu đề lặp lại/);
  });

  it('says when the title has no year because no header label names one', () => {
    const { notes } = imported(fixtureRead('tan-ky-2026-tasks.tsv'));
    expect(notes.some((n) => n.code === IMPORT_NOTE_CODES.titleWithoutYear)).toBe(true);
    expect(imported(fixtureRead('tan-ky-2026-tasks.tsv'), { title: 'Phụ lục I' }).table.title).toBe('Phụ lục I');
  });
});

describe('tableImportText on the same tables as CSV, Word HTML and Excel HTML', () => {
  /** The fixture with a multi-line cell holding quotes, commas and markup characters. */
  function gridWithMultilineCell(name: string): string[][] {
    const grid = fixtureRows(name);
    const r = grid.findIndex((row, k) => k > 0 && (row[0] === '1' || !/^(?:[IVX]+|[A-Z])\. /.test(row[0] ?? '')));
    grid[r] = (grid[r] ?? []).map((c, k) => (k === 1 ? `${c}\nDòng hai: "trích dẫn", có dấu phẩy; ≥ 2 & < 3` : c));
    return grid;
  }

  it.each(FIXTURE_FILES)('imports %s to the same table from every format', (name) => {
    const grid = gridWithMultilineCell(name);
    const reference = importedGrid(grid).table;
    expect(items(reference).some((row) => Object.values(row.cells).some((c) => c.includes('\nDòng hai: "trích dẫn"')))).toBe(true);

    const texts = {
      tsv: gridToExcelTsv(grid),
      csv: gridToCsv(grid, ','),
      'csv;': gridToCsv(grid, ';'),
      word: gridToWordHtml(grid),
      excel: gridToExcelHtml(grid),
    };
    for (const [format, text] of Object.entries(texts)) {
      const detected = importFormatDetect(text);
      expect(detected, format).toBe(format.startsWith('csv') ? 'csv' : format === 'tsv' ? 'tsv' : 'html');
      expect(imported(text).table, format).toEqual(reference);
    }
  });

  it('imports Word HTML whose header repeats at a page break and whose sections are merged cells', () => {
    const grid = fixtureRows('xuan-loc-2026-indicators.tsv');
    grid.splice(12, 0, [...(grid[0] ?? [])]);
    const html = gridToWordHtml(grid);
    expect(html).toMatch(/colspan=7/);
    const { table, notes } = imported(html);
    expect(table).toEqual(imported(fixtureRead('xuan-loc-2026-indicators.tsv')).table);
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.repeatedHeader)?.line).toBe(13);
  });
});

describe('tableImportGrid on edge cases', () => {
  const tasks = fixtureRows('tan-ky-2026-tasks.tsv');

  it('keeps columns in the order the source has them', () => {
    const order = [4, 0, 3, 1, 2];
    const { table } = importedGrid(tasks.map((row) => order.map((k) => row[k] ?? '')));
    expect(table.template).toBe('tasks-basic');
    expect(table.columns.map((c) => c.field)).toEqual(['timeframe', 'cooperating', 'task', 'lead']);
    expect(items(table)[2]?.cells).toEqual({
      timeframe: 'Năm 2026',
      cooperating: 'Trung tâm DV SNC Các trường Tiểu học, THCS',
      task: 'Phổ biến, tuyên truyền cuộc thi viết thư quốc tế UPU',
      lead: 'Phòng Văn hóa - Xã hội xã',
    });
  });

  it('keeps an unknown column as a custom text column, with a note', () => {
    const grid = tasks.map((row, r) => [...row, r === 0 ? 'Mã hồ sơ' : `HS-${r}`]);
    const { table, notes } = importedGrid(grid);
    expect(table.columns.at(-1)).toEqual({ field: 'custom:ma-ho-so', label: 'Mã hồ sơ', width: 30 });
    expect(items(table)[0]?.cells['custom:ma-ho-so']).toBe('HS-1');
    expect(table.template).toBe('tasks-basic');
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.customColumn)).toMatchObject({ line: 1 });
  });

  it('keeps a column without a header label when it holds data, and ignores it when empty', () => {
    const grid = [
      ['STT', 'Nhiệm vụ', '', 'Thời hạn', ''],
      ['1', 'Việc', 'ghi thêm', 'Năm 2026', ''],
    ];
    const { table, notes } = importedGrid(grid);
    expect(table.columns.map((c) => [c.field, c.label])).toEqual([
      ['task', 'Nhiệm vụ'],
      ['custom:cot-3', 'Cột 3'],
      ['timeframe', 'Thời hạn'],
    ]);
    expect(items(table)[0]?.cells['custom:cot-3']).toBe('ghi thêm');
    expect(notes.some((n) => n.code === IMPORT_NOTE_CODES.untitledColumn)).toBe(true);
  });

  it('drops page-number lines, blank rows and the column-number row, with their lines', () => {
    const grid = [
      ['PHỤ LỤC II'],
      ...tasks.slice(0, 1),
      ['(1)', '(2)', '(3)', '(4)', '(5)'],
      ...tasks.slice(1, 4),
      ['', '', 'Trang 2', '', ''],
      ['- 3 -'],
      [''],
      ['', '', '2/5'],
      ...tasks.slice(4),
      ['', '', '', '', ''],
    ];
    const { table, notes } = importedGrid(grid);
    expect(items(table)).toHaveLength(22);
    const lines = (code: string): Array<number | undefined> => notes.filter((n) => n.code === code).map((n) => n.line);
    expect(lines(IMPORT_NOTE_CODES.beforeHeader)).toEqual([1]);
    expect(lines(IMPORT_NOTE_CODES.columnNumbers)).toEqual([3]);
    expect(lines(IMPORT_NOTE_CODES.pageArtifact)).toEqual([7, 8, 10]);
    // The blank row between content is reported, the one at the end is not worth a note.
    expect(lines(IMPORT_NOTE_CODES.blankRow)).toEqual([9]);
  });

  it('fails with a Vietnamese reason on a table without a header', () => {
    const result = tableImportGrid(tasks.slice(1));
    expect(result).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.noHeader });
    if (!result.ok) expect(result.reason).toMatch(/Không tìm thấy dòng tiêu đề/);
  });

  it('turns hostile clipboard HTML into a failure with a reason, quickly', () => {
    expect(tableImportText('<table><tr>' + '<td>'.repeat(1_250_000))).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.empty });
    expect(tableImportText('<table><tr><td>STT<td>Nhiệm vụ'.repeat(100_000))).toMatchObject({ ok: false });
    expect(tableImportText('<div><table><tr><td>'.repeat(200_000))).toMatchObject({ ok: false });
  }, 30_000);

  it('fails on empty input and on text over the size limit', () => {
    expect(tableImportText(' \n\t\n')).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.empty });
    expect(tableImportText('x'.repeat(IMPORT_MAX_CHARS + 1))).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.tooLarge });
    expect(tableImportText('<p>không có bảng</p>')).toMatchObject({ ok: false, code: IMPORT_FAILURE_CODES.noTable });
  });

  it('reads a section numeral in the STT cell with the title in the next cell, and numbering that runs on', () => {
    const grid = [
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời gian hoàn thành'],
      ['I', 'CHÍNH QUYỀN SỐ', '', '', '', ''],
      ['1', 'Việc một', 'Phòng A', '', 'Báo cáo', 'Quý I/2026'],
      ['2', 'Việc hai', 'Phòng B', '', 'Báo cáo', 'Quý II/2026'],
      ['II.', 'KINH TẾ SỐ', '', '', '', ''],
      ['3', 'Việc ba', 'Phòng C', '', 'Báo cáo', 'Năm 2026'],
    ];
    const { table } = importedGrid(grid);
    expect(table.template).toBe('assignment');
    expect(sections(table)).toEqual(['CHÍNH QUYỀN SỐ', 'KINH TẾ SỐ']);
    expect(table.numbering).toEqual({ items: 'continuous', sections: 'roman', label: 'STT' });
  });

  it('reads numbering that restarts in sections against a template that runs on', () => {
    const grid = [
      ['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn'],
      ['A. Chuẩn bị', '', '', '', ''],
      ['1', 'Việc một', 'Phòng A', '', 'Quý I'],
      ['B. Triển khai', '', '', '', ''],
      ['1', 'Việc hai', 'Phòng B', '', 'Quý II'],
      ['2', 'Việc ba', 'Phòng B', '', 'Quý III'],
    ];
    const { table } = importedGrid(grid);
    expect(table.template).toBe('tasks-basic');
    expect(table.numbering).toEqual({ items: 'restart', sections: 'alpha', label: 'TT' });
  });

  it('reads a merged upper-case heading without numeral as a section, with a note', () => {
    const grid = [
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì'],
      ['NHIỆM VỤ TRỌNG TÂM', '', ''],
      ['1', 'Việc', 'Phòng'],
      ['', 'Việc viết hoa ở cột khác: VIỆC', ''],
    ];
    const { table, notes } = importedGrid(grid);
    expect(table.rows.map((r) => r.kind)).toEqual(['section', 'item', 'item']);
    expect(sections(table)).toEqual(['NHIỆM VỤ TRỌNG TÂM']);
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.sectionAssumed)).toMatchObject({ line: 2 });
  });

  it('keeps a section whose other cells carry text, noting what it dropped', () => {
    const grid = [
      ['TT', 'Nhiệm vụ chính', 'Đơn vị chủ trì', 'Kinh phí (trđ)'],
      ['I', 'HẠ TẦNG SỐ', '', '1.250'],
      ['1', 'Mua máy tính', 'Văn phòng', '1.250'],
    ];
    const { table, notes } = importedGrid(grid);
    expect(table.rows[0]).toEqual({ kind: 'section', label: 'HẠ TẦNG SỐ' });
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.sectionExtra)).toMatchObject({ line: 2 });
  });

  it('notes the cells of a row wider than the header and drops an item that has only its number', () => {
    const grid = [...tasks.slice(0, 3), ['3', 'Việc', 'Phòng', 'Thôn', 'Năm 2026', 'ô thừa'], ['4', '', '', '', '']];
    const { table, notes } = importedGrid(grid);
    expect(items(table)).toHaveLength(3);
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.extraCells)).toMatchObject({ line: 4 });
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.extraCells)?.message).toMatch(/ô thừa/);
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.emptyItem)).toMatchObject({ line: 5 });
  });

  it('strips only a trailing "\\r" and keeps the rest of a cell as it is', () => {
    const { table } = importedGrid([
      ['TT', 'Nội dung công việc', 'Thời hạn\r'],
      ['1', '  Việc có khoảng trắng  ', 'Năm 2026\r'],
    ]);
    expect(items(table)[0]?.cells).toEqual({ task: '  Việc có khoảng trắng  ', timeframe: 'Năm 2026' });
  });

  it('tells CSV source lines in notes, past a multi-line cell', () => {
    const csv = 'TT,Nội dung công việc,Thời hạn\r\n1,"Việc\r\nhai dòng",Năm 2026\r\n\r\n2,Việc,Năm 2026\r\n';
    const { notes, table } = imported(csv);
    expect(items(table)[0]?.cells.task).toBe('Việc\nhai dòng');
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.blankRow)?.line).toBe(4);
  });
});

describe('a quote left open in a CSV file', () => {
  it('is an error naming the line, not one huge cell imported silently', () => {
    const lines = fixtureRead('tan-thanh-2026-tasks.tsv')
      .split('\n')
      .slice(0, 5)
      .map((line) => line.split('\t').map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','));
    // Line 5 opens a quote that closes only at the very end: everything after is swallowed.
    lines[4] = `${lines[4]},"Ghi chú bị thiếu ngoặc đóng`;
    const rest = Array.from({ length: 600 }, (_, i) => `${i},Nội dung dòng thêm số ${i} của một tệp dài,Phòng Kinh tế,Quý II/2026`);
    const text = `${[...lines, ...rest].join('\n')}"\n`;
    const result = tableImportText(text, { format: 'csv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(IMPORT_FAILURE_CODES.tooLarge);
    expect(result.reason).toContain('dòng 5');
    expect(result.reason).toContain('ngoặc kép');
  });
});

describe('a two-row header (merged "Cơ quan thực hiện" over "Chủ trì | Phối hợp")', () => {
  const assignment = assignmentStackedGrid(fixtureRows('tan-ky-2026-tasks.tsv'));
  const forms: Array<[string, string]> = [
    ['TSV', gridToExcelTsv(assignment.grid)],
    ['CSV', gridToCsv(assignment.grid)],
    ['HTML with colspan and rowspan', gridToSpannedHtml(assignment.grid, 2)],
  ];

  for (const [form, text] of forms) {
    it(`imports every row and cell of the assignment table from ${form}, the sub-header row and its page-break repeat dropped`, () => {
      const { table, notes } = imported(text);
      expect(table.template).toBe('assignment');
      expect(table.columns.map((c) => [c.field, c.label])).toEqual([
        ['task', 'Nhiệm vụ'],
        ['lead', 'Cơ quan chủ trì'],
        ['cooperating', 'Cơ quan phối hợp'],
        ['output', 'Sản phẩm'],
        ['timeframe', 'Thời gian hoàn thành'],
      ]);
      expect(table.rows).toEqual(assignment.rows);
      expect(table.numbering.items).toBe('continuous');
      expect(notes.filter((n) => n.code === IMPORT_NOTE_CODES.stackedHeader)).toHaveLength(1);
      expect(notes.filter((n) => n.code === IMPORT_NOTE_CODES.repeatedHeader)).toHaveLength(2);
    });
  }
});

describe('computed rows', () => {
  const budget = budgetGrid(fixtureRows('tan-ky-2026-tasks.tsv'));

  it('skips the "Tổng cộng" row of a budget table with a note: 14 items, not 15', () => {
    const { table, notes } = imported(gridToExcelTsv(budget.grid));
    expect(table.template).toBe('tasks-budget');
    expect(items(table)).toHaveLength(14);
    expect(table.rows).toEqual(budget.rows);
    const skipped = notes.filter((n) => n.code === IMPORT_NOTE_CODES.totalRow);
    expect(skipped.map((n) => n.line)).toEqual([budget.grid.length]);
    expect(skipped[0]?.message).toContain('“Tổng cộng”');
  });

  it('recognises "Tổng", "Cộng", "Tổng số", "TỔNG CỘNG:" and a section\'s "Cộng mục I" as computed rows, and keeps items that merely start with "Tổng"', () => {
    const header = ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Kinh phí (trđ)'];
    for (const label of ['Tổng', 'Cộng', 'Tổng số', 'TỔNG CỘNG:', 'Tổng cộng (I+II)', 'Cộng mục I', 'Tổng phần 2']) {
      const { table } = importedGrid([header, ['1', 'Số hóa hồ sơ', 'Phòng Kinh tế', '100'], [label, '', '', '100']]);
      expect(items(table).map((r) => r.cells.task)).toEqual(['Số hóa hồ sơ']);
    }
    const { table } = importedGrid([header, ['1', 'Tổng kết năm 2026', 'Phòng Kinh tế', '100'], ['2', 'Tổng', 'Phòng Kinh tế', 'Báo cáo tổng hợp']]);
    expect(items(table).map((r) => r.cells.task)).toEqual(['Tổng kết năm 2026', 'Tổng']);
    // "Tổng" heading a row whose other cells are words, not sums: an item.
    const unnumbered = importedGrid([['Nhiệm vụ', 'Đơn vị chủ trì', 'Kinh phí (trđ)'], ['Tổng', 'Phòng Kinh tế', '50']]);
    expect(items(unnumbered.table).map((r) => r.cells.task)).toEqual(['Tổng']);
  });
});

describe('the heading above the table', () => {
  it('gives the table its title from the rows above the header, and tells the plan number, date and commune', () => {
    const grid = [
      ['PHỤ LỤC', '', ''],
      ['NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026', '', ''],
      ['(Kèm theo Kế hoạch số 123/KH-UBND ngày 05/11/2026 của UBND xã Tân Kỳ)', '', ''],
      ['TT', 'Nội dung công việc', 'Đơn vị chủ trì'],
      ['1', 'Ban hành Kế hoạch CĐS', 'Phòng Văn hóa - Xã hội'],
    ];
    const { table, heading, notes } = importedGrid(grid);
    expect(table.title).toBe('NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN KỲ NĂM 2026');
    expect(heading).toEqual({ title: table.title, planNumber: '123/KH-UBND', issuedOn: '2026-11-05', commune: 'Tân Kỳ' });
    expect(notes.find((n) => n.code === IMPORT_NOTE_CODES.heading)?.message).toContain('kế hoạch số 123/KH-UBND; ngày 05/11/2026; của UBND xã Tân Kỳ');
    expect(notes.some((n) => n.code === IMPORT_NOTE_CODES.titleWithoutYear)).toBe(false);
  });

  it('keeps a title given by the person over the heading, and the template title when there is no heading', () => {
    const grid = [['PHỤ LỤC'], ['DANH MỤC NHIỆM VỤ NĂM 2026'], ['TT', 'Nội dung công việc', 'Thời hạn'], ['1', 'Ban hành Kế hoạch', 'Năm 2026']];
    expect(tableImportGrid(grid, { title: 'Nhiệm vụ trọng tâm' })).toMatchObject({ ok: true, value: { table: { title: 'Nhiệm vụ trọng tâm' } } });
    expect(importedGrid(grid).table.title).toBe('Danh mục nhiệm vụ năm 2026');
    expect(importedGrid(grid.slice(2)).table.title).toBe('Danh mục nhiệm vụ');
  });
});
