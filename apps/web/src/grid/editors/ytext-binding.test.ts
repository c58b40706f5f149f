import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../../sync/origins.ts';
import { type TextDelta, type TextSelection, type TextView, YTextBinding, deltaApply, deltaMapIndex, selectionMap } from './ytext-binding.ts';

/** A textarea stand-in: a value and a selection, like the DOM's. */
class FakeView implements TextView {
  text: string;
  sel: TextSelection;
  sets = 0;
  constructor(text = '', caret = text.length) {
    this.text = text;
    this.sel = { start: caret, end: caret };
  }
  value(): string {
    return this.text;
  }
  selection(): TextSelection {
    return this.sel;
  }
  set(value: string, selection: TextSelection): void {
    this.text = value;
    this.sel = selection;
    this.sets += 1;
  }
  /** Types `s` at the caret, as a keystroke would (then the input event fires). */
  type(s: string): void {
    this.text = this.text.slice(0, this.sel.start) + s + this.text.slice(this.sel.end);
    const at = this.sel.start + s.length;
    this.sel = { start: at, end: at };
  }
  /** An input method replacing its composition text (the preview "việ" becoming "việc"). */
  compose(from: number, previous: string, next: string): void {
    this.text = this.text.slice(0, from) + next + this.text.slice(from + previous.length);
    const at = from + next.length;
    this.sel = { start: at, end: at };
  }
}

/** Two replicas of one cell, synced both ways as the server would relay updates. */
function pair(initial = ''): { a: Y.Text; b: Y.Text; docA: Y.Doc; docB: Y.Doc } {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docB, u, 'remote');
  });
  docB.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(docA, u, 'remote');
  });
  const a = docA.getText('cell');
  if (initial) a.insert(0, initial);
  return { a, b: docB.getText('cell'), docA, docB };
}

describe('deltaMapIndex', () => {
  it('shifts a position by text inserted before it', () => {
    expect(deltaMapIndex([{ insert: 'ab' }], 3, 'left')).toBe(5);
    expect(deltaMapIndex([{ retain: 1 }, { insert: 'ab' }], 3, 'left')).toBe(5);
  });

  it('keeps a position when text is inserted after it', () => {
    expect(deltaMapIndex([{ retain: 5 }, { insert: 'ab' }], 3, 'left')).toBe(3);
  });

  it('decides an insertion exactly at the position by its side', () => {
    const delta: TextDelta = [{ retain: 3 }, { insert: 'ab' }];
    expect(deltaMapIndex(delta, 3, 'left')).toBe(3);
    expect(deltaMapIndex(delta, 3, 'right')).toBe(5);
  });

  it('moves a position inside deleted text to where the deletion was', () => {
    const delta: TextDelta = [{ retain: 2 }, { delete: 4 }];
    expect(deltaMapIndex(delta, 4, 'left')).toBe(2);
    expect(deltaMapIndex(delta, 6, 'left')).toBe(2);
    expect(deltaMapIndex(delta, 8, 'left')).toBe(4);
    expect(deltaMapIndex(delta, 1, 'left')).toBe(1);
  });

  it('agrees with deltaApply on every position of a replacement', () => {
    const before = 'Phòng Văn hóa';
    const delta: TextDelta = [{ retain: 6 }, { delete: 3 }, { insert: 'VH' }];
    expect(deltaApply(before, delta)).toBe('Phòng VH hóa');
    expect(deltaMapIndex(delta, 10, 'left')).toBe(9);
  });

  it('keeps a caret where it is when someone types right at it, and a range from growing', () => {
    const delta: TextDelta = [{ retain: 2 }, { insert: 'xx' }];
    expect(selectionMap({ start: 2, end: 2 }, delta)).toEqual({ start: 2, end: 2 });
    expect(selectionMap({ start: 2, end: 4 }, delta)).toEqual({ start: 4, end: 6 });
  });
});

