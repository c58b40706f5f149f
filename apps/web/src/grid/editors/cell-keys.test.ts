import { describe, expect, it } from 'vitest';
import { KEY_HINTS, type KeyInfo, keyEditAction, keyEnterAction, keyIdleAction, keyIsPrintable } from './cell-keys.ts';

function key(k: string, mods: Partial<KeyInfo> = {}): KeyInfo {
  return { key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods };
}

describe('keys on an idle cell', () => {
  it('a printable key starts typing over the cell, Vietnamese letters and space included', () => {
    for (const k of ['a', 'Đ', 'ệ', '1', ' ', '%']) expect(keyIdleAction(key(k)).kind).toBe('type');
  });

  it('AltGr (Ctrl+Alt on Windows) still types; Ctrl or Cmd shortcuts do not', () => {
    expect(keyIsPrintable(key('@', { ctrlKey: true, altKey: true }))).toBe(true);
    expect(keyIdleAction(key('c', { ctrlKey: true })).kind).toBe('grid');
    expect(keyIdleAction(key('v', { metaKey: true })).kind).toBe('grid');
  });

  it('the first key of an input method composition is left to the composition events', () => {
    expect(keyIdleAction(key('Process', { keyCode: 229 })).kind).toBe('ime');
    expect(keyIdleAction(key('v', { keyCode: 229 })).kind).toBe('ime');
    expect(keyIdleAction(key('a', { isComposing: true })).kind).toBe('ime');
  });

  it('F2 edits; navigation keys go to the grid', () => {
    expect(keyIdleAction(key('F2')).kind).toBe('edit');
    for (const k of ['ArrowDown', 'Tab', 'Enter', 'Delete', 'Home', 'PageDown', 'Escape', 'Backspace']) {
      expect(keyIdleAction(key(k)).kind).toBe('grid');
    }
  });
});

describe('the one Enter rule, for a cell being edited and for the comment box', () => {
  it('Enter finishes, Ctrl+Enter finishes in place, Shift+Enter and Alt+Enter start a new line', () => {
    expect(keyEnterAction(key('Enter'))).toEqual({ kind: 'submit', stay: false });
    expect(keyEnterAction(key('Enter', { ctrlKey: true }))).toEqual({ kind: 'submit', stay: true });
    expect(keyEnterAction(key('Enter', { metaKey: true }))).toEqual({ kind: 'submit', stay: true });
    expect(keyEnterAction(key('Enter', { shiftKey: true }))).toEqual({ kind: 'newline' });
    expect(keyEnterAction(key('Enter', { altKey: true }))).toEqual({ kind: 'newline' });
    expect(keyEnterAction(key('a'))).toBeNull();
  });

  it('the hints name the keys the rule reads', () => {
    expect(KEY_HINTS.submit).toBe('Enter');
    expect(KEY_HINTS.newline).toContain('Shift+Enter');
    expect(KEY_HINTS.newline).toContain('Alt+Enter');
  });
});

describe('keys while editing', () => {
  const multi = { multiline: true };
  it('Enter commits and moves down, Ctrl+Enter stays, Tab right, Shift+Tab left', () => {
    expect(keyEditAction(key('Enter'), multi)).toEqual({ kind: 'commit', move: 'down' });
    expect(keyEditAction(key('Enter', { ctrlKey: true }), multi)).toEqual({ kind: 'commit', move: 'none' });
    expect(keyEditAction(key('Tab'), multi)).toEqual({ kind: 'commit', move: 'right' });
    expect(keyEditAction(key('Tab', { shiftKey: true }), multi)).toEqual({ kind: 'commit', move: 'left' });
  });

  it('Alt+Enter and Shift+Enter are a new line in a multi-line cell, nothing in a single-line one', () => {
    for (const mods of [{ altKey: true }, { shiftKey: true }]) {
      expect(keyEditAction(key('Enter', mods), multi)).toEqual({ kind: 'newline' });
      expect(keyEditAction(key('Enter', mods), { multiline: false })).toEqual({ kind: 'ignore' });
    }
  });

  it('an Enter that ends an IME composition does not commit', () => {
    expect(keyEditAction(key('Enter', { isComposing: true }), multi)).toEqual({ kind: 'native' });
    expect(keyEditAction(key('Enter', { keyCode: 229 }), multi)).toEqual({ kind: 'native' });
  });

  it('Esc cancels; Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z undo and redo the edit', () => {
    expect(keyEditAction(key('Escape'), multi)).toEqual({ kind: 'cancel' });
    expect(keyEditAction(key('z', { ctrlKey: true }), multi)).toEqual({ kind: 'undo' });
    expect(keyEditAction(key('Z', { ctrlKey: true, shiftKey: true }), multi)).toEqual({ kind: 'redo' });
    expect(keyEditAction(key('y', { metaKey: true }), multi)).toEqual({ kind: 'redo' });
  });

  it('arrows and letters are the textarea’s own', () => {
    for (const k of ['ArrowLeft', 'ArrowDown', 'Home', 'a', 'Backspace']) expect(keyEditAction(key(k), multi)).toEqual({ kind: 'native' });
  });
});
