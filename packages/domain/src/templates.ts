/**
 * The appendix layouts seen in real 2026 plans (DESIGN.md): each an ordered list of fields with
 * their exact Vietnamese header labels, column widths, and how rows and sections are numbered.
 */
import { type FieldKey, fieldLabelForYear } from './fields.ts';

export const TEMPLATE_IDS = [
  'tasks-detailed',
  'tasks-budget',
  'tasks-basic',
  'recurring',
  'assignment',
  'indicators',
  'kpi',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Whether a table lists tasks (the "6 rõ" rules apply) or indicators (target rules apply). */
export type TemplateKind = 'tasks' | 'indicators';

/** How the computed numbers read: items restart in each section, run on, or are not numbered. */
export type ItemNumbering = 'restart' | 'continuous' | 'none';
/** Section labels: I, II, III or A, B, C. */
export type SectionNumbering = 'roman' | 'alpha';

export interface Numbering {
  items: ItemNumbering;
  sections: SectionNumbering;
  /** Header of the computed number column ("STT", "TT"), or null when the layout has none. */
  label: string | null;
}

export interface TemplateColumn {
  field: FieldKey;
  /** Exact header label; `{year}` is replaced by the plan's year. */
  label: string;
  /** Width in millimetres on an A4 landscape page (the printable width is about 252 mm). */
  width: number;
}

export interface Template {
  id: TemplateId;
  kind: TemplateKind;
  /** Vietnamese name shown when choosing a layout. */
  name: string;
  /** Default table title. */
  title: string;
  numbering: Numbering;
  /** Width of the number column in millimetres (0 when there is none). */
  numberWidth: number;
  columns: readonly TemplateColumn[];
}

const col = (field: FieldKey, label: string, width: number): TemplateColumn => ({ field, label, width });

export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  'tasks-detailed': {
    id: 'tasks-detailed',
    kind: 'tasks',
    name: 'Nhiệm vụ chi tiết',
    title: 'Danh mục nhiệm vụ chuyển đổi số năm {year}',
    numbering: { items: 'restart', sections: 'roman', label: 'STT' },
    numberWidth: 12,
    columns: [
      col('task', 'Nhiệm vụ cụ thể', 40),
      col('detail', 'Chi tiết nhiệm vụ', 55),
      col('lead', 'Người/Đơn vị chủ trì', 32),
      col('timeframe', 'Thời gian thực hiện', 22),
      col('output', 'Sản phẩm/Kết quả đầu ra', 32),
      col('supervisor', 'Cơ quan hướng dẫn/kiểm tra', 25),
      col('monitor', 'Theo dõi', 22),
      col('note', 'Ghi chú', 15),
    ],
  },
  'tasks-budget': {
    id: 'tasks-budget',
    kind: 'tasks',
    name: 'Nhiệm vụ có kinh phí',
    title: 'Danh mục nhiệm vụ và kinh phí thực hiện năm {year}',
    numbering: { items: 'restart', sections: 'roman', label: 'TT' },
    numberWidth: 10,
    columns: [
      col('task', 'Nhiệm vụ chính', 55),
      col('output', 'Mục tiêu/chỉ tiêu/kết quả đạt được', 50),
      col('timeframe', 'Thời gian triển khai/hoàn thành', 25),
      col('lead', 'Đơn vị chủ trì', 32),
      col('cooperating', 'Đơn vị phối hợp', 35),
      col('budget', 'Kinh phí (trđ)', 20),
      col('fundingSource', 'Nguồn ngân sách', 25),
    ],
  },
  'tasks-basic': {
    id: 'tasks-basic',
    kind: 'tasks',
    name: 'Nhiệm vụ cơ bản',
    title: 'Danh mục nhiệm vụ năm {year}',
    numbering: { items: 'continuous', sections: 'roman', label: 'TT' },
    numberWidth: 10,
    columns: [
      col('task', 'Nội dung công việc', 110),
      col('lead', 'Đơn vị chủ trì', 45),
      col('cooperating', 'Đơn vị phối hợp', 60),
      col('timeframe', 'Thời hạn', 27),
    ],
  },
  recurring: {
    id: 'recurring',
    kind: 'tasks',
    name: 'Nhiệm vụ thường xuyên',
    title: 'Danh mục nhiệm vụ thực hiện thường xuyên năm {year}',
    numbering: { items: 'continuous', sections: 'roman', label: 'TT' },
    numberWidth: 10,
    columns: [
      col('task', 'Nội dung thực hiện thường xuyên', 80),
      col('lead', 'Đơn vị chủ trì', 35),
      col('cooperating', 'Đơn vị phối hợp', 50),
      col('frequency', 'Tần suất', 25),
      col('output', 'Kết quả', 52),
    ],
  },
  assignment: {
    id: 'assignment',
    kind: 'tasks',
    name: 'Phân công nhiệm vụ',
    title: 'Phân công nhiệm vụ chuyển đổi số năm {year}',
    numbering: { items: 'continuous', sections: 'roman', label: 'STT' },
    numberWidth: 12,
    columns: [
      col('task', 'Nhiệm vụ', 90),
      col('lead', 'Cơ quan chủ trì', 40),
      col('cooperating', 'Cơ quan phối hợp', 50),
      col('output', 'Sản phẩm', 35),
      col('timeframe', 'Thời gian hoàn thành', 25),
    ],
  },
  indicators: {
    id: 'indicators',
    kind: 'indicators',
    name: 'Chỉ tiêu',
    title: 'Chỉ tiêu chuyển đổi số năm {year}',
    numbering: { items: 'restart', sections: 'alpha', label: 'STT' },
    numberWidth: 12,
    columns: [
      col('indicator', 'Nội dung chỉ tiêu', 95),
      col('measureUnit', 'Đơn vị tính', 18),
      col('target', 'Chỉ tiêu phấn đấu năm {year}', 28),
      col('lead', 'Đơn vị theo dõi, đánh giá, tổng hợp, báo cáo', 40),
      col('cooperating', 'Đơn vị phối hợp', 35),
      col('note', 'Ghi chú', 24),
    ],
  },
  kpi: {
    id: 'kpi',
    kind: 'indicators',
    name: 'Bảng KPI',
    title: 'Bảng KPI chuyển đổi số năm {year}',
    numbering: { items: 'none', sections: 'roman', label: null },
    numberWidth: 0,
    columns: [
      col('indicator', 'Chỉ tiêu/KPI', 150),
      col('target', 'Mức theo dõi năm {year}', 40),
      col('lead', 'Đơn vị chủ trì theo dõi', 62),
    ],
  },
};

/** True when `id` names one of the built-in layouts. */
export function templateIsKnown(id: string): id is TemplateId {
  return Object.hasOwn(TEMPLATES, id);
}

/** A template's columns with `{year}` filled in, ready to store in a table. */
export function templateColumnsForYear(id: TemplateId, year: number): TemplateColumn[] {
  return TEMPLATES[id].columns.map((c) => ({ ...c, label: fieldLabelForYear(c.label, year) }));
}

/** A template's default title for a year. */
export function templateTitleForYear(id: TemplateId, year: number): string {
  return fieldLabelForYear(TEMPLATES[id].title, year);
}
