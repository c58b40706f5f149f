import { describe, expect, it } from 'vitest';
import { FIXTURE_TEMPLATES, fixtureTable } from '../plan-doc-fixtures.test-helper.ts';
import type { PlanMeta } from '../plan-doc.ts';
import { periodParse, periodYears } from '../period/index.ts';
import type { TableModel } from '../table-model.ts';
import { textSlug } from '../text.ts';
import { nextYearBuild, nextYearEvaluationFormat, nextYearEvaluationParse, nextYearEvaluationText, nextYearPreview, nextYearPreviewSchema } from './next-year.ts';
import type { NextYearPreviewTable } from './next-year.ts';
import { progressRecord } from './progress.test-helper.ts';

const META: PlanMeta = {
  commune: 'Tân Thanh',
  province: 'Tuyên Quang',
  year: 2026,
  title: 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh',
  planNumber: '12/KH-UBND',
  issuedOn: '2026-02-15',
};

/** A fixture as the plan holds it: rows with ids "<file>#<k>" (sections "<file>#s<k>"), owned by the slug of their lead. */
function fixturePlanTable(file: string, template: Parameters<typeof fixtureTable>[1]): TableModel {
  const table = fixtureTable(file, template);
  let k = 0;
  table.id = file;
  table.rows = table.rows.map((row) => {
    k += 1;
    if (row.kind === 'section') return { ...row, id: `${file}#s${k}` };
    return { ...row, id: `${file}#${k}`, owners: [textSlug(row.cells.lead ?? row.cells.monitor ?? '')] };
  });
  return table;
}

const ALL_TABLES = FIXTURE_TEMPLATES.map(([file, template]) => fixturePlanTable(file, template));
const TAN_THANH = ALL_TABLES[0] as TableModel;
const itemIds = (table: TableModel) => table.rows.filter((r) => r.kind === 'item').map((r) => r.id as string);
const tableOf = (tables: readonly NextYearPreviewTable[], id: string) => tables.find((t) => t.tableId === id) as NextYearPreviewTable;

describe('nextYearPreview', () => {
  it('rolls the plan’s title and empties its number and date of issue', () => {
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records: [] });
    expect(preview.meta).toEqual({ ...META, year: 2027, title: 'Kế hoạch chuyển đổi số năm 2027 của xã Tân Thanh', planNumber: '', issuedOn: '' });
    expect(preview.from).toBe(2026);
    expect(preview.to).toBe(2027);
    expect(nextYearPreviewSchema.parse(preview)).toEqual(preview);
  });

  it('carries every row of every fixture with no progress, in order, with owners, timeframes parsing to 2027', () => {
    const preview = nextYearPreview({ meta: META, tables: ALL_TABLES, records: [] });
    for (const table of ALL_TABLES) {
      const shown = tableOf(preview.tables, table.id as string);
      expect(shown.rows.map((r) => r.rowId), table.id).toEqual(table.rows.map((r) => r.id));
      expect(shown.counts.leftOut).toBe(0);
      for (const row of shown.rows) {
        if (row.kind !== 'item') continue;
        expect(row.decision).toBe('carried');
        const source = table.rows.find((r) => r.id === row.rowId);
        expect(row.owners).toEqual(source?.kind === 'item' ? source.owners : []);
        const timeframe = row.cells.timeframe;
        if (timeframe === undefined || timeframe === '') continue;
        const parsed = periodParse(timeframe);
        if (parsed.ok && parsed.value.kind === 'span') expect(periodYears(parsed.value), timeframe).toEqual([2027]);
      }
    }
    expect(preview.counts.carried).toBe(ALL_TABLES.reduce((n, t) => n + itemIds(t).length, 0));
  });

  it('lists each rolled cell before → after, «Quý I–IV/2026» → «Quý I–IV/2027» among them', () => {
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records: [] });
    const changes = preview.tables[0]?.rows.flatMap((r) => r.changes) ?? [];
    expect(changes).toContainEqual({ field: 'timeframe', label: 'Thời gian thực hiện', before: 'Quý I–IV/2026', after: 'Quý I–IV/2027' });
    for (const change of changes) expect(change.before).not.toBe(change.after);
  });

  it('rolls the year in a column label and a table title («Chỉ tiêu phấn đấu năm 2026»)', () => {
    const preview = nextYearPreview({ meta: META, tables: ALL_TABLES, records: [] });
    const labels = preview.tables.flatMap((t) => t.columns.map((c) => c.label));
    expect(labels.some((l) => /năm 2027/.test(l))).toBe(true);
    expect(labels.some((l) => /2026/.test(l))).toBe(false);
    const changed = preview.tables.flatMap((t) => t.changes);
    expect(changed.length).toBeGreaterThan(0);
    for (const change of changed) expect(change.after).toBe(change.before.replaceAll('2026', '2027'));
  });

  it('leaves out a finished one-off task and keeps a recurring one reported done', () => {
    const ids = itemIds(TAN_THANH);
    const records = ids.map((id) => progressRecord(id, '2026-12', 'done'));
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records });
    const rows = preview.tables[0]?.rows.filter((r) => r.kind === 'item') ?? [];
    const recurring = rows.filter((r) => r.kind === 'item' && r.decision === 'carried');
    const left = rows.filter((r) => r.kind === 'item' && r.decision === 'leftOut');
    expect(left.length).toBeGreaterThan(0);
    expect(recurring.length).toBeGreaterThan(0);
    for (const row of recurring) expect(row.kind === 'item' && row.reason).toBe('recurring');
    for (const row of left) expect(row.kind === 'item' && [row.reason, row.reasonText]).toEqual(['finished', 'Đã hoàn thành, không chuyển sang năm sau']);
    expect(preview.counts).toMatchObject({ carried: recurring.length, leftOut: left.length });
    expect(preview.evaluation.tasks).toEqual({ total: ids.length, done: ids.length });
  });

  it('keeps a section left with nothing under it, flagged empty', () => {
    const first = TAN_THANH.rows.findIndex((r) => r.kind === 'section');
    const next = TAN_THANH.rows.findIndex((r, i) => i > first && r.kind === 'section');
    const under = TAN_THANH.rows.slice(first + 1, next).map((r) => r.id as string);
    const records = under.map((id) => progressRecord(id, '2026-12', 'done'));
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records });
    const sections = preview.tables[0]?.rows.filter((r) => r.kind === 'section') ?? [];
    // The first section's rows are all done: it is kept, and only it is empty unless its rows recur.
    const recurs = preview.tables[0]?.rows.some((r) => r.kind === 'item' && under.includes(r.rowId) && r.decision === 'carried');
    expect(sections[0]).toMatchObject({ kind: 'section', label: 'CHÍNH QUYỀN SỐ', empty: !recurs });
    expect(sections.slice(1).every((s) => s.kind === 'section' && !s.empty)).toBe(true);
    expect(nextYearBuild(preview).tables[0]?.rows.filter((r) => r.kind === 'section').length).toBe(sections.length);
  });

  it('reports a year the roll left alone with its cell', () => {
    const table: TableModel = {
      ...TAN_THANH,
      rows: [{ id: 'r1', kind: 'item', owners: ['u'], cells: { task: 'Triển khai Kế hoạch số 12/KH-UBND ngày 15/3/2026', timeframe: 'Quý II/2026' } }],
    };
    const preview = nextYearPreview({ meta: META, tables: [table], records: [] });
    const row = preview.tables[0]?.rows[0];
    expect(row?.kept).toEqual([{ field: 'task', year: '2026', reason: 'citation', message: 'Giữ nguyên "2026": là số hoặc ngày của một văn bản đã ban hành.' }]);
    expect(row?.changes).toEqual([{ field: 'timeframe', label: 'Thời gian thực hiện', before: 'Quý II/2026', after: 'Quý II/2027' }]);
    expect(preview.counts.kept).toBe(1);
  });

  it('names a plan of the commune already made for the new year', () => {
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records: [], existing: [{ id: 'p2', title: 'KH 2027' }] });
    expect(preview.existing).toEqual([{ id: 'p2', title: 'KH 2027' }]);
  });
});

