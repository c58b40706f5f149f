/**
 * Named versions, mounted under /api: the coordinator saves a frozen copy of the plan under a
 * name ("Dự thảo lần 1", "Trình ký"); every member lists the versions, reads a version's tables,
 * exports them, and compares a table between two versions or a version and the live plan.
 *
 *   POST /plans/:planId/versions                                    {name} → 201 {version}
 *   GET  /plans/:planId/versions                                    → {versions}
 *   GET  /plans/:planId/versions/:versionId                         → {version, meta, tables}
 *   GET  /plans/:planId/versions/:versionId/snapshot                → the frozen Y.Doc (encodeStateAsUpdateV2)
 *   GET  /plans/:planId/versions/:versionId/tables/:tableId         → the typed table
 *   GET  /plans/:planId/versions/:versionId/tables/:tableId/export?format=…
 *   GET  /plans/:planId/compare?table=T&from=<versionId|live>&to=<versionId|live> → {table, columns, from, to, diff}
 */
import {
  type Actor,
  COMPARE_QUERY_LABELS,
  compareQuerySchema,
  compareResponseSchema,
  EXPORT_QUERY_LABELS,
  exportQuerySchema,
  permissionIsManager,
  planDocHasTable,
  planDocReadMeta,
  planDocReadTable,
  planDocTableIds,
  type TableModel,
  tableDiff,
  tableModelSchema,
  type Version,
  VERSION_CREATE_BODY_LABELS,
  VERSION_LIVE,
  versionCreateBodySchema,
  versionCreateResponseSchema,
  versionDetailResponseSchema,
  versionListResponseSchema,
} from '@phuluc/domain';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { ApiError } from '../errors.ts';
import { exportTable } from '../exports/export.ts';
import { versionWithDoc } from '../store/version-doc.ts';
import type { VersionRecord } from '../store/versions.ts';
import { exportContentDisposition, exportRefusedJson } from './export-routes.ts';
import { type ApiDeps, type ApiEnv, durableWithin, inputParse, jsonBodyParse, jsonReply, sessionRequired } from './http.ts';
import { planAccess } from './plan-routes.ts';

/** A version as the API shows it. */
function versionJson(version: VersionRecord): Version {
  return {
    id: version.id,
    name: version.name,
    createdAt: version.createdAt,
    createdBy: version.createdBy ? { id: version.createdBy, name: version.createdByName ?? '' } : null,
    size: version.size,
  };
}

/** One side of a comparison: the live plan or a version. */
type Side = { kind: 'live' } | { kind: 'version'; version: Version };

/** Decoded tables of versions, kept because versions never change (a compare reads one per request). */
class VersionTableCache {
  private readonly entries = new Map<string, TableModel | null>();
  constructor(private readonly max: number) {}

