/**
 * The reports that write themselves (DESIGN.md, "The year after signing"): from a plan's tables,
 * its progress records and a period, the plain data of
 *
 *   - a department's report of its own rows for the period («Báo cáo» of one unit),
 *   - the consolidated report of UBND xã (counts by status, late rows with their owners and why,
 *     indicators against targets, difficulties by department, who has not reported, the detail),
 *   - the year-end evaluation («Đánh giá kết quả thực hiện năm 2026»: «Kết quả: Đạt 90 %»),
 *
 * with the default texts a clerk edits (number, place and date, assessment, next tasks,
 * proposals, recipients, signature) and the schema of those edits. The documents (DOCX, XLSX, the
 * page) lay this out; nothing here knows a file format.
 */
import { z } from 'zod';
import { dateVi, QUARTER_ROMAN } from '../period/calendar.ts';
import { numberingCite } from '../numbering.ts';
import type { TableModel } from '../table-model.ts';
import { textFoldDiacritics } from '../text.ts';
import type { ProgressLateReason, ProgressPlan, ProgressRow } from './due.ts';
import { progressIsDue, progressSchedule } from './due.ts';
import { INDICATOR_OUTCOMES, type IndicatorOutcome, indicatorCompare } from './indicator.ts';
import {
  type ProgressRecord,
  PROGRESS_STATUS_CODES,
  PROGRESS_STATUSES,
  type ProgressStatus,
  type ReportingSettings,
  type ReportPeriod,
  reportPeriodDeadline,
  reportPeriodFormat,
  reportPeriodLabel,
  reportPeriodNext,
  reportPeriodParse,
} from './model.ts';
import { progressLateRows, progressRowsOf, progressStatusCounts, progressUnitReports, progressYearEnd } from './summary.ts';

// ---------------------------------------------------------------------------------------------
// What a report covers

/** The span of a report: a reporting period ("2026-11", "2026-Q4") or the whole year ("2026"). */
export type ReportSpan = ReportPeriod | { kind: 'year'; year: number };

const YEAR_ID = /^(\d{4})$/;

/** Reads a report's period id: "2026-11", "2026-Q4", or "2026" for the year-end evaluation; null otherwise. */
export function reportSpanParse(id: string): ReportSpan | null {
  const year = YEAR_ID.exec(id);
  if (year) {
    const n = Number(year[1]);
    return reportPeriodParse(`${n}-01`) ? { kind: 'year', year: n } : null;
  }
  return reportPeriodParse(id);
}

/** The id of a span ("2026-11", "2026-Q4", "2026"). */
export function reportSpanFormat(span: ReportSpan): string {
  return span.kind === 'year' ? String(span.year) : reportPeriodFormat(span);
}

/** The span as a title says it: «tháng 11/2026», «quý IV/2026», «năm 2026». */
export function reportSpanPhrase(span: ReportSpan): string {
  if (span.kind === 'year') return `năm ${span.year}`;
  if (span.kind === 'month') return `tháng ${span.month}/${span.year}`;
  return `quý ${QUARTER_ROMAN[span.quarter - 1]}/${span.year}`;
}

/** The Vietnamese message of a period id that does not read. */
export const REPORT_SPAN_INVALID = 'Kỳ báo cáo phải có dạng "2026-11" (tháng), "2026-Q4" (quý) hoặc "2026" (đánh giá cả năm).';

// ---------------------------------------------------------------------------------------------
// The editable texts

/** How long each editable text may be: a page of prose, not a pasted document. */
export const REPORT_TEXT_LIMITS = {
  short: 200,
  long: 10_000,
} as const;

const shortText = z.string().max(REPORT_TEXT_LIMITS.short, `Tối đa ${REPORT_TEXT_LIMITS.short} ký tự.`);
const longText = z.string().max(REPORT_TEXT_LIMITS.long, `Tối đa ${REPORT_TEXT_LIMITS.long.toLocaleString('vi-VN')} ký tự.`);

