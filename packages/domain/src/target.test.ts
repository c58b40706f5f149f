import { describe, expect, it } from 'vitest';
import { fixtureRows } from './fixtures.test-helper.ts';
import type { Target } from './target.ts';
import { targetDescribe, targetParse } from './target.ts';
import { textKey } from './text.ts';

/**
 * The cells of one column of a fixture, found by its header text, without the repeated header
 * rows of page breaks and without section rows (only the first cell filled).
 */
function fixtureColumn(file: string, header: string): string[] {
  const rows = fixtureRows(file);
  const column = (rows[0] ?? []).findIndex((cell) => textKey(cell) === textKey(header));
  if (column < 0) throw new Error(`no column "${header}" in ${file}`);
  return rows
    .slice(1)
    .filter((row) => textKey(row[column] ?? '') !== textKey(header))
    .filter((row) => row.slice(1).some((cell) => cell.trim() !== ''))
    .map((row) => row[column] ?? '');
}

function quantity(
  comparator: Extract<Target, { kind: 'quantity' }>['comparator'],
  value: number,
  unit: string | null,
  per: string | null = null,
  qualifier: string | null = null,
): Target {
  return { kind: 'quantity', comparator, value, unit, per, qualifier };
}

const READS: ReadonlyArray<readonly [string, Target]> = [
  ['≥ 50%', quantity('>=', 50, '%')],
  ['≥50%', quantity('>=', 50, '%')],
  ['> 50%', quantity('>', 50, '%')],
  ['>= 50%', quantity('>=', 50, '%')],
  ['≤ 5%', quantity('<=', 5, '%')],
  ['100%', quantity('=', 100, '%')],
  ['100% (trừ văn bản mật)', quantity('=', 100, '%', null, 'trừ văn bản mật')],
  ['Đạt', { kind: 'pass', qualifier: null }],
  ['≥ 1%/năm', quantity('>=', 1, '%', 'năm')],
  ['≥02 hộ có gian hàng trực tuyến', quantity('>=', 2, 'hộ', null, 'có gian hàng trực tuyến')],
  ['≥01 hộ hoạt động ổn định', quantity('>=', 1, 'hộ', null, 'hoạt động ổn định')],
  ['75% dân cư có định danh điện tử', quantity('=', 75, '%', null, 'dân cư có định danh điện tử')],
  ['≥80% giao dịch không dùng tiền mặt', quantity('>=', 80, '%', null, 'giao dịch không dùng tiền mặt')],
  ['≥ 100 tin/năm', quantity('>=', 100, 'tin', 'năm')],
  ['≥2 đợt tuyên truyền/năm', quantity('>=', 2, 'đợt', 'năm', 'tuyên truyền')],
  ['56,36%', quantity('=', 56.36, '%')],
  ['1.250 hộ', quantity('=', 1250, 'hộ')],
  ['Trên 50%', quantity('>', 50, '%')],
  ['Tối thiểu 50%', quantity('>=', 50, '%')],
  ['Ít nhất 50%', quantity('>=', 50, '%')],
  ['Không dưới 50%', quantity('>=', 50, '%')],
  ['Tối đa 5%', quantity('<=', 5, '%')],
  ['Không quá 5%', quantity('<=', 5, '%')],
  ['Dưới 5%', quantity('<', 5, '%')],
  // Beyond the usual spellings: other symbols, "trở lên", rates in words, two-word nouns.
  ['=> 50 %', quantity('>=', 50, '%')],
  ['tối thiểu 50%', quantity('>=', 50, '%')],
  ['Từ 50% trở lên', quantity('>=', 50, '%')],
  ['5% trở xuống', quantity('<=', 5, '%')],
  ['≥ 100 tin bài mỗi năm', quantity('>=', 100, 'tin bài', 'năm')],
  ['≥ 2 lần/ Tháng', quantity('>=', 2, 'lần', 'tháng')],
  ['1 250 Hộ', quantity('=', 1250, 'hộ')],
  ['≥ 50 hồ sơ trực tuyến', quantity('>=', 50, 'hồ sơ', null, 'trực tuyến')],
  ['≥ 2 hộ sở hữu', quantity('>=', 2, 'hộ', null, 'sở hữu')],
  ['≥ 30 (năm 2026)', quantity('>=', 30, null, null, 'năm 2026')],
  ['Đạt 100%', quantity('=', 100, '%')],
  ['Đạt (theo Bộ tiêu chí)', { kind: 'pass', qualifier: 'theo Bộ tiêu chí' }],
];

