/**
 * Downloading an export of a table: `GET /api/plans/:planId/tables/:tableId/export`. The server
 * validates first: a table with errors answers 422 with its findings unless a draft is asked for.
 */
import type { Finding } from '@phuluc/domain';
import { API_UNREACHABLE, ApiFailure } from './api.ts';

export const EXPORT_MENU_FORMATS = ['docx', 'xlsx', 'pdf', 'csv', 'json'] as const;
export type ExportMenuFormat = (typeof EXPORT_MENU_FORMATS)[number];

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

/** Asks the server for the export; failures other than the 422 refusal are thrown as ApiFailure. */
export async function exportFetch(planId: string, tableId: string, format: ExportMenuFormat, draft: boolean): Promise<ExportAnswer> {
  let res: Response;
  try {
    res = await fetch(exportUrl(planId, tableId, format, draft), { credentials: 'same-origin' });
  } catch (error) {
    throw new ApiFailure(API_UNREACHABLE, 'network', error instanceof Error ? error.message : String(error));
  }
  if (res.ok) {
    return { ok: true, blob: await res.blob(), fileName: contentDispositionFileName(res.headers.get('content-disposition'), `phu-luc.${format}`) };
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string }; findings?: Finding[] } | null;
  const message = data?.error?.message ?? res.statusText;
  if (res.status === 422 && Array.isArray(data?.findings)) return { ok: false, message, findings: data.findings };
  throw new ApiFailure(res.status, data?.error?.code ?? `http${res.status}`, message);
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
