import { describe, expect, it } from 'vitest';
import { fixtureTable } from '../plan-doc-fixtures.test-helper.ts';
import type { TableModel } from '../table-model.ts';
import type { TemplateId } from '../templates.ts';
import { unitDirectoryDefault, unitsLeading } from '../units.ts';
import { REPORTING_SETTINGS_DEFAULT } from './model.ts';
import { progressRecord } from './progress.test-helper.ts';
import { type ReportInput, reportBuild, reportEditsSchema, reportSpanParse, reportTextsMerge, reportUnitAbbreviation } from './report.ts';

const UNITS = unitDirectoryDefault();
const UNIT_NAMES = Object.fromEntries(UNITS.units.map((u) => [u.id, u.name]));

/** A fixture table with row ids ("<prefix><k>") and owners read from its lead (or monitor) cells, as a coordinator assigns them. */
function table(file: string, template: TemplateId, prefix: string): TableModel {
  const t = fixtureTable(file, template);
  let k = 0;
  t.rows = t.rows.map((row) => {
    if (row.kind !== 'item') return row;
    k += 1;
    return { ...row, id: `${prefix}${k}`, owners: unitsLeading(UNITS, row.cells.lead ?? row.cells.monitor ?? '') };
  });
  return t;
}

const tasks = table('tan-thanh-2026-tasks.tsv', 'tasks-detailed', 't');
const indicators = table('xuan-loc-2026-indicators.tsv', 'indicators', 'i');
// The Tân Thanh rows cited as people cite them: II.1 and II.2 are Phòng Kinh tế's, III.2 is VH-XH's.
const rowAt = (t: TableModel, cite: string): string => {
  let section = '';
  for (const row of t.rows) {
    if (row.kind === 'section') section = row.number ?? '';
    else if (`${section}.${row.number}` === cite && row.id) return row.id;
  }
  throw new Error(cite);
};
const KT = 'phong-kinh-te';
const VHXH = 'phong-van-hoa-xa-hoi';

const records = [
  progressRecord(rowAt(tasks, 'II.1'), '2026-11', 'in_progress', { unitId: KT, result: 'Đã hướng dẫn 12 hộ kinh doanh lên sàn', difficulties: 'Thiếu kinh phí tập huấn cho hộ kinh doanh' }),
  progressRecord(rowAt(tasks, 'II.2'), '2026-11', 'behind', { unitId: KT, result: 'Mới khảo sát', difficulties: 'Chưa có đơn vị hỗ trợ kỹ thuật' }),
  progressRecord(rowAt(tasks, 'III.1'), '2026-11', 'done', { unitId: VHXH, result: 'Hoàn thành tập huấn', evidence: 'https://tanthanh.gov.vn/tin/12' }),
  progressRecord(rowAt(indicators, 'A.1'), '2026-11', 'done', { unitId: VHXH, value: '62%' }),
  progressRecord(rowAt(indicators, 'A.2'), '2026-11', 'in_progress', { unitId: VHXH, value: '40%', difficulties: 'Nhà mạng chưa kéo cáp quang tới 3 thôn' }),
];

function input(periodId: string, extra: Partial<ReportInput> = {}): ReportInput {
  const span = reportSpanParse(periodId);
  if (!span) throw new Error(periodId);
  return {
    meta: { commune: 'Tân Thanh', year: 2026, planNumber: '25', issuedOn: '2026-01-15' },
    tables: [tasks, indicators],
    records,
    settings: REPORTING_SETTINGS_DEFAULT,
    unitNames: UNIT_NAMES,
    today: '2026-12-05',
    span,
    unitId: null,
    ...extra,
  };
}

