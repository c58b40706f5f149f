/**
 * The plans API, mounted under /api: list, create (empty, from a template, or from an
 * imported table — pasted text, or an uploaded DOCX, XLSX, TSV, CSV or HTML file), read meta and tables, soft delete, and the activity feed. Every route needs
 * a session; a plan route answers a non-member exactly as it answers an unknown plan (404).
 */
import {
  ACTIVITY_QUERY_LABELS,
  activityPageSchema,
  AUDIT_ACTIONS,
  activityQuerySchema,
  type ImportHeading,
  okResponseSchema,
  PLAN_CREATE_BODY_LABELS,
  planCreateBodySchema,
  planCreateResponseSchema,
  planDetailResponseSchema,
  planDocReadMeta,
  planDocReadTable,
  planDocTableIds,
  PlanDocError,
  planListResponseSchema,
  type PlanSummary,
  type TableModel,
  tableImportText,
  tableModelSchema,
  unitById,
  type UnitRef,
} from '@phuluc/domain';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { type Membership, membershipFor } from '../auth/memberships.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { auditAppend, auditPage } from '../store/audit.ts';
import { planCreate, planGet, type PlanRecord, plansForUser, planSoftDelete } from '../store/plans.ts';
import { usersInPlan } from '../store/users.ts';
import { fileImport } from '../imports/file-import.ts';
import { activityActor, ActivityReader, activityStory } from './activity.ts';
import { type ApiDeps, type ApiEnv, inputParse, jsonBodyParse, jsonReply, mediaTypeOf, sessionRequired } from './http.ts';

/**
 * The plan and the caller's membership, or 404 `planNotFound`: for a plan that does not exist
 * and for one the caller is not a member of alike, so that no answer tells a plan id exists.
 */
export async function planAccess(deps: ApiDeps, user: SessionUser, planId: string): Promise<{ plan: PlanRecord; membership: Membership }> {
  const plan = await planGet(deps.ctx.sql, planId);
  const membership = plan ? await membershipFor(deps.ctx.sql, user.userId, planId) : null;
  if (!plan || !membership) throw new ApiError('planNotFound');
  return { plan, membership };
}

function unitJson(deps: ApiDeps, unitId: string | null): UnitRef | null {
  if (!unitId) return null;
  return { id: unitId, name: unitById(deps.ctx.units, unitId)?.name ?? unitId };
}

/** Creating plans: only admins for now (coordinators are given plans by an admin). */
function planCreatorRequire(user: SessionUser): void {
  if (user.role !== 'admin') throw new ApiError('forbidden', 'Chỉ quản trị viên được tạo kế hoạch.');
}

/**
 * The create request, from JSON or from a multipart form: the table as a `file` (DOCX, XLSX,
 * TSV, CSV or HTML, read by `fileImport`) or as `text`; `tableIndex` picks one of a file's tables.
 */
async function planCreateInput(
  c: Context,
): Promise<z.output<typeof planCreateBodySchema> & { file?: { bytes: Uint8Array; name: string } }> {
  if (mediaTypeOf(c) !== 'multipart/form-data') return jsonBodyParse(c, planCreateBodySchema, PLAN_CREATE_BODY_LABELS);
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch (error) {
    throw new ApiError('badRequest', 'Biểu mẫu gửi lên không hợp lệ.', { cause: error });
  }
  const fields: Record<string, string> = {};
  let file: { bytes: Uint8Array; name: string } | undefined;
  for (const [key, value] of Object.entries(form)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one === undefined) continue;
    if (typeof one === 'string') {
      if (one !== '') fields[key] = one;
    } else if (key === 'file' || key === 'text') {
      file = { bytes: new Uint8Array(await one.arrayBuffer()), name: one.name };
    }
  }
  const parsed = inputParse(planCreateBodySchema, fields, PLAN_CREATE_BODY_LABELS);
  return file ? { ...parsed, file } : parsed;
}

