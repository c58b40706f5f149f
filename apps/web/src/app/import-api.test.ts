import { IMPORT_MAPPING_IGNORE } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { importMappingChanges, importMappingClashes, type ImportMappingEntry } from './import-api.ts';

const read: ImportMappingEntry[] = [
  { index: 0, label: 'Nội dung công việc', field: 'task' },
  { index: 1, label: 'Cột 3', field: 'custom:cot-3' },
  { index: 2, label: 'Đơn vị chủ trì', field: 'lead' },
];

describe('the column mapping the dialog sends', () => {
  it('sends only the columns whose field the person changed', () => {
    const chosen = new Map([
      [0, 'task'],
      [1, 'cooperating'],
      [2, IMPORT_MAPPING_IGNORE],
    ]);
    expect(importMappingChanges(read, chosen)).toEqual([
      { index: 1, field: 'cooperating' },
      { index: 2, field: IMPORT_MAPPING_IGNORE },
    ]);
    expect(importMappingChanges(read, new Map())).toEqual([]);
  });

  it('finds a field chosen for two columns, but not two ignored columns', () => {
    expect([...importMappingClashes(read, new Map([[1, 'lead']]))]).toEqual(['lead']);
    expect(importMappingClashes(read, new Map([[0, IMPORT_MAPPING_IGNORE], [1, IMPORT_MAPPING_IGNORE]])).size).toBe(0);
  });
});