describe('targetParse', () => {
  it.each(READS)('reads %j', (text, target) => {
    expect(targetParse(text)).toEqual({ ok: true, value: target });
  });

  it('refuses an empty cell with code target.empty', () => {
    expect(targetParse('')).toMatchObject({ ok: false, code: 'target.empty' });
    expect(targetParse('  ')).toMatchObject({ ok: false, code: 'target.empty' });
  });

  it.each([
    ['Tăng', /chưa phải là một mức đo được/],
    ['chưa xác định', /chưa phải là một mức đo được/],
    ['≥', /Sau "≥" cần một con số/],
    ['%', /Thiếu con số trước "%"/],
    ['Tăng 10%', /không hiểu phần "Tăng" đứng trước số/],
    ['50-60%', /khoảng giá trị/],
    ['50% đến 60%', /khoảng giá trị/],
    ['Đạt/Không đạt', /là đơn vị tính/],
    ['Không đạt', /chưa phải là một mức đo được/],
  ])('refuses %j with code target.unrecognized and says why', (text, reason) => {
    const result = targetParse(text);
    expect(result).toMatchObject({ ok: false, code: 'target.unrecognized' });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('refuses a malformed number with code target.number and the number reason', () => {
    const result = targetParse('≥ 1.5%');
    expect(result).toMatchObject({ ok: false, code: 'target.number' });
    expect(result.ok ? '' : result.reason).toMatch(/"1,5"/);
  });
});

describe('targetDescribe', () => {
  it.each([
    ['≥ 50%', '≥ 50%'],
    ['≥50%', '≥ 50%'],
    ['Đạt', 'Đạt'],
    ['≥02 hộ có gian hàng trực tuyến', '≥ 2 hộ có gian hàng trực tuyến'],
    ['≥ 1%/năm', '≥ 1%/năm'],
    ['≥2 đợt tuyên truyền/năm', '≥ 2 đợt tuyên truyền/năm'],
    ['100% (trừ văn bản mật)', '100% trừ văn bản mật'],
    ['56,36%', '56,36%'],
    ['Trên 50%', '> 50%'],
    ['Dưới 5%', '< 5%'],
    ['1.250 hộ', '1.250 hộ'],
  ])('writes %j as %j', (text, described) => {
    const parsed = targetParse(text);
    expect(parsed.ok && targetDescribe(parsed.value)).toBe(described);
  });

  it.each(READS)('writes %j so that it reads back the same', (_text, target) => {
    expect(targetParse(targetDescribe(target))).toEqual({ ok: true, value: target });
  });

  it('keeps a pass note that starts with a number a note', () => {
    const target: Target = { kind: 'pass', qualifier: '100% xã' };
    expect(targetDescribe(target)).toBe('Đạt (100% xã)');
    expect(targetParse(targetDescribe(target))).toEqual({ ok: true, value: target });
  });
});

describe('targets of the real plans', () => {
  it('reads every "Chỉ tiêu phần đầu năm 2026" cell of Xuân Lộc', () => {
    const cells = fixtureColumn('xuan-loc-2026-indicators.tsv', 'Chỉ tiêu phần đầu năm 2026');
    expect(cells).toHaveLength(30);
    expect(cells.filter((cell) => !targetParse(cell).ok)).toEqual([]);
    expect(cells.map((cell) => targetParse(cell)).filter((r) => r.ok && r.value.kind === 'pass')).toHaveLength(2);
  });

  it('reads every "Mức theo dõi năm 2026" cell of Tân Kỳ', () => {
    const cells = fixtureColumn('tan-ky-2026-kpi.tsv', 'Mức theo dõi năm 2026');
    expect(cells).toHaveLength(13);
    expect(cells.filter((cell) => !targetParse(cell).ok)).toEqual([]);
  });

  it('reads the outputs of Tân Thanh that are targets', () => {
    const outputs = fixtureColumn('tan-thanh-2026-tasks.tsv', 'Sản phẩm/Kết quả đầu ra');
    const targetLike = outputs.filter((cell) => /^\s*[≥≤<>=]|^\s*\d/.test(cell));
    expect(targetLike).toEqual(
      expect.arrayContaining([
        '≥02 hộ có gian hàng trực tuyến',
        '75% dân cư có định danh điện tử',
        '≥80% giao dịch không dùng tiền mặt',
      ]),
    );
    expect(targetLike.filter((cell) => !targetParse(cell).ok)).toEqual([]);
    expect(targetParse('≥80% giao dịch không dùng tiền mặt')).toEqual({
      ok: true,
      value: quantity('>=', 80, '%', null, 'giao dịch không dùng tiền mặt'),
    });
  });

  it('leaves outputs that are products, not targets, unread', () => {
    const outputs = fixtureColumn('tan-thanh-2026-tasks.tsv', 'Sản phẩm/Kết quả đầu ra');
    expect(outputs).toContain('Báo cáo đúng hạn');
    expect(targetParse('Báo cáo đúng hạn')).toMatchObject({ ok: false, code: 'target.unrecognized' });
  });
});
