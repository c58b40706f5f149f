/**
 * The contract of the export routes (live table and a version's):
 *
 *   GET /api/plans/:planId/tables/:tableId/export?format=…[&draft=1]
 *   GET /api/plans/:planId/versions/:versionId/tables/:tableId/export?format=…[&draft=1]
 *
 * The answer is the file, or 422 `exportRefusedSchema` when a final export of an official format
 * (`EXPORT_OFFICIAL_FORMATS`) meets errors; data formats always answer with the file.
 */
import { z } from 'zod';
import { apiErrorBodySchema } from './errors.ts';
import { findingSchema } from './values.ts';

/** The formats a table exports to, in the order menus show them. */
export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The official formats: the appendix as it goes into the signed plan. Only these are held back
 * while the table has errors (exported then only as a draft). The others (XLSX, CSV, JSON) are
 * the table's data, which a clerk needs precisely to fix the errors: they always export.
 */
export const EXPORT_OFFICIAL_FORMATS = ['docx', 'pdf'] as const satisfies readonly ExportFormat[];

/** True for a format of the signed appendix (DOCX, PDF), false for a data export. */
export function exportFormatIsOfficial(format: ExportFormat): boolean {
  return (EXPORT_OFFICIAL_FORMATS as readonly ExportFormat[]).includes(format);
}

/** What an export of a table does: refused, or a file, marked as a draft or not. */
export type ExportDecision = { kind: 'refused' } | { kind: 'file'; draft: boolean };

/**
 * The one rule of what a table's validation does to an export. Without errors: the file, a draft
 * only when asked. With errors: an official format is refused unless a draft is asked for; a data
 * format is never refused, but comes as a draft (its pages, file name say so) — the data inside
 * is the same either way.
 */
export function exportDecide(format: ExportFormat, state: { hasErrors: boolean; draftAsked: boolean }): ExportDecision {
  if (!state.hasErrors) return { kind: 'file', draft: state.draftAsked };
  if (exportFormatIsOfficial(format) && !state.draftAsked) return { kind: 'refused' };
  return { kind: 'file', draft: true };
}

/** The export's query. */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `chỉ nhận ${EXPORT_FORMATS.join(', ')}` }),
  draft: z.enum(['0', '1', 'true', 'false'], { error: 'chỉ nhận 1 (có) hoặc 0 (không)' }).optional(),
});
/** The Vietnamese names of its parameters, for validation messages. */
export const EXPORT_QUERY_LABELS = { format: 'Định dạng', draft: 'Dự thảo' } as const;

/** The 422 answer to a final official export of a table with errors: the error and the findings. */
export const exportRefusedSchema = apiErrorBodySchema.extend({ findings: z.array(findingSchema) });
export type ExportRefused = z.infer<typeof exportRefusedSchema>;