  get(key: string): TableModel | null | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: TableModel | null): void {
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** The version routes. */
export function versionRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { store, docs } = deps.ctx;
  const app = new Hono<ApiEnv>();
  const cache = new VersionTableCache(16);
  app.use('/plans/:planId/versions', sessionRequired(deps));
  app.use('/plans/:planId/versions/*', sessionRequired(deps));
  app.use('/plans/:planId/compare', sessionRequired(deps));

  /** A version of the plan, or 404. */
  const versionRequire = async (planId: string, versionId: string): Promise<VersionRecord> => {
    const version = await store.versionGet(planId, versionId);
    if (!version) throw new ApiError('versionNotFound');
    return version;
  };

  /** Runs `fn` on a version's document (404 when it is gone). */
  const versionRead = async <T>(planId: string, versionId: string, fn: (doc: Y.Doc) => T): Promise<T> => {
    const snapshot = await store.versionSnapshot(planId, versionId);
    if (!snapshot) throw new ApiError('versionNotFound');
    return versionWithDoc(snapshot, fn);
  };

  /** A table of a version (null when the version has no such table). */
  const versionTable = async (planId: string, versionId: string, tableId: string): Promise<TableModel | null> => {
    const key = `${planId}\u0000${versionId}\u0000${tableId}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const table = await versionRead(planId, versionId, (doc) => (planDocHasTable(doc, tableId) ? planDocReadTable(doc, tableId) : null));
    cache.set(key, table);
    return table;
  };

  /** A table of a version, or 404 naming the version. */
  const versionTableRequire = async (planId: string, version: VersionRecord, tableId: string): Promise<TableModel> => {
    const table = await versionTable(planId, version.id, tableId);
    if (!table) throw new ApiError('tableNotFound', `Phiên bản «${version.name}» không có bảng này.`);
    return table;
  };

  app.post('/plans/:planId/versions', async (c) => {
    const user = c.get('user');
    const { plan, membership } = await planAccess(deps, user, c.req.param('planId'));
    const actor: Actor = { userId: user.userId, role: membership.role, unitId: membership.unitId };
    if (!permissionIsManager(actor)) throw new ApiError('forbidden', 'Chỉ bộ phận đầu mối được lưu phiên bản của kế hoạch.');
    const input = await jsonBodyParse(c, versionCreateBodySchema, VERSION_CREATE_BODY_LABELS);
    // Stored only once everything it holds is on disk: nothing a crash could still take back.
    const snapshot = await docs.withDoc(plan.id, (doc) => Y.encodeStateAsUpdateV2(doc));
    if (docs.flush) await durableWithin(docs.flush());
    const version = await store.versionSave({ planId: plan.id, name: input.name, createdBy: user.userId, snapshot, at: deps.now() });
    return jsonReply(c, versionCreateResponseSchema, { version: versionJson(version) }, 201);
  });

  app.get('/plans/:planId/versions', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    return jsonReply(c, versionListResponseSchema, { versions: (await store.versionsList(plan.id)).map(versionJson) });
  });

  app.get('/plans/:planId/versions/:versionId', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const version = await versionRequire(plan.id, c.req.param('versionId'));
    const body = await versionRead(plan.id, version.id, (doc) => ({
      meta: planDocReadMeta(doc),
      tables: planDocTableIds(doc).map((id) => {
        const t = planDocReadTable(doc, id);
        return { id, title: t.title, template: t.template, rows: t.rows.length };
      }),
    }));
    return jsonReply(c, versionDetailResponseSchema, { version: versionJson(version), ...body });
  });

  // The whole frozen document, for the web app to show it with the grid (read-only).
  app.get('/plans/:planId/versions/:versionId/snapshot', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const version = await versionRequire(plan.id, c.req.param('versionId'));
    const snapshot = await store.versionSnapshot(plan.id, version.id);
    if (!snapshot) throw new ApiError('versionNotFound');
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    return c.body(snapshot.slice(), 200, { 'Content-Type': 'application/octet-stream' });
  });

  app.get('/plans/:planId/versions/:versionId/tables/:tableId', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const version = await versionRequire(plan.id, c.req.param('versionId'));
    return jsonReply(c, tableModelSchema, await versionTableRequire(plan.id, version, c.req.param('tableId')));
  });

  // Exports like the live table (`export-routes.ts`): validated first, 422 with the findings
  // unless `draft=1`; the file is named after the version too.
  app.get('/plans/:planId/versions/:versionId/tables/:tableId/export', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const version = await versionRequire(plan.id, c.req.param('versionId'));
    const query = inputParse(exportQuerySchema, c.req.query(), EXPORT_QUERY_LABELS);
    const table = await versionTableRequire(plan.id, version, c.req.param('tableId'));
    const meta = await versionRead(plan.id, version.id, planDocReadMeta);
    const planYear = meta.year > 0 ? meta.year : plan.year;
    const result = await exportTable(table, { ...meta, commune: meta.commune || plan.commune, year: planYear }, query.format, {
      draft: query.draft === '1' || query.draft === 'true',
      units: deps.ctx.units,
      planYear,
    });
    if (!result.ok) return exportRefusedJson(c, result);
    // Two exports of one table (live, or another version) must not look alike.
    const dot = result.fileName.lastIndexOf('.');
    const versionName = version.name.replace(/[\\/:*?"<>|\s]+/g, ' ').trim();
    const fileName = `${result.fileName.slice(0, dot)} (${versionName})${result.fileName.slice(dot)}`;
    return c.body(result.bytes.slice(), 200, {
      'Content-Type': result.contentType,
      'Content-Disposition': exportContentDisposition(fileName),
      'Content-Length': String(result.bytes.length),
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/plans/:planId/compare', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const query = inputParse(compareQuerySchema, c.req.query(), COMPARE_QUERY_LABELS);
    const sideRead = async (ref: string): Promise<{ side: Side; table: TableModel | null }> => {
      if (ref === VERSION_LIVE) {
        const table = await docs.withDoc(plan.id, (doc) => (planDocHasTable(doc, query.table) ? planDocReadTable(doc, query.table) : null));
        return { side: { kind: 'live' }, table };
      }
      const version = await versionRequire(plan.id, ref);
      return { side: { kind: 'version', version: versionJson(version) }, table: await versionTable(plan.id, version.id, query.table) };
    };
    const from = await sideRead(query.from);
    const to = await sideRead(query.to);
    const shape = from.table ?? to.table;
    if (!shape) throw new ApiError('tableNotFound');
    // A table that one side lacks compares as empty: all its rows added (or removed).
    const empty: TableModel = { ...shape, rows: [] };
    const diff = tableDiff(from.table ?? empty, to.table ?? empty);
    // Labels of every column either side has (the new side's first), to show whole added or removed rows.
    const newer = (to.table ?? shape).columns;
    const older = (from.table ?? shape).columns.filter((c) => !newer.some((n) => n.field === c.field));
    return jsonReply(c, compareResponseSchema, {
      table: { id: query.table, title: (to.table ?? shape).title },
      columns: [...newer, ...older],
      from: { ...from.side, missing: from.table === null },
      to: { ...to.side, missing: to.table === null },
      diff,
    });
  });

  return app;
}
