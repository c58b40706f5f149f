/**
 * Binds a text box (a textarea, or a fake one in tests) to a cell's `Y.Text` while the cell is
 * being edited: what the person types goes into the Y.Text with the smallest diff (so two people
 * typing in one cell merge character by character), and what others type appears in the box with
 * the caret kept where it belongs.
 *
 * IME (Telex, VNI, pinyin…): between compositionstart and compositionend the box holds text the
 * input method has not committed yet ("việ" on the way to "việc"). Nothing is written then, and
 * remote changes are queued instead of being put into the box (rewriting the box's value would
 * break the composition); when the composition ends, the box's text is diffed against what it
 * showed before, the diff is mapped through the queued remote changes and written at once.
 *
 * No DOM here: the box is the small `TextView` interface, so all of this is unit-tested.
 */
import { textDiff } from '@phuluc/domain';
import * as Y from 'yjs';

/** A selection in UTF-16 code units, as `HTMLTextAreaElement.selectionStart/End` give it. */
export interface TextSelection {
  start: number;
  end: number;
  direction?: 'forward' | 'backward' | 'none';
}

/** What the binding needs from a text box. */
export interface TextView {
  value: () => string;
  selection: () => TextSelection;
  /** Replaces the box's value and selection (never called during a composition). */
  set: (value: string, selection: TextSelection) => void;
}

/** One Y.Text change, as `YTextEvent.delta` gives it (embeds count as one position). */
export type TextDelta = ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }>;

/** Which side a position sticks to when text is inserted exactly there. */
export type Assoc = 'left' | 'right';

function insertLength(insert: unknown): number {
  return typeof insert === 'string' ? insert.length : 1;
}

/**
 * Where `index` (a position in the text before `delta`) is after it. Text inserted exactly at the
 * position goes after it for `left` (the position keeps its left neighbour) and before it for
 * `right`; a position inside deleted text moves to where the deletion was.
 */
export function deltaMapIndex(delta: TextDelta, index: number, assoc: Assoc): number {
  let oldPos = 0; // position in the text before the change
  let newPos = 0; // the same place in the text after it
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (oldPos + op.retain > index) break;
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.insert !== undefined) {
      if (oldPos < index || assoc === 'right') newPos += insertLength(op.insert);
      else break;
    } else if (op.delete !== undefined) {
      // Inside (or at the end of) the deleted text: where the deletion was.
      if (index <= oldPos + op.delete) return newPos;
      oldPos += op.delete;
    }
  }
  return newPos + (index - oldPos);
}

/** `text` with `delta` applied (string inserts only): what the Y.Text reads after the change. */
export function deltaApply(text: string, delta: TextDelta): string {
  let out = '';
  let pos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      out += text.slice(pos, pos + op.retain);
      pos += op.retain;
    } else if (op.insert !== undefined) {
      out += typeof op.insert === 'string' ? op.insert : '';
    } else if (op.delete !== undefined) {
      pos += op.delete;
    }
  }
  return out + text.slice(pos);
}

/**
 * A selection after a change: a caret keeps its left neighbour (someone typing right where my
 * caret is does not push it); a range does not grow when text is inserted at its edges.
 */
export function selectionMap(selection: TextSelection, delta: TextDelta): TextSelection {
  const collapsed = selection.start === selection.end;
  const start = deltaMapIndex(delta, selection.start, collapsed ? 'left' : 'right');
  const end = collapsed ? start : Math.max(start, deltaMapIndex(delta, selection.end, 'left'));
  return { ...selection, start, end };
}

/** Options of `YTextBinding`. */
export interface YTextBindingOptions {
  /** The transaction origin of every write (the app's LOCAL_ORIGIN). */
  origin: unknown;
  /**
   * The text the view's current value was derived from; the Y.Text's content by default. When the
   * edit replaces the cell (typing over it), the view starts empty while the Y.Text still has the
   * old content: the first input then replaces it.
   */
  base?: string;
  /** UndoManager capture window in ms (edits closer together undo as one step). */
  captureTimeout?: number;
}

/**
 * One editing session of one cell: created when editing starts, destroyed when it ends. Call
 * `input()` after every input event, `compositionStart()` / `compositionEnd()` on the IME
 * events, `revert()` for Esc.
 */
export class YTextBinding {
  readonly ytext: Y.Text;
  private readonly view: TextView;
  private readonly origin: unknown;
  /** What the view showed the last time it and the Y.Text agreed (or were derived from each other). */
  private base: string;
  private pending: TextDelta[] = [];
  private isComposing = false;
  private writing = false;
  private destroyed = false;
  private readonly undoManager: Y.UndoManager;
  private readonly observer: (event: Y.YTextEvent, tr: Y.Transaction) => void;
  /** Whether this session wrote anything (still there or not). */
  changed = false;

