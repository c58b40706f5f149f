import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDocCreate, planDocAddTable, planDocInsertRow, planDocMigrate, PlanDocError, PLAN_SCHEMA_VERSION } from './plan-doc.ts';
import { planDocLocate } from './plan-doc-locate.ts';
import { planDocProgressRead, planDocProgressWrite, planDocReadReporting, planDocSetReporting } from './plan-doc-progress.ts';
import { type Actor, permissionCanWriteProgress } from './permissions.ts';

const KT = { userId: 'u-kt', unitId: 'phong-kinh-te' };
const AT = '2026-04-05T08:00:00.000Z';

function planWithRows(): { doc: Y.Doc; itemId: string; sectionId: string } {
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch', planNumber: '', issuedOn: '' });
  const tableId = planDocAddTable(doc, { template: 'tasks-basic' });
  const sectionId = planDocInsertRow(doc, tableId, { kind: 'section', label: 'I. CHÍNH QUYỀN SỐ' });
  const itemId = planDocInsertRow(doc, tableId, { kind: 'item', cells: { task: 'Số hoá hồ sơ' }, owners: ['phong-kinh-te'], createdBy: 'u-kt' });
  return { doc, itemId, sectionId };
}

describe('a row’s progress in the plan document', () => {
  it('is written and read back as a record the schema accepts', () => {
    const { doc, itemId } = planWithRows();
    planDocProgressWrite(doc, itemId, '2026-03', { status: 'in_progress', result: 'Đã số hoá 120 hồ sơ', evidence: 'https://xa.gov.vn/bc/3' }, KT, AT);
    const { records, problems } = planDocProgressRead(doc);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        rowId: itemId,
        period: '2026-03',
        status: 'in_progress',
        result: 'Đã số hoá 120 hồ sơ',
        evidence: 'https://xa.gov.vn/bc/3',
        difficulties: '',
        value: '',
        unitId: 'phong-kinh-te',
        by: 'u-kt',
        at: AT,
      },
    ]);
  });

  it('keeps a new record not started until a status is given, and filters by row and period', () => {
    const { doc, itemId } = planWithRows();
    planDocProgressWrite(doc, itemId, '2026-03', { result: 'Bắt đầu' }, KT, AT);
    planDocProgressWrite(doc, itemId, '2026-Q2', { status: 'done' }, KT, AT);
    expect(planDocProgressRead(doc, itemId, '2026-03').records.map((r) => r.status)).toEqual(['not_started']);
    expect(planDocProgressRead(doc, itemId).records.map((r) => r.period)).toEqual(['2026-03', '2026-Q2']);
    expect(planDocProgressRead(doc, 'no-such-row').records).toEqual([]);
  });

  it('merges two people typing in the same record character by character', () => {
    const { doc: a, itemId } = planWithRows();
    planDocProgressWrite(a, itemId, '2026-03', { result: 'Đã làm' }, KT, AT);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    planDocProgressWrite(a, itemId, '2026-03', { result: 'Đã làm xong' }, KT, AT);
    planDocProgressWrite(b, itemId, '2026-03', { result: 'Chị Hoa: Đã làm' }, { userId: 'u-2', unitId: 'phong-kinh-te' }, AT);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(planDocProgressRead(a).records[0]?.result).toBe('Chị Hoa: Đã làm xong');
    expect(planDocProgressRead(b).records[0]?.result).toBe('Chị Hoa: Đã làm xong');
  });

  it('reports a record that does not read, and still returns the others', () => {
    const { doc, itemId } = planWithRows();
    planDocProgressWrite(doc, itemId, '2026-03', { status: 'done' }, KT, AT);
    planDocProgressWrite(doc, itemId, '2026-04', { status: 'done' }, KT, AT);
    const periods = doc.getMap('progress').get(itemId) as Y.Map<Y.Map<unknown>>;
    periods.get('2026-04')?.set('status', 'finished');
    periods.set('2026-05', 'not a record' as unknown as Y.Map<unknown>);
    const { records, problems } = planDocProgressRead(doc);
    expect(records.map((r) => r.period)).toEqual(['2026-03']);
    expect(problems.map((p) => p.periodId)).toEqual(['2026-04', '2026-05']);
    expect(problems[1]?.message).toBe('Bản ghi tiến độ không đúng dạng.');
  });

  it('refuses a section row, a missing row and a period id that does not parse', () => {
    const { doc, itemId, sectionId } = planWithRows();
    const codeOf = (f: () => void): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof PlanDocError ? e.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => planDocProgressWrite(doc, sectionId, '2026-03', { status: 'done' }, KT))).toBe('row-missing');
    expect(codeOf(() => planDocProgressWrite(doc, 'missing', '2026-03', { status: 'done' }, KT))).toBe('row-missing');
    expect(codeOf(() => planDocProgressWrite(doc, itemId, '2026-3', { status: 'done' }, KT))).toBe('period-invalid');
    // Nothing written: the item row keeps only the empty map it was created with.
    expect([...doc.getMap('progress').keys()]).toEqual([itemId]);
    expect((doc.getMap('progress').get(itemId) as Y.Map<unknown>).size).toBe(0);
  });

  it('is located key by key for the server’s check', () => {
    const { doc, itemId } = planWithRows();
    planDocProgressWrite(doc, itemId, '2026-03', { result: 'x' }, KT, AT);
    const typeOf = (value: unknown): Y.AbstractType<unknown> => value as Y.AbstractType<unknown>;
    const root = typeOf(doc.getMap('progress'));
    const periods = typeOf(doc.getMap('progress').get(itemId));
    const record = typeOf((periods as unknown as Y.Map<unknown>).get('2026-03'));
    const result = typeOf((record as unknown as Y.Map<unknown>).get('result'));
    expect(planDocLocate(root, itemId)).toEqual({ area: 'progress', rowId: itemId });
    expect(planDocLocate(periods, '2026-03')).toEqual({ area: 'progress', rowId: itemId, periodId: '2026-03' });
    expect(planDocLocate(record, 'status')).toEqual({ area: 'progress', rowId: itemId, periodId: '2026-03', key: 'status' });
    expect(planDocLocate(result, null)).toEqual({ area: 'progress', rowId: itemId, periodId: '2026-03', key: 'result', inText: true });
    // A text's attributes are keyed: not a place of the layout.
    expect(planDocLocate(result, 'bold')).toEqual({ area: 'unknown' });
  });

  it('leaves an older document without progress loading as before', () => {
    const { doc } = planWithRows();
    doc.getMap('meta').delete('schemaVersion');
    expect(planDocMigrate(doc)).toEqual({ from: 0, to: PLAN_SCHEMA_VERSION });
    expect(planDocProgressRead(doc)).toEqual({ records: [], problems: [] });
  });
});

