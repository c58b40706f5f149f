/**
 * The one focusable element of the grid: a textarea lying over the selected cell, invisible until
 * the cell is edited ("edit-on-type", like Google Sheets). Because it already has the focus when
 * a key is pressed, the first keystroke — even the first key of a Telex/VNI composition, which
 * arrives as keydown "Process" / keyCode 229 — lands in it: nothing is lost or doubled.
 *
 * While the cell is not being edited the textarea is empty: keys it does not use go to the grid
 * (`onGridKey`), clipboard events too (`onClipboard`); a printable key or a composition starts
 * editing and replaces the cell's content with what is typed; F2, Enter and double-click edit
 * with the caret at the end. While editing, the textarea is bound to the cell's Y.Text
 * (`YTextBinding`): typing is written live with minimal diffs, others' typing is merged in, and
 * nothing is written during an IME composition.
 *
 * An editing session is bound to its row id and field, never to a place on screen. When the
 * row is deleted, the column removed or the person loses the right to write it (`guard`, read
 * from the document at each keystroke and each render), the session is abandoned: nothing more
 * is written, no other cell's editor opens in its place, and the text is handed to `onAbandon`
 * to be kept for the person.
 */
import type { FieldKind, UnitDirectory } from '@phuluc/domain';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/strings.ts';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { KEY_HINTS, type KeyInfo, keyEditAction, keyIdleAction, keyIsComposition, keyIsPlainEnter } from './editors/cell-keys.ts';
import { type EditorApi, EditorPanel, type LeadOwnersContext, type PanelKeyHandler } from './editors/editor-panel.tsx';
import { moneyCommitText, previewKindHas } from './editors/preview.ts';
import { unitsCommitText } from './editors/units-edit.ts';
import { type TextSelection, type TextView, YTextBinding } from './editors/ytext-binding.ts';
import './editors/editors.css';

export type Move = 'down' | 'up' | 'right' | 'left' | 'none';