/** The texts of a report a person may change before printing it. */
export const reportTextsSchema = z.object({
  /** «Số: …/BC-UBND». */
  number: shortText,
  /** «Tân Thanh, ngày … tháng … năm 2026». */
  placeDate: shortText,
  /** The line under «BÁO CÁO»: «Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026». */
  subject: shortText,
  /** «Thực hiện Kế hoạch số …/KH-UBND ngày … của UBND xã …, UBND xã báo cáo … như sau:». */
  opening: longText,
  /** «Đánh giá chung». */
  assessment: longText,
  /** «Phương hướng, nhiệm vụ … tới», one task a line. */
  nextTasks: longText,
  /** «Kiến nghị, đề xuất». */
  proposals: longText,
  /** «Nơi nhận», one a line. */
  recipients: longText,
  /** «TM. ỦY BAN NHÂN DÂN» or «KT. CHỦ TỊCH». */
  signAuthority: shortText,
  /** «CHỦ TỊCH» or «PHÓ CHỦ TỊCH». */
  signTitle: shortText,
  /** The signer's name (blank until typed). */
  signer: shortText,
});
/** A report's editable texts. */
export type ReportTexts = z.infer<typeof reportTextsSchema>;

/** What a person changed: any of the texts (the rest keep their defaults); unknown keys refused. */
export const reportEditsSchema = reportTextsSchema.partial().strict();
/** A person's edits of a report's texts. */
export type ReportEdits = z.infer<typeof reportEditsSchema>;

/** The Vietnamese names of the editable texts, for messages. */
export const REPORT_TEXT_LABELS: Readonly<Record<keyof ReportTexts, string>> = {
  number: 'Số văn bản',
  placeDate: 'Địa danh, ngày tháng',
  subject: 'Trích yếu',
  opening: 'Mở đầu',
  assessment: 'Đánh giá chung',
  nextTasks: 'Phương hướng, nhiệm vụ',
  proposals: 'Kiến nghị, đề xuất',
  recipients: 'Nơi nhận',
  signAuthority: 'Thẩm quyền ký',
  signTitle: 'Chức vụ người ký',
  signer: 'Người ký',
};

