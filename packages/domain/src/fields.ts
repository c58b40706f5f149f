/**
 * The registry of fields: every column a Phuluc table can have, with its kind (which parser,
 * editor and validator apply), its Vietnamese header label and the other labels real plans use
 * for it. The glossary in DESIGN.md maps the keys to the Vietnamese terms.
 */

export const FIELD_KINDS = ['text', 'units', 'period', 'money', 'target', 'frequency', 'measureUnit'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_KEYS = [
  'task',
  'detail',
  'indicator',
  'lead',
  'cooperating',
  'timeframe',
  'output',
  'budget',
  'fundingSource',
  'frequency',
  'measureUnit',
  'target',
  'supervisor',
  'monitor',
  'note',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** A column that is not a known field (kept from an import, or added by a user) is `custom:<slug>`. */
export type CustomFieldKey = `custom:${string}`;
export type ColumnField = FieldKey | CustomFieldKey;

export interface FieldDef {
  key: FieldKey;
  kind: FieldKind;
  /** The usual Vietnamese header label. */
  label: string;
  /**
   * Other header labels seen in real plans. `{year}` stands for a four-digit year
   * ("Chỉ tiêu phấn đấu năm {year}").
   */
  synonyms: readonly string[];
  /** Whether people write several lines in this cell (editors and exports keep the lines). */
  multiline: boolean;
}

export const FIELDS: Readonly<Record<FieldKey, FieldDef>> = {
  task: {
    key: 'task',
    kind: 'text',
    label: 'Nhiệm vụ',
    synonyms: [
      'Nhiệm vụ cụ thể',
      'Nhiệm vụ chính',
      'Nội dung công việc',
      'Nội dung thực hiện thường xuyên',
      'Nội dung nhiệm vụ',
      'Nội dung',
      'Tên nhiệm vụ',
    ],
    multiline: true,
  },
  detail: {
    key: 'detail',
    kind: 'text',
    label: 'Chi tiết nhiệm vụ',
    synonyms: ['Nội dung chi tiết', 'Chi tiết', 'Nội dung thực hiện'],
    multiline: true,
  },
  indicator: {
    key: 'indicator',
    kind: 'text',
    label: 'Nội dung chỉ tiêu',
    synonyms: ['Chỉ tiêu/KPI', 'Chỉ tiêu', 'Tên chỉ tiêu', 'KPI'],
    multiline: true,
  },
  lead: {
    key: 'lead',
    kind: 'units',
    label: 'Đơn vị chủ trì',
    synonyms: [
      'Người/Đơn vị chủ trì',
      'Cơ quan chủ trì',
      'Đơn vị chủ trì theo dõi',
      'Đơn vị theo dõi, đánh giá, tổng hợp, báo cáo',
      'Đơn vị thực hiện',
      'Chủ trì',
    ],
    multiline: false,
  },
  cooperating: {
    key: 'cooperating',
    kind: 'units',
    label: 'Đơn vị phối hợp',
    synonyms: ['Cơ quan phối hợp', 'Phối hợp'],
    multiline: false,
  },
  timeframe: {
    key: 'timeframe',
    kind: 'period',
    label: 'Thời gian thực hiện',
    synonyms: ['Thời hạn', 'Thời gian hoàn thành', 'Thời gian triển khai/hoàn thành', 'Thời gian', 'Tiến độ'],
    multiline: true,
  },
  output: {
    key: 'output',
    kind: 'text',
    label: 'Sản phẩm/Kết quả đầu ra',
    synonyms: ['Sản phẩm', 'Kết quả', 'Kết quả đầu ra', 'Mục tiêu/chỉ tiêu/kết quả đạt được', 'Sản phẩm đầu ra'],
    multiline: true,
  },
  budget: {
    key: 'budget',
    kind: 'money',
    label: 'Kinh phí (trđ)',
    synonyms: ['Kinh phí (triệu đồng)', 'Kinh phí', 'Dự kiến kinh phí (trđ)', 'Kinh phí dự kiến (triệu đồng)'],
    multiline: false,
  },
  fundingSource: {
    key: 'fundingSource',
    kind: 'text',
    label: 'Nguồn ngân sách',
    synonyms: ['Nguồn kinh phí', 'Nguồn vốn'],
    multiline: false,
  },
  frequency: {
    key: 'frequency',
    kind: 'frequency',
    label: 'Tần suất',
    synonyms: ['Tần suất thực hiện', 'Định kỳ'],
    multiline: false,
  },
  measureUnit: {
    key: 'measureUnit',
    kind: 'measureUnit',
    label: 'Đơn vị tính',
    synonyms: ['ĐVT', 'Đơn vị đo'],
    multiline: false,
  },
  target: {
    key: 'target',
    kind: 'target',
    label: 'Chỉ tiêu phấn đấu năm {year}',
    synonyms: [
      'Chỉ tiêu phấn đấu',
      'Mức theo dõi năm {year}',
      'Mức theo dõi',
      'Chỉ tiêu năm {year}',
      'Mục tiêu năm {year}',
      'Chỉ tiêu phần đầu năm {year}',
    ],
    multiline: false,
  },
  supervisor: {
    key: 'supervisor',
    kind: 'units',
    label: 'Cơ quan hướng dẫn/kiểm tra',
    synonyms: ['Cơ quan hướng dẫn, kiểm tra', 'Cơ quan hướng dẫn'],
    multiline: false,
  },
  monitor: {
    key: 'monitor',
    kind: 'units',
    label: 'Theo dõi',
    synonyms: ['Đơn vị theo dõi', 'Người theo dõi'],
    multiline: false,
  },
  note: {
    key: 'note',
    kind: 'text',
    label: 'Ghi chú',
    synonyms: [],
    multiline: true,
  },
};

/** True for the keys of the registry (not `custom:` columns). */
export function fieldIsKnown(field: string): field is FieldKey {
  return Object.hasOwn(FIELDS, field);
}

/** The definition of a column's field, or undefined for a custom column. */
export function fieldDef(field: string): FieldDef | undefined {
  return fieldIsKnown(field) ? FIELDS[field] : undefined;
}

/** The kind of a column: its field's kind, `text` for custom columns. */
export function fieldKind(field: string): FieldKind {
  return fieldDef(field)?.kind ?? 'text';
}

/** A label with `{year}` replaced by the plan's year. */
export function fieldLabelForYear(label: string, year: number): string {
  return label.replaceAll('{year}', String(year));
}
