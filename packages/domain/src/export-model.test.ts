import { describe, expect, it } from 'vitest';
import {
  EXPORT_TEXT_WIDTH_MM,
  exportAttachedLine,
  exportCellLines,
  exportColumnWidths,
  exportFileName,
  exportFileNameAscii,
  exportHeaderLabels,
  exportKeepHeight,
  exportKeepsWithNext,
  exportModelBuild,
  exportPageStarts,
  type ExportRow,
} from './export-model.ts';
import { fixtureRead } from './fixtures.test-helper.ts';
import { tableImportText } from './import/index.ts';
import type { TableModel } from './table-model.ts';
import { TEMPLATES, templateColumnsForYear } from './templates.ts';
import { unitDirectoryDefault } from './units.ts';

const units = unitDirectoryDefault();
const options = { draft: false, units, planYear: 2026 };
const meta = { commune: 'Tân Thanh', planNumber: '25', issuedOn: '2026-01-15', year: 2026 };

function fixtureTable(name: string): TableModel {
  const imported = tableImportText(fixtureRead(name));
  if (!imported.ok) throw new Error(imported.reason);
  return imported.value.table;
}

const itemNumbers = (rows: ExportRow[]) => rows.map((r) => (r.kind === 'section' ? r.text : r.number));

/** The Tân Kỳ tasks laid out with budgets, as a commune with the "tasks with budget" layout writes them. */
function budgetTable(): TableModel {
  const source = fixtureTable('tan-ky-2026-tasks.tsv');
  const amounts = ['1.250', '56,36', '120 trđ', '', 'không rõ'];
  const items = source.rows.flatMap((row) => (row.kind === 'item' ? [row] : [])).slice(0, amounts.length);
  return {
    title: 'Danh mục nhiệm vụ và kinh phí thực hiện năm 2026',
    template: 'tasks-budget',
    numbering: { ...TEMPLATES['tasks-budget'].numbering },
    numberWidth: TEMPLATES['tasks-budget'].numberWidth,
    columns: templateColumnsForYear('tasks-budget', 2026),
    rows: [
      { kind: 'section', label: 'CHÍNH QUYỀN SỐ' },
      ...items.map((row, i) => {
        const budget = amounts[i] ?? '';
        return { ...row, cells: { ...row.cells, output: 'Hoàn thành', budget, fundingSource: budget ? 'Ngân sách xã' : '' } };
      }),
    ],
  };
}

describe('the heading block', () => {
  it('reads the plan number, the date and the commune from the plan', () => {
    expect(exportAttachedLine(meta)).toBe('(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh)');
  });

  it('leaves "…" where the plan has no number, date or commune yet', () => {
    expect(exportAttachedLine({ commune: '', planNumber: '', issuedOn: '' })).toBe(
      '(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND xã …)',
    );
  });

  it('keeps a plan number written with its symbol and a commune written as a ward', () => {
    expect(exportAttachedLine({ commune: 'Phường An Khánh', planNumber: '07/KH-UBND', issuedOn: '' })).toBe(
      '(Kèm theo Kế hoạch số 07/KH-UBND ngày … tháng … năm … của UBND phường An Khánh)',
    );
  });

  it('prints "PHỤ LỤC" and the table title in capitals, and a title-less table under its layout name', () => {
    const model = exportModelBuild(fixtureTable('tan-thanh-2026-tasks.tsv'), meta, options);
    expect(model.heading).toBe('PHỤ LỤC');
    expect(model.title).toBe('DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ');
    const untitled = exportModelBuild({ ...fixtureTable('tan-ky-2026-kpi.tsv'), title: '  ' }, meta, options);
    expect(untitled.title).toBe('BẢNG KPI CHUYỂN ĐỔI SỐ NĂM 2026');
  });
});

