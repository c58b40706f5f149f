import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { fixtureRows } from './fixtures.test-helper.ts';
import { textApply, textDiff } from './text-diff.ts';
import type { TextDiff } from './text-diff.ts';

function diffApply(before: string, diff: TextDiff | null): string {
  if (!diff) return before;
  return before.slice(0, diff.index) + diff.insert + before.slice(diff.index + diff.deleteCount);
}

const REAL_CELL = fixtureRows('tan-thanh-2026-tasks.tsv')[2]?.[2] ?? '';

describe('textDiff', () => {
  it('returns null when the texts are equal', () => {
    expect(textDiff('Quý I–IV/2026', 'Quý I–IV/2026')).toBeNull();
    expect(textDiff('', '')).toBeNull();
  });

  it('finds one typed character in the middle of a real cell', () => {
    const after = `${REAL_CELL.slice(0, 20)}x${REAL_CELL.slice(20)}`;
    expect(REAL_CELL.length).toBeGreaterThan(100);
    expect(textDiff(REAL_CELL, after)).toEqual({ index: 20, deleteCount: 0, insert: 'x' });
  });

  it('finds a deletion and a replacement', () => {
    expect(textDiff('Quý I–IV/2026', 'Quý II–IV/2026')).toEqual({ index: 5, deleteCount: 0, insert: 'I' });
    expect(textDiff('Năm 2025', 'Năm 2026')).toEqual({ index: 7, deleteCount: 1, insert: '6' });
    expect(textDiff('Thường xuyên', '')).toEqual({ index: 0, deleteCount: 12, insert: '' });
    expect(textDiff('', 'Đạt')).toEqual({ index: 0, deleteCount: 0, insert: 'Đạt' });
  });

  it('keeps prefix and suffix from overlapping on repeated characters', () => {
    const diff = textDiff('aaa', 'aaaa');
    expect(diff).toEqual({ index: 3, deleteCount: 0, insert: 'a' });
    expect(diffApply('aaa', textDiff('aaa', 'aa'))).toBe('aa');
  });

  it('never splits a surrogate pair that shares its high half', () => {
    // 😀 = D83D DE00, 😁 = D83D DE01: the common prefix would end between the halves.
    const diff = textDiff('a😀b', 'a😁b');
    expect(diff).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
  });

  it('never splits a surrogate pair that shares its low half', () => {
    const before = 'x\uD83D\uDE00'; // U+1F600
    const after = 'x\uD839\uDE00'; // U+1E600: same low half
    expect(textDiff(before, after)).toEqual({ index: 1, deleteCount: 2, insert: '\uD839\uDE00' });
  });

  it('reproduces the target text for every pair of real cells', () => {
    const cells = fixtureRows('xuan-loc-2026-indicators.tsv').flat().slice(0, 40);
    for (const before of cells) {
      for (const after of cells) expect(diffApply(before, textDiff(before, after))).toBe(after);
    }
  });
});

describe('textApply', () => {
  it('makes the Y.Text read the new value', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, REAL_CELL);
    textApply(text, `${REAL_CELL} (bổ sung)`);
    expect(text.toString()).toBe(`${REAL_CELL} (bổ sung)`);
    textApply(text, 'Báo cáo');
    expect(text.toString()).toBe('Báo cáo');
  });

  it('makes a tiny update when one character is typed into a long cell', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, REAL_CELL.repeat(5));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    textApply(text, `${REAL_CELL.repeat(5)}.`);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.length).toBeLessThan(40);
    expect(REAL_CELL.repeat(5).length).toBeGreaterThan(500);
  });

  it('writes nothing when the text is unchanged', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Đạt');
    let updates = 0;
    doc.on('update', () => (updates += 1));
    textApply(text, 'Đạt');
    expect(updates).toBe(0);
  });

  it('keeps a colleague’s concurrent typing in the same cell', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'Báo cáo kiểm kê');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    textApply(a.getText('t'), 'Báo cáo kiểm kê thiết bị');
    textApply(b.getText('t'), 'Báo cáo định kỳ kiểm kê');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Báo cáo định kỳ kiểm kê thiết bị');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});
