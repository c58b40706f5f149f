/** The JSON export: the domain's `TableModel` (with its computed numbers), as `tableModelSchema` reads it. */
import { numberingCompute, type TableModel, tableModelSchema } from '@phuluc/domain';

/** The table with its numbers computed, checked against the schema. */
export function jsonTable(table: TableModel): TableModel {
  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );
  return tableModelSchema.parse({ ...table, rows: table.rows.map((row, i) => ({ ...row, number: numbers[i] ?? '' })) });
}

/** The table as a .json file (UTF-8, indented). */
export function exportJson(table: TableModel): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(jsonTable(table), null, 2)}\n`);
}
