/**
 * What a key press means to the cell input and to the comment box, decided from the plain fields
 * of a KeyboardEvent so the rules are unit-tested without a DOM. One Enter rule for every text
 * box of the app (`keyEnterAction`): Enter finishes — a cell is saved and the cursor moves down,
 * a comment is sent; Shift+Enter and Alt+Enter start a new line (Alt+Enter as in Excel and Google
 * Sheets, Shift+Enter as in chat boxes); Ctrl+Enter finishes without moving. In a cell Tab saves
 * and moves right (Shift+Tab left), Esc cancels. Keys that belong to an input method composition
 * are never ours. The hints shown in the UI name the keys from `KEY_HINTS`.
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

/** The keys of the Enter rule as hints name them (the i18n strings put them in sentences). */
export const KEY_HINTS = { submit: 'Enter', newline: 'Shift+Enter / Alt+Enter', cancel: 'Esc' } as const;

/** What Enter does in a text box: finish (`stay`: Ctrl/Cmd+Enter, the cursor does not move) or a new line. */
export type EnterAction = { kind: 'submit'; stay: boolean } | { kind: 'newline' };

/**
 * The one Enter rule (see the module comment); null for any other key. An Enter that ends an
 * input method composition is not checked here: callers leave composition keys alone first.
 */
export function keyEnterAction(e: KeyInfo): EnterAction | null {
  if (e.key !== 'Enter') return null;
  if (e.shiftKey || e.altKey) return { kind: 'newline' };
  return { kind: 'submit', stay: e.ctrlKey || e.metaKey };
}

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
    case 'Enter': {
      const enter = keyEnterAction(e);
      if (enter?.kind === 'newline') return options.multiline ? { kind: 'newline' } : { kind: 'ignore' };
      return { kind: 'commit', move: enter?.stay ? 'none' : 'down' };
    }
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
