/**
 * The export route, mounted under /api:
 *
 *   GET /plans/:planId/tables/:tableId/export?format=docx|xlsx|pdf|csv|json[&draft=1]
 *
 * For members of the plan (any role). The live table is validated first, and the domain's
 * `exportDecide` rules: a table with errors answers a DOCX or PDF (the official appendix) with 422
 * `{ error: { code: "exportHasErrors", message }, findings }` unless `draft=1`, whose file carries
 * "DỰ THẢO" on every page; XLSX, CSV and JSON (the data) always come, marked as a draft. The file comes as an attachment named in Vietnamese
 * (RFC 5987 `filename*`) with a plain ASCII `filename` for older clients.
 */
import {
  EXPORT_QUERY_LABELS,
  exportFileNameAscii,
  exportQuerySchema,
  exportRefusedSchema,
  type Finding,
  PlanDocError,
  planDocReadMeta,
  planDocReadTable,
} from '@phuluc/domain';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ApiError, HTTP_STATUS_BY_CODE } from '../errors.ts';
import { exportTable } from '../exports/export.ts';
import { type ApiDeps, type ApiEnv, inputParse, jsonReply, sessionRequired } from './http.ts';
import { planAccess } from './plan-routes.ts';

/** A header parameter value per RFC 5987 (encodeURIComponent leaves ' ( ) * as they are). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="Phu luc….docx"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c….docx`. */
export function exportContentDisposition(fileName: string): string {
  return `attachment; filename="${exportFileNameAscii(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** The 422 answer to a final official export of a table with errors: `exportHasErrors` with the export's message, and the findings. */
export function exportRefusedJson(c: Context, refused: { message: string; findings: Finding[] }): Response {
  const error = new ApiError('exportHasErrors', refused.message);
  return jsonReply(c, exportRefusedSchema, { ...error.toBody(), findings: refused.findings }, HTTP_STATUS_BY_CODE[error.code]);
}

/** The export route. */
export function exportRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/plans/:planId/tables/:tableId/export', sessionRequired(deps));

  app.get('/plans/:planId/tables/:tableId/export', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const query = inputParse(exportQuerySchema, c.req.query(), EXPORT_QUERY_LABELS);
    const tableId = c.req.param('tableId');
    const { table, meta } = await deps.ctx.docs.withDoc(plan.id, (doc) => {
      try {
        return { table: planDocReadTable(doc, tableId), meta: planDocReadMeta(doc) };
      } catch (error) {
        if (error instanceof PlanDocError && error.code === 'table-missing') throw new ApiError('tableNotFound', undefined, { cause: error });
        throw error;
      }
    });
    const planYear = meta.year > 0 ? meta.year : plan.year;
    const result = await exportTable(table, { ...meta, commune: meta.commune || plan.commune, year: planYear }, query.format, {
      draft: query.draft === '1' || query.draft === 'true',
      units: deps.ctx.units,
      planYear,
    });
    if (!result.ok) return exportRefusedJson(c, result);
    return c.body(result.bytes.slice(), 200, {
      'Content-Type': result.contentType,
      'Content-Disposition': exportContentDisposition(result.fileName),
      'Content-Length': String(result.bytes.length),
      'Cache-Control': 'private, no-store',
    });
  });

  return app;
}
