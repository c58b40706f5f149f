/**
 * The report routes, mounted under /api:
 *
 *   GET  /plans/:planId/reports/:periodId[?unit=<unitId>]                     the report as JSON
 *   POST /plans/:planId/reports/:periodId/export?format=docx|xlsx[&unit=…]     the file, with the
 *        person's edits of its texts as the JSON body (`reportEditsSchema`)
 *
 * `periodId` is "2026-11", "2026-Q4", or "2026" for the year-end evaluation. Any member of the
 * plan reads the consolidated report and the year-end evaluation; a department's report is for
 * that unit's editors, the coordinator, reviewers and admins (others 403). A non-member gets the
 * 404 of an unknown plan (`planAccess`). Reports are drawn up on today's date in Vietnam.
 */
import {
  type PlanRole,
  planDocProgressRead,
  planDocReadMeta,
  planDocReadReporting,
  planDocReadTable,
  planDocTableIds,
  REPORT_QUERY_LABELS,
  REPORT_SPAN_INVALID,
  REPORT_TEXT_LABELS,
  reportBuild,
  reportEditsSchema,
  reportExportQuerySchema,
  reportFileBaseName,
  type ReportModel,
  reportQuerySchema,
  reportResponseSchema,
  reportSpanParse,
  reportTextsMerge,
  unitById,
} from '@phuluc/domain';
import { Hono } from 'hono';
import type { Membership } from '../auth/memberships.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { exportContentDisposition } from '../api/export-routes.ts';
import { type ApiDeps, type ApiEnv, inputParse, jsonBodyParse, jsonReply, sessionRequired } from '../api/http.ts';
import { planAccess } from '../api/plan-routes.ts';
import { ApiError } from '../errors.ts';
import { reportDocx } from './report-docx.ts';
import { reportXlsx } from './report-xlsx.ts';

/** Vietnam's offset from UTC: a report made at 23:00 UTC on the 19th is made on the 20th. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** Today in Vietnam, ISO yyyy-mm-dd. */
export function reportToday(now: number): string {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The roles that read every department's report. */
const READ_ANY_UNIT: ReadonlySet<PlanRole> = new Set<PlanRole>(['admin', 'coordinator', 'reviewer']);

/** Whether a member may read one unit's report: its editors, and those who read every unit's. */
export function reportUnitReadable(membership: Membership, unitId: string): boolean {
  if (READ_ANY_UNIT.has(membership.role)) return true;
  return membership.role === 'editor' && membership.unitId === unitId;
}

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The report a request asks for, checked: the period, the unit, the caller's rights. */
async function reportFor(deps: ApiDeps, user: SessionUser, planId: string, periodId: string, unit: string | undefined): Promise<ReportModel> {
  const { plan, membership } = await planAccess(deps, user, planId);
  const span = reportSpanParse(periodId);
  if (!span) throw new ApiError('validation', `Kỳ báo cáo: ${REPORT_SPAN_INVALID}`);
  const unitId = unit ?? null;
  if (unitId !== null) {
    if (!unitById(deps.ctx.units, unitId)) throw new ApiError('validation', `Đơn vị: không có đơn vị "${unitId}" trong danh mục.`);
    if (!reportUnitReadable(membership, unitId)) throw new ApiError('forbidden', 'Chỉ đơn vị đó, đơn vị đầu mối, lãnh đạo và quản trị viên được xem báo cáo của một đơn vị.');
  }
  const read = await deps.ctx.docs.withDoc(plan.id, (doc) => ({
    meta: planDocReadMeta(doc),
    tables: planDocTableIds(doc).map((id) => planDocReadTable(doc, id)),
    records: planDocProgressRead(doc).records,
    settings: planDocReadReporting(doc),
  }));
  const year = read.meta.year > 0 ? read.meta.year : plan.year;
  if (span.year !== year) throw new ApiError('validation', `Kỳ báo cáo: kế hoạch là của năm ${year}, không có kỳ "${periodId}".`);
  const unitNames = Object.fromEntries(deps.ctx.units.units.map((u) => [u.id, u.name]));
  return reportBuild({
    meta: { commune: read.meta.commune || plan.commune, year, planNumber: read.meta.planNumber, issuedOn: read.meta.issuedOn },
    tables: read.tables,
    records: read.records,
    settings: read.settings,
    unitNames,
    today: reportToday(deps.now()),
    span,
    unitId,
  });
}

/** The report routes. */
export function reportRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/plans/:planId/reports/*', sessionRequired(deps));

  app.get('/plans/:planId/reports/:periodId', async (c) => {
    const query = inputParse(reportQuerySchema, c.req.query(), REPORT_QUERY_LABELS);
    const model = await reportFor(deps, c.get('user'), c.req.param('planId'), c.req.param('periodId'), query.unit);
    c.header('Cache-Control', 'private, no-store');
    return jsonReply(c, reportResponseSchema, model);
  });

  app.post('/plans/:planId/reports/:periodId/export', async (c) => {
    const query = inputParse(reportExportQuerySchema, c.req.query(), REPORT_QUERY_LABELS);
    const model = await reportFor(deps, c.get('user'), c.req.param('planId'), c.req.param('periodId'), query.unit);
    const edits = await jsonBodyParse(c, reportEditsSchema, REPORT_TEXT_LABELS);
    const texts = reportTextsMerge(model.texts, edits);
    const bytes = query.format === 'docx' ? await reportDocx(model, texts) : await reportXlsx(model, texts);
    const fileName = `${reportFileBaseName(model)}.${query.format}`;
    return c.body(bytes.slice(), 200, {
      'Content-Type': CONTENT_TYPES[query.format],
      'Content-Disposition': exportContentDisposition(fileName),
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
    });
  });

  return app;
}
