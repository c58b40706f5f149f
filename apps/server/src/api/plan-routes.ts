/**
 * The plans API, mounted under /api: list, create (empty, from a template, or from an
 * imported table — pasted text, or an uploaded DOCX, XLSX, TSV, CSV or HTML file), read meta and tables, soft delete, and the activity feed. Every route needs
 * a session; a plan route answers a non-member exactly as it answers an unknown plan (404).
 */
import {
  type ImportFormat,
  planDocReadMeta,
  planDocReadTable,
  planDocTableIds,
  PlanDocError,
  type TableModel,
  TEMPLATE_IDS,
  tableImportText,
  unitById,
} from '@phuluc/domain';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { type Membership, membershipFor } from '../auth/memberships.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';
import { auditAppend, auditPage } from '../store/audit.ts';
import { planCreate, planGet, type PlanRecord, plansForUser, planSoftDelete } from '../store/plans.ts';
import { fileImport } from '../imports/file-import.ts';
import { ActivityReader, activitySentence } from './activity.ts';
import { type ApiDeps, type ApiEnv, inputParse, jsonBodyParse, mediaTypeOf, sessionRequired } from './http.ts';

const IMPORT_FORMATS = ['tsv', 'csv', 'html'] as const satisfies readonly ImportFormat[];

const planCreateSchema = z.object({
  commune: z.string().trim().min(1).max(100),
  province: z.string().trim().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(300).optional(),
  template: z.enum(TEMPLATE_IDS).optional(),
  /** The text of a table to import (TSV / CSV as pasted, or the HTML of a clipboard). */
  text: z.string().min(1).optional(),
  format: z.enum(IMPORT_FORMATS).optional(),
  /** Which appendix table of an uploaded file with several (0-based). */
  tableIndex: z.coerce.number().int().min(0).max(1000).optional(),
});
const PLAN_CREATE_LABELS = {
  commune: 'Tên xã',
  province: 'Tỉnh',
  year: 'Năm kế hoạch',
  title: 'Tên kế hoạch',
  template: 'Mẫu bảng',
  text: 'Nội dung bảng',
  format: 'Định dạng',
  tableIndex: 'Bảng',
};

const activityQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ACTIVITY_LABELS = { before: 'before', limit: 'limit' };

/**
 * The plan and the caller's membership, or 404 `planNotFound`: for a plan that does not exist
 * and for one the caller is not a member of alike, so that no answer tells a plan id exists.
 */
export function planAccess(deps: ApiDeps, user: SessionUser, planId: string): { plan: PlanRecord; membership: Membership } {
  const plan = planGet(deps.ctx.db, planId);
  const membership = plan ? membershipFor(deps.ctx.db, user.userId, planId) : null;
  if (!plan || !membership) throw new ApiError('planNotFound');
  return { plan, membership };
}

function unitJson(deps: ApiDeps, unitId: string | null): { id: string; name: string } | null {
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
): Promise<z.output<typeof planCreateSchema> & { file?: { bytes: Uint8Array; name: string } }> {
  if (mediaTypeOf(c) !== 'multipart/form-data') return jsonBodyParse(c, planCreateSchema, PLAN_CREATE_LABELS);
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
  const parsed = inputParse(planCreateSchema, fields, PLAN_CREATE_LABELS);
  return file ? { ...parsed, file } : parsed;
}