describe('the table of Tân Thanh (sections I–III, STT restarting in each)', () => {
  const model = exportModelBuild(fixtureTable('tan-thanh-2026-tasks.tsv'), meta, options);

  it('has the STT column first, then the columns of the table with their widths', () => {
    expect(exportHeaderLabels(model)).toEqual([
      'STT',
      'Nhiệm vụ cụ thể',
      'Chi tiết nhiệm vụ',
      'Người/Đơn vị chủ trì',
      'Thời gian thực hiện',
      'Sản phẩm/Kết quả đầu ra',
      'Cơ quan hướng dẫn/kiểm tra',
      'Theo dõi',
      'Ghi chú',
    ]);
    expect(model.columns.map((c) => c.widthMm)).toEqual([12, 40, 55, 32, 22, 32, 25, 22, 15]);
    expect(model.columns[0]).toMatchObject({ field: null, kind: 'number', align: 'center' });
    expect(model.columns.find((c) => c.field === 'timeframe')?.align).toBe('center');
  });

  it('numbers sections I, II, III and restarts STT in each', () => {
    const numbers = itemNumbers(model.rows);
    expect(numbers[0]).toBe('I. CHÍNH QUYỀN SỐ');
    expect(numbers.slice(1, 4)).toEqual(['1', '2', '3']);
    const second = numbers.findIndex((n) => n.startsWith('II. '));
    expect(numbers[second + 1]).toBe('1');
    expect(numbers.filter((n) => /^[IVX]+\. /.test(n))).toHaveLength(3);
  });

  it('puts the computed STT in the number cell and the text in the others', () => {
    const first = model.rows[1];
    expect(first?.kind).toBe('item');
    if (first?.kind !== 'item') return;
    expect(first.cells[0]?.lines).toEqual(['1']);
    expect(first.cells[1]?.lines).toEqual(['Thực hiện và báo cáo định kỳ theo Kế hoạch 02-KH/BCĐTW']);
    expect(first.cells).toHaveLength(9);
  });

  it('has no total without a budget column, and only warnings', () => {
    expect(model.total).toBeNull();
    expect(model.hasErrors).toBe(false);
    expect(model.findings.map((f) => f.code)).toEqual(['lead.unknown', 'lead.unknown', 'lead.unknown']);
    expect(model.fontPt).toEqual({ heading: 14, table: 11 });
  });

  it('scales the column widths to the 252 mm text width of an A4 landscape page', () => {
    const widths = exportColumnWidths(model, EXPORT_TEXT_WIDTH_MM);
    expect(EXPORT_TEXT_WIDTH_MM).toBe(252);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(252, 6);
    expect(widths[2]).toBeCloseTo((55 / 255) * 252, 6);
  });
});

describe('a table without a number column (the Tân Kỳ KPI)', () => {
  it('has no STT column and items without numbers', () => {
    const model = exportModelBuild(fixtureTable('tan-ky-2026-kpi.tsv'), meta, options);
    expect(exportHeaderLabels(model)).toEqual(['Chỉ tiêu/KPI', 'Mức theo dõi năm 2026', 'Đơn vị chủ trì theo dõi']);
    expect(model.rows.every((r) => r.kind === 'item' && r.number === '')).toBe(true);
    expect(model.fontPt.table).toBe(12);
  });
});

describe('budgets', () => {
  const model = exportModelBuild(budgetTable(), meta, options);
  const budgetAt = model.columns.findIndex((c) => c.field === 'budget');

  it('are read as numbers and printed the Vietnamese way, unreadable ones kept as written', () => {
    const cells = model.rows.filter((r) => r.kind === 'item').map((r) => (r.kind === 'item' ? r.cells[budgetAt] : undefined));
    expect(cells.map((c) => c?.value)).toEqual([1250, 56.36, 120, null, null]);
    expect(cells.map((c) => c?.lines.join('|'))).toEqual(['1.250', '56,36', '120', '', 'không rõ']);
    expect(model.columns[budgetAt]).toMatchObject({ kind: 'money', align: 'right' });
  });

  it('are summed in a total row whose label spans the columns before the budget', () => {
    expect(model.total?.label).toBe('Tổng cộng');
    expect(model.total?.labelSpan).toBe(budgetAt);
    expect(model.total?.values[budgetAt]).toBe(1426.36);
    expect(model.total?.values.filter((v) => v !== null)).toHaveLength(1);
  });

  it('an unreadable amount is an error: the model says the table may only go out as a draft', () => {
    expect(model.hasErrors).toBe(true);
    expect(model.findings.some((f) => f.code === 'budget.invalid' && f.severity === 'error')).toBe(true);
  });
});

