import { describe, expect, it } from 'vitest';
import { gridKeyAction } from './keyboard.ts';
import type { KeyContext, KeyInput } from './keyboard.ts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const ctx = (row: number, col: number, more: Partial<KeyContext> = {}): KeyContext => ({
  focus: { row, col },
  size: { rows: 100, cols: 5 },
  pageRows: 20,
  editable: true,
  isRange: false,
  ...more,
});

describe('gridKeyAction', () => {
  it('moves with the arrows and stops at the edges', () => {
    expect(gridKeyAction(key('ArrowDown'), ctx(3, 2))).toEqual({ type: 'move', to: { row: 4, col: 2 }, extend: false });
    expect(gridKeyAction(key('ArrowUp'), ctx(0, 2))).toEqual({ type: 'move', to: { row: 0, col: 2 }, extend: false });
    expect(gridKeyAction(key('ArrowRight'), ctx(3, 4))).toEqual({ type: 'move', to: { row: 3, col: 4 }, extend: false });
    expect(gridKeyAction(key('ArrowLeft'), ctx(3, 1))).toEqual({ type: 'move', to: { row: 3, col: 0 }, extend: false });
  });

  it('extends the selection with Shift+arrows', () => {
    expect(gridKeyAction(key('ArrowDown', { shiftKey: true }), ctx(3, 2))).toEqual({ type: 'move', to: { row: 4, col: 2 }, extend: true });
  });

  it('jumps to the edges with Ctrl+arrows, Home/End and Ctrl+Home/End', () => {
    expect(gridKeyAction(key('ArrowDown', { ctrlKey: true }), ctx(3, 2))).toMatchObject({ to: { row: 99, col: 2 } });
    expect(gridKeyAction(key('Home'), ctx(3, 2))).toMatchObject({ to: { row: 3, col: 0 } });
    expect(gridKeyAction(key('End'), ctx(3, 2))).toMatchObject({ to: { row: 3, col: 4 } });
    expect(gridKeyAction(key('Home', { ctrlKey: true }), ctx(3, 2))).toMatchObject({ to: { row: 0, col: 0 } });
    expect(gridKeyAction(key('End', { ctrlKey: true }), ctx(3, 2))).toMatchObject({ to: { row: 99, col: 4 } });
    expect(gridKeyAction(key('End', { metaKey: true }), ctx(3, 2))).toMatchObject({ to: { row: 99, col: 4 } });
  });

  it('pages with PageUp and PageDown', () => {
    expect(gridKeyAction(key('PageDown'), ctx(3, 2))).toMatchObject({ to: { row: 23, col: 2 } });
    expect(gridKeyAction(key('PageUp'), ctx(3, 2))).toMatchObject({ to: { row: 0, col: 2 } });
    expect(gridKeyAction(key('PageDown'), ctx(95, 2))).toMatchObject({ to: { row: 99, col: 2 } });
  });

  it('runs Tab along the row and wraps to the next one (Shift+Tab back)', () => {
    expect(gridKeyAction(key('Tab'), ctx(3, 2))).toEqual({ type: 'move', to: { row: 3, col: 3 }, extend: false });
    expect(gridKeyAction(key('Tab'), ctx(3, 4))).toEqual({ type: 'move', to: { row: 4, col: 0 }, extend: false });
    expect(gridKeyAction(key('Tab', { shiftKey: true }), ctx(3, 0))).toEqual({ type: 'move', to: { row: 2, col: 4 }, extend: false });
  });

  it('edits with Enter on an editable cell and moves down past a read-only one', () => {
    expect(gridKeyAction(key('Enter'), ctx(3, 2))).toEqual({ type: 'edit' });
    expect(gridKeyAction(key('Enter'), ctx(3, 2, { editable: false }))).toMatchObject({ type: 'move', to: { row: 4, col: 2 } });
    expect(gridKeyAction(key('Enter', { shiftKey: true }), ctx(3, 2))).toMatchObject({ type: 'move', to: { row: 2, col: 2 } });
  });

  it('clears with Delete and Backspace', () => {
    expect(gridKeyAction(key('Delete'), ctx(3, 2))).toEqual({ type: 'clear' });
    expect(gridKeyAction(key('Backspace'), ctx(3, 2))).toEqual({ type: 'clear' });
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Y or Ctrl+Shift+Z', () => {
    expect(gridKeyAction(key('z', { ctrlKey: true }), ctx(3, 2))).toEqual({ type: 'undo' });
    expect(gridKeyAction(key('y', { ctrlKey: true }), ctx(3, 2))).toEqual({ type: 'redo' });
    expect(gridKeyAction(key('Z', { ctrlKey: true, shiftKey: true }), ctx(3, 2))).toEqual({ type: 'redo' });
    // Undo works in an empty table too.
    expect(gridKeyAction(key('z', { ctrlKey: true }), ctx(0, 0, { size: { rows: 0, cols: 5 } }))).toEqual({ type: 'undo' });
  });

  it('selects all with Ctrl+A, collapses a range with Esc, moves rows with Alt+Shift+arrows', () => {
    expect(gridKeyAction(key('a', { ctrlKey: true }), ctx(3, 2))).toEqual({ type: 'selectAll' });
    expect(gridKeyAction(key('Escape'), ctx(3, 2, { isRange: true }))).toEqual({ type: 'collapse' });
    expect(gridKeyAction(key('Escape'), ctx(3, 2))).toBeNull();
    expect(gridKeyAction(key('ArrowUp', { altKey: true, shiftKey: true }), ctx(3, 2))).toEqual({ type: 'moveRows', by: -1 });
  });

  it('leaves printable keys to the cell input', () => {
    expect(gridKeyAction(key('a'), ctx(3, 2))).toBeNull();
    expect(gridKeyAction(key('ư'), ctx(3, 2))).toBeNull();
  });
});