describe('nextYearBuild', () => {
  it('writes carried rows with owners and carriedFrom, and a left-out row only when included', () => {
    const ids = itemIds(TAN_THANH);
    const doneId = ids.find((id) => {
      const row = TAN_THANH.rows.find((r) => r.id === id);
      return row?.kind === 'item' && /Quý/.test(row.cells.timeframe ?? '');
    }) as string;
    const preview = nextYearPreview({ meta: META, tables: [TAN_THANH], records: [progressRecord(doneId, '2026-06', 'done')] });
    const without = nextYearBuild(preview);
    const withIt = nextYearBuild(preview, [doneId, 'no-such-row']);
    expect(without.rowCount).toBe(ids.length - 1);
    expect(withIt.rowCount).toBe(ids.length);
    const items = withIt.tables[0]?.rows.filter((r) => r.kind === 'item') ?? [];
    expect(items.every((r) => r.kind === 'item' && r.carriedFrom === '2026')).toBe(true);
    expect(items.map((r) => (r.kind === 'item' ? r.owners : []))).toEqual(TAN_THANH.rows.filter((r) => r.kind === 'item').map((r) => (r.kind === 'item' ? r.owners : [])));
    const table = withIt.tables[0] as TableModel;
    expect(table.columns.map((c) => c.field)).toEqual(TAN_THANH.columns.map((c) => c.field));
    expect(table.rows.map((r) => r.kind)).toEqual(TAN_THANH.rows.map((r) => r.kind));
    expect(JSON.stringify(table.rows)).not.toMatch(/Quý [IV–]+\/2026/);
  });

  it('builds every fixture into tables the schema accepts, each row carried from 2026', () => {
    const built = nextYearBuild(nextYearPreview({ meta: META, tables: ALL_TABLES, records: [] }));
    expect(built.tables).toHaveLength(ALL_TABLES.length);
    built.tables.forEach((table, i) => {
      const source = ALL_TABLES[i] as TableModel;
      expect(table.rows.length, source.id).toBe(source.rows.length);
      expect(table.template).toBe(source.template);
    });
    expect(built.meta.year).toBe(2027);
  });
});

describe('last year’s evaluation', () => {
  it('names each row and reads back from its meta value; text for copying', () => {
    const indicators = ALL_TABLES[1] as TableModel;
    const [first] = itemIds(indicators);
    const preview = nextYearPreview({ meta: META, tables: [indicators], records: [progressRecord(first as string, '2026-12', 'done', { value: '90%' })] });
    const evaluation = preview.evaluation;
    expect(evaluation.lines).toHaveLength(itemIds(indicators).length);
    expect(evaluation.lines[0]).toMatchObject({ kind: 'indicator', number: '1', result: 'Kết quả: Đạt 90 %' });
    expect(nextYearEvaluationParse(nextYearEvaluationFormat(evaluation))).toEqual(evaluation);
    expect(nextYearEvaluationParse('{"year": "x"}')).toBeNull();
    expect(nextYearEvaluationParse(undefined)).toBeNull();
    expect(nextYearEvaluationText(evaluation)).toMatch(/^Đánh giá kết quả thực hiện năm 2026\n/);
  });
});
