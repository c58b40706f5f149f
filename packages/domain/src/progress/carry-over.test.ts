import { describe, expect, it } from 'vitest';
import { periodParse, periodYears } from '../period/index.ts';
import { progressCarryOver } from './carry-over.ts';
import { fixtureProgressRows, progressRecord, progressRow } from './progress.test-helper.ts';

const TO_2027 = { from: 2026 } as const;

describe('progressCarryOver', () => {
  it('leaves out a one-off task reported «Hoàn thành»', () => {
    const row = progressRow('t1', { task: 'Ban hành Kế hoạch CDS năm 2026', timeframe: 'Quý I/2026' });
    expect(progressCarryOver(row, [progressRecord('t1', '2026-03', 'done')], TO_2027)).toEqual({ carry: false, reason: 'finished', fromRowId: 't1' });
  });

  it('carries an unfinished task with its years rolled and its last status', () => {
    const row = progressRow('t2', { task: 'Số hóa hồ sơ năm 2026', timeframe: 'Quý II–IV/2026', output: '≥70% người dân có hồ sơ điện tử', lead: 'Phòng Kinh tế' });
    const carried = progressCarryOver(row, [progressRecord('t2', '2026-12', 'behind')], TO_2027);
    expect(carried).toEqual({
      carry: true,
      reason: 'unfinished',
      fromRowId: 't2',
      lastStatus: 'behind',
      cells: { task: 'Số hóa hồ sơ năm 2027', timeframe: 'Quý II–IV/2027', output: '≥70% người dân có hồ sơ điện tử', lead: 'Phòng Kinh tế' },
      kept: [],
    });
  });

  it('carries a task never reported on, and one that could not be done', () => {
    const row = progressRow('t3', { timeframe: 'Tháng 10/2026' });
    expect(progressCarryOver(row, [], TO_2027)).toMatchObject({ carry: true, reason: 'unfinished', lastStatus: null });
    expect(progressCarryOver(row, [progressRecord('t3', '2026-10', 'infeasible')], TO_2027)).toMatchObject({ carry: true, reason: 'unfinished' });
  });

  it('carries a recurring task even when its last report says «Hoàn thành»', () => {
    const row = progressRow('t4', { task: 'Tiếp nhận phản ánh', frequency: 'Hàng tháng' });
    expect(progressCarryOver(row, [progressRecord('t4', '2026-12', 'done')], TO_2027)).toMatchObject({ carry: true, reason: 'recurring', lastStatus: 'done' });
    const always = progressRow('t5', { timeframe: 'Thường xuyên' });
    expect(progressCarryOver(always, [progressRecord('t5', '2026-12', 'done')], TO_2027)).toMatchObject({ carry: true, reason: 'recurring' });
  });

  it('carries an indicator with its target kept as it was for editing', () => {
    const row = progressRow('i1', { indicator: 'Tỷ lệ hồ sơ trực tuyến năm 2026', measureUnit: '%', target: '≥ 80%' }, { kind: 'indicator' });
    expect(progressCarryOver(row, [progressRecord('i1', '2026-12', 'done', { value: '90%' })], TO_2027)).toMatchObject({
      carry: true,
      reason: 'indicator',
      cells: { indicator: 'Tỷ lệ hồ sơ trực tuyến năm 2027', measureUnit: '%', target: '≥ 80%' },
    });
  });

  it('reports, with its cell, a year the roll left alone', () => {
    const row = progressRow('t6', { task: 'Triển khai Chương trình giai đoạn 2026-2030', timeframe: 'Năm 2026' });
    const carried = progressCarryOver(row, [], TO_2027);
    expect(carried.carry && carried.cells.timeframe).toBe('Năm 2027');
    expect(carried.carry && carried.kept.map((k) => [k.field, k.year, k.reason])).toEqual([
      ['task', '2026', 'longRange'],
      ['task', '2030', 'longRange'],
    ]);
  });

  it('carries every fixture row that is not finished, its timeframe parsing to the same period in 2027', () => {
    let carried = 0;
    for (const { file, rows } of fixtureProgressRows()) {
      for (const row of rows) {
        const result = progressCarryOver(row, [], TO_2027);
        expect(result.carry, `${file} ${row.id}`).toBe(true);
        if (!result.carry) continue;
        carried += 1;
        expect(result.kept, `${file} ${row.id}`).toEqual([]);
        const timeframe = result.cells.timeframe;
        if (timeframe === undefined) continue;
        const parsed = periodParse(timeframe);
        expect(parsed, timeframe).toMatchObject({ ok: true });
        if (parsed.ok && parsed.value.kind === 'span') expect(periodYears(parsed.value), timeframe).toEqual([2027]);
      }
    }
    expect(carried).toBeGreaterThanOrEqual(90);
  });

  it('leaves out every finished one-off task of the fixtures and keeps every recurring one', () => {
    for (const { file, rows } of fixtureProgressRows()) {
      const records = rows.map((row) => progressRecord(row.id, '2026-12', 'done'));
      for (const row of rows) {
        const result = progressCarryOver(row, records, TO_2027);
        const recurring = /Thường xuyên/.test(row.cells.timeframe ?? '') || (row.cells.frequency ?? '') !== '';
        const expected = row.kind === 'indicator' ? 'indicator' : recurring ? 'recurring' : 'finished';
        expect(result.reason, `${file} ${row.id}`).toBe(expected);
      }
    }
  });
});