describe('reportSpanParse', () => {
  it('reads a month, a quarter and a bare year, and nothing else', () => {
    expect(reportSpanParse('2026-11')).toEqual({ kind: 'month', year: 2026, month: 11 });
    expect(reportSpanParse('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(reportSpanParse('2026')).toEqual({ kind: 'year', year: 2026 });
    for (const bad of ['2026-13', '2026-Q5', '26', 'nam-2026', '']) expect(reportSpanParse(bad), bad).toBeNull();
  });
});

describe('the consolidated report of a month', () => {
  const model = reportBuild(input('2026-11'));

  it('has the texts of a commune report: number, place and date, subject with the month, the plan cited', () => {
    expect(model.kind).toBe('consolidated');
    expect(model.issuer).toEqual({ parent: 'UBND XÃ TÂN THANH', body: '' });
    expect(model.texts.number).toBe('…/BC-UBND');
    expect(model.texts.placeDate).toBe('Tân Thanh, ngày … tháng … năm 2026');
    expect(model.texts.subject).toBe('Kết quả thực hiện Kế hoạch chuyển đổi số tháng 11/2026');
    expect(model.texts.opening).toBe(
      'Thực hiện Kế hoạch số 25/KH-UBND ngày 15/01/2026 của UBND xã Tân Thanh về chuyển đổi số năm 2026, UBND xã Tân Thanh báo cáo kết quả thực hiện tháng 11/2026 như sau:',
    );
    expect(model.texts.recipients.split('\n')).toEqual(['Sở Khoa học và Công nghệ tỉnh;', 'Thường trực Đảng ủy xã;', 'TT HĐND xã;', 'Chủ tịch, các PCT UBND xã;', 'Lưu: VT, VHXH.']);
    expect([model.texts.signAuthority, model.texts.signTitle, model.texts.signer]).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '']);
  });

  it('counts the rows by status and those due without a report', () => {
    const count = (status: string) => model.counts.byStatus.find((s) => s.status === status)?.count;
    expect(count('done')).toBe(2);
    expect(count('in_progress')).toBe(2);
    expect(count('behind')).toBe(1);
    expect(model.counts.reported).toBe(5);
    expect(model.counts.unreported).toBe(model.counts.due - 5);
    expect(model.rows.filter((r) => r.status === null).every((r) => r.statusLabel === 'Chưa báo cáo' && r.due)).toBe(true);
  });

  it('lists the late rows with their owners and why: the one reported behind, and those not reported for October', () => {
    const behind = model.late.find((l) => l.number === 'II.2');
    expect(behind?.owners).toContain('Phòng Kinh tế');
    expect(behind?.reasons).toContain('Đơn vị báo cáo chậm tiến độ (kỳ tháng 11/2026)');
    const police = model.late.find((l) => l.owners === 'Công an xã');
    expect(police?.reasons).toContain('Chưa báo cáo 10 kỳ, từ tháng 1/2026 đến tháng 10/2026 (hạn kỳ cuối 20/11/2026)');
  });

  it('compares each indicator reported with its target', () => {
    expect(model.indicators.find((i) => i.number === 'A.1')).toMatchObject({ target: '≥ 50%', value: '62%', outcome: 'met', outcomeLabel: 'Đạt' });
    expect(model.indicators.find((i) => i.number === 'A.2')).toMatchObject({ target: '≥ 60%', value: '40%', outcome: 'not_met', outcomeLabel: 'Chưa đạt' });
  });

  it('gathers the difficulties under the department that reported them', () => {
    const kt = model.difficulties.find((d) => d.unitId === KT);
    expect(kt?.unitName).toBe('Phòng Kinh tế');
    expect(kt?.items.map((i) => i.text)).toEqual(['Thiếu kinh phí tập huấn cho hộ kinh doanh', 'Chưa có đơn vị hỗ trợ kỹ thuật']);
    expect(model.difficulties.find((d) => d.unitId === VHXH)?.items.map((i) => i.text)).toEqual(['Nhà mạng chưa kéo cáp quang tới 3 thôn']);
  });

  it('names the departments that have not reported every due row', () => {
    const names = model.unitsMissing.map((u) => u.unitName);
    expect(names).toContain('Công an xã');
    const kt = model.unitsMissing.find((u) => u.unitId === KT);
    // Phòng Kinh tế reported II.1 and II.2 but not the rest of its rows.
    expect(kt && kt.missing).toBe((kt?.due ?? 0) - 2);
  });

  it('starts the general assessment from the numbers', () => {
    expect(model.texts.assessment).toMatch(/^Trong tháng 11\/2026, 5\/\d+ nhiệm vụ, chỉ tiêu đến kỳ đã được báo cáo; hoàn thành 2, đang thực hiện 2; \d+ nhiệm vụ chậm tiến độ\.$/);
  });

  it('fills the next month\'s tasks from the rows due then and not done', () => {
    expect(model.texts.nextTasks).toContain('- Tập trung hoàn thành các nhiệm vụ chậm tiến độ nêu tại mục I.');
    expect(model.texts.nextTasks).toContain('(Phòng Kinh tế');
  });
});

