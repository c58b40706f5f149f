import { describe, expect, it } from 'vitest';
import { FILTER_NONE, OWNER_NONE, filterIsEmpty, filterRows } from './filters.ts';
import { KT, VP, section, task } from './test-doc.test-helper.ts';

const rows = [
  section('CHÍNH QUYỀN SỐ'),
  { ...task('Số hóa hồ sơ thủ tục hành chính', [VP]), id: 'a' },
  { ...task('Phát triển kinh tế số, chợ số', [KT], { lead: 'Phòng Kinh tế' }), id: 'b' },
  section('XÃ HỘI SỐ'),
  { ...task('Tuyên truyền kỹ năng số', []), id: 'c' },
].map((r, i) => ({ ...r, id: r.id ?? `s${i}` }));
const ctx = { unitId: KT, stateOf: (id: string) => (id === 'a' ? ('error' as const) : 'ok' as const) };

describe('filterRows', () => {
  it('shows everything without building a list when nothing is filtered', () => {
    expect(filterIsEmpty(FILTER_NONE)).toBe(true);
    expect(filterRows(rows, FILTER_NONE, ctx)).toBeNull();
    expect(filterRows(rows, { ...FILTER_NONE, search: '   ' }, ctx)).toBeNull();
  });

  it('searches across cells without diacritics, keeping the section above a match', () => {
    expect(filterRows(rows, { ...FILTER_NONE, search: 'phong kinh te' }, ctx)).toEqual([0, 2]);
    expect(filterRows(rows, { ...FILTER_NONE, search: 'KỸ NĂNG' }, ctx)).toEqual([3, 4]);
    expect(filterRows(rows, { ...FILTER_NONE, search: 'xa hoi so' }, ctx)).toEqual([3]);
  });

  it('filters by lead unit, unassigned rows, my rows and validation state', () => {
    expect(filterRows(rows, { ...FILTER_NONE, owners: [VP] }, ctx)).toEqual([0, 1]);
    expect(filterRows(rows, { ...FILTER_NONE, owners: [OWNER_NONE] }, ctx)).toEqual([3, 4]);
    expect(filterRows(rows, { ...FILTER_NONE, mine: true }, ctx)).toEqual([0, 2]);
    expect(filterRows(rows, { ...FILTER_NONE, state: 'error' }, ctx)).toEqual([0, 1]);
    expect(filterRows(rows, { ...FILTER_NONE, state: 'ok', owners: [KT, VP] }, ctx)).toEqual([0, 2]);
  });
});