/** The texts with the person's edits over the defaults (an edit left undefined keeps the default). */
export function reportTextsMerge(defaults: ReportTexts, edits: ReportEdits): ReportTexts {
  const merged = { ...defaults };
  for (const key of Object.keys(defaults) as Array<keyof ReportTexts>) {
    const value = edits[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// The model

/** The kinds of report. */
export const REPORT_KINDS = ['department', 'consolidated', 'yearEnd'] as const;
/** A kind of report. */
export type ReportKind = (typeof REPORT_KINDS)[number];

const statusSchema = z.enum(PROGRESS_STATUS_CODES);
const outcomeSchema = z.enum(Object.keys(INDICATOR_OUTCOMES) as [IndicatorOutcome, ...IndicatorOutcome[]]);

/** One row of the report's detail table. */
export const reportRowSchema = z.object({
  rowId: z.string(),
  kind: z.enum(['task', 'indicator']),
  /** «I.3»: section and STT, as people cite the row. */
  number: z.string(),
  content: z.string(),
  /** The lead unit(s), by name. */
  lead: z.string(),
  timeframe: z.string(),
  due: z.boolean(),
  status: statusSchema.nullable(),
  /** «Hoàn thành», or «Chưa báo cáo». */
  statusLabel: z.string(),
  result: z.string(),
  evidence: z.string(),
  difficulties: z.string(),
  /** Indicators: the value reported, the target, the unit of measure and the outcome. */
  value: z.string(),
  target: z.string(),
  measureUnit: z.string(),
  outcome: outcomeSchema.nullable(),
  outcomeLabel: z.string(),
});
/** One row of the detail table. */
export type ReportRow = z.infer<typeof reportRowSchema>;

/** A late row, its owners and why, in Vietnamese. */
export const reportLateSchema = z.object({ rowId: z.string(), number: z.string(), content: z.string(), owners: z.string(), reasons: z.array(z.string()) });
/** A late row of the report. */
export type ReportLate = z.infer<typeof reportLateSchema>;

/** An indicator against its target. */
export const reportIndicatorSchema = z.object({
  rowId: z.string(),
  number: z.string(),
  content: z.string(),
  measureUnit: z.string(),
  target: z.string(),
  value: z.string(),
  outcome: outcomeSchema,
  outcomeLabel: z.string(),
  /** Why it could not be compared (empty when it could). */
  reason: z.string(),
});
/** An indicator of the report. */
export type ReportIndicator = z.infer<typeof reportIndicatorSchema>;

/** The difficulties and proposals one department reported. */
export const reportDifficultiesSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  items: z.array(z.object({ rowId: z.string(), number: z.string(), content: z.string(), text: z.string() })),
});

/** A department that has not reported all its due rows. */
export const reportMissingUnitSchema = z.object({ unitId: z.string().nullable(), unitName: z.string(), missing: z.number().int(), due: z.number().int() });

/** One line of the year-end evaluation, ready to paste. */
export const reportYearEndLineSchema = z.object({
  rowId: z.string(),
  kind: z.enum(['task', 'indicator']),
  number: z.string(),
  content: z.string(),
  lead: z.string(),
  target: z.string(),
  value: z.string(),
  /** «Hoàn thành» / «Chưa hoàn thành», or «Kết quả: Đạt 90 %». */
  result: z.string(),
  /** Task done, or indicator met. */
  achieved: z.boolean(),
  outcomeLabel: z.string(),
});

/** A report as data: what it covers, its numbers, its rows, and its default texts. */
export const reportModelSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  periodId: z.string(),
  /** «tháng 11/2026», «quý IV/2026», «năm 2026». */
  periodPhrase: z.string(),
  year: z.number().int(),
  commune: z.string(),
  /** The department of a department report. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The issuing body, upper case: «UBND XÃ TÂN THANH», and under it the department («PHÒNG KINH TẾ») or ''. */
  issuer: z.object({ parent: z.string(), body: z.string() }),
  /** The ISO date the report was drawn up on (lateness is judged on it). */
  today: z.string(),
  /** The deadline of the departments' reports for the period ('' for the year). */
  deadline: z.string(),
  counts: z.object({
    byStatus: z.array(z.object({ status: statusSchema, label: z.string(), count: z.number().int() })),
    due: z.number().int(),
    unreported: z.number().int(),
    reported: z.number().int(),
  }),
  rows: z.array(reportRowSchema),
  late: z.array(reportLateSchema),
  indicators: z.array(reportIndicatorSchema),
  difficulties: z.array(reportDifficultiesSchema),
  unitsMissing: z.array(reportMissingUnitSchema),
  yearEnd: z
    .object({
      lines: z.array(reportYearEndLineSchema),
      tasks: z.object({ total: z.number().int(), done: z.number().int() }),
      indicators: z.object({ total: z.number().int(), met: z.number().int(), notMet: z.number().int(), notComparable: z.number().int() }),
    })
    .nullable(),
  texts: reportTextsSchema,
});
/** A report as data. */
export type ReportModel = z.infer<typeof reportModelSchema>;

/** What a report is built from. */
export interface ReportInput {
  meta: { commune: string; year: number; planNumber: string; issuedOn: string };
  tables: readonly TableModel[];
  records: readonly ProgressRecord[];
  settings: ReportingSettings;
  /** Unit names by id (the unit directory). */
  unitNames: Readonly<Record<string, string>>;
  /** ISO yyyy-mm-dd: the day the report is drawn up. */
  today: string;
  span: ReportSpan;
  /** A department's report; null for the commune's (consolidated or year-end). */
  unitId: string | null;
}

/** A row as the report reads it: the progress row, where it stands and what it says. */
interface RowInfo {
  row: ProgressRow;
  number: string;
  content: string;
  lead: string;
  timeframe: string;
}