describe('cells and file names', () => {
  it('keeps the lines of a multi-line cell and drops trailing blank lines', () => {
    expect(exportCellLines('- Kiểm kê thiết bị\r\n- Đề xuất nâng cấp\n\n')).toEqual(['- Kiểm kê thiết bị', '- Đề xuất nâng cấp']);
    expect(exportCellLines('')).toEqual(['']);
  });

  it('names the file after the table and the commune, marks a draft, and has an ASCII twin', () => {
    const model = exportModelBuild(fixtureTable('tan-thanh-2026-tasks.tsv'), meta, { ...options, draft: true });
    expect(exportFileName(model, 'docx')).toBe('Phụ lục - Danh mục nhiệm vụ chuyển đổi số - Tân Thanh (dự thảo).docx');
    expect(exportFileNameAscii(exportFileName(model, 'docx'))).toBe('Phu luc - Danh muc nhiem vu chuyen doi so - Tan Thanh (du thao).docx');
    const odd = exportModelBuild({ ...fixtureTable('tan-ky-2026-kpi.tsv'), title: 'KPI: "năm" 2026/2027' }, { ...meta, commune: '' }, options);
    expect(odd.fileBaseName).toBe('Phụ lục - KPI năm 2026 2027');
  });
});

describe('keeping rows together on printed pages', () => {
  it('keeps a section row with the row after it, and the last row with the total', () => {
    const model = exportModelBuild(budgetTable(), meta, options);
    const keeps = exportKeepsWithNext(model);
    expect(keeps).toHaveLength(model.rows.length + 1);
    expect(keeps[0]).toBe(true); // "I. CHÍNH QUYỀN SỐ"
    expect(keeps.slice(1, -2).every((k) => !k)).toBe(true);
    expect(keeps.at(-2)).toBe(true); // the last task, before "Tổng cộng"
    expect(keeps.at(-1)).toBe(false);
    const noTotal = exportModelBuild(fixtureTable('tan-thanh-2026-tasks.tsv'), meta, options);
    expect(exportKeepsWithNext(noTotal)).toEqual(noTotal.rows.map((r) => r.kind === 'section'));
  });

  it('needs room for a section, its sub-section and the first item together — unless they outgrow a page', () => {
    const heights = [10, 10, 30, 30];
    const keeps = [true, true, false, false];
    expect(exportKeepHeight(heights, keeps, 0, 100)).toBe(50);
    expect(exportKeepHeight(heights, keeps, 1, 100)).toBe(40);
    expect(exportKeepHeight(heights, keeps, 2, 100)).toBe(30);
    expect(exportKeepHeight(heights, keeps, 0, 45)).toBe(10);
  });

  it('starts a new page at a section that would end a page, never at a section’s first item', () => {
    // Items of 20, a section of 10 at index 4: on a page of 95 the section fits (90) but its item does not.
    const heights = [20, 20, 20, 20, 10, 20, 20];
    const keeps = [false, false, false, false, true, false, false];
    expect(exportPageStarts(heights, keeps, { first: 95, next: 95 })).toEqual([{ index: 4, kept: true }]);
    expect(exportPageStarts(heights, keeps.map(() => false), { first: 95, next: 95 })).toEqual([{ index: 5, kept: false }]);
  });

  it('carries the last item over with the total rather than leave the total alone', () => {
    const heights = [20, 20, 20, 20, 10];
    const keeps = [false, false, false, true, false];
    expect(exportPageStarts(heights, keeps, { first: 85, next: 100 })).toEqual([{ index: 3, kept: true }]);
    expect(exportPageStarts(heights, keeps, { first: 75, next: 100 })).toEqual([{ index: 3, kept: false }]);
    expect(exportPageStarts(heights, keeps, { first: 95, next: 100 })).toEqual([]);
  });

  it('places a row taller than a page on its own page and goes on after it', () => {
    expect(exportPageStarts([10, 150, 10], [false, false, false], { first: 100, next: 100 })).toEqual([
      { index: 1, kept: false },
      { index: 2, kept: false },
    ]);
  });
});
