/**
 * Downloading an export of a table: `GET /api/plans/:planId/tables/:tableId/export`. The server
 * validates first: a table with errors answers an official format (Word, PDF) with 422 and its
 * findings unless a draft is asked for; the data formats always come.
 */
import {
  EXPORT_FORMATS,
  exportDecide,
  type ExportFormat,
  exportFormatIsOfficial,
  exportRefusedSchema,
  type Finding,
  planDocReadMeta,
  planDocReadTable,
  type UnitDirectory,
  validateTable,
} from '@phuluc/domain';
import type * as Y from 'yjs';
import { apiAnswerParse, apiFailureOf, apiFetch } from './api.ts';

/** The formats of the export menu: the API's, in its order. */
export const EXPORT_MENU_FORMATS = EXPORT_FORMATS;
export type ExportMenuFormat = ExportFormat;

/** A format as the menu offers it: in the official group or the data group, and whether it can be chosen now. */
export interface ExportMenuChoice {
  format: ExportMenuFormat;
  official: boolean;
  enabled: boolean;
  /** The file will carry "DỰ THẢO" (asked for, or a data export of a table with errors). */
  draft: boolean;
}

/**
 * What the menu offers, by the domain's rule (`exportDecide`): with errors present the data
 * formats stay enabled (as drafts), the official ones only when a draft is asked for.
 */
export function exportMenuChoices(state: { hasErrors: boolean; draft: boolean }): ExportMenuChoice[] {
  return EXPORT_MENU_FORMATS.map((format) => {
    const decision = exportDecide(format, { hasErrors: state.hasErrors, draftAsked: state.draft });
    return { format, official: exportFormatIsOfficial(format), enabled: decision.kind === 'file', draft: decision.kind === 'file' && decision.draft };
  });
}

/**
 * The errors of a table as the server will find them before an export (the same validators on
 * the same document), or null when the table cannot be read here (the server then decides).
 */
export function exportTableErrors(doc: Y.Doc, tableId: string, units: UnitDirectory, fallbackYear: number): Finding[] | null {
  try {
    const year = planDocReadMeta(doc).year;
    const table = planDocReadTable(doc, tableId);
    return validateTable(table, { tableId, planYear: year > 0 ? year : fallbackYear, units }).filter((f) => f.severity === 'error');
  } catch {
    return null;
  }
}

/** The answer to an export: the file, or the errors that block a final export. */
export type ExportAnswer =
  | { ok: true; blob: Blob; fileName: string }
  | { ok: false; message: string; findings: Finding[] };

/** The export's URL. */
export function exportUrl(planId: string, tableId: string, format: ExportMenuFormat, draft: boolean): string {
  return `/api/plans/${encodeURIComponent(planId)}/tables/${encodeURIComponent(tableId)}/export?format=${format}${draft ? '&draft=1' : ''}`;
}

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` (RFC 5987) when there is
 * one, else the plain `filename`, else `fallback`.
 */
export function contentDispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2]?.trim()) || fallback;
}

/**
 * A failed export's answer: the 422 refusal of a final export (`exportRefusedSchema`) as a value,
 * anything else thrown as ApiFailure.
 */
export async function exportRefusal(res: Response): Promise<{ ok: false; message: string; findings: Finding[] }> {
  const data: unknown = await res.json().catch(() => null);
  if (res.status !== 422 || apiFailureOf(res, data).code !== 'exportHasErrors') throw apiFailureOf(res, data);
  const { error, findings } = apiAnswerParse(res, data, exportRefusedSchema);
  return { ok: false, message: error.message, findings };
}

/** Asks the server for the export; failures other than the 422 refusal are thrown as ApiFailure. */
export async function exportFetch(planId: string, tableId: string, format: ExportMenuFormat, draft: boolean): Promise<ExportAnswer> {
  const res = await apiFetch(exportUrl(planId, tableId, format, draft));
  if (!res.ok) return exportRefusal(res);
  return { ok: true, blob: await res.blob(), fileName: contentDispositionFileName(res.headers.get('content-disposition'), `phu-luc.${format}`) };
}

/** Hands a file to the browser as a download. */
export function blobDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