/** The plan routes. */
export function planRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, docs, units } = deps.ctx;
  const app = new Hono<ApiEnv>();
  app.use('/plans', sessionRequired(deps));
  app.use('/plans/*', sessionRequired(deps));

  app.get('/plans', async (c) => {
    const user = c.get('user');
    const listed = plansForUser(db, { userId: user.userId, role: user.role });
    const plans = [];
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
    return c.json({ plans });
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
      if ('file' in input && input.file) {
        const options = { ...(input.format ? { format: input.format } : {}), ...(input.tableIndex === undefined ? {} : { table: input.tableIndex }) };
        const imported = fileImport(input.file.bytes, input.file.name, options);
        if (!imported.ok) throw new ApiError('importFailed', `Không đọc được bảng: ${imported.reason}`);
        table = imported.value.table;
        notes = imported.value.notes.map((n) => ({ line: n.line, message: n.message }));
      } else if (input.text !== undefined) {
        const imported = tableImportText(input.text, { format: input.format });
        if (!imported.ok) throw new ApiError('importFailed', `Không đọc được bảng: ${imported.reason}`);
        table = imported.value.table;
        notes = imported.value.notes.map((n) => ({ line: n.line, message: n.message }));
      }
      const now = deps.now();
      const plan = planCreate(db, units, {
        commune: input.commune,
        province: input.province ?? null,
        year: input.year,
        title: input.title,
        template: input.template,
        table,
        createdBy: user.userId,
        now,
      });
      auditAppend(db, { planId: plan.id, userId: user.userId, action: 'plan.create', at: now });
      const tables = await docs.withDoc(plan.id, (doc) =>
        planDocTableIds(doc).map((id) => {
          const t = planDocReadTable(doc, id);
          return { id, title: t.title, template: t.template, rows: t.rows.length };
        }),
      );
      return c.json({ plan: planJson(plan), tables, notes }, 201);
    },
  );

  app.get('/plans/:planId', async (c) => {
    const { plan, membership } = planAccess(deps, c.get('user'), c.req.param('planId'));
    const body = await docs.withDoc(plan.id, (doc) => {
      const meta = planDocReadMeta(doc);
      const tables = planDocTableIds(doc).map((id) => {
        const t = planDocReadTable(doc, id);
        return { id, title: t.title, template: t.template };
      });
      return { meta, tables };
    });
    return c.json({
      plan: { ...planJson(plan), meta: body.meta },
      tables: body.tables,
      myRole: membership.role,
      myUnit: unitJson(deps, membership.unitId),
    });
  });

  app.delete('/plans/:planId', (c) => {
    const user = c.get('user');
    const { plan } = planAccess(deps, user, c.req.param('planId'));
    if (user.role !== 'admin') throw new ApiError('forbidden', 'Chỉ quản trị viên được xoá kế hoạch.');
    const now = deps.now();
    planSoftDelete(db, plan.id, now);
    auditAppend(db, { planId: plan.id, userId: user.userId, action: 'plan.delete', at: now });
    return c.json({ ok: true });
  });

  app.get('/plans/:planId/tables/:tableId', async (c) => {
    const { plan } = planAccess(deps, c.get('user'), c.req.param('planId'));
    const tableId = c.req.param('tableId');
    const table = await docs.withDoc(plan.id, (doc) => {
      try {
        return planDocReadTable(doc, tableId);
      } catch (error) {
        if (error instanceof PlanDocError && error.code === 'table-missing') throw new ApiError('tableNotFound', undefined, { cause: error });
        throw error;
      }
    });
    return c.json(table);
  });

  app.get('/plans/:planId/activity', async (c) => {
    const { plan } = planAccess(deps, c.get('user'), c.req.param('planId'));
    const query = inputParse(activityQuerySchema, c.req.query(), ACTIVITY_LABELS);
    // One more than asked tells whether there is a next page.
    const page = auditPage(db, plan.id, { before: query.before, limit: query.limit + 1 });
    const entries = page.slice(0, query.limit);
    const actors = actorsOf(deps, plan.id, entries.map((e) => e.userId));
    const described = await docs.withDoc(plan.id, (doc) => {
      const reader = new ActivityReader(doc);
      return entries.map((entry) => {
        const actor = entry.userId ? actors.get(entry.userId) : undefined;
        return {
          id: entry.id,
          at: entry.at,
          action: entry.action,
          user: actor ? { id: entry.userId, name: actor.name } : null,
          unit: actor?.unit ?? null,
          sentence: activitySentence(entry, actor?.label ?? (entry.userId ? 'Người dùng đã xoá' : 'Hệ thống'), reader),
          changes: entry.changes,
          detail: entry.detail,
        };
      });
    });
    const last = entries[entries.length - 1];
    return c.json({ entries: described, next: page.length > query.limit && last ? last.id : null });
  });

  return app;
}

function planJson(plan: PlanRecord) {
  return { id: plan.id, commune: plan.commune, province: plan.province, year: plan.year, title: plan.title, createdAt: plan.createdAt };
}

interface Actor {
  name: string;
  unit: { id: string; name: string } | null;
  /** How the feed names them: their unit in this plan, else their own name. */
  label: string;
}

/** Names of the users behind entries, with their unit in this plan. */
function actorsOf(deps: ApiDeps, planId: string, userIds: ReadonlyArray<string | null>): Map<string, Actor> {
  const get = deps.ctx.db.prepare(
    `SELECT u.name, m.unit_id FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.plan_id = ? WHERE u.id = ?`,
  );
  const actors = new Map<string, Actor>();
  for (const id of new Set(userIds)) {
    if (!id) continue;
    const row = get.get(planId, id) as { name: string; unit_id: string | null } | undefined;
    if (!row) continue;
    const unit = unitJson(deps, row.unit_id);
    actors.set(id, { name: row.name, unit, label: unit?.name ?? row.name });
  }
  return actors;
}
