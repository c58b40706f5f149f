/**
 * The contracts of the named versions (apps/server/src/api/version-routes.ts):
 *
 *   POST /api/plans/:planId/versions                      `versionCreateBodySchema` → 201 `versionCreateResponseSchema`
 *   GET  /api/plans/:planId/versions                      → `versionListResponseSchema`
 *   GET  /api/plans/:planId/versions/:versionId           → `versionDetailResponseSchema`
 *   GET  /api/plans/:planId/versions/:versionId/tables/:tableId → `tableModelSchema`
 *   GET  /api/plans/:planId/compare?table=&from=&to=      `compareQuerySchema` → `compareResponseSchema`
 */
import { z } from 'zod';
import { columnSchema } from '../table-model.ts';
import { planMetaSchema, tableCountedSchema, tableDiffSchema } from './values.ts';

/** The longest name of a version. */
export const VERSION_NAME_MAX = 120;

/** The word for the live plan in `from` / `to`. */
export const VERSION_LIVE = 'live';

/** `POST …/versions`'s body: the name to save the plan under ("Dự thảo lần 1", "Trình ký"). */
export const versionCreateBodySchema = z.object({
  name: z
    .string({ error: 'phải là một chuỗi ký tự' })
    .trim()
    .min(1, { error: 'không được để trống' })
    .max(VERSION_NAME_MAX, { error: `tối đa ${VERSION_NAME_MAX} ký tự` })
    .refine((name) => !/\p{Cc}/u.test(name), { error: 'không được chứa ký tự điều khiển' }),
});
/** The Vietnamese names of its fields, for validation messages. */
export const VERSION_CREATE_BODY_LABELS = { name: 'Tên phiên bản' } as const;

/** A version as the API shows it. */
export const versionSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Bytes of its frozen document. */
  size: z.number(),
});
export type Version = z.infer<typeof versionSchema>;

/** The answer to saving a version. */
export const versionCreateResponseSchema = z.object({ version: versionSchema });

/** The plan's versions, newest first. */
export const versionListResponseSchema = z.object({ versions: z.array(versionSchema) });

/** One version: its record, its meta and its tables. */
export const versionDetailResponseSchema = z.object({ version: versionSchema, meta: planMetaSchema, tables: z.array(tableCountedSchema) });
export type VersionDetail = z.infer<typeof versionDetailResponseSchema>;

/** The comparison's query: a table, and two sides (`VERSION_LIVE` or a version id). */
export const compareQuerySchema = z.object({
  table: z.string({ error: 'hãy chọn bảng' }).min(1, { error: 'hãy chọn bảng' }),
  from: z.string({ error: 'hãy chọn phiên bản' }).min(1, { error: 'hãy chọn phiên bản' }),
  to: z.string().min(1).default(VERSION_LIVE),
});
/** The Vietnamese names of its parameters, for validation messages. */
export const COMPARE_QUERY_LABELS = { table: 'Bảng', from: 'Phiên bản gốc', to: 'Phiên bản so sánh' } as const;

/** One side of a comparison: the live plan or a version, and whether it lacks the table. */
export const compareSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('live'), missing: z.boolean() }),
  z.object({ kind: z.literal('version'), version: versionSchema, missing: z.boolean() }),
]);
export type CompareSide = z.infer<typeof compareSideSchema>;

/** What changed in a table from one side to the other. */
export const compareResponseSchema = z.object({
  table: z.object({ id: z.string(), title: z.string() }),
  /** Every column either side has, the new side's first (labels for whole rows added or removed). */
  columns: z.array(columnSchema),
  from: compareSideSchema,
  to: compareSideSchema,
  diff: tableDiffSchema,
});
export type Compare = z.infer<typeof compareResponseSchema>;
