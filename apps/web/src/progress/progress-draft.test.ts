import { describe, expect, it } from 'vitest';
import { planDocAddTable, planDocCreate, planDocInsertRow, planDocProgressRead } from '@phuluc/domain';
import * as Y from 'yjs';
import { ProgressDraft, progressFieldError, progressRawRead } from './progress-draft.ts';

/** Two replicas of one plan with a row owned by two departments. */
function replicas() {
  const a = planDocCreate({ commune: 'Tân Thạnh', province: 'Đồng Tháp', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocAddTable(a, { template: 'tasks-basic' });
  const rowId = planDocInsertRow(a, tableId, { kind: 'item', owners: ['phong-kinh-te', 'van-phong'], cells: { task: 'Chợ số', timeframe: 'Quý II–IV/2026' } });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, rowId };
}

/** Sends each replica what the other has (a reconnect after both wrote offline). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('ProgressDraft', () => {
  it('writes a moment after the last keystroke, and at once on flush', async () => {
    const { a, rowId } = replicas();
    const draft = new ProgressDraft(a, rowId, '2026-11', { userId: 'kt', unitId: 'phong-kinh-te' }, 20);
    draft.set('result', 'Đã hỗ trợ 12 hộ');
    expect(progressRawRead(a, rowId, '2026-11')).toBeNull();
    expect(draft.shown('result', null)).toBe('Đã hỗ trợ 12 hộ');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(progressRawRead(a, rowId, '2026-11')?.result).toBe('Đã hỗ trợ 12 hộ');
    draft.set('difficulties', 'Thiếu kinh phí');
    draft.dispose();
    expect(progressRawRead(a, rowId, '2026-11')).toMatchObject({ difficulties: 'Thiếu kinh phí', by: 'kt', unitId: 'phong-kinh-te' });
  });

  it('keeps both people’s typing when both created the same record at the same moment', async () => {
    const { a, b, rowId } = replicas();
    const kinhTe = new ProgressDraft(a, rowId, '2026-11', { userId: 'kt', unitId: 'phong-kinh-te' }, 10_000);
    const vanPhong = new ProgressDraft(b, rowId, '2026-11', { userId: 'vp', unitId: 'van-phong' }, 10_000);
    kinhTe.set('result', 'Phòng Kinh tế: 12 hộ lên sàn');
    kinhTe.set('status', 'in_progress');
    vanPhong.set('result', 'Văn phòng: đã nâng cấp mạng');
    vanPhong.set('evidence', 'Công văn số 12/UBND');
    kinhTe.flush();
    vanPhong.flush();

    // Both created progress[row] and its record: after the exchange one map survives, the other's text is gone…
    exchange(a, b);
    const afterMerge = progressRawRead(a, rowId, '2026-11')?.result ?? '';
    expect(afterMerge === 'Phòng Kinh tế: 12 hộ lên sàn' || afterMerge === 'Văn phòng: đã nâng cấp mạng').toBe(true);

    // …until the loser's draft writes it again into the survivor.
    await tick();
    exchange(a, b);
    await tick();
    exchange(a, b);
    for (const doc of [a, b]) {
      const raw = progressRawRead(doc, rowId, '2026-11');
      expect(raw?.result).toContain('Phòng Kinh tế: 12 hộ lên sàn');
      expect(raw?.result).toContain('Văn phòng: đã nâng cấp mạng');
      expect(raw?.evidence).toBe('Công văn số 12/UBND');
    }
    expect(planDocProgressRead(a).records).toHaveLength(1);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
    kinhTe.dispose();
    vanPhong.dispose();
  });

  it('keeps a refused evidence typed but never writes it', () => {
    const { a, rowId } = replicas();
    const draft = new ProgressDraft(a, rowId, '2026-11', { userId: 'kt', unitId: 'phong-kinh-te' }, 10_000);
    draft.set('evidence', 'javascript:alert(1)');
    draft.set('result', 'Xong');
    draft.flush();
    expect(progressFieldError('evidence', 'javascript:alert(1)')).toMatch(/http/);
    const raw = progressRawRead(a, rowId, '2026-11');
    expect(raw?.result).toBe('Xong');
    expect(raw?.evidence).toBe('');
    expect(draft.shown('evidence', raw)).toBe('javascript:alert(1)');
    expect(draft.dirty).toBe(true);
    draft.dispose();
  });
});
