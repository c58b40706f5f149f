/**
 * Importing a table into an existing plan, mounted under /api:
 *
 *   POST /plans/:planId/tables?preview=1   multipart `file` (DOCX, XLSX, TSV, CSV, HTML) or JSON {text, format}
 *        → { table, heading, planMeta, metaFilled, notes, findings, mapping: [{ index, label, field }], format, choices, chosen }   writes nothing
 *   POST /plans/:planId/tables             the same, with an optional `mapping` ([{ index, field | 'ignore' }])
 *        and `table` (which appendix table of a file with several) → 201 { tableId, table, notes }
 *
 * Only the plan's coordinator or an admin may import. The table is added to the live document
 * as a change the server makes itself: persisted, audited, and relayed at once to everyone who
 * has the plan open, who see the new tab appear; the plan number, date and commune the file's
 * heading gives fill those the plan has not got yet (never overwriting its own). A file that cannot be read is a 422 with the
 * importer's Vietnamese reason, and nothing is written.
 */
import {
  type Actor,
  auditMarkerWrite,
  IMPORT_BODY_LABELS,
  importBodySchema,
  importCommittedSchema,
  IMPORT_HEADING_META_KEYS,
  type ImportHeadingMetaKey,
  importHeadingMetaPatch,
  IMPORT_MAPPING_IGNORE,
  importPreviewSchema,
  type ItemRow,
  permissionIsManager,
  planDocId,
  planDocImportTable,
  planDocReadMeta,
  planDocReadTable,
  planDocSetMeta,
  type TableModel,
  rowOwnersForLead,
  validateTable,
} from '@phuluc/domain';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { columnMappingApply, columnMappingOf } from '../imports/column-mapping.ts';
import { fileImport, type FileImportResult } from '../imports/file-import.ts';
import { type ApiDeps, type ApiEnv, durableWithin, inputParse, jsonBodyRead, jsonReply, mediaTypeOf, sessionRequired } from './http.ts';
import { planAccess } from './plan-routes.ts';

/** The request: its checked fields, and the uploaded file if any. */
type ImportInput = z.output<typeof importBodySchema> & { file?: { bytes: Uint8Array; name: string } };

/** The request as JSON, or a multipart form with a `file` (and `mapping` as a JSON string); any other type is a 415. */
async function importInputRead(c: Context): Promise<ImportInput> {
  if (mediaTypeOf(c) === 'multipart/form-data') {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch (error) {
      throw new ApiError('badRequest', 'Biểu mẫu gửi lên không hợp lệ.', { cause: error });
    }
    const fields: Record<string, unknown> = {};
    let file: ImportInput['file'];
    for (const [key, value] of Object.entries(form)) {
      const one = Array.isArray(value) ? value[0] : value;
      if (one === undefined) continue;
      if (typeof one !== 'string') {
        if (key === 'file') file = { bytes: new Uint8Array(await one.arrayBuffer()), name: one.name };
        continue;
      }
      if (one === '') continue;
      if (key === 'mapping') {
        try {
          fields.mapping = JSON.parse(one);
        } catch (error) {
          throw new ApiError('validation', 'Ghép cột: không phải JSON hợp lệ.', { cause: error });
        }
      } else {
        fields[key] = one;
      }
    }
    const parsed = inputParse(importBodySchema, fields, IMPORT_BODY_LABELS);
    if (!file && parsed.text === undefined) throw new ApiError('validation', 'Chưa chọn tệp để nhập (trường “file”).');
    return { ...parsed, ...(file ? { file } : {}) };
  }
  const parsed = inputParse(importBodySchema, await jsonBodyRead(c), IMPORT_BODY_LABELS);
  if (parsed.text === undefined) throw new ApiError('validation', 'Nội dung bảng: chưa có nội dung để nhập.');
  return parsed;
}

/** The meta keys a patch sets, in a fixed order. */
function metaKeysOf(patch: Partial<Record<ImportHeadingMetaKey, string>>): ImportHeadingMetaKey[] {
  return IMPORT_HEADING_META_KEYS.filter((key) => patch[key] !== undefined);
}

