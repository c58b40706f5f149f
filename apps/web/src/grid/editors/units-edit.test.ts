import { unitDirectoryDefault } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { unitsBackspace, unitsChips, unitsCommitText, unitsFragment, unitsPick, unitsRemove, unitsSuggest } from './units-edit.ts';

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
  it('writes canonical names joined by ", ", each once, free text kept, trailing separators dropped', () => {
    expect(unitsCommitText(dir, 'phong kinh te; Công ty ABC, Phòng Kinh tế, ')).toBe('Phòng Kinh tế, Công ty ABC');
  });

  it('leaves a cell with remarks in parentheses as written', () => {
    const text = 'UBND xã (phối hợp Trạm Y tế)';
    expect(unitsCommitText(dir, text)).toBe(text);
  });
});
