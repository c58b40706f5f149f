/**
 * Progress records (the year after signing) are checked like every other write: a department
 * writes only its own rows' progress, the coordinator any item row's, leaders and viewers none;
 * and whatever is not a well-formed record under an existing item row and a period id that
 * parses is refused. Crafted updates first, then random ones, then the stock client on a real server.
 */
import {
  type Actor,
  planDocInsertRow,
  planDocOrderedRowIds,
  planDocProgressRead,
  planDocProgressWrite,
  planDocRowInfo,
  PROGRESS_LIMITS,
  PROGRESS_STATUS_CODES,
  permissionOwnsRow,
} from '@phuluc/domain';
import { randomSeeded } from '@phuluc/domain/testing/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { auditPage } from '../store/audit.ts';
import { type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { updateBy, updateStripDeletes } from '../testing/update-craft.ts';
import { fuzzBaseDoc } from '../testing/update-fuzz.ts';
import { CLOSE_CODES } from './close-codes.ts';
import { type UpdateDecision, updateAuthorize } from './update-authorize.ts';

const kinhTe: Actor = { userId: 'u-kt', role: 'editor', unitId: UNIT.kinhTe };
const vanPhong: Actor = { userId: 'u-vp', role: 'editor', unitId: UNIT.vanPhong };
const coordinator: Actor = { userId: 'u-coord', role: 'coordinator', unitId: UNIT.vhxh };
const reviewer: Actor = { userId: 'u-lead', role: 'reviewer', unitId: null };
const viewer: Actor = { userId: 'u-view', role: 'viewer', unitId: null };
const AT = '2026-04-10T08:00:00.000Z';

const tableIdOf = (doc: Y.Doc): string => [...doc.getMap('tables').keys()][0] as string;

/** Item and section rows of the first table, with their owners. */
function rowsOf(doc: Y.Doc): Array<{ id: string; kind: 'section' | 'item'; owners: string[] }> {
  const tableId = tableIdOf(doc);
  return planDocOrderedRowIds(doc, tableId).map((id) => {
    const info = planDocRowInfo(doc, tableId, id);
    return { id, kind: info?.kind ?? 'item', owners: info?.owners ?? [] };
  });
}

/** The first item row owned by `unitId` alone. */
function rowOf(doc: Y.Doc, unitId: string): string {
  const row = rowsOf(doc).find((r) => r.kind === 'item' && r.owners.length === 1 && r.owners[0] === unitId);
  if (!row) throw new Error(`no row of ${unitId}`);
  return row.id;
}


const decide = (doc: Y.Doc, actor: Actor, change: (replica: Y.Doc) => void): UpdateDecision => updateAuthorize(doc, updateBy(doc, change), actor, new Map());
const reasonOf = (d: UpdateDecision): string => (d.ok ? 'accepted' : d.error.message);
const writeAs = (actor: Actor, rowId: string, periodId = '2026-03', result = 'Đã triển khai') => (replica: Y.Doc) =>
  planDocProgressWrite(replica, rowId, periodId, { status: 'in_progress', result }, { userId: actor.userId, unitId: actor.unitId ?? UNIT.vhxh }, AT);

/** The record map of a row and period in `doc` (for crafted writes). */
function recordMap(doc: Y.Doc, rowId: string, periodId: string): Y.Map<unknown> {
  return ((doc.getMap('progress').get(rowId) as Y.Map<unknown>).get(periodId) as Y.Map<unknown>);
}

describe('who writes a row’s progress', () => {
  it('accepts an editor’s report on his own row, which then reads back whole', () => {
    const doc = fuzzBaseDoc();
    const own = rowOf(doc, UNIT.kinhTe);
    const update = updateBy(doc, writeAs(kinhTe, own));
    const decision = updateAuthorize(doc, update, kinhTe, new Map());
    expect(reasonOf(decision)).toBe('accepted');
    Y.applyUpdate(doc, update);
    expect(planDocProgressRead(doc, own).records).toMatchObject([{ period: '2026-03', status: 'in_progress', result: 'Đã triển khai', unitId: UNIT.kinhTe, by: 'u-kt' }]);
  });

  it('refuses an editor’s report on another unit’s row', () => {
    const doc = fuzzBaseDoc();
    const decision = decide(doc, kinhTe, writeAs(kinhTe, rowOf(doc, UNIT.vanPhong)));
    expect(reasonOf(decision)).toContain('Chỉ đơn vị chủ trì dòng này');
  });

  it('accepts the coordinator on any item row, and refuses leaders and viewers everywhere', () => {
    const doc = fuzzBaseDoc();
    const row = rowOf(doc, UNIT.vanPhong);
    expect(reasonOf(decide(doc, coordinator, writeAs(coordinator, row)))).toBe('accepted');
    expect(reasonOf(decide(doc, reviewer, writeAs(reviewer, row)))).toContain('Lãnh đạo chỉ xem');
    expect(reasonOf(decide(doc, viewer, writeAs(viewer, row)))).toContain('chỉ có quyền xem');
  });

  it('refuses progress of a section row, of a missing row and of a row the same update creates, even from the coordinator', () => {
    const doc = fuzzBaseDoc();
    const section = rowsOf(doc).find((r) => r.kind === 'section')?.id as string;
    const craft = (rowId: string) => (replica: Y.Doc) => {
      const periods = new Y.Map<unknown>();
      replica.getMap('progress').set(rowId, periods);
    };
    expect(reasonOf(decide(doc, coordinator, craft(section)))).toContain('Mục không có tiến độ');
    expect(reasonOf(decide(doc, coordinator, craft('khong-co-dong-nay')))).toContain('Không có dòng này');
    const withNewRow = (replica: Y.Doc): void => {
      const id = planDocInsertRow(replica, tableIdOf(replica), { kind: 'item', owners: [UNIT.kinhTe], createdBy: 'u-coord' });
      planDocProgressWrite(replica, id, '2026-03', { status: 'done' }, { userId: 'u-coord', unitId: UNIT.vhxh }, AT);
    };
    expect(reasonOf(decide(doc, coordinator, withNewRow))).toContain('Không có dòng này');
  });

  it('accepts the empty map of reports an item row is created with, and refuses one given to a new section', () => {
    const doc = fuzzBaseDoc();
    let rowId = '';
    const update = updateBy(doc, (replica) => {
      rowId = planDocInsertRow(replica, tableIdOf(replica), { kind: 'item', owners: [UNIT.kinhTe], createdBy: 'u-kt' });
    });
    expect(reasonOf(updateAuthorize(doc, update, kinhTe, new Map()))).toBe('accepted');
    Y.applyUpdate(doc, update);
    expect(doc.getMap('progress').get(rowId)).toBeInstanceOf(Y.Map);
    const sectionWithReports = (replica: Y.Doc): void => {
      const id = planDocInsertRow(replica, tableIdOf(replica), { kind: 'section', label: 'III. XÃ HỘI SỐ' });
      replica.getMap('progress').set(id, new Y.Map());
    };
    expect(reasonOf(decide(doc, coordinator, sectionWithReports))).toContain('Mục không có tiến độ');
  });
});

describe('what a progress write may hold', () => {
  /** A document where the Kinh tế row already has a record for March, written by its editor. */
  function docWithRecord(): { doc: Y.Doc; own: string; other: string } {
    const doc = fuzzBaseDoc();
    const own = rowOf(doc, UNIT.kinhTe);
    const other = rowOf(doc, UNIT.vanPhong);
    planDocProgressWrite(doc, own, '2026-03', { status: 'in_progress', result: 'Đã làm' }, { userId: 'u-kt', unitId: UNIT.kinhTe }, AT);
    planDocProgressWrite(doc, other, '2026-03', { status: 'done', result: 'Xong' }, { userId: 'u-vp', unitId: UNIT.vanPhong }, AT);
    return { doc, own, other };
  }

  const refusals: Array<[string, (replica: Y.Doc, own: string) => void, string]> = [
    ['a period id that does not parse', (r, own) => (r.getMap('progress').get(own) as Y.Map<unknown>).set('2026-13', new Y.Map()), 'Kỳ báo cáo phải có dạng'],
    ['a period of another year than the plan’s', (r, own) => (r.getMap('progress').get(own) as Y.Map<unknown>).set('2027-01', new Y.Map()), 'phải thuộc năm 2026'],
    ['an unknown key', (r, own) => recordMap(r, own, '2026-03').set('ghiChu', 'x'), 'không đúng dạng'],
    ['a status that is not one', (r, own) => recordMap(r, own, '2026-03').set('status', 'finished'), 'Trạng thái tiến độ không hợp lệ'],
    ['a status as a text', (r, own) => recordMap(r, own, '2026-03').set('status', new Y.Text('done')), 'không đúng dạng'],
    ['a result as a plain string', (r, own) => recordMap(r, own, '2026-03').set('result', 'xong'), 'không đúng dạng'],
    ['a record that is not a map', (r, own) => (r.getMap('progress').get(own) as Y.Map<unknown>).set('2026-04', 'xong'), 'không đúng dạng'],
    ['a row’s periods that are not a map', (r, own) => r.getMap('progress').set(own, new Y.Array()), 'không đúng dạng'],
    ['another user’s name as its author', (r, own) => recordMap(r, own, '2026-03').set('by', 'u-vp'), 'đứng tên người báo cáo'],
    ['another unit as the reporting unit', (r, own) => recordMap(r, own, '2026-03').set('unitId', UNIT.vanPhong), 'đơn vị của bạn'],
    ['a time that is no time', (r, own) => recordMap(r, own, '2026-03').set('at', 'hôm qua'), 'không đúng dạng'],
    ['a nested map in a record', (r, own) => recordMap(r, own, '2026-03').set('result', new Y.Map()), 'không đúng dạng'],
    ['formatting in a text', (r, own) => (recordMap(r, own, '2026-03').get('result') as Y.Text).format(0, 2, { bold: true }), 'không đúng dạng'],
  ];
  for (const [what, craft, reason] of refusals) {
    it(`refuses ${what}, even on the editor’s own row`, () => {
      const { doc, own } = docWithRecord();
      expect(reasonOf(decide(doc, kinhTe, (r) => craft(r, own)))).toContain(reason);
    });
  }

  it('accepts the editor typing in, and deleting from, his own record’s texts', () => {
    const { doc, own } = docWithRecord();
    const update = updateBy(doc, (r) => {
      const result = recordMap(r, own, '2026-03').get('result') as Y.Text;
      result.delete(0, 2);
      result.insert(0, 'Chưa');
    });
    expect(reasonOf(updateAuthorize(doc, update, kinhTe, new Map()))).toBe('accepted');
    Y.applyUpdate(doc, update);
    expect(planDocProgressRead(doc, own, '2026-03').records[0]?.result).toBe('Chưa làm');
  });

  it('refuses a value longer than its limit', () => {
    const { doc, own } = docWithRecord();
    const long = 'x'.repeat(PROGRESS_LIMITS.valueChars + 1);
    const decision = decide(doc, kinhTe, (r) => (recordMap(r, own, '2026-03').get('value') as Y.Text).insert(0, long));
    expect(decision.ok ? 'accepted' : decision.error.code).toBe('cellTooLarge');
  });

  it('refuses deleting another unit’s record, its texts or its whole row of periods, and accepts deleting one’s own', () => {
    const { doc, own, other } = docWithRecord();
    const attacks: Array<(r: Y.Doc) => void> = [
      (r) => (r.getMap('progress').get(other) as Y.Map<unknown>).delete('2026-03'),
      (r) => (recordMap(r, other, '2026-03').get('result') as Y.Text).delete(0, 2),
      (r) => r.getMap('progress').delete(other),
    ];
    for (const attack of attacks) expect(reasonOf(decide(doc, kinhTe, attack))).toContain('Chỉ đơn vị chủ trì dòng này');
    expect(reasonOf(decide(doc, kinhTe, (r) => (r.getMap('progress').get(own) as Y.Map<unknown>).delete('2026-03')))).toBe('accepted');
  });

  it('refuses replacing another unit’s record with the delete set stripped (an overwrite is a removal)', () => {
    const { doc, other } = docWithRecord();
    const update = updateStripDeletes(updateBy(doc, (r) => (r.getMap('progress').get(other) as Y.Map<unknown>).set('2026-03', new Y.Map())));
    expect(Y.decodeUpdate(update).ds.clients.size).toBe(0);
    expect(reasonOf(updateAuthorize(doc, update, kinhTe, new Map()))).toContain('Chỉ đơn vị chủ trì dòng này');
  });
});

describe('random progress edits by an editor', () => {
  const editors = [kinhTe, vanPhong];
  for (const seed of [11, 12, 13]) {
    it(`are accepted exactly when every row they touch is his unit's (seed ${seed})`, () => {
      const random = randomSeeded(seed);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const doc = fuzzBaseDoc();
      const items = rowsOf(doc).filter((r) => r.kind === 'item');
      const periods = ['2026-01', '2026-02', '2026-03', '2026-Q1'];
      let accepted = 0;
      let refused = 0;
      for (let n = 0; n < 150; n += 1) {
        const actor = pick(editors);
        const touched = new Set<string>();
        const update = updateBy(doc, (replica) => {
          // Mostly one row, sometimes two: an update touching many units' rows is almost never all his.
          const count = random() < 0.7 ? 1 : 2;
          for (let k = 0; k < count; k += 1) {
            const row = pick(items);
            const periodId = pick(periods);
            const existing = planDocProgressRead(replica, row.id, periodId).records[0];
            touched.add(row.id);
            const dice = random();
            if (existing && dice < 0.2) {
              (replica.getMap('progress').get(row.id) as Y.Map<unknown>).delete(periodId);
            } else if (existing && dice < 0.5) {
              const text = recordMap(replica, row.id, periodId).get('difficulties') as Y.Text;
              if (text.length > 0 && random() < 0.5) text.delete(0, 1);
              else text.insert(Math.floor(random() * (text.length + 1)), 'vướng ');
            } else {
              planDocProgressWrite(replica, row.id, periodId, { status: pick(PROGRESS_STATUS_CODES), result: `Kết quả ${n}` }, { userId: actor.userId, unitId: actor.unitId as string }, AT);
            }
          }
        });
        const ownsAll = [...touched].every((id) => permissionOwnsRow(actor, items.find((r) => r.id === id)?.owners ?? []));
        const decision = updateAuthorize(doc, update, actor, new Map());
        expect(decision.ok, `case ${n}: ${reasonOf(decision)}`).toBe(ownsAll);
        if (decision.ok) {
          Y.applyUpdate(doc, update);
          accepted += 1;
        } else refused += 1;
      }
      // Not vacuous: both outcomes happen, and accepted writes leave readable records only.
      expect(accepted).toBeGreaterThan(10);
      expect(refused).toBeGreaterThan(10);
      expect(planDocProgressRead(doc).problems).toEqual([]);
    });
  }
});

describe('progress over the stock y-websocket client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnessStart();
  });
  afterAll(async () => {
    await h?.close();
  });

  const serverProgress = (rowId: string) => h.server.ctx.docs.withDoc(h.planId, (doc) => planDocProgressRead(doc, rowId).records);

  it('saves an editor’s report on his row, shows it to others and audits it', async () => {
    const kt = h.client('kinhTe');
    const coord = h.client('coordinator');
    await Promise.all([kt.synced(), coord.synced()]);
    const own = h.rowOwnedBy(UNIT.kinhTe);
    planDocProgressWrite(kt.doc, own, '2026-03', { status: 'done', result: 'Đã cấp 30 chữ ký số' }, { userId: h.userIds.kinhTe, unitId: UNIT.kinhTe });
    await waitFor(() => planDocProgressRead(coord.doc, own).records.length === 1, 10_000, 'the coordinator to see the report');
    expect(planDocProgressRead(coord.doc, own).records[0]).toMatchObject({ status: 'done', result: 'Đã cấp 30 chữ ký số', by: h.userIds.kinhTe });
    expect((await serverProgress(own))[0]?.result).toBe('Đã cấp 30 chữ ký số');
    expect(kt.closes).toEqual([]);
    const audit = await auditPage(h.server.ctx.sql, h.planId, { limit: 20 });
    expect(JSON.stringify(audit)).toContain('(progress).2026-03');
    kt.destroy();
    coord.destroy();
  });

  it('refuses an editor’s report on another unit’s row: not saved, not seen by others', async () => {
    const kt = h.client('kinhTe');
    const vp = h.client('vanPhong');
    await Promise.all([kt.synced(), vp.synced()]);
    const victim = h.rowOwnedBy(UNIT.vanPhong);
    planDocProgressWrite(kt.doc, victim, '2026-03', { status: 'infeasible', result: 'Ghi hộ' }, { userId: h.userIds.kinhTe, unitId: UNIT.kinhTe });
    await waitFor(() => kt.closes.length > 0, 10_000, 'the refusal');
    expect(kt.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    expect(kt.closes[0]?.reason).toContain('Chỉ đơn vị chủ trì');
    // Give a relay that should not happen the time to happen.
    await new Promise((r) => setTimeout(r, 300));
    expect(await serverProgress(victim)).toEqual([]);
    expect(planDocProgressRead(vp.doc, victim).records).toEqual([]);
    kt.destroy();
    vp.destroy();
  });
});