function rowInfos(tables: readonly TableModel[], unitNames: Readonly<Record<string, string>>): RowInfo[] {
  const infos: RowInfo[] = [];
  for (const table of tables) {
    const progressRows = new Map(progressRowsOf(table).map((r) => [r.id, r]));
    let section: string | null = null;
    for (const row of table.rows) {
      if (row.kind === 'section') {
        section = row.number ?? null;
        continue;
      }
      const progress = row.id === undefined ? undefined : progressRows.get(row.id);
      if (!progress) continue;
      const cells = row.cells;
      const ownerNames = progress.owners.map((id) => unitNames[id] ?? id);
      infos.push({
        row: progress,
        number: row.number ? numberingCite(section, row.number) : '',
        content: (cells.task ?? cells.indicator ?? '').trim(),
        lead: ownerNames.length > 0 ? ownerNames.join(', ') : (cells.lead ?? cells.monitor ?? '').trim(),
        timeframe: (cells.timeframe ?? cells.frequency ?? '').trim(),
      });
    }
  }
  return infos;
}

/** A late reason in Vietnamese. */
export function reportLateReasonText(reason: ProgressLateReason): string {
  const periodOf = (id: string) => {
    const p = reportPeriodParse(id);
    return p ? reportPeriodLabel(p).toLowerCase() : id;
  };
  switch (reason.code) {
    case 'report_missing':
      return `Chưa báo cáo kỳ ${periodOf(reason.period)} (hạn ${dateVi(reason.deadline)})`;
    case 'overdue':
      return `Quá thời hạn hoàn thành (${dateVi(reason.due)}) mà chưa hoàn thành`;
    case 'reported_behind':
      return `Đơn vị báo cáo chậm tiến độ (kỳ ${periodOf(reason.period)})`;
  }
}

/**
 * A late row's reasons in Vietnamese, the missing reports of several periods said once
 * («Chưa báo cáo 7 kỳ, từ tháng 4/2026 đến tháng 10/2026 (hạn kỳ cuối 20/11/2026)»): a report
 * lists dozens of late rows, each line must stay a line.
 */
export function reportLateReasonsText(reasons: readonly ProgressLateReason[]): string[] {
  const missing = reasons.filter((r): r is Extract<ProgressLateReason, { code: 'report_missing' }> => r.code === 'report_missing');
  const others = reasons.filter((r) => r.code !== 'report_missing').map(reportLateReasonText);
  if (missing.length <= 1) return reasons.map(reportLateReasonText);
  const label = (id: string) => {
    const p = reportPeriodParse(id);
    return p ? reportPeriodLabel(p).toLowerCase() : id;
  };
  const first = missing[0];
  const last = missing[missing.length - 1];
  if (!first || !last) return others;
  return [`Chưa báo cáo ${missing.length} kỳ, từ ${label(first.period)} đến ${label(last.period)} (hạn kỳ cuối ${dateVi(last.deadline)})`, ...others];
}

