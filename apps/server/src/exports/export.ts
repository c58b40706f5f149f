/**
 * `exportTable`: one table of a plan as DOCX, XLSX, PDF, CSV or JSON. Every format goes through
 * the domain validators first, and `exportDecide` says what they mean for the format: a table
 * with errors is refused as a final DOCX or PDF (the official appendix; the caller answers 422
 * with the findings) and exported as a draft, which carries "DỰ THẢO" on every page; the data
 * formats (XLSX, CSV, JSON) are never refused — a clerk needs them to fix the errors — and come
 * marked as a draft while errors remain.
 */
import {
  EXPORT_FORMATS,
  exportDecide,
  exportFileName,
  exportFindings,
  type ExportFormat,
  type ExportMeta,
  exportModelBuild,
  type Finding,
  findingsHaveErrors,
  type TableModel,
  type UnitDirectory,
} from '@phuluc/domain';
import { exportCsv } from './csv.ts';
import { exportJson } from './json.ts';

// The formats are the API's (the domain's), shared with the web's export menu.
export { EXPORT_FORMATS, type ExportFormat };

/** The MIME type of each format. */
export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** True when `value` names a format. */
export function exportFormatIsKnown(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportOptions {
  /** A draft is asked for: exported even with errors, every page marked "DỰ THẢO". */
  draft: boolean;
  units: UnitDirectory;
  /** The plan's year (timeframes are checked against it); the meta's year when not given. */
  planYear?: number;
}

/** The code of a refused export (the API answers it as its own `exportHasErrors`, 422). */
export const EXPORT_REFUSED = 'exportHasErrors';

export type ExportResult =
  | { ok: true; bytes: Uint8Array; contentType: string; fileName: string; findings: Finding[] }
  | { ok: false; code: typeof EXPORT_REFUSED; message: string; findings: Finding[] };

/** The Vietnamese message of a refused export. */
export function exportRefusedMessage(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `Bảng còn ${errors} lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo (có dấu «DỰ THẢO» trên mỗi trang). Excel, CSV và JSON vẫn xuất được để sửa lỗi.`;
}

/** Exports one table; refuses a final official export (DOCX, PDF) of a table with errors. */
export async function exportTable(table: TableModel, meta: ExportMeta, format: ExportFormat, options: ExportOptions): Promise<ExportResult> {
  const planYear = options.planYear ?? (meta.year && meta.year > 0 ? meta.year : new Date().getFullYear());
  const findings = exportFindings(table, { units: options.units, planYear });
  const decision = exportDecide(format, { hasErrors: findingsHaveErrors(findings), draftAsked: options.draft });
  if (decision.kind === 'refused') return { ok: false, code: EXPORT_REFUSED, message: exportRefusedMessage(findings), findings };
  const model = exportModelBuild(table, meta, { draft: decision.draft, units: options.units, planYear, findings });
  let bytes: Uint8Array;
  switch (format) {
    // docx, exceljs and pdfkit are loaded on the first export of their format, not at start-up.
    case 'docx':
      bytes = await (await import('./docx.ts')).exportDocx(model);
      break;
    case 'xlsx':
      bytes = await (await import('./xlsx.ts')).exportXlsx(model);
      break;
    case 'pdf':
      bytes = await (await import('./pdf.ts')).exportPdf(model);
      break;
    case 'csv':
      bytes = exportCsv(model);
      break;
    case 'json':
      bytes = exportJson(table);
      break;
  }
  return { ok: true, bytes, contentType: EXPORT_CONTENT_TYPES[format], fileName: exportFileName(model, format), findings: model.findings };
}
