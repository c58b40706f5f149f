import { describe, expect, it } from 'vitest';
import { keptEditsAdd, keptEditsDismiss, keptEditsList, keptEditsTakeFresh, keptEditsText } from './kept-edits.ts';
import type { KeptNotice } from './kept-edits.ts';

const notice = (id: string, text: string, row = 'dòng II.2'): KeptNotice => ({
  id,
  at: 1,
  message: { key: 'kept.editor.rowDeleted', params: { row } },
  items: [{ table: 'Danh mục nhiệm vụ', row, field: 'Ghi chú', text }],
});

describe('kept edits', () => {
  it('keeps a notice until the person closes it, once even if reported twice, and copies it once', () => {
    const key = 'test.kept.a';
    keptEditsAdd(key, notice('n1', 'Đang gõ dở'));
    keptEditsAdd(key, notice('n2', 'Đang gõ dở')); // the same text for the same place: one notice
    expect(keptEditsList(key).map((n) => n.id)).toEqual(['n1']);
    expect(keptEditsTakeFresh('n1')).toBe(true);
    expect(keptEditsTakeFresh('n1')).toBe(false);
    keptEditsDismiss(key, ['n1']);
    expect(keptEditsList(key)).toEqual([]);
  });

  it('gives one text to copy: the text alone, or each piece under where it belongs', () => {
    expect(keptEditsText([notice('a', 'Một')])).toBe('Một');
    expect(keptEditsText([notice('a', 'Một'), notice('b', 'Hai', 'dòng II.3')])).toBe(
      'Danh mục nhiệm vụ · dòng II.2 · «Ghi chú»\nMột\n\nDanh mục nhiệm vụ · dòng II.3 · «Ghi chú»\nHai',
    );
  });
});
