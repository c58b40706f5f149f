/**
 * Undo and redo of the grid's table: each step remembers the selection it was made from, and
 * undoing it puts the selection back (scrolled into view).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, MutableRefObject, SetStateAction } from 'react';
import type { CellRef, SelState } from './use-grid-selection.ts';
import type { GridStore } from './use-grid-model.ts';
import { gridUndoSittingEnd, gridUndoSittingStart } from './undo.ts';

/** What the grid offers of undo. */
export interface GridUndo {
  canUndo: boolean;
  canRedo: boolean;
  /** Runs a discrete action as its own undo step. */
  step: <T>(fn: () => T) => T;
  undo: () => void;
  redo: () => void;
}

type StackEvent = { stackItem: { meta: Map<unknown, unknown> } };

/** Undo of `store`'s table, saving and restoring the selection with each step. */
export function useGridUndo(opts: {
  store: GridStore;
  selRef: MutableRefObject<SelState | null>;
  setSel: Dispatch<SetStateAction<SelState | null>>;
  revealPending: MutableRefObject<boolean>;
  /** The cell being edited: its whole edit is one undo step. */
  edit: CellRef | null;
  setEdit: (edit: CellRef | null) => void;
}): GridUndo {
  const { store, selRef, setSel, revealPending, setEdit } = opts;
  const [, setUndoTick] = useState(0);
  // Read at render: the store makes a new one when the table map is replaced (or re-observed).
  const um = store.undoManager();
  useEffect(() => {
    if (!um) return;
    const added = ({ stackItem }: StackEvent): void => {
      if (!stackItem.meta.has('sel')) stackItem.meta.set('sel', selRef.current);
      setUndoTick((n) => n + 1);
    };
    const popped = ({ stackItem }: StackEvent): void => {
      const saved = stackItem.meta.get('sel') as SelState | null | undefined;
      if (saved) {
        setSel(saved);
        revealPending.current = true;
      }
      setUndoTick((n) => n + 1);
    };
    const cleared = (): void => setUndoTick((n) => n + 1);
    um.on('stack-item-added', added);
    um.on('stack-item-popped', popped);
    um.on('stack-cleared', cleared);
    return () => {
      um.off('stack-item-added', added);
      um.off('stack-item-popped', popped);
      um.off('stack-cleared', cleared);
    };
  }, [um, selRef, setSel, revealPending]);

  const editKey = opts.edit ? `${opts.edit.rowId}\u0000${opts.edit.field}` : null;
  useEffect(() => {
    if (!um || editKey === null) return;
    gridUndoSittingStart(um);
    return () => gridUndoSittingEnd(um);
  }, [um, editKey]);

  const step = useCallback(
    <T,>(fn: () => T): T => {
      const manager = store.undoManager();
      manager?.stopCapturing();
      const result = fn();
      manager?.stopCapturing();
      return result;
    },
    [store],
  );
  const undo = useCallback(() => {
    setEdit(null);
    store.undoManager()?.undo();
  }, [store, setEdit]);
  const redo = useCallback(() => {
    setEdit(null);
    store.undoManager()?.redo();
  }, [store, setEdit]);
  return { canUndo: (um?.undoStack.length ?? 0) > 0, canRedo: (um?.redoStack.length ?? 0) > 0, step, undo, redo };
}
