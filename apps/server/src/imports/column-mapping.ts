/**
 * The column mapping of an import preview: which field each imported column fills, as the
 * importer recognised it from the header labels, and the clerk's corrections ("this column is
 * «Đơn vị chủ trì»", "leave this one out"). Applied to the imported TableModel before it is
 * validated again and written, so the preview shows exactly what will be added.
 */
import {
  FIELDS,
  fieldIsKnown,
  fieldLabelForYear,
  type HeaderMatch,
  IMPORT_FAILURE_CODES,
  IMPORT_MAPPING_IGNORE,
  type ParseResult,
  parseFail,
  parseOk,
  planDocFieldIsValid,
  type TableModel,
  templateDetect,
  TEMPLATES,
} from '@phuluc/domain';

/** The year the table's headers or title name, for a template label with "{year}". */
function headerYearOf(table: TableModel): number | undefined {
  const m = /(?<!\d)(20\d\d)(?!\d)/.exec([table.title, ...table.columns.map((c) => c.label)].join(' '));
  return m?.[1] ? Number(m[1]) : undefined;
}

/** One imported column: its position among the table's columns, its header, the field it fills. */
export interface ColumnMappingEntry {
  index: number;
  label: string;
  field: string;
}

/** The mapping the importer chose: one entry per column of the imported table. */
export function columnMappingOf(table: TableModel): ColumnMappingEntry[] {
  return table.columns.map((column, index) => ({ index, label: column.label, field: column.field }));
}

/** The name of a field for messages: its Vietnamese label, or the column's own. */
function fieldName(field: string): string {
  return fieldIsKnown(field) ? FIELDS[field].label : field.replace(/^custom:/, '');
}

/**
 * The table with the clerk's corrections: each column listed moves to the field it names (its
 * cells with it, its header becoming the layout's for that field), or is dropped for `IMPORT_MAPPING_IGNORE`;
 * columns not listed keep their field and header. A field
 * named twice, an unknown field, an index that is no column, or nothing left is refused. The
 * layout (template) is detected again from the corrected fields.
 */
export function columnMappingApply(table: TableModel, mapping: ReadonlyArray<{ index: number; field: string }>): ParseResult<TableModel> {
  const fail = (reason: string): ParseResult<TableModel> => parseFail(IMPORT_FAILURE_CODES.mappingInvalid, reason);
  const target = new Map<number, string>();
  for (const entry of mapping) {
    if (!Number.isInteger(entry.index) || entry.index < 0 || entry.index >= table.columns.length) {
      return fail(`Cột thứ ${entry.index + 1} không có trong bảng nhập (bảng có ${table.columns.length} cột).`);
    }
    if (entry.field !== IMPORT_MAPPING_IGNORE && !fieldIsKnown(entry.field) && !(entry.field.startsWith('custom:') && planDocFieldIsValid(entry.field))) {
      return fail(`Không có trường «${entry.field}» để gán cho cột «${table.columns[entry.index]?.label ?? ''}».`);
    }
    target.set(entry.index, entry.field);
  }
  const kept: Array<{ from: string; to: string; label: string; width: number }> = [];
  const takenBy = new Map<string, string>();
  table.columns.forEach((column, index) => {
    const to = target.get(index) ?? column.field;
    if (to === IMPORT_MAPPING_IGNORE) return;
    kept.push({ from: column.field, to, label: column.label, width: column.width });
  });
  for (const column of kept) {
    const other = takenBy.get(column.to);
    if (other !== undefined) return fail(`Hai cột «${other}» và «${column.label}» cùng được gán vào «${fieldName(column.to)}»; mỗi trường chỉ gán cho một cột.`);
    takenBy.set(column.to, column.label);
  }
  if (kept.length === 0) return fail('Cần giữ lại ít nhất một cột của bảng.');

  const changed = kept.length !== table.columns.length || kept.some((c) => c.from !== c.to);
  const headers: HeaderMatch[] = kept.map((c, index) => ({ index, label: c.label, field: c.to, number: false }));
  if (table.numbering.label !== null) headers.unshift({ index: -1, label: table.numbering.label, field: 'custom:stt', number: true });
  const template = changed ? templateDetect(headers) : table.template;
  // A column the clerk gave a known field takes that field's header as the layout writes it (its
  // own header was not recognised, or named another field); recognised columns keep theirs.
  const labelOf = (c: (typeof kept)[number]): string => {
    if (c.from === c.to || !fieldIsKnown(c.to)) return c.label;
    const label = TEMPLATES[template].columns.find((t) => t.field === c.to)?.label;
    const year = headerYearOf(table);
    if (label === undefined || (label.includes('{year}') && year === undefined)) return FIELDS[c.to].label;
    return year === undefined ? label : fieldLabelForYear(label, year);
  };
  return parseOk({
    ...table,
    template,
    columns: kept.map((c) => ({ field: c.to, label: labelOf(c), width: c.width })),
    rows: table.rows.map((row) => {
      if (row.kind === 'section') return row;
      const cells: Record<string, string> = {};
      for (const c of kept) cells[c.to] = row.cells[c.from] ?? '';
      return { ...row, cells };
    }),
  });
}