/** The plan routes. */
export function planRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { sql, docs, units } = deps.ctx;
  const app = new Hono<ApiEnv>();
  app.use('/plans', sessionRequired(deps));
  app.use('/plans/*', sessionRequired(deps));

  app.get('/plans', async (c) => {
    const user = c.get('user');
    const listed = await plansForUser(sql, { userId: user.userId, role: user.role });
    const plans: PlanSummary[] = [];
    for (const plan of listed) {
      const tables = await docs.withDoc(plan.id, (doc) => planDocTableIds(doc).length);
      plans.push({
        id: plan.id,
        commune: plan.commune,
        province: plan.province,
        year: plan.year,
        title: plan.title,
        tables,
        myRole: plan.myRole,
        myUnit: unitJson(deps, plan.myUnitId),
      });
    }
    return jsonReply(c, planListResponseSchema, { plans });
  });

  app.post(
    '/plans',
    bodyLimit({
      maxSize: deps.ctx.config.maxBodyBytes,
      onError: () => {
        throw new ApiError('payloadTooLarge', `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(deps.ctx.config.maxBodyBytes / 1024 / 1024)} MB).`);
      },
    }),
    async (c) => {
      const user = c.get('user');
      planCreatorRequire(user);
      const input = await planCreateInput(c);
      let table: TableModel | undefined;
      let notes: Array<{ line?: number; message: string }> = [];
      let heading: ImportHeading | undefined;
      if ('file' in input && input.file) {
        const options = { ...(input.format ? { format: input.format } : {}), ...(input.tableIndex === undefined ? {} : { table: input.tableIndex }) };
        const imported = fileImport(input.file.bytes, input.file.name, options);
        if (!imported.ok) throw new ApiError('importFailed', `Không đọc được bảng: ${imported.reason}`);
        table = imported.value.table;
        heading = imported.value.heading;
        notes = imported.value.notes.map((n) => ({ line: n.line, message: n.message }));
      } else if (input.text !== undefined) {
        const imported = tableImportText(input.text, { format: input.format });
        if (!imported.ok) throw new ApiError('importFailed', `Không đọc được bảng: ${imported.reason}`);
        table = imported.value.table;
        heading = imported.value.heading;
        notes = imported.value.notes.map((n) => ({ line: n.line, message: n.message }));
      }
      const now = deps.now();
      const plan = await planCreate(
        sql,
        units,
        { commune: input.commune, province: input.province ?? null, year: input.year, title: input.title, template: input.template, table, planNumber: heading?.planNumber, issuedOn: heading?.issuedOn, createdBy: user.userId, now },
        (tx, created) => auditAppend(tx, { planId: created.id, userId: user.userId, action: AUDIT_ACTIONS.planCreate, at: now }),
      );
      const tables = await docs.withDoc(plan.id, (doc) =>
        planDocTableIds(doc).map((id) => {
          const t = planDocReadTable(doc, id);
          return { id, title: t.title, template: t.template, rows: t.rows.length };
        }),
      );
      return jsonReply(c, planCreateResponseSchema, { plan: planJson(plan), tables, notes }, 201);
    },
  );

  app.get('/plans/:planId', async (c) => {
    const { plan, membership } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const body = await docs.withDoc(plan.id, (doc) => {
      const meta = planDocReadMeta(doc);
      const tables = planDocTableIds(doc).map((id) => {
        const t = planDocReadTable(doc, id);
        return { id, title: t.title, template: t.template };
      });
      return { meta, tables };
    });
    return jsonReply(c, planDetailResponseSchema, {
      plan: { ...planJson(plan), meta: body.meta },
      tables: body.tables,
      myRole: membership.role,
      myUnit: unitJson(deps, membership.unitId),
    });
  });

  app.delete('/plans/:planId', async (c) => {
    const user = c.get('user');
    const { plan } = await planAccess(deps, user, c.req.param('planId'));
    if (user.role !== 'admin') throw new ApiError('forbidden', 'Chỉ quản trị viên được xoá kế hoạch.');
    const now = deps.now();
    await sql.transaction(async (tx) => {
      await planSoftDelete(tx, plan.id, now);
      await auditAppend(tx, { planId: plan.id, userId: user.userId, action: AUDIT_ACTIONS.planDelete, at: now });
    });
    return jsonReply(c, okResponseSchema, { ok: true });
  });

  app.get('/plans/:planId/tables/:tableId', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const tableId = c.req.param('tableId');
    const table = await docs.withDoc(plan.id, (doc) => {
      try {
        return planDocReadTable(doc, tableId);
      } catch (error) {
        if (error instanceof PlanDocError && error.code === 'table-missing') throw new ApiError('tableNotFound', undefined, { cause: error });
        throw error;
      }
    });
    return jsonReply(c, tableModelSchema, table);
  });

  app.get('/plans/:planId/activity', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const query = inputParse(activityQuerySchema, c.req.query(), ACTIVITY_QUERY_LABELS);
    // One more than asked tells whether there is a next page.
    const page = await auditPage(sql, plan.id, { before: query.before, limit: query.limit + 1 });
    const entries = page.slice(0, query.limit);
    const people = await activityPeople(deps, plan.id, entries.map((e) => e.userId));
    const described = await docs.withDoc(plan.id, (doc) => {
      const reader = new ActivityReader(doc);
      return entries.map((entry) => {
        const person = entry.userId ? people.get(entry.userId) : undefined;
        return {
          id: entry.id,
          at: entry.at,
          action: entry.action,
          user: person && entry.userId ? { id: entry.userId, name: person.name } : null,
          unit: person?.unit ?? null,
          actor: activityActor(entry.userId, person?.label),
          story: activityStory(entry, reader),
          changes: entry.changes,
          detail: entry.detail,
        };
      });
    });
    const last = entries[entries.length - 1];
    return jsonReply(c, activityPageSchema, { entries: described, next: page.length > query.limit && last ? last.id : null });
  });

  return app;
}

/** A plan's own record as the API shows it. */
function planJson(plan: PlanRecord): z.input<typeof planCreateResponseSchema>['plan'] {
  return { id: plan.id, commune: plan.commune, province: plan.province, year: plan.year, title: plan.title, createdAt: plan.createdAt };
}

/** A person behind feed entries: their name, their unit in this plan, and how the feed names them. */
interface ActivityPerson {
  name: string;
  unit: UnitRef | null;
  /** Their unit in this plan, else their own name. */
  label: string;
}

/** The people behind entries, by user id. */
async function activityPeople(deps: ApiDeps, planId: string, userIds: ReadonlyArray<string | null>): Promise<Map<string, ActivityPerson>> {
  const people = new Map<string, ActivityPerson>();
  const ids = userIds.filter((id): id is string => id !== null);
  for (const [id, user] of await usersInPlan(deps.ctx.sql, planId, ids)) {
    const unit = unitJson(deps, user.unitId);
    people.set(id, { name: user.name, unit, label: unit?.name ?? user.name });
  }
  return people;
}
