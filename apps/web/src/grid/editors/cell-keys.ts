/**
 * What a key press means to the cell input, decided from the plain fields of a KeyboardEvent so
 * the rules are unit-tested without a DOM. Spreadsheet behaviour: Enter commits and moves down
 * (Shift+Enter up), Tab right (Shift+Tab left), Alt+Enter is a new line inside the cell, Esc
 * cancels; keys that belong to an input method composition are never ours.
 */

/** The fields of a KeyboardEvent the rules read. */
export interface KeyInfo {
  key: string;
  keyCode?: number;
  isComposing?: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Where the grid cursor goes when an edit ends (same values as the grid's `Move`). */
export type KeyMove = 'down' | 'up' | 'right' | 'left' | 'none';

/** What a key does while a cell is being edited. */
export type EditKeyAction =
  | { kind: 'commit'; move: KeyMove }
  | { kind: 'cancel' }
  | { kind: 'newline' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Swallowed: the key does nothing here (Alt+Enter in a single-line field). */
  | { kind: 'ignore' }
  /** The textarea's own behaviour (typing, caret moves, selection, clipboard). */
  | { kind: 'native' };

/** What a key does on a selected cell that is not being edited. */
export type IdleKeyAction =
  /** Start editing, replacing the cell's content with what is typed (the key's own input follows). */
  | { kind: 'type' }
  /** Start editing with the caret at the end (F2, or Enter when the grid does not use it). */
  | { kind: 'edit' }
  /** Offer it to the grid (navigation, Delete, shortcuts…). */
  | { kind: 'grid' }
  /** An input method is at work: its composition events decide. */
  | { kind: 'ime' };

/** True for a key that belongs to an IME composition (keydown "Process" / keyCode 229). */
export function keyIsComposition(e: KeyInfo): boolean {
  return e.isComposing === true || e.keyCode === 229 || e.key === 'Process';
}

/**
 * True for a key that types a character: a one-character `key` without Ctrl/Cmd (AltGr, which
 * browsers report as Ctrl+Alt on Windows, still types).
 */
export function keyIsPrintable(e: KeyInfo): boolean {
  if ([...e.key].length !== 1) return false;
  if (e.metaKey) return false;
  if (e.ctrlKey && !e.altKey) return false;
  return true;
}

function isShortcut(e: KeyInfo, letter: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === letter;
}

/** The meaning of a key while editing (`multiline`: the field takes several lines). */
export function keyEditAction(e: KeyInfo, options: { multiline: boolean }): EditKeyAction {
  if (keyIsComposition(e)) return { kind: 'native' };
  switch (e.key) {
    case 'Enter':
      if (e.altKey) return options.multiline ? { kind: 'newline' } : { kind: 'ignore' };
      if (e.ctrlKey || e.metaKey) return { kind: 'commit', move: 'none' };
      return { kind: 'commit', move: e.shiftKey ? 'up' : 'down' };
    case 'Tab':
      if (e.ctrlKey || e.metaKey || e.altKey) return { kind: 'native' };
      return { kind: 'commit', move: e.shiftKey ? 'left' : 'right' };
    case 'Escape':
      return { kind: 'cancel' };
    default:
      if (isShortcut(e, 'z')) return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
      if (isShortcut(e, 'y')) return { kind: 'redo' };
      return { kind: 'native' };
  }
}

/** The meaning of a key on a selected cell that is not being edited. */
export function keyIdleAction(e: KeyInfo): IdleKeyAction {
  if (keyIsComposition(e)) return { kind: 'ime' };
  if (e.key === 'F2' && !e.ctrlKey && !e.metaKey && !e.altKey) return { kind: 'edit' };
  if (keyIsPrintable(e)) return { kind: 'type' };
  return { kind: 'grid' };
}

/** Enter without modifiers on an idle cell edits it when the grid did not take the key. */
export function keyIsPlainEnter(e: KeyInfo): boolean {
  return e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
}
