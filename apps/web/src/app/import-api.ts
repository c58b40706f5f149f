/**
 * The import API as the "Nhập bảng từ tệp" dialog uses it: upload a file for a preview (the
 * server writes nothing), then again to add the table to the plan, with the column mapping the
 * person corrected. Failures come back as `ApiFailure` with the server's Vietnamese message.
 */
import {
  type ImportCommitted,
  importCommittedSchema,
  IMPORT_MAPPING_IGNORE,
  type ImportMappingEntry,
  type ImportPreview,
  importPreviewSchema,
} from '@phuluc/domain';
import type { z } from 'zod';
import { apiAnswerParse, apiFailureOf, apiFetch } from './api.ts';

export type { ImportCommitted, ImportMappingEntry, ImportPreview };

/** The file types the dialog offers (the server recognises them by content anyway). */
export const IMPORT_ACCEPT = '.docx,.xlsx,.csv,.tsv,.txt,.html,.htm,.json';

/** What the person chose besides the file. */
export interface ImportRequest {
  file: File;
  mapping?: ReadonlyArray<{ index: number; field: string }>;
  table?: number;
  title?: string;
}

async function importPost<S extends z.ZodType>(planId: string, request: ImportRequest, preview: boolean, schema: S): Promise<z.output<S>> {
  const form = new FormData();
  form.set('file', request.file, request.file.name);
  if (request.mapping && request.mapping.length > 0) form.set('mapping', JSON.stringify(request.mapping));
  if (request.table !== undefined) form.set('table', String(request.table));
  if (request.title) form.set('title', request.title);
  const res = await apiFetch(`/api/plans/${encodeURIComponent(planId)}/tables${preview ? '?preview=1' : ''}`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: form,
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiFailureOf(res, data);
  return apiAnswerParse(res, data, schema);
}

/** Reads the file on the server and shows what would be imported; nothing is written. */
export function apiImportPreview(planId: string, request: ImportRequest): Promise<ImportPreview> {
  return importPost(planId, request, true, importPreviewSchema);
}

/** Adds the table to the plan; everyone who has it open sees the new tab. */
export function apiImportCommit(planId: string, request: ImportRequest): Promise<ImportCommitted> {
  return importPost(planId, request, false, importCommittedSchema);
}

/** The corrections to send: only the columns whose field differs from what the server read. */
export function importMappingChanges(read: readonly ImportMappingEntry[], chosen: ReadonlyMap<number, string>): Array<{ index: number; field: string }> {
  const changes: Array<{ index: number; field: string }> = [];
  for (const entry of read) {
    const field = chosen.get(entry.index);
    if (field !== undefined && field !== entry.field) changes.push({ index: entry.index, field });
  }
  return changes;
}

/** Fields given to two columns (the server refuses such a mapping): their keys. */
export function importMappingClashes(read: readonly ImportMappingEntry[], chosen: ReadonlyMap<number, string>): Set<string> {
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const entry of read) {
    const field = chosen.get(entry.index) ?? entry.field;
    if (field === IMPORT_MAPPING_IGNORE) continue;
    if (seen.has(field)) clashes.add(field);
    seen.add(field);
  }
  return clashes;
}
