import { describe, expect, it } from 'vitest';
import type { Finding, RowModel } from '@phuluc/domain';
import { completenessByUnit, completenessPercent } from './completeness.ts';

const item = (id: string, owners: string[]): RowModel => ({ id, kind: 'item', owners, cells: {} });
const error = (rowId: string): Finding => ({ code: 'output.missing', severity: 'error', tableId: 't', rowId, field: 'output', message: 'Thiếu', row: '1' });
const warning = (rowId: string): Finding => ({ ...error(rowId), code: 'row.duplicate', severity: 'warning' });

describe('completenessByUnit', () => {
  it('counts, per lead unit, the rows without errors (warnings do not count against)', () => {
    const rows = [item('a', ['kt']), item('b', ['kt']), item('c', ['vp', 'kt']), item('d', []), { id: 's', kind: 'section', label: 'I' } as RowModel];
    const result = completenessByUnit(rows, [error('a'), warning('b'), error('d')]);
    expect(result).toEqual([
      { unitId: 'kt', rows: 3, complete: 2 },
      { unitId: 'vp', rows: 1, complete: 1 },
      { unitId: null, rows: 1, complete: 0 },
    ]);
    expect(completenessPercent({ unitId: 'kt', rows: 3, complete: 2 })).toBe(66);
    expect(completenessPercent({ unitId: 'x', rows: 0, complete: 0 })).toBe(100);
  });
});
