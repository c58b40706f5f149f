import { tableModelSchema } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { fixtureTable } from './export-fixtures.test-helper.ts';
import { exportJson } from './json.ts';

describe('the JSON export', () => {
  it('is the domain table model, numbers computed, as tableModelSchema reads it', () => {
    const table = fixtureTable('xuan-loc-2026-indicators');
    const parsed = tableModelSchema.parse(JSON.parse(new TextDecoder().decode(exportJson(table))));
    expect(parsed.template).toBe('indicators');
    expect(parsed.columns).toEqual(table.columns);
    expect(parsed.rows.map((r) => r.number).slice(0, 4)).toEqual(['A', '1', '2', 'B']);
    expect(parsed.rows).toHaveLength(table.rows.length);
  });

  it('computes numbers a table arrives without', () => {
    const table = fixtureTable('tan-thanh-2026-tasks');
    const bare = { ...table, rows: table.rows.map(({ number: _, ...row }) => row) };
    const parsed = tableModelSchema.parse(JSON.parse(new TextDecoder().decode(exportJson(bare))));
    expect(parsed.rows.slice(0, 3).map((r) => r.number)).toEqual(['I', '1', '2']);
  });
});
