/**
 * The domain's values as the HTTP API carries them (JSON): a unit, a finding of the validators,
 * a plan's meta, a table's diff. Each schema describes exactly the type the domain already has
 * (`values.test.ts` checks both agree), so an answer that carries one is checked field by field.
 */
import { z } from 'zod';
import { PLAN_ROLES } from '../permissions.ts';
import { rowModelSchema } from '../table-model.ts';
import { TEMPLATE_IDS } from '../templates.ts';
import { UNIT_SCOPES } from '../units.ts';
import { FINDING_RULES, type FindingCode } from '../validate.ts';

/** A unit of the directory (`Unit`). */
export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(UNIT_SCOPES),
  aliases: z.array(z.string()),
});

/** A unit named in an answer: its id and canonical name. */
export const unitRefSchema = z.object({ id: z.string(), name: z.string() });
export type UnitRef = z.infer<typeof unitRefSchema>;

/** A role in a plan. */
export const planRoleSchema = z.enum(PLAN_ROLES);

/** A template id. */
export const templateIdSchema = z.enum(TEMPLATE_IDS);

const FINDING_CODES = Object.keys(FINDING_RULES) as [FindingCode, ...FindingCode[]];

/** A finding of the validators (`Finding`). */
export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(['error', 'warning']),
  tableId: z.string(),
  rowId: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
  row: z.string().nullable(),
});

/** A plan's meta as read from its document (`PlanMeta` and the schema version). */
export const planMetaSchema = z.object({
  schemaVersion: z.number(),
  commune: z.string(),
  province: z.string(),
  year: z.number(),
  title: z.string(),
  planNumber: z.string(),
  issuedOn: z.string(),
});

/** A table of a plan in a list: its id, title and template. */
export const tableRefSchema = z.object({ id: z.string(), title: z.string(), template: templateIdSchema });

/** A table of a plan in a list, with its number of rows. */
export const tableCountedSchema = tableRefSchema.extend({ rows: z.number().int().nonnegative() });

const redlineSegmentSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });

/** Everything that differs between two states of a table (`TableDiff`). */
export const tableDiffSchema = z.object({
  title: z.array(redlineSegmentSchema).nullable(),
  columns: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'renamed', 'moved']),
      field: z.string(),
      label: z.string(),
      fromLabel: z.string().optional(),
      fromIndex: z.number().nullable(),
      toIndex: z.number().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      rowId: z.string(),
      kind: z.enum(['section', 'item']),
      change: z.enum(['added', 'removed', 'kept']),
      moved: z.boolean(),
      fromCite: z.string(),
      toCite: z.string(),
      fromIndex: z.number().nullable(),
      toIndex: z.number().nullable(),
      row: rowModelSchema,
      cells: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string(), redline: z.array(redlineSegmentSchema) })),
    }),
  ),
  counts: z.object({
    added: z.number(),
    removed: z.number(),
    moved: z.number(),
    changed: z.number(),
    cells: z.number(),
    columns: z.number(),
  }),
  unchanged: z.number(),
});