describe('YTextBinding', () => {
  it('writes each input as a minimal diff with the local origin', () => {
    const { a } = pair('Nhiệm vụ');
    const view = new FakeView('Nhiệm vụ');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    const origins: unknown[] = [];
    a.observe((_e, tr) => origins.push(tr.origin));
    view.type(' số');
    binding.input();
    expect(a.toString()).toBe('Nhiệm vụ số');
    expect(origins).toEqual([LOCAL_ORIGIN]);
    binding.destroy();
  });

  it('replaces the cell when typing over it (the view starts empty)', () => {
    const { a } = pair('cũ');
    const view = new FakeView('');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    view.type('m');
    binding.input();
    expect(a.toString()).toBe('m');
    binding.destroy();
  });

  it('merges a colleague typing in the same cell, keeping my caret', () => {
    const { a, b } = pair('abc');
    const view = new FakeView('abc', 1);
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    b.insert(3, 'XYZ'); // after my caret
    expect(view.text).toBe('abcXYZ');
    expect(view.sel).toEqual({ start: 1, end: 1, direction: undefined });
    b.insert(0, '>'); // before my caret
    expect(view.text).toBe('>abcXYZ');
    expect(view.sel.start).toBe(2);
    view.type('1');
    binding.input();
    expect(b.toString()).toBe('>a1bcXYZ');
    binding.destroy();
  });

  it('two people typing at once in one cell both keep every character', () => {
    const { a, b } = pair('');
    const viewA = new FakeView('');
    const viewB = new FakeView('');
    const bindA = new YTextBinding(a, viewA, { origin: LOCAL_ORIGIN });
    const bindB = new YTextBinding(b, viewB, { origin: LOCAL_ORIGIN });
    for (const [ca, cb] of [['a', 'x'], ['b', 'y'], ['c', 'z']] as const) {
      viewA.type(ca);
      bindA.input();
      viewB.type(cb);
      bindB.input();
    }
    expect(a.toString()).toBe(b.toString());
    expect(viewA.text).toBe(a.toString());
    expect(viewB.text).toBe(b.toString());
    expect([...a.toString()].sort().join('')).toBe('abcxyz');
    // Each person's characters stay together and in order.
    expect(a.toString().replace(/[xyz]/g, '')).toBe('abc');
    expect(a.toString().replace(/[abc]/g, '')).toBe('xyz');
    bindA.destroy();
    bindB.destroy();
  });

  it('writes nothing during a composition and defers remote changes until it ends', () => {
    const { a, b, docA } = pair('Làm ');
    const view = new FakeView('Làm ');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    let writes = 0;
    docA.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === LOCAL_ORIGIN) writes += 1;
    });
    binding.compositionStart();
    view.compose(4, '', 'v');
    binding.input();
    view.compose(4, 'v', 'vi');
    binding.input();
    b.insert(0, '- '); // a colleague, mid-composition
    expect(view.text).toBe('Làm vi'); // not touched while composing
    view.compose(4, 'vi', 'việ');
    binding.input();
    expect(writes).toBe(0);
    expect(b.toString()).toBe('- Làm ');
    view.compose(4, 'việ', 'việc');
    binding.compositionEnd();
    expect(writes).toBe(1);
    expect(a.toString()).toBe('- Làm việc');
    expect(b.toString()).toBe('- Làm việc');
    expect(view.text).toBe('- Làm việc');
    expect(view.sel.start).toBe('- Làm việc'.length);
    binding.destroy();
  });

  it('a composition that starts the edit replaces the cell once, without doubling its first letter', () => {
    const { a, b } = pair('nội dung cũ');
    const view = new FakeView('');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN, base: a.toString() });
    binding.compositionStart();
    for (const step of ['v', 'vi', 'việ']) {
      view.text = step;
      binding.input();
    }
    expect(b.toString()).toBe('nội dung cũ');
    view.text = 'việc';
    binding.compositionEnd();
    expect(b.toString()).toBe('việc');
    binding.destroy();
  });

  it('a composition still lands when a colleague empties the cell meanwhile', () => {
    const { a, b } = pair('Họp giao ban');
    const view = new FakeView('Họp giao ban');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    binding.compositionStart();
    view.compose(12, '', ' tuầ');
    b.delete(0, b.length);
    view.compose(12, ' tuầ', ' tuần');
    binding.compositionEnd();
    expect(a.toString()).toBe(' tuần');
    expect(b.toString()).toBe(' tuần');
    expect(view.text).toBe(' tuần');
    expect(view.sel.start).toBe(5);
    binding.destroy();
  });

  it('Esc during a composition drops the unwritten text and reverts the rest', () => {
    const { a } = pair('x');
    const view = new FakeView('x');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    view.type('y');
    binding.input();
    binding.compositionStart();
    view.compose(2, '', 'ươ');
    binding.revert();
    expect(a.toString()).toBe('x');
    expect(view.text).toBe('x');
    binding.destroy();
  });

  it('closing the editor mid-composition (a click elsewhere) keeps what is shown', () => {
    const { a, b } = pair('');
    const view = new FakeView('');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    binding.compositionStart();
    view.compose(0, '', 'Đồng');
    binding.flush();
    expect(b.toString()).toBe('Đồng');
    binding.destroy();
  });

  it('Esc reverts only this session’s typing, keeping a colleague’s', () => {
    const { a, b } = pair('Quý II/2026');
    const view = new FakeView('Quý II/2026');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN, captureTimeout: 0 });
    view.type(' (dự kiến)');
    binding.input();
    b.insert(0, 'Từ ');
    view.type('!');
    binding.input();
    expect(a.toString()).toBe('Từ Quý II/2026 (dự kiến)!');
    binding.revert();
    expect(a.toString()).toBe('Từ Quý II/2026');
    expect(b.toString()).toBe('Từ Quý II/2026');
    expect(view.text).toBe('Từ Quý II/2026');
    binding.destroy();
  });

  it('Esc after typing over a cell brings the old content back', () => {
    const { a } = pair('cũ');
    const view = new FakeView('');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    view.type('mới');
    binding.input();
    expect(a.toString()).toBe('mới');
    binding.revert();
    expect(a.toString()).toBe('cũ');
    binding.destroy();
  });

  it('undo and redo step through this session’s own typing only', () => {
    const { a, b } = pair('');
    const view = new FakeView('');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN, captureTimeout: 0 });
    view.type('một');
    binding.input();
    b.insert(0, '* ');
    view.type(' hai');
    binding.input();
    expect(binding.undo()).toBe(true);
    expect(a.toString()).toBe('* một');
    expect(view.text).toBe('* một');
    expect(binding.redo()).toBe(true);
    expect(view.text).toBe('* một hai');
    binding.destroy();
  });

  it('stops following the Y.Text once destroyed', () => {
    const { a, b } = pair('x');
    const view = new FakeView('x');
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    binding.destroy();
    b.insert(1, 'y');
    expect(view.text).toBe('x');
    expect(view.sets).toBe(0);
  });

  it('keeps an emoji whole when a colleague edits around it', () => {
    const { a, b } = pair('a😀b');
    const view = new FakeView('a😀b', 3);
    const binding = new YTextBinding(a, view, { origin: LOCAL_ORIGIN });
    b.delete(0, 1);
    expect(view.text).toBe('😀b');
    expect(view.sel.start).toBe(2);
    binding.destroy();
  });
});
