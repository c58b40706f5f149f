/**
 * The body of a report as its documents say it: the numbered sections of a Nghị định 30 «Báo
 * cáo» (I. Kết quả thực hiện, II. Khó khăn, vướng mắc, III. Phương hướng, nhiệm vụ, IV. Kiến
 * nghị, đề xuất) as blocks of text. The DOCX and the page preview both lay these blocks out, so
 * the wording exists once.
 */
import { numberFormat } from '../number.ts';
import { reportNextHeading, type ReportModel, type ReportTexts } from './report.ts';

/** The national name and motto heading every document (Nghị định 30, Phụ lục I). */
export const REPORT_MOTTO = { nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' } as const;

/** The texts a person edits inside the body. */
export type ReportBodyField = 'opening' | 'assessment' | 'nextTasks' | 'proposals';

/**
 * One block of the body: a section heading (level 1 «I. KẾT QUẢ THỰC HIỆN», level 2 «1. …»),
 * a paragraph, a «- …» line, or one of the editable texts (its lines; empty when left blank, when
 * the documents print `fallback` instead, if any).
 */
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'editable'; field: ReportBodyField; lines: string[]; placeholder: string; fallback: string };

/** The lines of a text, blank lines dropped. */
export function reportTextLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const cite = (number: string, content: string): string => (number ? `${number}. ${content}` : content);

/** «Tổng số …: 12; đã báo cáo: 9 (…)». */
function countsParagraphs(model: ReportModel): ReportBlock[] {
  const c = model.counts;
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `Tổng số nhiệm vụ, chỉ tiêu phải thực hiện trong kỳ: ${numberFormat(c.due)}; đã báo cáo: ${numberFormat(c.reported)}; chưa báo cáo: ${numberFormat(c.unreported)}. Trong đó:`,
    },
  ];
  for (const s of c.byStatus) blocks.push({ kind: 'item', text: `${s.label}: ${numberFormat(s.count)}` });
  return blocks;
}