describe('who may write a row’s progress', () => {
  const item = { kind: 'item' as const, owners: ['phong-kinh-te', 'van-phong-hdnd-va-ubnd-xa'] };
  const as = (role: Actor['role'], unitId: string | null = null): Actor => ({ userId: 'u', role, unitId });

  it('is an editor of one of the row’s units, or the coordinator', () => {
    expect(permissionCanWriteProgress(as('editor', 'phong-kinh-te'), item).ok).toBe(true);
    expect(permissionCanWriteProgress(as('editor', 'van-phong-hdnd-va-ubnd-xa'), item).ok).toBe(true);
    expect(permissionCanWriteProgress(as('coordinator', 'phong-van-hoa-xa-hoi'), item).ok).toBe(true);
  });

  it('is never an editor of another unit, a leader or a viewer', () => {
    expect(permissionCanWriteProgress(as('editor', 'phong-van-hoa-xa-hoi'), item)).toEqual({ ok: false, reason: 'Chỉ đơn vị chủ trì dòng này được báo cáo tiến độ của dòng.' });
    expect(permissionCanWriteProgress(as('reviewer'), item).ok).toBe(false);
    expect(permissionCanWriteProgress(as('viewer'), item).ok).toBe(false);
  });

  it('is nobody for a section row or a row the plan does not have', () => {
    expect(permissionCanWriteProgress(as('coordinator'), { kind: 'section', owners: [] }).ok).toBe(false);
    expect(permissionCanWriteProgress(as('coordinator'), null).ok).toBe(false);
  });
});

describe('the reporting settings in meta', () => {
  it('read as the defaults until set, and keep what the coordinator chose', () => {
    const doc = new Y.Doc();
    expect(planDocReadReporting(doc)).toEqual({ periodKind: 'month', reportDueDay: 20, consolidationDueDay: 25 });
    planDocSetReporting(doc, { periodKind: 'quarter', reportDueDay: 15 });
    expect(planDocReadReporting(doc)).toEqual({ periodKind: 'quarter', reportDueDay: 15, consolidationDueDay: 25 });
    expect(() => planDocSetReporting(doc, { reportDueDay: 31 })).toThrow();
    // A value some client damaged reads as its default.
    doc.getMap('meta').set('reportDueDay', 'hai mươi');
    expect(planDocReadReporting(doc).reportDueDay).toBe(20);
  });
});

describe('a row’s map of progress reports', () => {
  it('comes with every item row, so two first reports of different periods made at once both stay', () => {
    const a = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'KH', planNumber: '', issuedOn: '' });
    const tableId = planDocAddTable(a, { template: 'tasks-basic' });
    const section = planDocInsertRow(a, tableId, { kind: 'section', label: 'I. CHÍNH QUYỀN SỐ' });
    const rowId = planDocInsertRow(a, tableId, { kind: 'item', owners: ['phong-kinh-te'] });
    expect(a.getMap('progress').get(rowId)).toBeInstanceOf(Y.Map);
    expect(a.getMap('progress').has(section)).toBe(false);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The department reports November while the coordinator, elsewhere, reports October.
    planDocProgressWrite(a, rowId, '2026-11', { status: 'done', result: 'Xong' }, { userId: 'u-kt', unitId: 'phong-kinh-te' });
    planDocProgressWrite(b, rowId, '2026-10', { status: 'in_progress', result: 'Đang làm' }, { userId: 'u-coord', unitId: 'phong-kinh-te' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) expect(planDocProgressRead(doc, rowId).records.map((r) => [r.period, r.result]).sort()).toEqual([['2026-10', 'Đang làm'], ['2026-11', 'Xong']]);
  });

  it('is given to the item rows of a document made before (layout 1 → 2), once', () => {
    const doc = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'KH', planNumber: '', issuedOn: '' });
    const tableId = planDocAddTable(doc, { template: 'tasks-basic' });
    const rowId = planDocInsertRow(doc, tableId, { kind: 'item', owners: ['phong-kinh-te'] });
    const section = planDocInsertRow(doc, tableId, { kind: 'section', label: 'II' });
    // As a layout-1 document had it: no map of reports, version 1.
    doc.getMap('progress').delete(rowId);
    doc.getMap('meta').set('schemaVersion', 1);
    expect(planDocMigrate(doc)).toEqual({ from: 1, to: 2 });
    expect(doc.getMap('progress').get(rowId)).toBeInstanceOf(Y.Map);
    expect(doc.getMap('progress').has(section)).toBe(false);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(planDocMigrate(doc)).toEqual({ from: 2, to: 2 });
    expect(updates).toBe(0);
  });
});
