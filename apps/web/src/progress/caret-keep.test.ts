import { describe, expect, it } from 'vitest';
import { caretAfterChange } from './caret-keep.ts';

describe('caretAfterChange', () => {
  const text = 'Đã hỗ trợ 12 hộ';
  it('stays put when the change is after it', () => {
    expect(caretAfterChange(text, `${text} kinh doanh`, 5)).toBe(5);
  });
  it('moves with its characters when text is put or taken before it', () => {
    expect(caretAfterChange(text, `>> ${text}`, 5)).toBe(8);
    expect(caretAfterChange(text, text.slice(3), 10)).toBe(7);
  });
  it('goes after what replaced the text it was in', () => {
    // "12" replaced by "nhiều": a caret between 1 and 2 lands after "nhiều".
    expect(caretAfterChange(text, 'Đã hỗ trợ nhiều hộ', 11)).toBe(15);
  });
  it('is unchanged when nothing changed', () => {
    expect(caretAfterChange(text, text, 4)).toBe(4);
  });
});
