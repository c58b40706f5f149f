import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { FIXTURE_TEMPLATES, fixtureTable } from './plan-doc-fixtures.test-helper.ts';
import {
  planDocAddColumn,
  planDocCreate,
  planDocDeleteRow,
  planDocImportTable,
  planDocInsertRow,
  planDocMoveColumn,
  planDocMoveRow,
  planDocOrderedRowIds,
  planDocReadTable,
  planDocRemoveColumn,
  planDocRenameColumn,
  planDocSetCell,
  planDocSetTableTitle,
} from './plan-doc.ts';
import type { ItemRow, TableModel } from './table-model.ts';
import { longestIncreasing, redlineText, tableDiff, tableDiffIsEmpty, textRedline } from './table-diff.ts';

const META = { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' };

/** A fixture imported into a plan document (rows get their ids there, as in real plans). */
function fixtureDoc(name: string): { doc: Y.Doc; tableId: string } {
  const template = FIXTURE_TEMPLATES.find(([file]) => file === name)?.[1];
  if (!template) throw new Error(`unknown fixture ${name}`);
  const doc = planDocCreate(META);
  const tableId = planDocImportTable(doc, fixtureTable(name, template), { id: 'bang-1' });
  return { doc, tableId };
}

function itemIds(table: TableModel): string[] {
  return table.rows.filter((r): r is ItemRow => r.kind === 'item').map((r) => r.id as string);
}

describe('textRedline', () => {
  it('marks a changed word as deleted then inserted, keeping the rest', () => {
    expect(textRedline('Quý I–IV/2026', 'Quý II–IV/2026')).toEqual([
      { op: 'equal', text: 'Quý ' },
      { op: 'delete', text: 'I' },
      { op: 'insert', text: 'II' },
      { op: 'equal', text: '–IV/2026' },
    ]);
  });

  it('joins neighbouring changes separated only by a space into one mark', () => {
    expect(textRedline('Đã triển khai xong', 'Đã hoàn thành xong')).toEqual([
      { op: 'equal', text: 'Đã ' },
      { op: 'delete', text: 'triển khai' },
      { op: 'insert', text: 'hoàn thành' },
      { op: 'equal', text: ' xong' },
    ]);
  });

  it('keeps a Vietnamese number whole', () => {
    expect(textRedline('Kinh phí 1.250 trđ', 'Kinh phí 1.350,5 trđ')).toEqual([
      { op: 'equal', text: 'Kinh phí ' },
      { op: 'delete', text: '1.250' },
      { op: 'insert', text: '1.350,5' },
      { op: 'equal', text: ' trđ' },
    ]);
  });

  it('shows pure insertions and deletions, and equal or empty texts plainly', () => {
    expect(textRedline('Sở KH&CN', 'Sở KH&CN tỉnh')).toEqual([
      { op: 'equal', text: 'Sở KH&CN' },
      { op: 'insert', text: ' tỉnh' },
    ]);
    expect(textRedline('Ngân sách xã', '')).toEqual([{ op: 'delete', text: 'Ngân sách xã' }]);
    expect(textRedline('', 'Thường xuyên')).toEqual([{ op: 'insert', text: 'Thường xuyên' }]);
    expect(textRedline('Đạt', 'Đạt')).toEqual([{ op: 'equal', text: 'Đạt' }]);
    expect(textRedline('', '')).toEqual([]);
  });

  it('never splits an emoji or a letter from its combining marks', () => {
    const nfd = 'Hoa\u0300n tha\u0300nh'; // "Hoàn thành" written with combining accents
    const segments = textRedline(`${nfd} 👍`, `${nfd} 👎`);
    expect(segments).toEqual([
      { op: 'equal', text: `${nfd} ` },
      { op: 'delete', text: '👍' },
      { op: 'insert', text: '👎' },
    ]);
  });

  it('gives both texts back, for every cell of every fixture against an edited copy and another cell', () => {
    let pairs = 0;
    for (const [name, template] of FIXTURE_TEMPLATES) {
      const cells = fixtureTable(name, template)
        .rows.flatMap((r) => (r.kind === 'item' ? Object.values(r.cells) : [r.label]))
        .filter((c) => c !== '');
      cells.forEach((text, i) => {
        const words = text.split(' ');
        const edited = [...words.slice(0, 1), 'đã sửa', ...words.slice(2), '(bổ sung)'].join(' ');
        const other = cells[(i * 7 + 3) % cells.length] as string;
        for (const [from, to] of [
          [text, edited],
          [text, other],
          [other, text],
        ] as const) {
          const segments = textRedline(from, to);
          expect(redlineText(segments, 'from')).toBe(from);
          expect(redlineText(segments, 'to')).toBe(to);
          // Tidy: no empty runs, no two runs of the same kind side by side.
          segments.forEach((s, j) => {
            expect(s.text).not.toBe('');
            expect(segments[j - 1]?.op).not.toBe(s.op);
          });
          pairs += 1;
        }
      });
    }
    expect(pairs).toBeGreaterThan(300);
  });

  it('treats a long text rewritten beyond recognition as deleted and inserted whole', () => {
    const from = Array.from({ length: 600 }, (_, i) => `từ${i}`).join(' ');
    const to = Array.from({ length: 600 }, (_, i) => `chữ${i}`).join(' ');
    expect(textRedline(from, to)).toEqual([
      { op: 'delete', text: from },
      { op: 'insert', text: to },
    ]);
  });
});

describe('longestIncreasing', () => {
  it('finds one longest increasing run', () => {
    expect(longestIncreasing([])).toEqual([]);
    expect(longestIncreasing([0, 1, 2, 3])).toEqual([0, 1, 2, 3]);
    expect(longestIncreasing([3, 0, 1, 2])).toEqual([1, 2, 3]);
    expect(longestIncreasing([1, 2, 3, 0])).toEqual([0, 1, 2]);
    const values = [5, 1, 6, 2, 7, 3, 8, 4];
    const run = longestIncreasing(values);
    expect(run).toHaveLength(4);
    run.slice(1).forEach((idx, j) => expect(values[idx] as number).toBeGreaterThan(values[run[j] as number] as number));
  });
});

describe('tableDiff', () => {
  it('finds nothing between a table and itself, for every fixture', () => {
    for (const [name] of FIXTURE_TEMPLATES) {
      const { doc, tableId } = fixtureDoc(name);
      const table = planDocReadTable(doc, tableId);
      const diff = tableDiff(table, structuredClone(table));
      expect(tableDiffIsEmpty(diff), name).toBe(true);
      expect(diff.unchanged).toBe(table.rows.length);
    }
  });

  it('finds exactly the rows added and removed, the cells changed and the columns touched on Tân Thanh', () => {
    const { doc, tableId } = fixtureDoc('tan-thanh-2026-tasks.tsv');
    const before = planDocReadTable(doc, tableId);
    const ids = itemIds(before);
    const [first, second, third] = ids as [string, string, string];
    const sectionII = before.rows.find((r) => r.kind === 'section' && r.label === 'KINH TẾ SỐ');
    if (!sectionII?.id) throw new Error('section II expected');
    const firstTimeframe = (before.rows.find((r) => r.id === first) as ItemRow).cells.timeframe as string;

    planDocSetCell(doc, tableId, first, 'timeframe', 'Quý I–II/2026');
    planDocSetCell(doc, tableId, third, 'output', 'Quy chế ATTT được ban hành');
    planDocSetCell(doc, tableId, sectionII.id, 'label', 'KINH TẾ SỐ VÀ DỮ LIỆU');
    planDocDeleteRow(doc, tableId, second);
    const added = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Số hoá hồ sơ đất đai' } }, { after: third });
    planDocRenameColumn(doc, tableId, 'note', 'Ghi chú thêm');
    planDocRemoveColumn(doc, tableId, 'monitor');
    planDocSetTableTitle(doc, tableId, `${before.title} (sửa đổi)`);
    const after = planDocReadTable(doc, tableId);

    const diff = tableDiff(before, after);
    expect(diff.counts).toEqual({ added: 1, removed: 1, moved: 0, changed: 3, cells: 3, columns: 2 });
    expect(diff.unchanged).toBe(before.rows.length - 1 - 3);
    expect(diff.title).toEqual([
      { op: 'equal', text: before.title },
      { op: 'insert', text: ' (sửa đổi)' },
    ]);
    expect(diff.columns).toEqual([
      { change: 'renamed', field: 'note', label: 'Ghi chú thêm', fromLabel: 'Ghi chú', fromIndex: 7, toIndex: 6 },
      { change: 'removed', field: 'monitor', label: 'Theo dõi', fromIndex: 6, toIndex: null },
    ]);

    // Reading order: I.1 changed, I.2 removed (where it was), I.3 changed, the new row after it, then II.
    expect(diff.rows.map((r) => [r.rowId, r.change, r.fromCite, r.toCite])).toEqual([
      [first, 'kept', 'I.1', 'I.1'],
      [second, 'removed', 'I.2', ''],
      [third, 'kept', 'I.3', 'I.2'],
      [added, 'added', '', 'I.3'],
      [sectionII.id, 'kept', 'II', 'II'],
    ]);
    const [timeframe] = diff.rows[0]?.cells ?? [];
    expect(timeframe).toMatchObject({ field: 'timeframe', label: 'Thời gian thực hiện', from: firstTimeframe, to: 'Quý I–II/2026' });
    expect(redlineText(timeframe?.redline ?? [], 'from')).toBe(firstTimeframe);
    expect(diff.rows[4]?.cells).toEqual([
      {
        field: 'label',
        label: '',
        from: 'KINH TẾ SỐ',
        to: 'KINH TẾ SỐ VÀ DỮ LIỆU',
        redline: [
          { op: 'equal', text: 'KINH TẾ SỐ' },
          { op: 'insert', text: ' VÀ DỮ LIỆU' },
        ],
      },
    ]);
    expect(diff.rows[1]?.row).toMatchObject({ kind: 'item', id: second });
    expect(diff.rows[3]?.row).toMatchObject({ kind: 'item', cells: { task: 'Số hoá hồ sơ đất đai' } });
  });

  it('marks only the moved row as moved, whichever way it jumps (longest common order)', () => {
    for (const [name] of FIXTURE_TEMPLATES) {
      const { doc, tableId } = fixtureDoc(name);
      const before = planDocReadTable(doc, tableId);
      const ids = planDocOrderedRowIds(doc, tableId);
      const down = ids[1] as string;
      const up = ids[ids.length - 2] as string;
      planDocMoveRow(doc, tableId, down, { after: ids[ids.length - 1] });
      planDocMoveRow(doc, tableId, up, { before: ids[0] });
      const diff = tableDiff(before, planDocReadTable(doc, tableId));
      expect(diff.counts, name).toEqual({ added: 0, removed: 0, moved: 2, changed: 0, cells: 0, columns: 0 });
      expect(diff.rows.map((r) => [r.rowId, r.moved, r.fromIndex, r.toIndex])).toEqual([
        [up, true, ids.length - 2, 0],
        [down, true, 1, ids.length - 1],
      ]);
    }
  });

  it('reports a moved row that also changed once, with both marks', () => {
    const { doc, tableId } = fixtureDoc('tan-ky-2026-tasks.tsv');
    const before = planDocReadTable(doc, tableId);
    const ids = itemIds(before);
    const row = ids[4] as string;
    planDocMoveRow(doc, tableId, row, { before: ids[0] });
    planDocSetCell(doc, tableId, row, 'task', 'Nội dung đã sửa');
    const diff = tableDiff(before, planDocReadTable(doc, tableId));
    expect(diff.rows).toHaveLength(1);
    expect(diff.rows[0]).toMatchObject({ rowId: row, change: 'kept', moved: true });
    expect(diff.rows[0]?.cells.map((c) => c.field)).toEqual(['task']);
  });

  it('reports a column added and a column moved, and compares cells only on shared columns', () => {
    const { doc, tableId } = fixtureDoc('xuan-loc-2026-indicators.tsv');
    const before = planDocReadTable(doc, tableId);
    planDocAddColumn(doc, tableId, { field: 'custom:minh-chung', label: 'Minh chứng', width: 30 });
    const first = itemIds(before)[0] as string;
    planDocSetCell(doc, tableId, first, 'custom:minh-chung', 'Báo cáo quý');
    const lastField = before.columns[before.columns.length - 1]?.field as string;
    planDocMoveColumn(doc, tableId, lastField, 0);
    const diff = tableDiff(before, planDocReadTable(doc, tableId));
    expect(diff.columns.map((c) => [c.change, c.field])).toEqual([
      ['moved', lastField],
      ['added', 'custom:minh-chung'],
    ]);
    expect(diff.rows).toEqual([]);
  });

  it('counts a row whose kind changed as removed and added', () => {
    const { doc, tableId } = fixtureDoc('tan-ky-2026-kpi.tsv');
    const before = planDocReadTable(doc, tableId);
    const after = structuredClone(before);
    const target = after.rows[0];
    if (!target?.id) throw new Error('row expected');
    after.rows[0] = { id: target.id, kind: 'section', label: 'CHỈ TIÊU CHUNG' };
    const diff = tableDiff(before, after);
    expect(diff.counts.added).toBe(1);
    expect(diff.counts.removed).toBe(1);
    expect(diff.counts.moved).toBe(0);
  });

  it('compares 5,000-row tables by their differing cells only', () => {
    const { doc, tableId } = fixtureDoc('tan-thanh-2026-tasks.tsv');
    const base = planDocReadTable(doc, tableId);
    const items = base.rows.filter((r): r is ItemRow => r.kind === 'item');
    const rows = Array.from({ length: 5000 }, (_, i): ItemRow => ({ ...(items[i % items.length] as ItemRow), id: `r${i}`, number: String(i + 1) }));
    const from: TableModel = { ...base, rows };
    const to: TableModel = {
      ...base,
      rows: rows.map((r, i) => (i % 1000 === 7 ? { ...r, cells: { ...r.cells, output: `${r.cells.output ?? ''} (cập nhật)` } } : r)),
    };
    const diff = tableDiff(from, to);
    expect(diff.counts).toMatchObject({ changed: 5, cells: 5, moved: 0 });
    expect(diff.unchanged).toBe(4995);
  });
});
