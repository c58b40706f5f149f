/**
 * A period's report as a workbook, for the clerk who sorts and filters: sheet «Tổng hợp» (the
 * counts by status, the late rows with their owners and why, the indicators against their targets;
 * for the year, the evaluation lines) and sheet «Chi tiết» (the detail table). Vietnamese
 * headers, column widths, wrapped text, thin borders, frozen header rows, A4 print setup, as the
 * appendix export does (`exports/xlsx.ts`).
 */
import { REPORT_DETAIL_COLUMNS, reportDetailCells, type ReportModel, type ReportTexts } from '@phuluc/domain';
import ExcelJS from 'exceljs';
import { XlsxRowHeights, xlsxWidthFromMm } from '../exports/xlsx.ts';

const FONT = 'Times New Roman';
const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const WRAP: Partial<ExcelJS.Alignment> = { vertical: 'middle', wrapText: true };
const MM_PER_INCH = 25.4;

function pageSetup(orientation: 'portrait' | 'landscape', titleRow: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${titleRow}:${titleRow}`,
    margins: { left: 30 / MM_PER_INCH, right: 15 / MM_PER_INCH, top: 20 / MM_PER_INCH, bottom: 20 / MM_PER_INCH, header: 10 / MM_PER_INCH, footer: 10 / MM_PER_INCH },
  };
}

/**
 * Writes a bordered table at `row` (header bold); returns the row after it. Its last column spans
 * the sheet's remaining columns (`widths`), so a table narrower than the sheet gives its last
 * column (a reason, a result) the room; every row is as tall as its wrapped text.
 */
function tableAt(sheet: ExcelJS.Worksheet, row: number, header: string[], body: string[][], widths: readonly number[]): number {
  const heights = new XlsxRowHeights(12, widths);
  const last = header.length - 1;
  const span = (i: number): number => (i === last ? Math.max(1, widths.length - last) : 1);
  const write = (r: number, cells: string[], bold: boolean): void => {
    const line = sheet.getRow(r);
    cells.forEach((text, i) => {
      const c = line.getCell(i + 1);
      c.value = !bold && /^\d+$/.test(text) && i > 0 ? Number(text) : text;
      c.font = { name: FONT, size: 12, bold };
      c.alignment = bold ? { ...WRAP, horizontal: 'center' } : WRAP;
      c.border = BORDER;
    });
    if (span(last) > 1) {
      for (let k = 1; k < span(last); k += 1) line.getCell(last + 1 + k).border = BORDER;
      sheet.mergeCells(r, last + 1, r, last + span(last));
    }
    line.height = heights.of(cells.map((text, i) => ({ lines: text.split('\n'), font: bold ? 'bold' : 'regular', from: i, span: span(i) })));
  };
  write(row, header, true);
  let r = row;
  for (const cells of body) {
    r += 1;
    write(r, cells, false);
  }
  return r + 2;
}

function titleAt(sheet: ExcelJS.Worksheet, row: number, text: string, options: { bold?: boolean; italic?: boolean; size?: number; span: number }): void {
  sheet.mergeCells(row, 1, row, options.span);
  const c = sheet.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: options.size ?? 13, bold: options.bold, italic: options.italic };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** The report as an .xlsx file. */
export async function reportXlsx(model: ReportModel, texts: ReportTexts): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phuluc';
  workbook.title = `Báo cáo - ${texts.subject}`;

  // «Tổng hợp»: six columns wide enough for the late rows and indicators.
  const summary = workbook.addWorksheet('Tổng hợp', { pageSetup: pageSetup('portrait', 1) });
  const summaryWidths = [8, 46, 24, 16, 16, 30];
  summary.columns = summaryWidths.map((width) => ({ width }));
  titleAt(summary, 1, model.issuer.body ? `${model.issuer.parent} - ${model.issuer.body}` : model.issuer.parent, { bold: true, span: 6 });
  titleAt(summary, 2, 'BÁO CÁO', { bold: true, size: 14, span: 6 });
  titleAt(summary, 3, texts.subject, { bold: true, span: 6 });
  titleAt(summary, 4, `Số: ${texts.number} — ${texts.placeDate}`, { italic: true, span: 6 });
  let r = 6;
  const section = (text: string) => {
    const c = summary.getCell(r, 1);
    c.value = text;
    c.font = { name: FONT, size: 13, bold: true };
    r += 1;
  };

  if (model.yearEnd) {
    section(`Kết quả: hoàn thành ${model.yearEnd.tasks.done}/${model.yearEnd.tasks.total} nhiệm vụ; đạt ${model.yearEnd.indicators.met}/${model.yearEnd.indicators.total} chỉ tiêu`);
    r = tableAt(
      summary,
      r,
      ['STT', 'Nhiệm vụ, chỉ tiêu', 'Đơn vị chủ trì', 'Chỉ tiêu', 'Đánh giá', 'Kết quả'],
      model.yearEnd.lines.map((l) => [l.number, l.content, l.lead, l.target, l.outcomeLabel, l.result]),
      summaryWidths,
    );
  } else {
    section('1. Số nhiệm vụ, chỉ tiêu theo tình trạng');
    r = tableAt(summary, r, ['', 'Tình trạng', 'Số lượng'], [
      ...model.counts.byStatus.map((s) => ['', s.label, String(s.count)]),
      ['', 'Chưa báo cáo', String(model.counts.unreported)],
      ['', 'Phải thực hiện trong kỳ', String(model.counts.due)],
    ], summaryWidths);
    section('2. Nhiệm vụ chậm tiến độ');
    r = tableAt(summary, r, ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Lý do'], model.late.map((l) => [l.number, l.content, l.owners, l.reasons.join('; ')]), summaryWidths);
    section('3. Kết quả các chỉ tiêu');
    r = tableAt(
      summary,
      r,
      ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu phấn đấu', 'Giá trị đạt được', 'Đánh giá'],
      model.indicators.map((i) => [i.number, i.content, i.measureUnit, i.target, i.value, i.reason ? `${i.outcomeLabel}: ${i.reason}` : i.outcomeLabel]),
      summaryWidths,
    );
    if (model.unitsMissing.length > 0) {
      section('4. Đơn vị chưa báo cáo');
      r = tableAt(summary, r, ['', 'Đơn vị', 'Chưa báo cáo', 'Phải báo cáo'], model.unitsMissing.map((u) => ['', u.unitName, String(u.missing), String(u.due)]), summaryWidths);
    }
  }

  // «Chi tiết»: the detail table, its header frozen and printed on every page.
  const detail = workbook.addWorksheet('Chi tiết', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: pageSetup('landscape', 1),
  });
  const detailWidths = REPORT_DETAIL_COLUMNS.map((c) => xlsxWidthFromMm(c.widthMm));
  detail.columns = detailWidths.map((width) => ({ width }));
  tableAt(detail, 1, REPORT_DETAIL_COLUMNS.map((c) => c.label), model.rows.map((row) => reportDetailCells(row)), detailWidths);
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_DETAIL_COLUMNS.length } };

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
