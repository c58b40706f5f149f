/**
 * The contract of the export routes (live table and a version's):
 *
 *   GET /api/plans/:planId/tables/:tableId/export?format=…[&draft=1]
 *   GET /api/plans/:planId/versions/:versionId/tables/:tableId/export?format=…[&draft=1]
 *
 * The answer is the file, or 422 `exportRefusedSchema` when a final export meets errors.
 */
import { z } from 'zod';
import { apiErrorBodySchema } from './errors.ts';
import { findingSchema } from './values.ts';

/** The formats a table exports to, in the order menus show them. */
export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export's query. */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `chỉ nhận ${EXPORT_FORMATS.join(', ')}` }),
  draft: z.enum(['0', '1', 'true', 'false'], { error: 'chỉ nhận 1 (có) hoặc 0 (không)' }).optional(),
});
/** The Vietnamese names of its parameters, for validation messages. */
export const EXPORT_QUERY_LABELS = { format: 'Định dạng', draft: 'Dự thảo' } as const;

/** The 422 answer to a final export of a table with errors: the error and the findings. */
export const exportRefusedSchema = apiErrorBodySchema.extend({ findings: z.array(findingSchema) });
export type ExportRefused = z.infer<typeof exportRefusedSchema>;