describe('a quarter, a department and the year', () => {
  it('titles a quarter report «quý IV/2026» and signs a December report in the next year', () => {
    expect(reportBuild(input('2026-Q4')).texts.subject).toBe('Kết quả thực hiện Kế hoạch chuyển đổi số quý IV/2026');
    expect(reportBuild(input('2026-Q4')).texts.placeDate).toBe('Tân Thanh, ngày … tháng … năm 2027');
  });

  it('gives a department its own rows only, under its name and initials', () => {
    const model = reportBuild(input('2026-11', { unitId: KT }));
    expect(model.kind).toBe('department');
    expect(model.issuer).toEqual({ parent: 'UBND XÃ TÂN THANH', body: 'PHÒNG KINH TẾ' });
    expect(model.texts.number).toBe('…/BC-PKT');
    expect(model.rows.map((r) => r.number)).toEqual(expect.arrayContaining(['II.1', 'II.2']));
    expect(model.rows.every((r) => r.lead.includes('Phòng Kinh tế'))).toBe(true);
    expect(model.rows.find((r) => r.number === 'II.1')).toMatchObject({ statusLabel: 'Đang thực hiện', result: 'Đã hướng dẫn 12 hộ kinh doanh lên sàn' });
    expect(model.unitsMissing).toEqual([]);
  });

  it('evaluates the year: each indicator «Kết quả: Đạt 62 %» against its target, each task done or not, with totals', () => {
    const model = reportBuild(input('2026', { today: '2026-12-28' }));
    expect(model.kind).toBe('yearEnd');
    expect(model.texts.subject).toBe('Đánh giá kết quả thực hiện Kế hoạch chuyển đổi số năm 2026');
    const year = model.yearEnd;
    expect(year?.lines.find((l) => l.number === 'A.1')).toMatchObject({ kind: 'indicator', target: '≥ 50%', result: 'Kết quả: Đạt 62 %', achieved: true });
    expect(year?.lines.find((l) => l.number === 'III.1')).toMatchObject({ kind: 'task', result: 'Hoàn thành', achieved: true });
    expect(year?.lines.find((l) => l.number === 'II.2')).toMatchObject({ result: 'Chưa hoàn thành', achieved: false });
    expect(year?.tasks.done).toBe(1);
    expect(year?.indicators.met).toBe(1);
    expect(year?.indicators.notMet).toBe(1);
  });
});

describe('edits', () => {
  it('keeps the defaults a person did not change', () => {
    const defaults = reportBuild(input('2026-11')).texts;
    const merged = reportTextsMerge(defaults, reportEditsSchema.parse({ number: '57/BC-UBND', signer: 'Nguyễn Văn A' }));
    expect(merged).toEqual({ ...defaults, number: '57/BC-UBND', signer: 'Nguyễn Văn A' });
  });

  it('refuses unknown fields and texts past their limits', () => {
    expect(reportEditsSchema.safeParse({ title: 'x' }).success).toBe(false);
    expect(reportEditsSchema.safeParse({ number: 'x'.repeat(201) }).success).toBe(false);
    expect(reportEditsSchema.safeParse({ assessment: 'x'.repeat(10_001) }).success).toBe(false);
  });

  it('abbreviates a department by its initials', () => {
    expect(reportUnitAbbreviation('Phòng Văn hóa - Xã hội')).toBe('PVHXH');
    expect(reportUnitAbbreviation('Công an xã')).toBe('CAX');
  });
});
