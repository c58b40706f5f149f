/**
 * The contract of the report routes (a period's report of a plan, DESIGN.md "The year after signing"):
 *
 *   GET  /api/plans/:planId/reports/:periodId[?unit=<unitId>]                → `reportResponseSchema`
 *   POST /api/plans/:planId/reports/:periodId/export?format=docx|xlsx[&unit=…] with the edits
 *        (`reportEditsSchema`) as the JSON body                              → the file
 *
 * `periodId` is "2026-11", "2026-Q4", or "2026" for the year-end evaluation; `unit` asks for one
 * department's report instead of the consolidated one.
 */
import { z } from 'zod';
import { reportModelSchema } from '../progress/report.ts';

/** The answer of GET …/reports/:periodId: the report as data, its default texts included. */
export const reportResponseSchema = reportModelSchema;
export type ReportResponse = z.infer<typeof reportResponseSchema>;

/** The formats a report is downloaded in. */
export const REPORT_FORMATS = ['docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The query of GET …/reports/:periodId. */
export const reportQuerySchema = z.object({ unit: z.string().min(1).max(100).optional() });

/** The query of POST …/reports/:periodId/export. */
export const reportExportQuerySchema = reportQuerySchema.extend({
  format: z.enum(REPORT_FORMATS, { error: `chỉ nhận ${REPORT_FORMATS.join(', ')}` }),
});

/** The Vietnamese names of the report queries' parameters, for validation messages. */
export const REPORT_QUERY_LABELS = { unit: 'Đơn vị', format: 'Định dạng' } as const;