/** The blocks of a report's body, with the person's texts. */
export function reportBody(model: ReportModel, texts: ReportTexts): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'editable', field: 'opening', lines: reportTextLines(texts.opening), placeholder: 'Mở đầu', fallback: '' }];

  if (model.kind === 'yearEnd' && model.yearEnd) {
    const y = model.yearEnd;
    blocks.push({ kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' });
    blocks.push({ kind: 'heading', level: 2, text: '1. Kết quả thực hiện các chỉ tiêu' });
    blocks.push({
      kind: 'paragraph',
      text: `Tổng số chỉ tiêu: ${numberFormat(y.indicators.total)}; đạt: ${numberFormat(y.indicators.met)}; chưa đạt: ${numberFormat(y.indicators.notMet)}; chưa đánh giá được: ${numberFormat(y.indicators.notComparable)}.`,
    });
    for (const line of y.lines.filter((l) => l.kind === 'indicator')) {
      blocks.push({ kind: 'item', text: `${cite(line.number, line.content)}: chỉ tiêu ${line.target || '(chưa ghi)'}. ${line.result} (${line.outcomeLabel}).` });
    }
    blocks.push({ kind: 'heading', level: 2, text: '2. Kết quả thực hiện các nhiệm vụ' });
    blocks.push({ kind: 'paragraph', text: `Hoàn thành ${numberFormat(y.tasks.done)}/${numberFormat(y.tasks.total)} nhiệm vụ; chưa hoàn thành ${numberFormat(y.tasks.total - y.tasks.done)} nhiệm vụ.` });
    for (const line of y.lines.filter((l) => l.kind === 'task')) {
      blocks.push({ kind: 'item', text: `${cite(line.number, line.content)}${line.lead ? ` (${line.lead})` : ''}: ${line.result}.` });
    }
  } else {
    blocks.push({ kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' });
    blocks.push({ kind: 'heading', level: 2, text: '1. Tình hình thực hiện nhiệm vụ' });
    blocks.push(...countsParagraphs(model));
    blocks.push({ kind: 'heading', level: 2, text: '2. Nhiệm vụ chậm tiến độ' });
    if (model.late.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có nhiệm vụ chậm tiến độ.' });
    for (const late of model.late) {
      blocks.push({ kind: 'item', text: `${cite(late.number, late.content)}${late.owners ? ` (${late.owners})` : ''}: ${late.reasons.join('; ')}.` });
    }
    blocks.push({ kind: 'heading', level: 2, text: '3. Kết quả các chỉ tiêu' });
    if (model.indicators.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có chỉ tiêu phải báo cáo trong kỳ.' });
    for (const i of model.indicators) {
      const value = i.value.trim() === '' ? 'chưa có số liệu' : `đạt ${i.value.trim()}`;
      blocks.push({ kind: 'item', text: `${cite(i.number, i.content)}: chỉ tiêu ${i.target || '(chưa ghi)'}, ${value} — ${i.outcomeLabel}.` });
    }
    if (model.kind === 'consolidated') {
      blocks.push({ kind: 'heading', level: 2, text: '4. Đơn vị chưa báo cáo' });
      if (model.unitsMissing.length === 0) blocks.push({ kind: 'paragraph', text: 'Các đơn vị đã báo cáo đầy đủ.' });
      for (const u of model.unitsMissing) blocks.push({ kind: 'item', text: `${u.unitName}: chưa báo cáo ${numberFormat(u.missing)}/${numberFormat(u.due)} nhiệm vụ, chỉ tiêu.` });
    }
  }
  blocks.push({ kind: 'heading', level: 2, text: `${model.kind === 'consolidated' ? 5 : model.kind === 'department' ? 4 : 3}. Đánh giá chung` });
  blocks.push({ kind: 'editable', field: 'assessment', lines: reportTextLines(texts.assessment), placeholder: 'Đánh giá chung', fallback: '' });

  blocks.push({ kind: 'heading', level: 1, text: 'II. KHÓ KHĂN, VƯỚNG MẮC' });
  if (model.difficulties.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có khó khăn, vướng mắc được báo cáo.' });
  for (const group of model.difficulties) {
    if (model.kind !== 'department') blocks.push({ kind: 'paragraph', text: `${group.unitName}:` });
    for (const item of group.items) blocks.push({ kind: 'item', text: `${cite(item.number, item.content)}: ${item.text}` });
  }

  blocks.push({ kind: 'heading', level: 1, text: `III. ${reportNextHeading(model).toLocaleUpperCase('vi-VN')}` });
  blocks.push({ kind: 'editable', field: 'nextTasks', lines: reportTextLines(texts.nextTasks), placeholder: 'Phương hướng, nhiệm vụ', fallback: 'Tiếp tục triển khai các nhiệm vụ theo Kế hoạch.' });
  blocks.push({ kind: 'heading', level: 1, text: 'IV. KIẾN NGHỊ, ĐỀ XUẤT' });
  blocks.push({ kind: 'editable', field: 'proposals', lines: reportTextLines(texts.proposals), placeholder: 'Kiến nghị, đề xuất', fallback: 'Không có.' });
  const who = model.unit ? model.unit.name : `UBND xã ${model.commune}`;
  blocks.push({ kind: 'paragraph', text: `Trên đây là báo cáo kết quả thực hiện Kế hoạch chuyển đổi số ${model.periodPhrase} của ${who}./.` });
  return blocks;
}

/** The columns of the detail appendix, with widths in millimetres of an A4 landscape page (252 mm). */
export const REPORT_DETAIL_COLUMNS = [
  { key: 'number', label: 'STT', widthMm: 13 },
  { key: 'content', label: 'Nội dung nhiệm vụ, chỉ tiêu', widthMm: 55 },
  { key: 'lead', label: 'Đơn vị chủ trì', widthMm: 30 },
  { key: 'timeframe', label: 'Thời gian thực hiện', widthMm: 22 },
  { key: 'status', label: 'Tình trạng', widthMm: 22 },
  { key: 'result', label: 'Kết quả thực hiện', widthMm: 50 },
  { key: 'evidence', label: 'Minh chứng', widthMm: 27 },
  { key: 'difficulties', label: 'Khó khăn, vướng mắc', widthMm: 33 },
] as const;

/** The cells of one detail row, in `REPORT_DETAIL_COLUMNS` order (an indicator's result says its value against the target). */
export function reportDetailCells(row: ReportModel['rows'][number]): string[] {
  const result =
    row.kind === 'indicator' && row.value.trim() !== ''
      ? [`Đạt ${row.value.trim()} (chỉ tiêu ${row.target || 'chưa ghi'}: ${row.outcomeLabel})`, row.result].filter((t) => t.trim() !== '').join('\n')
      : row.result;
  return [row.number, row.content, row.lead, row.timeframe, row.statusLabel, result, row.evidence, row.difficulties];
}

/** The appendix's title lines: «PHỤ LỤC», its subject, and the italic line citing the report. */
export function reportAppendixHeading(model: ReportModel, texts: ReportTexts): [string, string, string] {
  const issuer = model.unit ? model.unit.name : `UBND xã ${model.commune}`;
  const subject = model.kind === 'yearEnd' ? 'Đánh giá kết quả thực hiện các nhiệm vụ, chỉ tiêu' : 'Chi tiết kết quả thực hiện các nhiệm vụ';
  return ['PHỤ LỤC', subject, `(Kèm theo Báo cáo số ${texts.number} ngày … của ${issuer})`];
}
