import { REPORTING_SETTINGS_DEFAULT, reportBuild, reportSpanParse, reportTextsMerge, tableImportText, unitDirectoryDefault, unitsLeading } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import tanThanhTasks from '../../../../fixtures/tan-thanh-2026-tasks.tsv?raw';
import { reportEditsDiff, reportEditsKey, reportEditsLoad, reportEditsSave } from './report-api.ts';

/** The default texts of Tân Thanh's November report, as the server sends them. */
function defaults() {
  const imported = tableImportText(tanThanhTasks, { format: 'tsv' });
  if (!imported.ok) throw new Error(imported.reason);
  const units = unitDirectoryDefault();
  let k = 0;
  const table = imported.value.table;
  table.rows = table.rows.map((row) => (row.kind === 'item' ? { ...row, id: `r${(k += 1)}`, owners: unitsLeading(units, row.cells.lead ?? '') } : row));
  const span = reportSpanParse('2026-11');
  if (!span) throw new Error('span');
  return reportBuild({
    meta: { commune: 'Tân Thanh', year: 2026, planNumber: '25', issuedOn: '2026-01-15' },
    tables: [table],
    records: [],
    settings: REPORTING_SETTINGS_DEFAULT,
    unitNames: Object.fromEntries(units.units.map((u) => [u.id, u.name])),
    today: '2026-12-05',
    span,
    unitId: null,
  }).texts;
}

/** A Storage of one's own (the test runs in Node, without a browser's). */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

describe('a report\'s edits kept in the browser', () => {
  it('are kept per plan, period and unit', () => {
    expect(reportEditsKey('p1', '2026-11', null)).toBe('phuluc:report-edits:p1:2026-11:xa');
    expect(reportEditsKey('p1', '2026-11', 'phong-kinh-te')).not.toBe(reportEditsKey('p1', '2026-11', null));
    expect(reportEditsKey('p1', '2026-Q4', null)).not.toBe(reportEditsKey('p1', '2026-11', null));
  });

  it('keep only what differs from the defaults, and merge back over them after a reload', () => {
    const texts = defaults();
    const edited = { ...texts, number: '57/BC-UBND', recipients: `${texts.recipients}\nPhòng Kinh tế;` };
    const edits = reportEditsDiff(texts, edited);
    expect(edits).toEqual({ number: '57/BC-UBND', recipients: edited.recipients });
    const storage = memoryStorage();
    const key = reportEditsKey('p1', '2026-11', null);
    reportEditsSave(storage, key, edits);
    expect(reportTextsMerge(texts, reportEditsLoad(storage, key))).toEqual(edited);
  });

  it('forget the entry when everything is back to the defaults', () => {
    const storage = memoryStorage();
    const key = reportEditsKey('p1', '2026-11', null);
    reportEditsSave(storage, key, { signer: 'Nguyễn Văn An' });
    expect(storage.items.has(key)).toBe(true);
    reportEditsSave(storage, key, reportEditsDiff(defaults(), defaults()));
    expect(storage.items.has(key)).toBe(false);
  });

  it('read a damaged or foreign entry as no edits', () => {
    const storage = memoryStorage();
    for (const raw of ['{', '"chuỗi"', JSON.stringify({ tieuDe: 'x' }), JSON.stringify({ number: 'x'.repeat(500) })]) {
      storage.items.set('k', raw);
      expect(reportEditsLoad(storage, 'k'), raw.slice(0, 20)).toEqual({});
    }
  });
});
