/**
 * Phuluc's own JSON export read back: the table as `tableModelSchema` writes it (export/json.ts
 * on the server), checked like every import — the schema, the columns a plan accepts, the limits
 * of rows, columns and cell length — and made plain: computed numbers, row ids and owners are
 * dropped (a plan gives imported rows new ids, and owners from their lead cell).
 */
import { columnsCheck } from '../plan-doc-columns.ts';
import { PlanDocError } from '../plan-doc-layout.ts';
import { PLAN_LIMITS } from '../plan-limits.ts';
import { numberFormat } from '../number.ts';
import { type ParseResult, parseFail, parseOk } from '../result.ts';
import { type RowModel, type TableModel, tableModelSchema } from '../table-model.ts';
import { IMPORT_HEADING_NONE } from './heading.ts';
import { IMPORT_FAILURE_CODES, IMPORT_NOTE_CODES } from './import-codes.ts';
import { IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS } from './import-limits.ts';
import type { ImportResult } from './table-import.ts';

/** Whether text looks like a JSON object (a table exported as JSON), not a delimited or HTML table. */
export function jsonLooks(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  return trimmed.startsWith('{') && trimmed.endsWith('}');
}

/** Reads a table exported as JSON; every refusal is a failed result with a Vietnamese reason. */
export function tableImportJson(text: string): ParseResult<ImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return parseFail(IMPORT_FAILURE_CODES.invalid, `Tệp JSON không đọc được (${error instanceof Error ? error.message : String(error)}).`);
  }
  const checked = tableModelSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (ở “${issue.path.join('.')}”)` : '';
    return parseFail(IMPORT_FAILURE_CODES.invalid, `Tệp JSON không phải một bảng do Phuluc xuất${where}: ${issue?.message ?? ''}`);
  }
  const source = checked.data;
  if (source.rows.length > IMPORT_MAX_ROWS) {
    return parseFail(IMPORT_FAILURE_CODES.tooLarge, `Bảng có ${source.rows.length} dòng, vượt quá giới hạn ${IMPORT_MAX_ROWS} dòng cho một lần nhập.`);
  }
  if (source.columns.length > IMPORT_MAX_COLUMNS) {
    return parseFail(IMPORT_FAILURE_CODES.tooLarge, `Bảng có ${source.columns.length} cột, vượt quá giới hạn ${IMPORT_MAX_COLUMNS} cột.`);
  }
  try {
    columnsCheck(source.columns);
  } catch (error) {
    if (error instanceof PlanDocError) return parseFail(IMPORT_FAILURE_CODES.invalid, `Tệp JSON có cột không hợp lệ: ${error.message}`);
    throw error;
  }
  const fields = source.columns.map((c) => c.field);
  const rows: RowModel[] = [];
  for (const [index, row] of source.rows.entries()) {
    if (row.kind === 'section') {
      rows.push({ kind: 'section', label: row.label });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const field of fields) {
      const cell = row.cells[field] ?? '';
      if (cell.length > PLAN_LIMITS.importCellChars) {
        return parseFail(
          IMPORT_FAILURE_CODES.tooLarge,
          `Ô “${field}” ở dòng ${index + 1} dài ${numberFormat(cell.length)} ký tự, quá giới hạn ${numberFormat(PLAN_LIMITS.importCellChars)} ký tự của một ô.`,
        );
      }
      cells[field] = cell;
    }
    rows.push({ kind: 'item', cells });
  }
  const table: TableModel = {
    title: source.title,
    template: source.template,
    numbering: source.numbering,
    ...(source.numberWidth === undefined ? {} : { numberWidth: source.numberWidth }),
    columns: source.columns.map((c) => ({ field: c.field, label: c.label, width: c.width })),
    rows,
  };
  return parseOk({
    table,
    notes: [{ code: IMPORT_NOTE_CODES.format, message: 'Đã đọc bảng từ tệp JSON do Phuluc xuất; số thứ tự được tính lại.' }],
    heading: { ...IMPORT_HEADING_NONE, title: table.title },
  });
}