/** Reads the file or text of the request; a failure is a 422 with the importer's reason. */
function importRun(input: ImportInput): FileImportResult {
  const options = { ...(input.table === undefined ? {} : { table: input.table }), ...(input.format === undefined ? {} : { format: input.format }) };
  const result = input.file
    ? fileImport(input.file.bytes, input.file.name, options)
    : fileImport(new TextEncoder().encode(input.text ?? ''), '', options);
  if (!result.ok) throw new ApiError('importFailed', result.reason);
  return result.value;
}

/** The import routes. */
export function importRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const { docs, units } = deps.ctx;
  const app = new Hono<ApiEnv>();
  app.use('/plans/:planId/tables', sessionRequired(deps));

  app.post('/plans/:planId/tables', async (c) => {
    const user = c.get('user');
    const { plan, membership } = await planAccess(deps, user, c.req.param('planId'));
    const actor: Actor = { userId: user.userId, role: membership.role, unitId: membership.unitId };
    if (!permissionIsManager(actor)) throw new ApiError('forbidden', 'Chỉ bộ phận đầu mối hoặc quản trị viên được nhập bảng vào kế hoạch.');
    const preview = ['1', 'true'].includes(c.req.query('preview') ?? '');
    const input = await importInputRead(c);
    const imported = importRun(input);
    let table: TableModel = input.title ? { ...imported.table, title: input.title } : imported.table;
    if (input.mapping) {
      const mapped = columnMappingApply(table, input.mapping);
      if (!mapped.ok) throw new ApiError('validation', `Ghép cột: ${mapped.reason}`);
      table = mapped.value;
    }
    const notes = imported.notes.map((n) => ({ code: n.code, line: n.line ?? null, message: n.message }));

    if (preview) {
      const meta = await docs.withDoc(plan.id, planDocReadMeta);
      const patch = importHeadingMetaPatch(imported.heading, meta);
      const findings = validateTable(table, { tableId: 'preview', planYear: plan.year, units }).map((f) => ({
        code: f.code,
        severity: f.severity,
        row: f.row,
        field: f.field,
        message: f.message,
      }));
      // The mapping as the importer read it, with the corrections asked for.
      const mapping = columnMappingOf(imported.table).map((entry) => ({
        ...entry,
        field: input.mapping?.find((m) => m.index === entry.index)?.field ?? entry.field,
      }));
      return jsonReply(c, importPreviewSchema, {
        table,
        heading: imported.heading,
        planMeta: { year: meta.year > 0 ? meta.year : plan.year, commune: meta.commune, planNumber: meta.planNumber, issuedOn: meta.issuedOn, ...patch },
        metaFilled: metaKeysOf(patch),
        notes,
        findings,
        mapping,
        format: imported.format,
        choices: imported.choices,
        chosen: imported.chosen,
        ignore: IMPORT_MAPPING_IGNORE,
      });
    }

    if (!docs.applyLocalTo) throw new ApiError('internal', undefined, { cause: new Error('documents are read-only here') });
    const tableId = planDocId();
    // The heading fills the plan's blanks (number, date, commune): decided on the document as it is now.
    const patch = await docs.withDoc(plan.id, (doc) => importHeadingMetaPatch(imported.heading, planDocReadMeta(doc)));
    const metaFilled = metaKeysOf(patch);
    // Answered once the import is on disk (applyLocalTo resolves then).
    const written = await durableWithin(
      docs.applyLocalTo(
        plan.id,
        (doc) => {
          doc.transact(() => {
            planDocImportTable(doc, table, { id: tableId, createdBy: user.userId, ownersOf: (row: ItemRow) => rowOwnersForLead(units, row.cells.lead ?? '') });
            planDocSetMeta(doc, patch);
          });
        },
        {
          userId: user.userId,
          at: deps.now(),
          changes: [{ tableId, rowId: null, field: null }, ...metaFilled.map((key) => ({ tableId: null, rowId: null, field: auditMarkerWrite({ kind: 'meta', key }) }))],
        },
      ),
    );
    if (!written) throw new ApiError('planNotFound');
    const added = await docs.withDoc(plan.id, (doc) => planDocReadTable(doc, tableId));
    return jsonReply(
      c,
      importCommittedSchema,
      { tableId, table: { id: tableId, title: added.title, template: added.template, rows: added.rows.length }, notes, metaFilled },
      201,
    );
  });

  return app;
}
