import { tableImportGrid, type TableModel } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { columnMappingApply, columnMappingOf } from './column-mapping.ts';

function imported(grid: string[][]): TableModel {
  const result = tableImportGrid(grid);
  if (!result.ok) throw new Error(result.reason);
  return result.value.table;
}

const grid = [
  ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', '', 'Thời hạn'],
  ['1', 'Rà soát thủ tục', 'Văn phòng HĐND và UBND xã', 'Phòng Kinh tế', 'Quý I/2026'],
];

describe('columnMappingApply', () => {
  it('lists the columns the importer recognised, untitled ones included', () => {
    expect(columnMappingOf(imported(grid)).map((m) => [m.index, m.label, m.field])).toEqual([
      [0, 'Nội dung công việc', 'task'],
      [1, 'Đơn vị chủ trì', 'lead'],
      [2, 'Cột 4', 'custom:cot-4'],
      [3, 'Thời hạn', 'timeframe'],
    ]);
  });

  it('moves a column’s cells to the field it is given, naming an untitled column after it', () => {
    const result = columnMappingApply(imported(grid), [{ index: 2, field: 'cooperating' }]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.columns.map((c) => [c.field, c.label])).toEqual([
      ['task', 'Nội dung công việc'],
      ['lead', 'Đơn vị chủ trì'],
      ['cooperating', 'Đơn vị phối hợp'],
      ['timeframe', 'Thời hạn'],
    ]);
    expect(result.value.rows[0]).toMatchObject({ cells: { cooperating: 'Phòng Kinh tế' } });
    expect(result.value.template).toBe('tasks-basic');
  });

  it('leaves the table as it is for an empty mapping, and drops ignored columns', () => {
    const table = imported(grid);
    expect(columnMappingApply(table, [])).toEqual({ ok: true, value: table });
    const dropped = columnMappingApply(table, [{ index: 2, field: 'ignore' }]);
    expect(dropped.ok && dropped.value.rows[0]?.kind === 'item' && Object.keys(dropped.value.rows[0].cells)).toEqual(['task', 'lead', 'timeframe']);
  });

  it('refuses an unknown field, a column that does not exist, a field given twice, and ignoring everything', () => {
    const table = imported(grid);
    const reason = (m: Array<{ index: number; field: string }>): string => {
      const r = columnMappingApply(table, m);
      return r.ok ? '' : r.reason;
    };
    expect(reason([{ index: 0, field: 'khong-co' }])).toMatch(/Không có trường «khong-co»/);
    expect(reason([{ index: 9, field: 'task' }])).toMatch(/Cột thứ 10 không có trong bảng nhập \(bảng có 4 cột\)/);
    expect(reason([{ index: 3, field: 'lead' }])).toMatch(/Hai cột «Đơn vị chủ trì» và «Thời hạn» cùng được gán vào «Đơn vị chủ trì»/);
    expect(reason([0, 1, 2, 3].map((index) => ({ index, field: 'ignore' })))).toMatch(/ít nhất một cột/);
  });
});

describe('columnMappingApply: headers of corrected columns', () => {
  it('gives a column the clerk maps to a known field the layout’s header for it', () => {
    const table = imported([
      ['STT', 'Nhiệm vụ cụ thể', 'Chi tiết nhiệm vụ', 'Bộ phận thực hiện', 'Thời gian thực hiện'],
      ['1', 'Nâng cấp hạ tầng số', 'Kiểm kê thiết bị', 'Văn phòng HĐND và UBND xã', 'Quý I–IV/2026'],
    ]);
    const index = table.columns.findIndex((c) => c.label === 'Bộ phận thực hiện');
    const result = columnMappingApply(table, [{ index, field: 'lead' }]);
    expect(result.ok && result.value.columns[index]).toEqual({ field: 'lead', label: 'Người/Đơn vị chủ trì', width: table.columns[index]?.width });
    expect(result.ok && result.value.template).toBe('tasks-detailed');
  });
});