  constructor(ytext: Y.Text, view: TextView, options: YTextBindingOptions) {
    this.ytext = ytext;
    this.view = view;
    this.origin = options.origin;
    this.base = options.base ?? ytext.toString();
    // Scoped to this cell and to this tab's own writes: Esc undoes exactly what this session
    // typed, never a colleague's concurrent typing.
    this.undoManager = new Y.UndoManager(ytext, {
      trackedOrigins: new Set([options.origin]),
      captureTimeout: options.captureTimeout ?? 500,
    });
    this.observer = (event) => {
      if (this.writing) return;
      // A delta is only valid inside the observer: copy it now.
      this.pending.push(event.delta.map((op) => ({ ...op })));
      if (!this.isComposing) this.reconcile();
    };
    ytext.observe(this.observer);
  }

  /** True between compositionstart and compositionend. */
  get composing(): boolean {
    return this.isComposing;
  }

  /** The view's value changed (an input event). Ignored during a composition. */
  input(): void {
    if (this.isComposing || this.destroyed) return;
    this.reconcile();
  }

  compositionStart(): void {
    this.isComposing = true;
  }

  /** The input method committed (or abandoned) its text: write it, and catch up with others' changes. */
  compositionEnd(): void {
    this.isComposing = false;
    if (!this.destroyed) this.reconcile();
  }

  /** Writes what the view holds now, whatever the composition state (the editor is closing). */
  flush(): void {
    if (this.destroyed) return;
    this.isComposing = false;
    this.reconcile();
  }

  /** Undoes one step of this session's own typing; false when there is nothing to undo. */
  undo(): boolean {
    if (this.isComposing || this.undoManager.undoStack.length === 0) return false;
    this.reconcile();
    this.undoManager.undo();
    return true;
  }

  /** Redoes one step undone by `undo`. */
  redo(): boolean {
    if (this.isComposing || this.undoManager.redoStack.length === 0) return false;
    this.reconcile();
    this.undoManager.redo();
    return true;
  }

  /**
   * Esc: removes everything this session wrote (others' concurrent changes stay) and shows the
   * result. Text typed but not yet written (an unfinished composition) is dropped.
   */
  revert(): void {
    if (this.destroyed) return;
    this.isComposing = false;
    // The view's unwritten text is abandoned: base := view makes the reconcile below a pure catch-up.
    this.base = this.view.value();
    this.reconcile();
    while (this.undoManager.undoStack.length > 0) this.undoManager.undo();
  }

  /** Stops listening; the Y.Text keeps whatever was written. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.ytext.unobserve(this.observer);
    this.undoManager.destroy();
  }

  /**
   * Brings the Y.Text and the view together: the view's own change since `base` is written into
   * the Y.Text (mapped through the remote changes queued meanwhile), then the view shows the
   * Y.Text with the selection carried along.
   */
  private reconcile(): void {
    const viewValue = this.view.value();
    const local = textDiff(this.base, viewValue);
    const pending = this.pending;
    this.pending = [];
    if (local === null && pending.length === 0) return;

    const mapRemote = (index: number, assoc: Assoc): number =>
      pending.reduce((pos, delta) => deltaMapIndex(delta, pos, assoc), index);

    let from = 0;
    let to = 0;
    if (local !== null) {
      if (local.deleteCount === 0) {
        from = to = mapRemote(local.index, 'left');
      } else {
        // Text others inserted at the edges of what I replaced survives; text inside it goes too.
        from = mapRemote(local.index, 'right');
        to = Math.max(from, mapRemote(local.index + local.deleteCount, 'left'));
      }
      const write = (): void => {
        if (to > from) this.ytext.delete(from, to - from);
        if (local.insert.length > 0) this.ytext.insert(from, local.insert);
      };
      this.writing = true;
      try {
        if (this.ytext.doc) this.ytext.doc.transact(write, this.origin);
        else write();
      } finally {
        this.writing = false;
      }
      this.changed = true;
    }

    const mapViewIndex = (index: number, assoc: Assoc): number => {
      if (local === null) return mapRemote(index, assoc);
      const insertEnd = local.index + local.insert.length;
      if (index < local.index || (index === local.index && local.insert.length > 0)) return mapRemote(index, assoc);
      if (index < insertEnd) return from + (index - local.index);
      // After my change: back to base coordinates, through the remote changes, then past my change.
      const inBase = index - local.insert.length + local.deleteCount;
      const mapped = mapRemote(inBase, assoc);
      return Math.max(from + local.insert.length, mapped - (to - from) + local.insert.length);
    };

    const next = this.ytext.toString();
    this.base = next;
    if (next !== viewValue) {
      const sel = this.view.selection();
      const collapsed = sel.start === sel.end;
      const start = mapViewIndex(sel.start, collapsed ? 'left' : 'right');
      const end = collapsed ? start : Math.max(start, mapViewIndex(sel.end, 'left'));
      this.view.set(next, { ...sel, start: Math.min(start, next.length), end: Math.min(end, next.length) });
    }
  }
}
