/**
 * The versions API as the web app uses it (see apps/server/src/api/version-routes.ts): list,
 * save, read one (its tables, its frozen document), compare, and export links.
 */
import {
  type Compare,
  compareResponseSchema,
  type CompareSide,
  planDocMigrate,
  type Version,
  versionCreateResponseSchema,
  type VersionDetail,
  versionDetailResponseSchema,
  versionListResponseSchema,
} from '@phuluc/domain';
import * as Y from 'yjs';
import { apiFailureOf, apiFetch, request } from './api.ts';
import { contentDispositionFileName, EXPORT_MENU_FORMATS, type ExportMenuFormat, exportRefusal } from './export-api.ts';

export { VERSION_LIVE } from '@phuluc/domain';
export type ApiVersion = Version;
export type ApiVersionDetail = VersionDetail;
export type ApiCompareSide = CompareSide;
export type ApiCompare = Compare;

/** The formats a table exports to, in the order the buttons show them (the live plan's menu's). */
export const VERSION_EXPORT_FORMATS = EXPORT_MENU_FORMATS;
export type VersionExportFormat = ExportMenuFormat;

const plans = (planId: string): string => `/api/plans/${encodeURIComponent(planId)}`;
const versionPath = (planId: string, versionId: string): string => `${plans(planId)}/versions/${encodeURIComponent(versionId)}`;

/** The plan's versions, newest first. */
export async function apiVersions(planId: string): Promise<ApiVersion[]> {
  const { versions } = await request('GET', `${plans(planId)}/versions`, versionListResponseSchema);
  return versions;
}

/** Saves the plan as it is now under `name` (coordinator). */
export async function apiVersionCreate(planId: string, name: string): Promise<ApiVersion> {
  const { version } = await request('POST', `${plans(planId)}/versions`, versionCreateResponseSchema, { name });
  return version;
}

/** One version: its meta and its tables. */
export function apiVersion(planId: string, versionId: string): Promise<ApiVersionDetail> {
  return request('GET', versionPath(planId, versionId), versionDetailResponseSchema);
}

/** The version's frozen document, as a Y.Doc of its own (never connected to anything). */
export async function apiVersionDoc(planId: string, versionId: string): Promise<Y.Doc> {
  const res = await apiFetch(`${versionPath(planId, versionId)}/snapshot`);
  if (!res.ok) throw apiFailureOf(res, await res.json().catch(() => null));
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, new Uint8Array(await res.arrayBuffer()));
  // A version saved by an older Phuluc reads with today's layout (this local copy only).
  planDocMigrate(doc);
  return doc;
}

/** What changed in a table from one side to the other (`VERSION_LIVE` or a version id). */
export function apiCompare(planId: string, tableId: string, from: string, to: string): Promise<ApiCompare> {
  const query = new URLSearchParams({ table: tableId, from, to });
  return request('GET', `${plans(planId)}/compare?${query.toString()}`, compareResponseSchema);
}

/** The download link of a version's table in one format (`draft`: even with errors, marked "DỰ THẢO"). */
export function versionExportUrl(planId: string, versionId: string, tableId: string, format: VersionExportFormat, draft = false): string {
  return `${versionPath(planId, versionId)}/tables/${encodeURIComponent(tableId)}/export?format=${format}${draft ? '&draft=1' : ''}`;
}

/** A finished export, or the server's refusal of a final export (the table has errors). */
export type VersionExport = { ok: true; blob: Blob; fileName: string } | { ok: false; message: string };

/** Downloads a version's table; a 422 (errors, final export) comes back as `ok: false` with the server's message. */
export async function apiVersionExport(planId: string, versionId: string, tableId: string, format: VersionExportFormat, draft: boolean): Promise<VersionExport> {
  const res = await apiFetch(versionExportUrl(planId, versionId, tableId, format, draft));
  if (!res.ok) {
    const { message } = await exportRefusal(res);
    return { ok: false, message };
  }
  return { ok: true, blob: await res.blob(), fileName: contentDispositionFileName(res.headers.get('content-disposition'), `phu-luc.${format}`) };
}

const TIME = new Map<string, Intl.DateTimeFormat>();

/** "14:05 28/03/2026": when a version was saved (two versions may share a name). */
export function versionTime(at: number, lang: string): string {
  let format = TIME.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
    TIME.set(lang, format);
  }
  return format.format(at);
}