export interface CellInputProps {
  /** The selected cell and where it is on screen (relative to the grid's scroll container), or null. */
  cell: { rowId: string; field: string; rect: { top: number; left: number; width: number; height: number } } | null;
  /** The cell's Y.Text (a section row's label text for field 'label'); null when the cell has none yet. */
  ytext: Y.Text | null;
  kind: FieldKind;
  multiline: boolean;
  /** Why the cell is read-only for this person, or null when editable (then typing/F2/Enter start editing). */
  readOnly: string | null;
  editing: boolean;
  units: UnitDirectory;
  planYear: number;
  /** The person started editing: a printable key or an IME composition (text kept, not lost/doubled), F2, Enter or double-click. */
  onStartEdit: () => void;
  /** Editing ended: commit=false for Esc (the editor has already reverted its own changes of this session); `move` is where the grid's cursor goes. */
  onDone: (result: { commit: boolean; move: Move }) => void;
  /** While NOT editing, keys the input does not use (arrows, Tab, Enter, Delete, Home/End, PageUp/Down, Ctrl+Z/Y, Ctrl+A, Escape…) are offered to the grid first; return true if handled (then preventDefault). */
  onGridKey: (e: React.KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** While NOT editing, copy/cut/paste go to the grid (range copy, TSV/HTML paste). */
  onClipboard: (e: React.ClipboardEvent<HTMLTextAreaElement>, kind: 'copy' | 'cut' | 'paste') => void;
  /** Typing into a read-only cell: the grid shows `readOnly` as a notice. */
  onReadOnlyAttempt: () => void;
  /** Whether the person may still write this cell, read from the document now (not from the last render). */
  guard: (rowId: string, field: string) => boolean;
  /** A session was abandoned (its cell gone or no longer writable): `text` is what the editor held. */
  onAbandon: (lost: { rowId: string; field: string; text: string }) => void;
  /** Set while a lead cell is edited by someone who may set it: owners it would drop are shown, and confirmed first. */
  leadOwners?: LeadOwnersContext | null;
}

/** One editing session of one cell, from start to commit or cancel. */
interface Session {
  cellKey: string;
  rowId: string;
  field: string;
  ytext: Y.Text | null;
  binding: YTextBinding | null;
  /** Typing over the cell replaces it; F2 / Enter / double-click edit it. */
  mode: 'replace' | 'append';
  /** A composition is in progress (also tracked here for a cell without a Y.Text). */
  composing: boolean;
}

// The editor never gets narrower than this while editing (a budget or STT column is narrow).
const EDITOR_MIN_WIDTH = 220;
const EDITOR_MAX_HEIGHT = 360;
const PANEL_MIN_WIDTH = 360;
const PANEL_MAX_WIDTH = 460;
const VIEWPORT_MARGIN = 8;
// Elements that take the focus themselves (a click on them is not a click on a cell).
const FOCUSABLE = 'input, textarea, select, button, a[href], [contenteditable], [tabindex]:not([tabindex="-1"])';

function cellKeyOf(cell: CellInputProps['cell']): string | null {
  return cell === null ? null : `${cell.rowId}\u0000${cell.field}`;
}

function keyInfo(e: React.KeyboardEvent): KeyInfo {
  return {
    key: e.key,
    keyCode: e.keyCode,
    isComposing: e.nativeEvent.isComposing,
    altKey: e.altKey,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
  };
}

/** Another text entry (search box, dialog field) has the focus: the grid must not take it. */
function otherTextEntryFocused(self: HTMLElement): boolean {
  const el = document.activeElement;
  if (el === null || el === self || el === document.body) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The visible area the panel must stay in: the window, narrowed by any scrolling ancestor. */
function clipBox(el: HTMLElement): { top: number; left: number; right: number; bottom: number } {
  const box = { top: 0, left: 0, right: window.innerWidth, bottom: window.innerHeight };
  for (let node = el.parentElement; node !== null && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const r = node.getBoundingClientRect();
    box.top = Math.max(box.top, r.top);
    box.left = Math.max(box.left, r.left);
    box.right = Math.min(box.right, r.left + node.clientWidth);
    box.bottom = Math.min(box.bottom, r.top + node.clientHeight);
  }
  return box;
}

/** The text written when an edit of a cell of `kind` is committed. */
function commitText(kind: FieldKind, text: string): string {
  switch (kind) {
    case 'units':
      return unitsCommitText(text);
    case 'money':
      return moneyCommitText(text);
    default:
      return text;
  }
}

/** The grid's cell input: see the module comment. */
export function CellInput(props: CellInputProps): ReactNode {
  const { cell, ytext, kind, multiline, readOnly, editing, units, planYear } = props;
  const t = useT();
  const taRef = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(props);
  const sessionRef = useRef<Session | null>(null);
  const panelKeyRef = useRef<PanelKeyHandler | null>(null);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  // The person has typed in this session (before that, a units cell opened with F2 shows its
  // chips rather than searching for its last part).
  const [typed, setTyped] = useState(false);
  const [editorHeight, setEditorHeight] = useState(0);
  const [activeOption, setActiveOption] = useState<string | null>(null);
  const listId = `cell-editor-list-${useId().replace(/:/g, '')}`;
  const cellKey = cellKeyOf(cell);

  useLayoutEffect(() => {
    latest.current = props;
  });

  /** Mirrors the textarea into React state (the panel and the size follow it). */
  const syncState = useCallback((): void => {
    const ta = taRef.current;
    if (!ta) return;
    setText(ta.value);
    setCaret(ta.selectionEnd);
  }, []);

  const viewOf = useCallback(
    (ta: HTMLTextAreaElement): TextView => ({
      value: () => ta.value,
      selection: (): TextSelection => ({ start: ta.selectionStart, end: ta.selectionEnd, direction: ta.selectionDirection }),
      set: (value, sel) => {
        ta.value = value;
        ta.setSelectionRange(sel.start, sel.end, sel.direction);
        syncState();
      },
    }),
    [syncState],
  );

  const bindingCreate = useCallback(
    (ta: HTMLTextAreaElement, yt: Y.Text, base: string): YTextBinding =>
      new YTextBinding(yt, viewOf(ta), { origin: LOCAL_ORIGIN, base }),
    [viewOf],
  );

  /** Opens a session; 'append' loads the cell's text with the caret at the end. */
  const sessionStart = useCallback(
    (mode: Session['mode']): Session | null => {
      const ta = taRef.current;
      const p = latest.current;
      const key = cellKeyOf(p.cell);
      if (!ta || key === null || p.cell === null) return null;
      if (sessionRef.current) return sessionRef.current;
      if (!p.guard(p.cell.rowId, p.cell.field)) return null;
      const content = p.ytext?.toString() ?? '';
      if (mode === 'append') {
        ta.value = content;
        ta.setSelectionRange(content.length, content.length);
      }
      const session: Session = {
        cellKey: key,
        rowId: p.cell.rowId,
        field: p.cell.field,
        ytext: p.ytext,
        binding: p.ytext ? bindingCreate(ta, p.ytext, content) : null,
        mode,
        composing: false,
      };
      sessionRef.current = session;
      setTyped(mode === 'replace');
      syncState();
      return session;
    },
    [bindingCreate, syncState],
  );

  /** Closes the session: commit keeps (and tidies) what was typed, cancel reverts it. */
  const sessionEnd = useCallback(
    (commit: boolean, move: Move, notify: boolean): void => {
      const session = sessionRef.current;
      const ta = taRef.current;
      if (!session) return;
      const binding = session.binding;
      if (binding) {
        if (commit) {
          binding.flush();
          if (ta && binding.changed) {
            const tidy = commitText(latest.current.kind, ta.value);
            if (tidy !== ta.value) {
              ta.value = tidy;
              binding.flush();
            }
          }
        } else {
          binding.revert();
        }
        binding.destroy();
      }
      sessionRef.current = null;
      if (ta) ta.value = '';
      setText('');
      setCaret(0);
      if (notify) latest.current.onDone({ commit, move });
    },
    [],
  );

  /**
   * The session's cell is gone or no longer the person's: stop without writing anything more
   * (no flush, no revert — a revert would be a write too) and hand the text over.
   */
  const sessionAbandon = useCallback((): void => {
    const session = sessionRef.current;
    const ta = taRef.current;
    if (!session) return;
    const text = ta?.value ?? '';
    session.binding?.destroy();
    sessionRef.current = null;
    if (ta) ta.value = '';
    setText('');
    setCaret(0);
    latest.current.onAbandon({ rowId: session.rowId, field: session.field, text });
  }, []);

  /** True when the open session may write; otherwise it is abandoned here. */
  const sessionWritable = useCallback((): boolean => {
    const session = sessionRef.current;
    if (!session) return false;
    if (latest.current.guard(session.rowId, session.field)) return true;
    sessionAbandon();
    return false;
  }, [sessionAbandon]);

  /** F2, Enter, double-click: edit with the caret at the end. */
  const editBegin = useCallback((): void => {
    const p = latest.current;
    if (p.cell === null || sessionRef.current) return;
    if (p.readOnly !== null) {
      p.onReadOnlyAttempt();
      return;
    }
    if (sessionStart('append')) p.onStartEdit();
  }, [sessionStart]);

  /** A key, composition or input on an idle cell: edit, replacing the content with what is typed. */
  const typeBegin = useCallback((): boolean => {
    const p = latest.current;
    if (p.cell === null) return false;
    if (sessionRef.current) return true;
    if (p.readOnly !== null) {
      p.onReadOnlyAttempt();
      return false;
    }
    if (!sessionStart('replace')) return false;
    p.onStartEdit();
    return true;
  }, [sessionStart]);

  // At every render (the grid renders on every change of the table): the session's cell may have
  // become read-only, or gone, with nothing else about this input changing.
  useLayoutEffect(() => {
    const session = sessionRef.current;
    if (session && !latest.current.guard(session.rowId, session.field)) sessionAbandon();
  });

  // Follow the grid: it may end editing (a click elsewhere), start it (its own double-click),
  // move to another cell, or hand over a Y.Text that did not exist when typing began.
  useLayoutEffect(() => {
    const ta = taRef.current;
    const session = sessionRef.current;
    if (session && !latest.current.guard(session.rowId, session.field)) {
      // Its row was deleted (the grid's cursor may already sit on a neighbour) or it became
      // read-only: close it, never rebind it to another cell.
      sessionAbandon();
    } else if (session && (session.cellKey !== cellKey || !editing)) {
      // What was typed is already in the cell: keep it.
      sessionEnd(true, 'none', false);
    }
    if (editing && cellKey !== null && !sessionRef.current) sessionStart('append');
    const current = sessionRef.current;
    if (ta && current && current.ytext !== ytext) {
      const hadBinding = current.binding !== null;
      current.binding?.flush();
      current.binding?.destroy();
      current.ytext = ytext;
      // Typing over the cell, or a binding being replaced: the box's text replaces the Y.Text's.
      // Editing a cell that had no text: the box's text was typed into an empty cell.
      const base = ytext === null ? '' : current.mode === 'replace' || hadBinding ? ytext.toString() : '';
      current.binding = ytext ? bindingCreate(ta, ytext, base) : null;
      if (current.binding) {
        if (current.composing) current.binding.compositionStart();
        else current.binding.input();
      }
    }
  }, [cellKey, editing, ytext, sessionEnd, sessionStart, sessionAbandon, bindingCreate]);

  // Unmounting mid-edit keeps what was typed (in the cell, or for the person when the cell is gone).
  useEffect(
    () => () => {
      const session = sessionRef.current;
      if (session && !latest.current.guard(session.rowId, session.field)) sessionAbandon();
      else sessionEnd(true, 'none', false);
    },
    [sessionEnd, sessionAbandon],
  );

  // The focus follows the selection, unless the person is typing in another field (search box…).
  useLayoutEffect(() => {
    const ta = taRef.current;
    if (!ta || cellKey === null) return;
    if (document.activeElement === ta || otherTextEntryFocused(ta)) return;
    ta.focus({ preventScroll: true });
  }, [cellKey, editing]);

  // Clicks on the grid's cells (which cannot take the focus) must not take it from the textarea:
  // a key pressed right after a click would land nowhere. Double-click on the selected cell
  // edits it (the idle textarea lets clicks through to the cell below).
  useEffect(() => {
    const ta = taRef.current;
    const host = ta?.parentElement;
    if (!ta || !host) return;
    const onMouseDown = (e: MouseEvent): void => {
      if (e.button !== 0 || document.activeElement !== ta || e.target === ta) return;
      if (e.target instanceof Element && e.target.closest(FOCUSABLE) !== null) return;
      e.preventDefault();
    };
    host.addEventListener('mousedown', onMouseDown, true);
    const onDoubleClick = (e: MouseEvent): void => {
      if (sessionRef.current || latest.current.cell === null) return;
      const r = ta.getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) return;
      ta.focus({ preventScroll: true });
      editBegin();
    };
    host.addEventListener('dblclick', onDoubleClick);
    return () => {
      host.removeEventListener('mousedown', onMouseDown, true);
      host.removeEventListener('dblclick', onDoubleClick);
    };
  }, [editBegin]);

  // The editor grows with its text (several lines, or a long line in a narrow column).
  const rectHeight = cell?.rect.height ?? 0;
  const rectWidth = cell?.rect.width ?? 0;
  useLayoutEffect(() => {
    const ta = taRef.current;
    if (!ta || cellKey === null) return;
    const base = rectHeight;
    ta.style.height = `${base}px`;
    let height = base;
    if (editing && ta.scrollHeight > ta.clientHeight) {
      height = Math.min(Math.max(base, ta.scrollHeight + (ta.offsetHeight - ta.clientHeight)), EDITOR_MAX_HEIGHT);
      ta.style.height = `${height}px`;
    }
    setEditorHeight(height);
  }, [text, editing, cellKey, rectHeight, rectWidth]);

  // A widened editor near the right edge grows leftwards instead; the panel sits under it, moves
  // left rather than leave the visible area, and goes above the cell when there is no room
  // below. Placed here (not in `style`) because it is measured.
  const panelRef = useRef<HTMLDivElement>(null);
  const rectTop = cell?.rect.top ?? 0;
  const rectLeft = cell?.rect.left ?? 0;
  useLayoutEffect(() => {
    const ta = taRef.current;
    if (!ta) return;
    let editorLeft = rectLeft;
    ta.style.left = `${editorLeft}px`;
    if (editing && cellKey !== null && ta.offsetWidth > rectWidth) {
      const over = ta.getBoundingClientRect().right - (clipBox(ta).right - VIEWPORT_MARGIN);
      if (over > 0) editorLeft = Math.max(rectLeft + rectWidth - ta.offsetWidth, rectLeft - over);
      ta.style.left = `${editorLeft}px`;
    }
    const anchor = panelRef.current;
    if (!anchor) return;
    let top = rectTop + editorHeight;
    let left = editorLeft;
    anchor.style.top = `${top}px`;
    anchor.style.left = `${left}px`;
    const box = anchor.getBoundingClientRect();
    const editorBox = ta.getBoundingClientRect();
    const clip = clipBox(anchor);
    const overRight = box.right - (clip.right - VIEWPORT_MARGIN);
    if (overRight > 0) left = Math.max(left - overRight, left - (box.left - clip.left) + VIEWPORT_MARGIN);
    if (box.bottom > clip.bottom - VIEWPORT_MARGIN && editorBox.top - box.height - 2 > clip.top) {
      top = rectTop - box.height - 2;
    }
    anchor.style.top = `${top}px`;
    anchor.style.left = `${left}px`;
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    const p = latest.current;
    const info = keyInfo(e);
    const session = sessionRef.current;
    if (session) {
      if (!sessionWritable()) {
        // The cell went away under the person's hands: this key goes nowhere.
        e.preventDefault();
        return;
      }
      // Keys of an IME composition belong to the input method: Enter that ends "việc" only ends it.
      if (session.composing || session.binding?.composing === true || keyIsComposition(info)) return;
      if (panelKeyRef.current?.(info)) {
        e.preventDefault();
        return;
      }
      const action = keyEditAction(info, { multiline: p.multiline });
      switch (action.kind) {
        case 'commit':
          e.preventDefault();
          sessionEnd(true, action.move, true);
          return;
        case 'cancel':
          e.preventDefault();
          sessionEnd(false, 'none', true);
          return;
        case 'newline': {
          e.preventDefault();
          const ta = e.currentTarget;
          ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
          session.binding?.input();
          syncState();
          return;
        }
        case 'undo':
          e.preventDefault();
          session.binding?.undo();
          return;
        case 'redo':
          e.preventDefault();
          session.binding?.redo();
          return;
        case 'ignore':
          e.preventDefault();
          return;
        case 'native':
          return;
      }
    }
    if (p.cell === null) return;
    const idle = keyIdleAction(info);
    switch (idle.kind) {
      case 'ime':
        // compositionstart follows and starts the edit; on a read-only cell there is none.
        if (p.readOnly !== null) p.onReadOnlyAttempt();
        return;
      case 'edit':
        e.preventDefault();
        editBegin();
        return;
      case 'type':
        // The key's own input (the first character) follows into the empty textarea.
        if (!typeBegin()) e.preventDefault();
        return;
      case 'grid':
        if (p.onGridKey(e)) {
          e.preventDefault();
          return;
        }
        if (keyIsPlainEnter(info)) {
          e.preventDefault();
          editBegin();
        }
        return;
    }
  };

  const onInput = (e: React.FormEvent<HTMLTextAreaElement>): void => {
    const ta = e.currentTarget;
    // Input without a key we saw (dictation, an input method without composition events…).
    if (!sessionRef.current && !typeBegin()) {
      ta.value = '';
      return;
    }
    // The row may have gone between the key and now: then what was typed is kept, not written.
    if (!sessionWritable()) return;
    const session = sessionRef.current;
    if (session && !session.composing && !(e.nativeEvent as InputEvent).isComposing) session.binding?.input();
    setTyped(true);
    syncState();
  };

  const onCompositionStart = (): void => {
    if (!sessionRef.current && !typeBegin()) return;
    const session = sessionRef.current;
    if (!session) return;
    session.composing = true;
    session.binding?.compositionStart();
  };

  const onCompositionEnd = (): void => {
    const session = sessionRef.current;
    if (!session) return;
    session.composing = false;
    if (!sessionWritable()) return;
    session.binding?.compositionEnd();
    syncState();
  };

  const clipboard =
    (kind: 'copy' | 'cut' | 'paste') =>
    (e: React.ClipboardEvent<HTMLTextAreaElement>): void => {
      if (sessionRef.current) return; // editing: the textarea's own copy/cut/paste
      if (latest.current.cell === null) return;
      latest.current.onClipboard(e, kind);
      // Never let a paste land in the idle textarea (it would start an edit with the pasted text).
      e.preventDefault();
    };

  const onBlur = (): void => {
    // Focus dropped to nothing (a click on a cell, on empty space, a closed menu): take it back,
    // so the next key still reaches the selected cell.
    window.setTimeout(() => {
      const ta = taRef.current;
      if (!ta || latest.current.cell === null || !document.hasFocus()) return;
      if (document.activeElement === null || document.activeElement === document.body) ta.focus({ preventScroll: true });
    }, 0);
  };

  const api: EditorApi = {
    replace: (value, at) => {
      const ta = taRef.current;
      const session = sessionRef.current;
      if (!ta || !session) return;
      ta.value = value;
      if (!sessionWritable()) return;
      ta.setSelectionRange(at, at);
      session.binding?.input();
      syncState();
    },
    commit: (move) => {
      if (sessionWritable()) sessionEnd(true, move, true);
    },
    hasSelection: () => {
      const ta = taRef.current;
      return ta !== null && ta.selectionStart !== ta.selectionEnd;
    },
  };

  const rect = cell?.rect;
  const style: CSSProperties = rect
    ? {
        top: rect.top,
        width: editing ? Math.max(rect.width, EDITOR_MIN_WIDTH) : rect.width,
        height: rect.height,
      }
    : { top: 0, width: 1, height: 1 };
  const hasPanel = editing && rect !== undefined && (kind === 'units' || previewKindHas(kind));
  // The keys of the one Enter rule, under a multi-line text being edited (units have their own).
  const hasHint = editing && rect !== undefined && multiline && kind !== 'units';

  return (
    <>
      <textarea
        ref={taRef}
        className={editing ? 'cell-input cell-input-editing' : 'cell-input'}
        style={style}
        defaultValue=""
        rows={1}
        wrap="soft"
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        readOnly={readOnly !== null}
        aria-label={readOnly === null ? t('editor.input') : t('editor.readOnlyCell', { reason: readOnly })}
        aria-readonly={readOnly !== null}
        aria-multiline={multiline}
        aria-autocomplete={editing && kind === 'units' ? 'list' : undefined}
        aria-controls={editing && kind === 'units' ? listId : undefined}
        aria-activedescendant={editing && activeOption !== null ? activeOption : undefined}
        data-testid="cell-input"
        data-editing={editing ? 'true' : 'false'}
        onKeyDown={onKeyDown}
        onInput={onInput}
        onCompositionStart={onCompositionStart}
        onCompositionEnd={onCompositionEnd}
        onSelect={syncState}
        onCopy={clipboard('copy')}
        onCut={clipboard('cut')}
        onPaste={clipboard('paste')}
        onBlur={onBlur}
      />
      {(hasPanel || hasHint) && (
        <div
          ref={panelRef}
          className="cell-editor-panel-anchor"
          style={{ width: Math.min(Math.max(rect.width, PANEL_MIN_WIDTH), PANEL_MAX_WIDTH) }}
        >
          {hasHint ? (
            <div className="cell-editor-hint" data-testid="cell-editor-hint">
              {t('editor.keys', KEY_HINTS)}
            </div>
          ) : null}
          {hasPanel ? (
            <EditorPanel
              kind={kind}
              text={text}
              caret={caret}
              typed={typed}
              units={units}
              planYear={planYear}
              api={api}
              keyRef={panelKeyRef}
              listId={listId}
              onActiveOption={setActiveOption}
              leadOwners={props.leadOwners ?? null}
            />
          ) : null}
        </div>
      )}
    </>
  );
}
