/**
 * The API's value schemas describe exactly the domain's own types (a field added to `Finding` or
 * `TableDiff` and not to its schema fails the type check here), and they accept real values.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { fixtureTable } from '../plan-doc-fixtures.test-helper.ts';
import type { PlanMeta } from '../plan-doc.ts';
import { tableDiff, type TableDiff } from '../table-diff.ts';
import { unitDirectoryDefault, type Unit } from '../units.ts';
import { type Finding, validateTable } from '../validate.ts';
import type { planMetaSchema} from './values.ts';
import { findingSchema, tableDiffSchema, unitSchema } from './values.ts';

describe('the API value schemas', () => {
  it('have the domain types as their types', () => {
    expectTypeOf<z.infer<typeof unitSchema>>().branded.toEqualTypeOf<Unit>();
    expectTypeOf<z.infer<typeof findingSchema>>().branded.toEqualTypeOf<Finding>();
    expectTypeOf<z.infer<typeof planMetaSchema>>().branded.toEqualTypeOf<PlanMeta & { schemaVersion: number }>();
    expectTypeOf<z.infer<typeof tableDiffSchema>>().branded.toEqualTypeOf<TableDiff>();
  });

  it('accept the units, findings and diffs of a real plan unchanged', () => {
    const units = unitDirectoryDefault();
    const table = fixtureTable('tan-thanh-2026-tasks.tsv', 'tasks-detailed');
    const edited = { ...table, title: `${table.title} (sửa)`, rows: table.rows.slice(1) };
    const findings = validateTable(table, { tableId: 't1', planYear: 2026, units });
    const diff = tableDiff(table, edited);
    expect(findings.length).toBeGreaterThan(0);
    expect(diff.rows.length).toBeGreaterThan(0);
    expect(units.units.map((u) => unitSchema.parse(u))).toEqual(units.units);
    expect(findings.map((f) => findingSchema.parse(f))).toEqual(findings);
    expect(tableDiffSchema.parse(diff)).toEqual(diff);
  });
});
