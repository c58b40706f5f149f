/**
 * The import API as the "Nhập bảng từ tệp" dialog uses it: upload a file for a preview (the
 * server writes nothing), then again to add the table to the plan, with the column mapping the
 * person corrected. Failures come back as `ApiFailure` with the server's Vietnamese message.
 */
import type { TableModel } from '@phuluc/domain';
import { API_UNREACHABLE, ApiFailure } from './api.ts';

/** The largest file the server accepts (checked here first, so nothing big is sent for nothing). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Leave a column out of the imported table. */
export const IMPORT_IGNORE = 'ignore';

/** The file types the dialog offers (the server recognises them by content anyway). */
export const IMPORT_ACCEPT = '.docx,.xlsx,.csv,.tsv,.txt,.html,.htm';

export interface ImportMappingEntry {
  /** Position among the imported table's columns. */
  index: number;
  /** The column's header in the file. */
  label: string;
  /** A field key, `custom:…`, or `ignore`. */
  field: string;
}

export interface ImportFinding {
  code: string;
  severity: 'error' | 'warning';
  row: string | null;
  field: string | null;
  message: string;
}

export interface ImportPreview {
  table: TableModel;
  notes: Array<{ code: string; line: number | null; message: string }>;
  findings: ImportFinding[];
  mapping: ImportMappingEntry[];
  format: 'docx' | 'xlsx' | 'tsv' | 'csv' | 'html';
  choices: Array<{ index: number; label: string; rows: number }>;
  chosen: number;
}

export interface ImportCommitted {
  tableId: string;
  table: { id: string; title: string; template: string; rows: number };
}

/** What the person chose besides the file. */
export interface ImportRequest {
  file: File;
  mapping?: ReadonlyArray<{ index: number; field: string }>;
  table?: number;
  title?: string;
}

async function importPost<T>(planId: string, request: ImportRequest, preview: boolean): Promise<T> {
  const form = new FormData();
  form.set('file', request.file, request.file.name);
  if (request.mapping && request.mapping.length > 0) form.set('mapping', JSON.stringify(request.mapping));
  if (request.table !== undefined) form.set('table', String(request.table));
  if (request.title) form.set('title', request.title);
  let res: Response;
  try {
    res = await fetch(`/api/plans/${encodeURIComponent(planId)}/tables${preview ? '?preview=1' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch (error) {
    throw new ApiFailure(API_UNREACHABLE, 'network', error instanceof Error ? error.message : String(error));
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new ApiFailure(res.status, typeof err?.code === 'string' ? err.code : `http${res.status}`, typeof err?.message === 'string' ? err.message : res.statusText);
  }
  return data as T;
}

/** Reads the file on the server and shows what would be imported; nothing is written. */
export function apiImportPreview(planId: string, request: ImportRequest): Promise<ImportPreview> {
  return importPost(planId, request, true);
}

/** Adds the table to the plan; everyone who has it open sees the new tab. */
export function apiImportCommit(planId: string, request: ImportRequest): Promise<ImportCommitted> {
  return importPost(planId, request, false);
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
    if (field === IMPORT_IGNORE) continue;
    if (seen.has(field)) clashes.add(field);
    seen.add(field);
  }
  return clashes;
}
