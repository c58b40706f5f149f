/**
 * The contracts of the plan routes:
 *
 *   GET    /api/plans                       → `planListResponseSchema`
 *   POST   /api/plans                       `planCreateBodySchema` (JSON or multipart with a `file`) → 201 `planCreateResponseSchema`
 *   GET    /api/plans/:planId               → `planDetailResponseSchema`
 *   DELETE /api/plans/:planId               → `okResponseSchema`
 *   GET    /api/plans/:planId/tables/:id    → `tableModelSchema`
 *   GET    /api/units                       → `unitsResponseSchema`
 */
import { z } from 'zod';
import { PLAN_YEARS } from '../plan-limits.ts';
import { IMPORT_TEXT_FORMATS } from './imports.ts';
import { planMetaSchema, planRoleSchema, tableCountedSchema, tableRefSchema, templateIdSchema, unitRefSchema, unitSchema } from './values.ts';

/** `POST /api/plans`'s body: an empty plan, one from a template, or one from an imported table. */
export const planCreateBodySchema = z.object({
  commune: z.string().trim().min(1).max(100),
  province: z.string().trim().max(100).optional(),
  year: z.coerce.number().int().min(PLAN_YEARS.min).max(PLAN_YEARS.max),
  title: z.string().trim().min(1).max(300).optional(),
  template: templateIdSchema.optional(),
  /** The text of a table to import (TSV / CSV as pasted, or the HTML of a clipboard). */
  text: z.string().min(1).optional(),
  format: z.enum(IMPORT_TEXT_FORMATS).optional(),
  /** Which appendix table of an uploaded file with several (0-based). */
  tableIndex: z.coerce.number().int().min(0).max(1000).optional(),
});
/** The Vietnamese names of its fields, for validation messages. */
export const PLAN_CREATE_BODY_LABELS = {
  commune: 'Tên xã',
  province: 'Tỉnh',
  year: 'Năm kế hoạch',
  title: 'Tên kế hoạch',
  template: 'Mẫu bảng',
  text: 'Nội dung bảng',
  format: 'Định dạng',
  tableIndex: 'Bảng',
} as const;

/** A plan's own record. */
export const planRecordSchema = z.object({
  id: z.string(),
  commune: z.string(),
  province: z.string().nullable(),
  year: z.number().int(),
  title: z.string(),
  createdAt: z.number(),
});

/** A plan in the list: its record, its number of tables, and the caller's role and unit in it. */
export const planSummarySchema = planRecordSchema.omit({ createdAt: true }).extend({
  tables: z.number().int().nonnegative(),
  myRole: planRoleSchema,
  myUnit: unitRefSchema.nullable(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** `GET /api/plans`'s answer: the plans the caller may see. */
export const planListResponseSchema = z.object({ plans: z.array(planSummarySchema) });

/** `POST /api/plans`'s answer: the plan, its tables, and the importer's notes. */
export const planCreateResponseSchema = z.object({
  plan: planRecordSchema,
  tables: z.array(tableCountedSchema),
  notes: z.array(z.object({ line: z.number().optional(), message: z.string() })),
});

/** `GET /api/plans/:planId`'s answer: the plan with its meta, its tables, and the caller's role and unit. */
export const planDetailResponseSchema = z.object({
  plan: planRecordSchema.extend({ meta: planMetaSchema }),
  tables: z.array(tableRefSchema),
  myRole: planRoleSchema,
  myUnit: unitRefSchema.nullable(),
});
export type PlanDetail = z.infer<typeof planDetailResponseSchema>;

/** `GET /api/units`'s answer: the unit directory. */
export const unitsResponseSchema = z.object({ units: z.array(unitSchema) });