/** «PKT» for «Phòng Kinh tế»: the initials a department's document numbers use. */
export function reportUnitAbbreviation(name: string): string {
  const words = textFoldDiacritics(name)
    .replace(/[^A-Za-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.map((w) => w[0]?.toUpperCase() ?? '').join('') || 'DV';
}

/** The recipients of a commune's report after the 2025 merger, one a line. */
export const REPORT_RECIPIENTS_DEFAULT = ['Sở Khoa học và Công nghệ tỉnh;', 'Thường trực Đảng ủy xã;', 'TT HĐND xã;', 'Chủ tịch, các PCT UBND xã;', 'Lưu: VT, VHXH.'];

function spanIncludes(span: ReportSpan, record: ProgressRecord): boolean {
  if (span.kind === 'year') return record.period.startsWith(`${span.year}-`);
  return record.period === reportPeriodFormat(span);
}

/** The default texts of a report. */
function reportTextsDefault(input: ReportInput, kind: ReportKind, unitName: string | null, nextTasksText: string): ReportTexts {
  const { meta, span } = input;
  const phrase = reportSpanPhrase(span);
  const commune = meta.commune || '…';
  // The report is signed after its period: a December report in January of the next year.
  const signYear = span.kind === 'year' ? span.year : Number(reportPeriodDeadline(span, input.settings).slice(0, 4));
  const planCite = `Kế hoạch số ${meta.planNumber || '…'}/KH-UBND ngày ${meta.issuedOn ? dateVi(meta.issuedOn) : '…'} của UBND xã ${commune} về chuyển đổi số năm ${meta.year}`;
  const number = kind === 'department' && unitName ? `…/BC-${reportUnitAbbreviation(unitName)}` : '…/BC-UBND';
  const subject =
    kind === 'yearEnd'
      ? `Đánh giá kết quả thực hiện Kế hoạch chuyển đổi số năm ${span.year}`
      : `Kết quả thực hiện Kế hoạch chuyển đổi số ${phrase}`;
  const reporter = kind === 'department' && unitName ? unitName : `UBND xã ${commune}`;
  const opening = `Thực hiện ${planCite}, ${reporter} báo cáo kết quả thực hiện ${phrase} như sau:`;
  const nextPhrase = span.kind === 'year' ? `năm ${span.year + 1}` : span.kind === 'month' ? 'tháng tới' : 'quý tới';
  return {
    number,
    placeDate: `${commune}, ngày … tháng … năm ${signYear}`,
    subject,
    opening,
    assessment: '',
    nextTasks: nextTasksText || `Tiếp tục triển khai các nhiệm vụ của Kế hoạch trong ${nextPhrase}.`,
    proposals: '',
    recipients: (kind === 'department' ? ['UBND xã (qua Phòng Văn hóa - Xã hội);', 'Lưu: VT.'] : REPORT_RECIPIENTS_DEFAULT).join('\n'),
    signAuthority: kind === 'department' ? '' : 'TM. ỦY BAN NHÂN DÂN',
    signTitle: kind === 'department' ? 'TRƯỞNG PHÒNG' : 'CHỦ TỊCH',
    signer: '',
  };
}

/** The phrase for «Phương hướng … tới» in a title: «tháng tới», «quý tới», «năm 2027». */
export function reportNextPhrase(span: ReportSpan): string {
  return span.kind === 'year' ? `năm ${span.year + 1}` : span.kind === 'month' ? 'tháng tới' : 'quý tới';
}

/**
 * Builds a report: a department's (`unitId` given) for a period, the consolidated one (no unit)
 * for a period, or the year-end evaluation (a year span, no unit). Rows come in table order.
 * A department report covers the rows it owns that are due in the period or reported for it;
 * the consolidated one, every such row.
 */
export function reportBuild(input: ReportInput): ReportModel {
  const { span, records, settings, unitNames, today } = input;
  const kind: ReportKind = input.unitId !== null ? 'department' : span.kind === 'year' ? 'yearEnd' : 'consolidated';
  const plan: ProgressPlan = { year: input.meta.year, settings };
  const allInfos = rowInfos(input.tables, unitNames);
  const infos = input.unitId === null ? allInfos : allInfos.filter((i) => i.row.owners.includes(input.unitId as string));
  const rows = infos.map((i) => i.row);
  const infoById = new Map(infos.map((i) => [i.row.id, i]));
  const unitName = input.unitId === null ? null : (unitNames[input.unitId] ?? input.unitId);
  const inSpan = records.filter((r) => spanIncludes(span, r));
  const commune = input.meta.commune;

  // The record of each row for the span: the latest of the span.
  const latest = new Map<string, ProgressRecord>();
  for (const record of [...inSpan].sort((a, b) => a.period.localeCompare(b.period) || Date.parse(a.at) - Date.parse(b.at))) latest.set(record.rowId, record);

  const isDue = (row: ProgressRow): boolean => (span.kind === 'year' ? true : progressIsDue(progressSchedule(row, plan.year), span, plan));
  const detail: ReportRow[] = [];
  for (const info of infos) {
    const due = isDue(info.row);
    const record = latest.get(info.row.id);
    if (!due && !record) continue;
    const cells = info.row.cells;
    const value = record?.value ?? '';
    let outcome: IndicatorOutcome | null = null;
    if (info.row.kind === 'indicator') {
      const measureUnit = cells.measureUnit;
      outcome = indicatorCompare(measureUnit === undefined ? { target: cells.target ?? '', value } : { target: cells.target ?? '', value, measureUnit }).outcome;
    }
    detail.push({
      rowId: info.row.id,
      kind: info.row.kind,
      number: info.number,
      content: info.content,
      lead: info.lead,
      timeframe: info.timeframe,
      due,
      status: record?.status ?? null,
      statusLabel: record ? PROGRESS_STATUSES[record.status] : 'Chưa báo cáo',
      result: record?.result ?? '',
      evidence: record?.evidence ?? '',
      difficulties: record?.difficulties ?? '',
      value,
      target: cells.target ?? '',
      measureUnit: cells.measureUnit ?? '',
      outcome,
      outcomeLabel: outcome ? INDICATOR_OUTCOMES[outcome] : '',
    });
  }

  // Counts: the domain's for a period; for the year, the latest status of each row.
  let counts: ReportModel['counts'];
  if (span.kind === 'year') {
    const byStatus = Object.fromEntries(PROGRESS_STATUS_CODES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
    let unreported = 0;
    for (const row of detail) {
      if (row.status) byStatus[row.status] += 1;
      else unreported += 1;
    }
    counts = { byStatus: PROGRESS_STATUS_CODES.map((s) => ({ status: s, label: PROGRESS_STATUSES[s], count: byStatus[s] })), due: detail.length, unreported, reported: detail.length - unreported };
  } else {
    const c = progressStatusCounts(rows, records, span, plan);
    const reported = PROGRESS_STATUS_CODES.reduce((sum, s) => sum + c.byStatus[s], 0);
    counts = { byStatus: PROGRESS_STATUS_CODES.map((s) => ({ status: s, label: PROGRESS_STATUSES[s], count: c.byStatus[s] })), due: c.due, unreported: c.unreported, reported };
  }

  const late: ReportLate[] = progressLateRows(rows, records, today, plan).map((l) => {
    const info = infoById.get(l.rowId);
    return { rowId: l.rowId, number: info?.number ?? '', content: info?.content ?? '', owners: info?.lead ?? '', reasons: reportLateReasonsText(l.reasons) };
  });

  const indicators: ReportIndicator[] = [];
  for (const row of detail) {
    if (row.kind !== 'indicator' || row.outcome === null) continue;
    const info = infoById.get(row.rowId);
    const comparison = indicatorCompare(
      info?.row.cells.measureUnit === undefined ? { target: row.target, value: row.value } : { target: row.target, value: row.value, measureUnit: row.measureUnit },
    );
    indicators.push({
      rowId: row.rowId,
      number: row.number,
      content: row.content,
      measureUnit: row.measureUnit,
      target: row.target,
      value: row.value,
      outcome: row.outcome,
      outcomeLabel: row.outcomeLabel,
      reason: comparison.outcome === 'not_comparable' ? comparison.reason : '',
    });
  }

  // Difficulties by the department that reported them, in the order departments first appear.
  const byUnit = new Map<string, ReportModel['difficulties'][number]>();
  for (const row of detail) {
    const text = row.difficulties.trim();
    if (text === '') continue;
    const unitId = latest.get(row.rowId)?.unitId ?? '';
    const group = byUnit.get(unitId) ?? { unitId, unitName: unitNames[unitId] ?? unitId, items: [] };
    group.items.push({ rowId: row.rowId, number: row.number, content: row.content, text });
    byUnit.set(unitId, group);
  }

  const unitsMissing: ReportModel['unitsMissing'] =
    span.kind === 'year' || kind === 'department'
      ? []
      : progressUnitReports(rows, records, span, today, plan)
          .filter((u) => !u.complete)
          .map((u) => ({ unitId: u.unitId, unitName: u.unitId === null ? 'Chưa giao đơn vị' : (unitNames[u.unitId] ?? u.unitId), missing: u.missing.length, due: u.due.length }));

  let yearEnd: ReportModel['yearEnd'] = null;
  if (span.kind === 'year') {
    const evaluation = progressYearEnd(
      rows,
      records.filter((r) => spanIncludes(span, r)),
    );
    yearEnd = {
      tasks: evaluation.tasks,
      indicators: evaluation.indicators,
      lines: evaluation.lines.map((line) => {
        const info = infoById.get(line.rowId);
        const base = { rowId: line.rowId, number: info?.number ?? '', content: info?.content ?? '', lead: info?.lead ?? '' };
        if (line.kind === 'task') return { ...base, kind: 'task' as const, target: '', value: '', result: line.label, achieved: line.done, outcomeLabel: line.label };
        return {
          ...base,
          kind: 'indicator' as const,
          target: line.target,
          value: line.value,
          result: line.result,
          achieved: line.comparison.outcome === 'met',
          outcomeLabel: INDICATOR_OUTCOMES[line.comparison.outcome],
        };
      }),
    };
  }

  // Next period's tasks: the rows due in the next period that are not done.
  let nextTasksText = '';
  if (span.kind !== 'year') {
    const next = reportPeriodNext(span);
    const doneIds = new Set(detail.filter((r) => r.status === 'done').map((r) => r.rowId));
    const upcoming = infos.filter((i) => next.year === plan.year && progressIsDue(progressSchedule(i.row, plan.year), next, plan) && !doneIds.has(i.row.id));
    const lines = upcoming.slice(0, 15).map((i) => `- ${i.content}${i.lead && kind !== 'department' ? ` (${i.lead})` : ''}.`);
    if (upcoming.length > 15) lines.push(`- Và ${upcoming.length - 15} nhiệm vụ khác theo Kế hoạch.`);
    const unfinishedLate = late.length > 0 ? ['- Tập trung hoàn thành các nhiệm vụ chậm tiến độ nêu tại mục I.'] : [];
    nextTasksText = [...unfinishedLate, ...lines].join('\n');
  }

  const texts = reportTextsDefault(input, kind, unitName, nextTasksText);
  texts.assessment = reportAssessmentDefault(span, counts, late.length, yearEnd);
  return {
    kind,
    periodId: reportSpanFormat(span),
    periodPhrase: reportSpanPhrase(span),
    year: input.meta.year,
    commune,
    unit: input.unitId === null ? null : { id: input.unitId, name: unitName ?? input.unitId },
    issuer: {
      parent: `UBND XÃ ${(commune || '…').toLocaleUpperCase('vi-VN')}`,
      body: unitName ? unitName.toLocaleUpperCase('vi-VN') : '',
    },
    today,
    deadline: span.kind === 'year' ? '' : reportPeriodDeadline(span, settings),
    counts,
    rows: detail,
    late,
    indicators,
    difficulties: [...byUnit.values()],
    unitsMissing,
    yearEnd,
    texts,
  };
}

/** The general assessment a report starts from: its numbers in one sentence, for the clerk to go on with. */
function reportAssessmentDefault(span: ReportSpan, counts: ReportModel['counts'], late: number, yearEnd: ReportModel['yearEnd']): string {
  if (yearEnd) {
    return `Năm ${span.year}, hoàn thành ${yearEnd.tasks.done}/${yearEnd.tasks.total} nhiệm vụ; đạt ${yearEnd.indicators.met}/${yearEnd.indicators.total} chỉ tiêu.`;
  }
  const of = (status: ProgressStatus) => counts.byStatus.find((s) => s.status === status)?.count ?? 0;
  return `Trong ${reportSpanPhrase(span)}, ${counts.reported}/${counts.due} nhiệm vụ, chỉ tiêu đến kỳ đã được báo cáo; hoàn thành ${of('done')}, đang thực hiện ${of('in_progress')}; ${late} nhiệm vụ chậm tiến độ.`;
}

/** The title of «III. Phương hướng, nhiệm vụ …»: «tháng tới», «quý tới», «năm 2027». */
export function reportNextHeading(model: Pick<ReportModel, 'periodId'>): string {
  const span = reportSpanParse(model.periodId);
  return `Phương hướng, nhiệm vụ ${span ? reportNextPhrase(span) : 'thời gian tới'}`;
}

/** A file name for a report: «Bao cao thang 11-2026 - Tan Thanh», in Vietnamese. */
export function reportFileBaseName(model: Pick<ReportModel, 'kind' | 'periodPhrase' | 'commune' | 'unit'>): string {
  const what = model.kind === 'yearEnd' ? `Đánh giá kết quả ${model.periodPhrase}` : `Báo cáo ${model.periodPhrase}`;
  const who = model.unit ? model.unit.name : model.commune;
  return `${what} - ${who}`.replace(/\//g, '-').replace(/[\\:*?"<>|]/g, '');
}
