/**
 * The report routes on the Tân Thanh plan with progress from two departments: who may read what,
 * the JSON, and the DOCX / XLSX as LibreOffice reads them back (motto, number, title with the
 * month, counts, a late row with its owner, difficulties under their department, the edits, A4).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { numberingCite, planDocProgressWrite, planDocReadTable, planDocTableIds, reportResponseSchema, unitFind } from '@phuluc/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesWrite, libreOfficeToPdf, pdfInfo, pdfScreenshot, pdfText, tempDir, textHasWordsInOrder } from '../exports/export-fixtures.test-helper.ts';
import type { PlanRecord } from '../store/plans.ts';
import { bearer, type TestContext, testApp, testContextCreate, testLogin, testPlanTanThanh, testUserAdd } from '../testing/api-context.ts';

let t: TestContext;
let app: ReturnType<typeof testApp>;
let plan: PlanRecord;
const tokens: Record<string, string> = {};
const unit: Record<string, string> = {};
/** Row ids by citation ("II.1"). */
const rows: Record<string, string> = {};
// 5 December 2026, 09:00 in Vietnam: October's reports were due on 20 November, November's are due on 20 December.
const NOW = Date.parse('2026-12-05T02:00:00Z');

beforeAll(async () => {
  t = await testContextCreate();
  app = testApp(t.ctx, () => NOW);
  plan = await testPlanTanThanh(t.ctx);
  for (const [key, name] of Object.entries({ vhxh: 'Phòng Văn hóa - Xã hội', kt: 'Phòng Kinh tế', ca: 'Công an xã' })) unit[key] = unitFind(t.ctx.units, name)?.id ?? '';
  await testUserAdd(t.ctx, { username: 'vhxh', plan: { id: plan.id, role: 'coordinator', unitId: unit.vhxh } });
  await testUserAdd(t.ctx, { username: 'kt', plan: { id: plan.id, role: 'editor', unitId: unit.kt } });
  await testUserAdd(t.ctx, { username: 'ca', plan: { id: plan.id, role: 'editor', unitId: unit.ca } });
  await testUserAdd(t.ctx, { username: 'xem', plan: { id: plan.id, role: 'viewer' } });
  await testUserAdd(t.ctx, { username: 'nobody' });
  for (const name of ['vhxh', 'kt', 'ca', 'xem', 'nobody']) tokens[name] = await testLogin(app, name);

  await t.ctx.docs.withDoc(plan.id, (doc) => {
    for (const tableId of planDocTableIds(doc)) {
      let section: string | null = null;
      for (const row of planDocReadTable(doc, tableId).rows) {
        if (row.kind === 'section') section = row.number ?? null;
        else if (row.id && row.number) rows[numberingCite(section, row.number)] = row.id;
      }
    }
  });
  const at = '2026-12-03T08:00:00+07:00';
  const wrote = await t.ctx.docs.applyLocalTo?.(
    plan.id,
    (doc) => {
      const kt = { userId: 'u-kt', unitId: unit.kt ?? '' };
      const vh = { userId: 'u-vhxh', unitId: unit.vhxh ?? '' };
      planDocProgressWrite(doc, rows['II.1'] ?? '', '2026-11', { status: 'in_progress', result: 'Đã hướng dẫn 12 hộ kinh doanh lên sàn', difficulties: 'Thiếu kinh phí tập huấn cho hộ kinh doanh' }, kt, at);
      planDocProgressWrite(doc, rows['II.2'] ?? '', '2026-11', { status: 'behind', result: 'Mới khảo sát nhu cầu', difficulties: 'Chưa có đơn vị hỗ trợ kỹ thuật' }, kt, at);
      planDocProgressWrite(doc, rows['III.1'] ?? '', '2026-11', { status: 'done', result: 'Hoàn thành tập huấn kỹ năng số', evidence: 'https://tanthanh.gov.vn/tin/12' }, vh, at);
    },
    { userId: null, at: NOW, changes: [] },
  );
  expect(wrote).toBe(true);
});
afterAll(async () => {
  await t?.cleanup();
});

/** The text without any white space: pdftotext spaces out the letters of justified lines («kết qu ả»). */
const squeeze = (text: string): string => text.replace(/\s+/g, '');
/** True when `text` holds `phrase`, white space aside. */
const holds = (text: string, phrase: string): boolean => squeeze(text).includes(squeeze(phrase));

/** A PDF's text without the page numbers at the top of its pages. */
const pdfBody = (path: string): string => pdfText(path).replace(/^\s*\d+\s*$/gm, '');

