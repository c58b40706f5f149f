import { unitDirectoryDefault } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import {
  unitsBackspace,
  unitsCanonicalText,
  unitsChips,
  unitsCommitText,
  unitsFragment,
  unitsFragmentKeptOnEnter,
  unitsFragmentNamesUnits,
  unitsNotCanonical,
  unitsPick,
  unitsRemove,
  unitsSuggest,
} from './units-edit.ts';

const dir = unitDirectoryDefault();
const unit = (id: string) => {
  const u = dir.byId.get(id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
};

describe('unitsFragment', () => {
  it('is the part between separators around the caret, trimmed', () => {
    const text = 'Phòng Kinh tế, cong an';
    expect(unitsFragment(text, text.length)).toEqual({ start: 15, end: 22, query: 'cong an' });
    expect(unitsFragment(text, 3).query).toBe('Phòng Kinh tế');
    expect(unitsFragment('Phòng Kinh tế, ', 15).query).toBe('');
  });
});

describe('unitsSuggest', () => {
  it('finds "Phòng Kinh tế" from "phong kinh te"', () => {
    expect(unitsSuggest(dir, 'phong kinh te', 13)[0]?.name).toBe('Phòng Kinh tế');
  });

  it('does not suggest a unit already in the cell', () => {
    const text = 'Phòng Kinh tế, phong';
    expect(unitsSuggest(dir, text, text.length).map((u) => u.id)).not.toContain('phong-kinh-te');
  });
});

describe('unitsPick', () => {
  it('puts the canonical name in place of what was typed, then ", " to go on', () => {
    expect(unitsPick(dir, 'phong kinh te', 13, unit('phong-kinh-te'), true)).toEqual({ text: 'Phòng Kinh tế, ', caret: 15 });
    expect(unitsPick(dir, 'phong kinh te', 13, unit('phong-kinh-te'), false)).toEqual({ text: 'Phòng Kinh tế', caret: 13 });
  });

  it('adds after the units already chosen', () => {
    const text = 'Phòng Kinh tế, vp';
    const picked = unitsPick(dir, text, text.length, unit('van-phong-hdnd-va-ubnd-xa'), false);
    expect(picked.text).toBe(`Phòng Kinh tế, ${unit('van-phong-hdnd-va-ubnd-xa').name}`);
  });

  it('inserts at the caret when given an empty fragment (a cell opened with F2)', () => {
    const text = 'Phòng Kinh tế, Công ty ABC';
    const at = { start: text.length, end: text.length, query: '' };
    expect(unitsPick(dir, text, at, unit('cong-an-xa'), false).text).toBe(`${text}, ${unit('cong-an-xa').name}`);
  });

  it('does not add a unit twice', () => {
    const text = 'Phòng Kinh tế, phong kinh';
    expect(unitsPick(dir, text, text.length, unit('phong-kinh-te'), false).text).toBe('Phòng Kinh tế');
  });
});

describe('chips', () => {
  it('reads units and free text in the order written', () => {
    const chips = unitsChips(dir, 'Phòng Kinh tế, Công ty Viễn thông ABC');
    expect(chips.map((c) => [c.kind, c.kind === 'unit' ? c.name : c.text])).toEqual([
      ['unit', 'Phòng Kinh tế'],
      ['free', 'Công ty Viễn thông ABC'],
    ]);
  });

  it('removes a chip with its separator', () => {
    const text = 'Phòng Kinh tế, Công ty ABC';
    const [first, second] = unitsChips(dir, text);
    expect(first && unitsRemove(text, first).text).toBe('Công ty ABC');
    expect(second && unitsRemove(text, second).text).toBe('Phòng Kinh tế');
  });

  it('Backspace right after a separator removes the whole unit before it', () => {
    const text = 'Công ty ABC, Phòng Kinh tế, ';
    expect(unitsBackspace(dir, text, text.length)).toEqual({ text: 'Công ty ABC, ', caret: 13 });
    expect(unitsBackspace(dir, 'Phòng Kinh tế', 13)).toBeNull();
  });
});

describe('unitsCommitText', () => {
  it('keeps exactly what was typed: no canonical name is written on commit', () => {
    expect(unitsCommitText('Phòng Kinh tế xã')).toBe('Phòng Kinh tế xã');
    expect(unitsCommitText('Sở KH&CN / Sở Công Thương +VH')).toBe('Sở KH&CN / Sở Công Thương +VH');
    expect(unitsCommitText('kinh te, doan thanh nien')).toBe('kinh te, doan thanh nien');
    expect(unitsCommitText('UBND xã (phối hợp Trạm Y tế)')).toBe('UBND xã (phối hợp Trạm Y tế)');
  });

  it('drops only the separator the picker left dangling at the end', () => {
    expect(unitsCommitText('Phòng Kinh tế, Công an xã, ')).toBe('Phòng Kinh tế, Công an xã');
  });
});

describe('the match shown beside what was typed', () => {
  it('shows "Phòng Kinh tế xã" as the unit Phòng Kinh tế, the text staying as typed', () => {
    expect(unitsChips(dir, 'Phòng Kinh tế xã')).toEqual([
      { kind: 'unit', unitId: 'phong-kinh-te', name: 'Phòng Kinh tế', text: 'Phòng Kinh tế xã', start: 0, end: 16 },
    ]);
  });

  it('matches every part of "kinh te, doan thanh nien", as each is matched alone', () => {
    expect(unitsChips(dir, 'kinh te, doan thanh nien').map((c) => [c.kind, c.kind === 'unit' ? c.name : c.text])).toEqual([
      ['unit', 'Phòng Kinh tế'],
      ['unit', 'Đoàn Thanh niên xã'],
    ]);
  });

  it('shows a group noun as a group, never as a unit', () => {
    expect(unitsChips(dir, 'Các trường phổ thông; Các phòng chuyên môn xã').map((c) => [c.kind, c.text])).toEqual([
      ['group', 'Các trường phổ thông'],
      ['group', 'Các phòng chuyên môn xã'],
    ]);
  });

  it('knows when the fragment being typed already names units', () => {
    expect(unitsFragmentNamesUnits(dir, unitsFragment('Phòng Kinh tế xã', 16))).toBe(true);
    expect(unitsFragmentNamesUnits(dir, unitsFragment('Công an, kinh te', 16))).toBe(true);
    expect(unitsFragmentNamesUnits(dir, unitsFragment('Công an, phong kinh', 19))).toBe(false);
  });

  it('keeps on Enter a name written out in Vietnamese, and takes the match of a plain-ASCII search', () => {
    expect(unitsFragmentKeptOnEnter(dir, unitsFragment('Phòng Kinh tế xã', 16))).toBe(true);
    expect(unitsFragmentKeptOnEnter(dir, unitsFragment('Công an, Các trường phổ thông', 29))).toBe(true);
    expect(unitsFragmentKeptOnEnter(dir, unitsFragment('phong kinh te', 13))).toBe(false);
    expect(unitsFragmentKeptOnEnter(dir, unitsFragment('Phòng Kinh', 10))).toBe(false);
  });
});

describe('unitsCanonicalText ("Dùng tên chuẩn")', () => {
  it('writes the canonical names in place, keeping separators and free text as typed', () => {
    const text = 'Sở KH&CN / Sở Công Thương +VH';
    expect(unitsNotCanonical(dir, text).map((c) => [c.text, c.name])).toEqual([['Sở KH&CN', 'Sở Khoa học và Công nghệ']]);
    expect(unitsCanonicalText(dir, text)).toBe('Sở Khoa học và Công nghệ / Sở Công Thương +VH');
    expect(unitsCanonicalText(dir, 'kinh te, doan thanh nien')).toBe('Phòng Kinh tế, Đoàn Thanh niên xã');
  });

  it('leaves group nouns and remarks in parentheses alone, and a canonical cell unchanged', () => {
    expect(unitsCanonicalText(dir, 'Phòng KT (phối hợp Các phòng chuyên môn xã)')).toBe('Phòng Kinh tế (phối hợp Các phòng chuyên môn xã)');
    expect(unitsNotCanonical(dir, 'Phòng Kinh tế, Công an xã')).toEqual([]);
  });
});
