/**
 * A period's report as the web app calls it (apps/server/src/reports/report-routes.ts): the report
 * as JSON, and its DOCX / XLSX with the person's edits. The edits are kept in the browser
 * (localStorage), one entry per plan, period and unit, so that they survive a reload; only the
 * texts that differ from the defaults are kept, checked by the domain's `reportEditsSchema` when read.
 */
import { type ReportEdits, reportEditsSchema, type ReportFormat, type ReportModel, reportResponseSchema, type ReportTexts } from '@phuluc/domain';
import { apiFailureOf, apiFetch, request } from '../app/api.ts';
import { contentDispositionFileName } from '../app/export-api.ts';

function reportPath(planId: string, periodId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}/reports/${encodeURIComponent(periodId)}`;
}

function unitQuery(unitId: string | null, first: boolean): string {
  return unitId ? `${first ? '?' : '&'}unit=${encodeURIComponent(unitId)}` : '';
}

/** The report of a period: one department's (`unitId`) or the commune's. */
export function apiReport(planId: string, periodId: string, unitId: string | null): Promise<ReportModel> {
  return request('GET', `${reportPath(planId, periodId)}${unitQuery(unitId, true)}`, reportResponseSchema);
}

/** The file of a report with the person's edits; a failure is thrown as ApiFailure. */
export async function apiReportExport(
  planId: string,
  periodId: string,
  unitId: string | null,
  format: ReportFormat,
  edits: ReportEdits,
): Promise<{ blob: Blob; fileName: string }> {
  const res = await apiFetch(`${reportPath(planId, periodId)}/export?format=${format}${unitQuery(unitId, false)}`, {
    method: 'POST',
    headers: { accept: '*/*', 'content-type': 'application/json' },
    body: JSON.stringify(edits),
  });
  if (!res.ok) throw apiFailureOf(res, await res.json().catch(() => null));
  return { blob: await res.blob(), fileName: contentDispositionFileName(res.headers.get('content-disposition'), `bao-cao-${periodId}.${format}`) };
}

/** The localStorage key of a report's edits: per plan, period and unit ("xa" for the commune's). */
export function reportEditsKey(planId: string, periodId: string, unitId: string | null): string {
  return `phuluc:report-edits:${planId}:${periodId}:${unitId ?? 'xa'}`;
}

/** The edits that differ from the defaults (what is worth keeping). */
export function reportEditsDiff(defaults: ReportTexts, texts: ReportTexts): ReportEdits {
  const edits: ReportEdits = {};
  for (const key of Object.keys(defaults) as Array<keyof ReportTexts>) if (texts[key] !== defaults[key]) edits[key] = texts[key];
  return edits;
}

/** The edits kept for a report; none when there are none, or what is kept does not read (an older or damaged entry). */
export function reportEditsLoad(storage: Pick<Storage, 'getItem'>, key: string): ReportEdits {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return {};
    const parsed = reportEditsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Keeps a report's edits (removes the entry when nothing differs from the defaults); a full storage is not an error. */
export function reportEditsSave(storage: Pick<Storage, 'setItem' | 'removeItem'>, key: string, edits: ReportEdits): void {
  try {
    if (Object.keys(edits).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(edits));
  } catch {
    // Private mode or a full quota: the edits still live in the page.
  }
}