const get = (path: string, who: string) => app.request(path, { headers: bearer(tokens[who] ?? '') });
const post = (path: string, who: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { ...bearer(tokens[who] ?? ''), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const reportPath = (period: string, extra = '') => `/api/plans/${plan.id}/reports/${period}${extra}`;

describe('reading a report', () => {
  it('gives any member the consolidated report as the contract says, with the counts and the late rows', async () => {
    const res = await get(reportPath('2026-11'), 'xem');
    expect(res.status).toBe(200);
    const model = reportResponseSchema.parse(await res.json());
    expect(model.kind).toBe('consolidated');
    expect(model.texts.subject).toBe('Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026');
    expect(model.counts.reported).toBe(3);
    expect(model.late.find((l) => l.number === 'II.2')?.owners).toContain('Phòng Kinh tế');
    expect(model.difficulties.find((d) => d.unitId === unit.kt)?.items).toHaveLength(2);
  });

  it('gives a department its report, and its coordinator; refuses another unit\'s editor and a viewer', async () => {
    expect((await get(reportPath('2026-11', `?unit=${unit.kt}`), 'kt')).status).toBe(200);
    expect((await get(reportPath('2026-11', `?unit=${unit.kt}`), 'vhxh')).status).toBe(200);
    expect((await get(reportPath('2026-11', `?unit=${unit.kt}`), 'ca')).status).toBe(403);
    expect((await get(reportPath('2026-11', `?unit=${unit.kt}`), 'xem')).status).toBe(403);
  });

  it('refuses a bad period id with a Vietnamese message, and answers a non-member like an unknown plan', async () => {
    for (const bad of ['2026-13', '2026-Q5', 'thang-11', '2025-11']) {
      const res = await get(reportPath(bad), 'vhxh');
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, bad).toMatch(/^Kỳ báo cáo: /);
    }
    expect((await get(reportPath('2026-11'), 'nobody')).status).toBe(404);
  });

  it('gives the year-end evaluation for a bare year', async () => {
    const model = reportResponseSchema.parse(await (await get(reportPath('2026'), 'xem')).json());
    expect(model.kind).toBe('yearEnd');
    expect(model.yearEnd?.lines.find((l) => l.rowId === rows['III.1'])?.result).toBe('Hoàn thành');
  });
});

describe('exporting a report', () => {
  it('refuses a body that is not the edits, in Vietnamese', async () => {
    const res = await post(reportPath('2026-11', '/export?format=docx'), 'vhxh', { number: 'x'.repeat(500) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Số văn bản: /);
    expect((await post(reportPath('2026-11', '/export?format=docx'), 'vhxh', { tieuDe: 'x' })).status).toBe(400);
    expect((await post(reportPath('2026-11', '/export?format=pdf'), 'vhxh', {})).status).toBe(400);
  });

  describe('as LibreOffice reads it', () => {
    let dir: string;
    let docxPdf = '';
    let deptPdf = '';
    let yearPdf = '';
    let xlsxPdf = '';
    let xlsxBook: ExcelJS.Workbook;
    let disposition = '';
    beforeAll(async () => {
      dir = tempDir('report');
      const edits = { number: '57/BC-UBND', recipients: 'Sở Khoa học và Công nghệ tỉnh Tuyên Quang;\nLưu: VT, VHXH.', signer: 'Nguyễn Văn An', assessment: 'Các phòng đã tích cực triển khai nhiệm vụ.' };
      const docx = await post(reportPath('2026-11', '/export?format=docx'), 'vhxh', edits);
      expect(docx.status).toBe(200);
      disposition = docx.headers.get('content-disposition') ?? '';
      const dept = await post(reportPath('2026-11', `/export?format=docx&unit=${unit.kt}`), 'kt', {});
      expect(dept.status).toBe(200);
      const year = await post(reportPath('2026', '/export?format=docx'), 'vhxh', {});
      expect(year.status).toBe(200);
      const xlsx = await post(reportPath('2026-11', '/export?format=xlsx'), 'vhxh', edits);
      expect(xlsx.status).toBe(200);
      const xlsxBytes = new Uint8Array(await xlsx.arrayBuffer());
      xlsxBook = new ExcelJS.Workbook();
      await xlsxBook.xlsx.load(xlsxBytes.slice().buffer);
      const paths = filesWrite(dir, {
        'bao-cao.docx': new Uint8Array(await docx.arrayBuffer()),
        'bao-cao-kt.docx': new Uint8Array(await dept.arrayBuffer()),
        'danh-gia-nam.docx': new Uint8Array(await year.arrayBuffer()),
        'bao-cao-so-lieu.xlsx': xlsxBytes,
      });
      const pdfs = libreOfficeToPdf(Object.values(paths), dir);
      docxPdf = pdfs[paths['bao-cao.docx'] ?? ''] ?? '';
      deptPdf = pdfs[paths['bao-cao-kt.docx'] ?? ''] ?? '';
      yearPdf = pdfs[paths['danh-gia-nam.docx'] ?? ''] ?? '';
      xlsxPdf = pdfs[paths['bao-cao-so-lieu.xlsx'] ?? ''] ?? '';
      pdfScreenshot(docxPdf, 'report-docx');
      if (process.env.REPORT_PDF_COPY) copyFileSync(docxPdf, process.env.REPORT_PDF_COPY);
    }, 240_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is named in Vietnamese with an ASCII fallback', () => {
      expect(disposition).toContain('filename="Bao cao thang 11-2026 - Tan Thanh.docx"');
      expect(disposition).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A1ng%2011-2026%20-%20T%C3%A2n%20Thanh.docx");
    });

    it('opens on an A4 portrait page with the national motto, the number edited and the title with the month', () => {
      const info = pdfInfo(docxPdf);
      expect(info.width).toBeCloseTo(595.3, 0);
      expect(info.height).toBeCloseTo(841.89, 0);
      const page1 = pdfText(docxPdf, 1);
      expect(page1).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(page1).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(page1).toContain('UBND XÃ TÂN THANH');
      expect(page1).toContain('Số: 57/BC-UBND');
      expect(page1).toContain('Tân Thanh, ngày … tháng … năm 2026');
      expect(page1).toContain('BÁO CÁO');
      expect(page1).toContain('Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026');
    });

    it('counts by status, names a late row with its owner, and puts the difficulties under their department', () => {
      const text = pdfBody(docxPdf);
      expect(squeeze(text)).toMatch(/đãbáocáo:3;chưabáocáo:\d+\.Trongđó:/);
      expect(holds(text, '- Hoàn thành: 1')).toBe(true);
      expect(holds(text, '- Chậm tiến độ: 1')).toBe(true);
      expect(holds(text, '- II.2. Hỗ trợ bán hàng qua mạng xã hội (Phòng Kinh tế, Đoàn Thanh niên xã): Chưa báo cáo 7 kỳ, từ tháng 4/2026 đến tháng 10/2026')).toBe(true);
      expect(holds(text, 'Đơn vị báo cáo chậm tiến độ (kỳ tháng 11/2026).')).toBe(true);
      const difficulties = squeeze(text.slice(text.indexOf('II. KHÓ KHĂN, VƯỚNG MẮC'), text.indexOf('III. PHƯƠNG HƯỚNG')));
      expect(difficulties).toContain(squeeze('Phòng Kinh tế: - II.1. Hỗ trợ hộ SXKD lên sàn TMĐT: Thiếu kinh phí tập huấn cho hộ kinh doanh'));
      expect(difficulties).toContain(squeeze('- II.2. Hỗ trợ bán hàng qua mạng xã hội: Chưa có đơn vị hỗ trợ kỹ thuật'));
      expect(holds(text, 'Các phòng đã tích cực triển khai nhiệm vụ.')).toBe(true);
    });

    it('shows the recipients edited and the signature block', () => {
      const text = pdfText(docxPdf);
      expect(text).toContain('Nơi nhận:');
      // The recipients and the signature sit side by side: their words interleave.
      expect(textHasWordsInOrder(text, '- Sở Khoa học và Công nghệ tỉnh Tuyên Quang;')).toBe(true);
      expect(holds(text, 'Thường trực Đảng ủy xã')).toBe(false);
      expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
      expect(text).toContain('Nguyễn Văn An');
      // «Nơi nhận» and the signature are never split across pages.
      const pages = pdfInfo(docxPdf).pages;
      const page = Array.from({ length: pages }, (_, i) => pdfText(docxPdf, i + 1)).find((p) => p.includes('Nơi nhận:')) ?? '';
      for (const part of ['TM. ỦY BAN NHÂN DÂN', 'Nguyễn Văn An', '- Lưu: VT, VHXH.']) expect(page).toContain(part);
    });

    it('ends with the landscape appendix, its header row on every page of it', () => {
      const info = pdfInfo(docxPdf);
      const appendixFirst = Array.from({ length: info.pages }, (_, i) => i + 1).find((p) => pdfText(docxPdf, p).includes('Chi tiết kết quả thực hiện các nhiệm vụ')) ?? 0;
      expect(appendixFirst).toBeGreaterThan(1);
      expect(info.pages).toBeGreaterThan(appendixFirst);
      for (let p = appendixFirst; p <= info.pages; p += 1) {
        expect(pdfText(docxPdf, p), `page ${p}`).toContain('Minh chứng');
        expect(pdfText(docxPdf, p), `page ${p}`).toMatch(/^\s*STT\s+Nội dung nhiệm vụ, chỉ tiêu/m);
      }
      expect(textHasWordsInOrder(pdfText(docxPdf), 'Hoàn thành tập huấn kỹ năng số')).toBe(true);
    });

    it('issues a department report from the department, numbered with its initials', () => {
      const page1 = pdfText(deptPdf, 1);
      expect(page1).toContain('PHÒNG KINH TẾ');
      expect(page1).toContain('Số: …/BC-PKT');
      expect(page1).not.toContain('Đơn vị chưa báo cáo');
    });

    it('evaluates the year with lines ready to paste: each task done or not, and the totals', () => {
      const text = pdfBody(yearPdf);
      expect(holds(text, 'Đánh giá kết quả thực hiện Kế hoạch chuyển đổi số năm 2026')).toBe(true);
      expect(squeeze(text)).toMatch(/Hoànthành1\/\d+nhiệmvụ;chưahoànthành\d+nhiệmvụ\./);
      expect(holds(text, '- III.1. Nâng cao kỹ năng số cho người dân (Trung tâm Dịch vụ sự nghiệp công, Tổ công nghệ số cộng đồng): Hoàn thành.')).toBe(true);
      expect(holds(text, '- II.2. Hỗ trợ bán hàng qua mạng xã hội (Phòng Kinh tế, Đoàn Thanh niên xã): Chưa hoàn thành.')).toBe(true);
    });

    it('gives a workbook LibreOffice prints: the summary with the number edited, the late row, and every detail row', () => {
      const text = pdfBody(xlsxPdf);
      expect(holds(text, 'Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026')).toBe(true);
      expect(holds(text, '57/BC-UBND')).toBe(true);
      // Cells wrap inside their columns, so a cell's words come interleaved with its neighbours'.
      expect(textHasWordsInOrder(text, 'Hỗ trợ bán hàng qua mạng xã hội')).toBe(true);
      expect(textHasWordsInOrder(text, 'Đơn vị báo cáo chậm tiến độ (kỳ tháng 11/2026)')).toBe(true);
      expect(textHasWordsInOrder(text, 'Đã hướng dẫn 12 hộ kinh doanh lên sàn')).toBe(true);
      expect(textHasWordsInOrder(text, 'Hoàn thành tập huấn kỹ năng số')).toBe(true);
      // A late row is as tall as its wrapped reason, which spans the sheet's last columns (D:F):
      // Excel and LibreOffice would keep a written row at one line and hide the rest.
      const summary = xlsxBook.getWorksheet('Tổng hợp');
      let late: ExcelJS.Row | undefined;
      summary?.eachRow((row) => {
        if (row.getCell(1).text === 'II.2' && !late) late = row;
      });
      expect(late?.height ?? 0).toBeGreaterThanOrEqual(2 * 12 * 1.3);
      expect(late?.getCell(4).isMerged).toBe(true);
      expect(late?.getCell(6).master.address).toBe(late?.getCell(4).address);
    });

    it('gives a workbook with «Tổng hợp» and «Chi tiết», the header frozen', () => {
      expect(xlsxBook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Chi tiết']);
      const summary = xlsxBook.getWorksheet('Tổng hợp');
      expect(summary?.getCell('A3').value).toBe('Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026');
      expect(summary?.getCell('A4').text).toContain('57/BC-UBND');
      const detail = xlsxBook.getWorksheet('Chi tiết');
      expect(detail?.getCell('A1').value).toBe('STT');
      expect(detail?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const values: string[] = [];
      detail?.eachRow((row) => {
        const cells: string[] = [];
        row.eachCell((cell) => cells.push(cell.text));
        values.push(cells.join('\t'));
      });
      expect(values.some((v) => v.includes('Mới khảo sát nhu cầu') && v.includes('Chậm tiến độ'))).toBe(true);
      expect(values.some((v) => v.includes('https://tanthanh.gov.vn/tin/12'))).toBe(true);
    });
  });
});
