/**
 * Next year's plan from this one («Tạo kế hoạch năm 2027 từ kế hoạch này»), mounted under /api:
 *
 *   GET  /plans/:planId/next-year   the preview (`nextYearPreview`): rows carried or left out, every roll
 *   POST /plans/:planId/next-year   { include, commune?, title?, force? } → the new plan, in one transaction
 *
 * Only the plan's coordinator (or an admin) may do either; other members get 403, non-members 404.
 * The new plan (year + 1) has the same tables, sections, columns and owners, the carried rows
 * marked `carriedFrom`, the reporting settings, last year's evaluation in its meta
 * (`NEXT_YEAR_META_KEY`: JSON of `NextYearEvaluation`), and the same members with the same roles
 * and units. A second plan of the commune for that year is refused (409) unless `force`.
 */
import {
  AUDIT_ACTIONS,
  NEXT_YEAR_CREATE_BODY_LABELS,
  NEXT_YEAR_META_KEY,
  nextYearBuild,
  nextYearCreateBodySchema,
  nextYearCreateResponseSchema,
  nextYearEvaluationFormat,
  nextYearPreview,
  type NextYearPreview,
  nextYearPreviewSchema,
  planDocImportTable,
  planDocProgressRead,
  planDocReadMeta,
  planDocReadReporting,
  planDocReadTable,
  planDocSetReporting,
  planDocTableIds,
  permissionIsManager,
} from '@phuluc/domain';
import { Hono } from 'hono';
import type { SessionUser } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { auditAppend } from '../store/audit.ts';
import { planCreate, type PlanRecord, planTitleDefault } from '../store/plans.ts';
import type { Sql } from '../store/sql.ts';
import { type ApiDeps, type ApiEnv, jsonBodyParse, jsonReply, sessionRequired } from './http.ts';
import { planAccess } from './plan-routes.ts';

/** The plan, when the caller is its coordinator or an admin; 403 for its other members. */
async function planOfCoordinator(deps: ApiDeps, user: SessionUser, planId: string): Promise<PlanRecord> {
  const { plan, membership } = await planAccess(deps, user, planId);
  if (!permissionIsManager({ userId: user.userId, role: membership.role, unitId: membership.unitId })) {
    throw new ApiError('forbidden', 'Chỉ bộ phận đầu mối được tạo kế hoạch năm sau từ kế hoạch này.');
  }
  return plan;
}

/** Live plans of a commune for a year. */
function plansOfCommuneYear(sql: Sql, commune: string, year: number): Promise<Array<{ id: string; title: string }>> {
  return sql.all<{ id: string; title: string }>('SELECT id, title FROM plans WHERE commune = ? AND year = ? AND deleted_at IS NULL ORDER BY created_at', [commune, year]);
}

/** The preview of next year's plan from the plan's live document. */
async function previewOf(deps: ApiDeps, plan: PlanRecord, commune = plan.commune): Promise<NextYearPreview> {
  const existing = await plansOfCommuneYear(deps.ctx.sql, commune, plan.year + 1);
  return deps.ctx.docs.withDoc(plan.id, (doc) => {
    const meta = planDocReadMeta(doc);
    const tables = planDocTableIds(doc).map((id) => planDocReadTable(doc, id));
    const { records } = planDocProgressRead(doc);
    // The registry's year decides (a document of an older layout may lack it in its meta).
    return nextYearPreview({ planId: plan.id, meta: { ...meta, year: plan.year, commune: meta.commune || plan.commune }, tables, records, existing });
  });
}

/** The next-year routes. */
export function nextYearRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { sql, docs, units } = deps.ctx;
  const app = new Hono<ApiEnv>();
  app.use('/plans/:planId/next-year', sessionRequired(deps));

  app.get('/plans/:planId/next-year', async (c) => {
    const plan = await planOfCoordinator(deps, c.get('user'), c.req.param('planId'));
    return jsonReply(c, nextYearPreviewSchema, await previewOf(deps, plan));
  });

  app.post('/plans/:planId/next-year', async (c) => {
    const user = c.get('user');
    const source = await planOfCoordinator(deps, user, c.req.param('planId'));
    const input = await jsonBodyParse(c, nextYearCreateBodySchema, NEXT_YEAR_CREATE_BODY_LABELS);
    const commune = input.commune ?? source.commune;
    const preview = await previewOf(deps, source, commune);
    if (preview.existing.length > 0 && !input.force) {
      throw new ApiError('conflict', `Xã ${commune} đã có kế hoạch năm ${preview.to} («${preview.existing[0]?.title ?? ''}»).`);
    }
    const built = nextYearBuild(preview, input.include);
    const reporting = await docs.withDoc(source.id, (doc) => planDocReadReporting(doc));
    const now = deps.now();
    const plan = await planCreate(
      sql,
      units,
      {
        commune,
        province: source.province,
        year: preview.to,
        // Another commune's name (a merger) gets the default title; else this plan's title, rolled.
        title: input.title ?? (input.commune ? planTitleDefault(commune, preview.to) : built.meta.title),
        createdBy: user.userId,
        now,
        docWrite: (doc) => {
          for (const table of built.tables) planDocImportTable(doc, table, { carriedMarks: true, createdBy: user.userId });
          planDocSetReporting(doc, reporting);
          doc.getMap('meta').set(NEXT_YEAR_META_KEY, nextYearEvaluationFormat(built.evaluation));
        },
      },
      async (tx, created) => {
        await tx.run(
          `INSERT INTO memberships (user_id, plan_id, role, unit_id, created_at)
             SELECT user_id, ?, role, unit_id, ? FROM memberships WHERE plan_id = ?`,
          [created.id, now, source.id],
        );
        await auditAppend(tx, {
          planId: created.id,
          userId: user.userId,
          action: AUDIT_ACTIONS.planCreate,
          detail: `Tạo từ kế hoạch năm ${source.year} (${source.id}): ${built.rowCount} dòng chuyển tiếp.`,
          at: now,
        });
      },
    );
    const tables = await docs.withDoc(plan.id, (doc) =>
      planDocTableIds(doc).map((id) => {
        const t = planDocReadTable(doc, id);
        return { id, title: t.title, template: t.template, rows: t.rows.length };
      }),
    );
    return jsonReply(
      c,
      nextYearCreateResponseSchema,
      { plan: { id: plan.id, commune: plan.commune, province: plan.province, year: plan.year, title: plan.title, createdAt: plan.createdAt }, tables },
      201,
    );
  });

  return app;
}
