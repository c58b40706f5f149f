import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRead } from './fixtures.test-helper.ts';
import { tableImportText } from './import/index.ts';
import type { ItemRow, TableModel } from './table-model.ts';
import { TEMPLATES, type TemplateId, templateColumnsForYear } from './templates.ts';
import { unitDirectoryDefault } from './units.ts';
import { type Finding, findingsHaveErrors, validateTable } from './validate.ts';
import { HELD_BACK_PLAN_TSV, HELD_BACK_UNIT_FINDINGS } from './validate-held-back.test-data.ts';

const units = unitDirectoryDefault();
const ctx = { tableId: 't1', planYear: 2026, units };

function fixtureTable(name: string): TableModel {
  const imported = tableImportText(fixtureRead(name));
  if (!imported.ok) throw new Error(imported.reason);
  return imported.value.table;
}

const brief = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.row ?? '-'} ${f.field ?? '-'}`);

describe('validators on the real 2026 tables', () => {
  it('find no error in any fixture (they are signed plans)', () => {
    for (const name of FIXTURE_FILES) {
      const findings = validateTable(fixtureTable(name), ctx);
      expect(findingsHaveErrors(findings), `${name}: ${brief(findings).join('; ')}`).toBe(false);
    }
  });

  it('flag the leads in Tân Thanh that are people, not units of the directory', () => {
    const findings = validateTable(fixtureTable('tan-thanh-2026-tasks.tsv'), ctx);
    expect(brief(findings)).toEqual([
      'warning lead.unknown I.5 lead',
      'warning lead.unknown I.6 lead',
      'warning lead.unknown I.7 lead',
    ]);
    expect(findings[0]?.message).toBe('«Người/Đơn vị chủ trì»: «Toàn thể CBCC xã» không có trong danh mục đơn vị.');
  });

  it('flag the Tân Kỳ tasks whose lead centre is also listed as cooperating', () => {
    const findings = validateTable(fixtureTable('tan-ky-2026-tasks.tsv'), ctx);
    expect(brief(findings)).toEqual(['warning cooperating.includesLead 6 cooperating', 'warning cooperating.includesLead 7 cooperating']);
    expect(findings[0]?.message).toBe('Trung tâm Phục vụ hành chính công vừa là đơn vị chủ trì vừa là đơn vị phối hợp.');
  });

  it('flag the Xuân Lộc indicator tracked by "Các cơ quan, đơn vị", a group rather than one unit', () => {
    const findings = validateTable(fixtureTable('xuan-loc-2026-indicators.tsv'), ctx);
    expect(brief(findings)).toEqual(['warning lead.group B.5 lead']);
    expect(findings[0]?.message).toBe('«Đơn vị theo dõi, đánh giá, tổng hợp, báo cáo» là một nhóm («Các cơ quan, đơn vị»), chưa rõ đơn vị nào chịu trách nhiệm.');
  });

  it('find nothing in the recurring tasks and the KPI table', () => {
    expect(validateTable(fixtureTable('tan-ky-2026-recurring.tsv'), ctx)).toEqual([]);
    expect(validateTable(fixtureTable('tan-ky-2026-kpi.tsv'), ctx)).toEqual([]);
  });
});

describe('validators on real plans find no false alarm about units', () => {
  /** The findings about units: unknown or group leads, a lead also cooperating, a missing lead. */
  const unitFindings = (table: TableModel) => brief(validateTable(table, ctx)).filter((f) => / (lead|tracking|cooperating)\./.test(f));
  const heldBack = (): TableModel => {
    const imported = tableImportText(HELD_BACK_PLAN_TSV);
    if (!imported.ok) throw new Error(imported.reason);
    return imported.value.table;
  };

  it.each([
    ['tan-thanh-2026-tasks.tsv', ['warning lead.unknown I.5 lead', 'warning lead.unknown I.6 lead', 'warning lead.unknown I.7 lead']],
    ['xuan-loc-2026-indicators.tsv', ['warning lead.group B.5 lead']],
    ['tan-ky-2026-tasks.tsv', ['warning cooperating.includesLead 6 cooperating', 'warning cooperating.includesLead 7 cooperating']],
    ['tan-ky-2026-recurring.tsv', []],
    ['tan-ky-2026-kpi.tsv', []],
  ])('finds in %s only the unit findings that are true', (name, expected) => {
    expect(unitFindings(fixtureTable(name))).toEqual(expected);
  });

  it('finds in the held-back 9-section plan no error and only its true unit finding', () => {
    const table = heldBack();
    expect(table.rows.filter((r) => r.kind === 'section')).toHaveLength(9);
    const findings = validateTable(table, ctx);
    expect(findingsHaveErrors(findings), brief(findings).join('; ')).toBe(false);
    expect(unitFindings(table)).toEqual(HELD_BACK_UNIT_FINDINGS);
  });

  it('never takes a group noun for the same unit as another group', () => {
    const row = { task: 'Rà soát hạ tầng mạng', output: 'Báo cáo', timeframe: 'Quý I/2026' };
    expect(codes(tableOf('assignment', [{ ...row, lead: 'Các trường học', cooperating: 'Các trường phổ thông trên địa bàn' }]))).toEqual([]);
    expect(codes(tableOf('assignment', [{ ...row, lead: 'Các phòng chuyên môn xã, Công an', cooperating: 'Các cơ quan, đơn vị có liên quan' }]))).toEqual([]);
  });

  it('quotes an unknown lead whole, never cutting a unit name out of it', () => {
    const findings = validateTable(tableOf('tasks-detailed', [{ ...complete, lead: 'Phòng Kinh tế; Ban quản lý chợ (trực) thuộc UBND xã' }]), ctx);
    expect(findings.map((f) => f.message)).toEqual(['«Người/Đơn vị chủ trì»: «Ban quản lý chợ (trực) thuộc UBND xã» không có trong danh mục đơn vị.']);
  });
});

/** A one-section table of a template with the given item rows. */
function tableOf(template: TemplateId, rows: Array<Record<string, string>>, withSection = true): TableModel {
  const t = TEMPLATES[template];
  return {
    title: 'Bảng thử',
    template,
    numbering: { ...t.numbering },
    columns: templateColumnsForYear(template, 2026),
    rows: [
      ...(withSection ? [{ kind: 'section' as const, label: 'CHÍNH QUYỀN SỐ' }] : []),
      ...rows.map((cells): ItemRow => ({ kind: 'item', cells })),
    ],
  };
}

const complete = { task: 'Số hóa hồ sơ', lead: 'Phòng Kinh tế', timeframe: 'Quý II/2026', output: 'Kho dữ liệu' };
const codes = (table: TableModel) => validateTable(table, ctx).map((f) => f.code);

describe('each rule', () => {
  it('reports an empty table, and a section with no rows', () => {
    expect(codes(tableOf('tasks-detailed', []))).toEqual(['table.empty', 'section.empty']);
  });

  it('reports a task without its work, lead, time or product ("6 rõ")', () => {
    const findings = validateTable(tableOf('tasks-detailed', [{ task: '', lead: '', timeframe: '', output: '' }]), ctx);
    expect(findings.map((f) => f.code)).toEqual(['work.missing', 'lead.missing', 'timeframe.missing', 'output.missing']);
    expect(findings.every((f) => f.severity === 'error' && f.row === 'I.1')).toBe(true);
    expect(findings[1]?.message).toBe('Chưa có đơn vị chủ trì («Người/Đơn vị chủ trì»).');
  });

  it('reports a timeframe it cannot read, a reversed one, and one outside the plan year', () => {
    expect(codes(tableOf('tasks-detailed', [{ ...complete, timeframe: 'sớm nhất có thể' }]))).toEqual(['timeframe.unparseable']);
    expect(codes(tableOf('tasks-detailed', [{ ...complete, timeframe: 'Quý IV–II/2026' }]))).toEqual(['timeframe.reversed']);
    expect(codes(tableOf('tasks-detailed', [{ ...complete, timeframe: 'Quý II/2025' }]))).toEqual(['timeframe.outsideYear']);
    expect(codes(tableOf('tasks-detailed', [{ ...complete, timeframe: 'Tháng 10/2026 - Tháng 3/2027' }]))).toEqual(['timeframe.partlyOutsideYear']);
    expect(codes(tableOf('tasks-detailed', [{ ...complete, timeframe: 'Thường xuyên' }]))).toEqual([]);
  });

  it('reports an unknown lead unit and a lead also listed as cooperating', () => {
    expect(codes(tableOf('tasks-detailed', [{ ...complete, lead: 'Ban Quản lý chợ' }]))).toEqual(['lead.unknown']);
    expect(codes(tableOf('tasks-basic', [{ task: 'x', lead: 'Phòng VH-XH', cooperating: 'Phòng Văn hóa – Xã hội xã; Công an', timeframe: 'Năm 2026' }]))).toEqual([
      'cooperating.includesLead',
    ]);
  });

  it('reports a budget that is not a number, a negative one, and one without a funding source', () => {
    const row = { task: 'Mua máy tính', output: '10 máy', timeframe: 'Quý III/2026', lead: 'Văn phòng HĐND - UBND', fundingSource: 'Ngân sách xã' };
    expect(codes(tableOf('tasks-budget', [{ ...row, budget: '1.250' }]))).toEqual([]);
    expect(codes(tableOf('tasks-budget', [{ ...row, budget: '1,250.5' }]))).toEqual(['budget.invalid']);
    expect(codes(tableOf('tasks-budget', [{ ...row, budget: '-5' }]))).toEqual(['budget.negative']);
    expect(codes(tableOf('tasks-budget', [{ ...row, budget: '56,36', fundingSource: '' }]))).toEqual(['fundingSource.missing']);
  });

  it('reports a recurring task without a readable frequency', () => {
    const row = { task: 'Sao lưu dữ liệu', lead: 'Phòng VH-XH', output: 'Bản sao lưu' };
    expect(codes(tableOf('recurring', [{ ...row, frequency: 'Hàng tuần/Hàng tháng' }]))).toEqual([]);
    expect(codes(tableOf('recurring', [{ ...row, frequency: '' }]))).toEqual(['frequency.missing']);
    expect(codes(tableOf('recurring', [{ ...row, frequency: 'khi nào rảnh' }]))).toEqual(['frequency.unparseable']);
  });

  it('reports an indicator without a readable target or a tracking unit', () => {
    const row = { indicator: 'Tỷ lệ phủ sóng 5G', measureUnit: '%', lead: 'Phòng Văn hóa - Xã hội' };
    expect(codes(tableOf('indicators', [{ ...row, target: '≥ 50%' }]))).toEqual([]);
    expect(codes(tableOf('indicators', [{ ...row, target: '' }]))).toEqual(['target.missing']);
    expect(codes(tableOf('indicators', [{ ...row, target: 'tăng mạnh' }]))).toEqual(['target.unparseable']);
    expect(codes(tableOf('indicators', [{ ...row, target: '≥ 50%', lead: '' }]))).toEqual(['tracking.missing']);
  });

  it('reports a target inconsistent with its unit', () => {
    const row = { indicator: 'Tỷ lệ phủ sóng 5G', lead: 'Phòng Văn hóa - Xã hội' };
    expect(codes(tableOf('indicators', [{ ...row, measureUnit: '%', target: '≥ 120%' }]))).toEqual(['target.percentOver100']);
    expect(codes(tableOf('indicators', [{ ...row, measureUnit: '%', target: 'Đạt' }]))).toEqual(['target.unitMismatch']);
    expect(codes(tableOf('indicators', [{ ...row, measureUnit: 'Đạt', target: '100%' }]))).toEqual(['target.unitMismatch']);
    expect(codes(tableOf('indicators', [{ ...row, measureUnit: '', target: '100%' }]))).toEqual(['measureUnit.missing']);
  });

  it('reports the second of two rows with the same work in one section, not across sections', () => {
    const same = { ...complete, task: 'Số hóa hồ sơ  ' };
    const findings = validateTable(tableOf('tasks-detailed', [complete, same]), ctx);
    expect(findings.map((f) => [f.code, f.row])).toEqual([['row.duplicate', 'I.2']]);
    expect(findings[0]?.message).toContain('I.1');
    const twoSections: TableModel = { ...tableOf('tasks-detailed', [complete]), rows: [...tableOf('tasks-detailed', [complete]).rows, ...tableOf('tasks-detailed', [complete]).rows] };
    expect(codes(twoSections)).toEqual([]);
  });

  it('lists errors before warnings', () => {
    const findings = validateTable(tableOf('tasks-detailed', [{ ...complete, lead: 'Ban Quản lý chợ' }, { ...complete, task: 'Khác', output: '' }]), ctx);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
  });
});
