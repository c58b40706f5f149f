/**
 * React binding of `GridModel`: observes the table in the document (and the table being
 * replaced or removed) and hands out snapshots through `useSyncExternalStore`, so a keystroke
 * anywhere re-reads one row and re-renders only what shows it.
 */
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { GridModel } from './row-model.ts';
import type { GridSnapshot } from './row-model.ts';
import { gridUndoManagerCreate } from './undo.ts';

export interface GridStore {
  model: GridModel;
  subscribe: (cb: () => void) => () => void;
  getSnapshot: () => GridSnapshot;
  /** The undo manager of this tab for the table (re-created if the table map is replaced). */
  undoManager: () => Y.UndoManager | null;
}

/** A store over `tableId` in `doc`; it observes the document while someone subscribes. */
export function gridStoreCreate(doc: Y.Doc, tableId: string): GridStore {
  const model = new GridModel(doc, tableId);
  const listeners = new Set<() => void>();
  const tables = doc.getMap<unknown>('tables');
  let table: Y.Map<unknown> | null = null;
  let undo: Y.UndoManager | null = null;
  const notify = (): void => {
    for (const cb of listeners) cb();
  };
  const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    if (model.apply(events)) notify();
  };
  const attach = (): void => {
    const current = tables.get(tableId);
    const next = current instanceof Y.Map ? current : null;
    if (next === table) return;
    table?.unobserveDeep(onDeep);
    undo?.destroy();
    table = next;
    table?.observeDeep(onDeep);
    undo = table ? gridUndoManagerCreate(doc, tableId) : null;
    // Changes made while nobody observed are unknown: read the table again.
    model.reset();
    notify();
  };
  const onTables = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(tableId)) attach();
  };
  // Observing starts with the first subscriber and stops with the last (StrictMode mounts twice).
  const start = (): void => {
    tables.observe(onTables);
    attach();
  };
  const stop = (): void => {
    tables.unobserve(onTables);
    table?.unobserveDeep(onDeep);
    table = null;
    undo?.destroy();
    undo = null;
  };
  return {
    model,
    subscribe(cb) {
      if (listeners.size === 0) start();
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
        if (listeners.size === 0) stop();
      };
    },
    getSnapshot: () => model.snapshot(),
    undoManager: () => undo,
  };
}

/** The store of a table, for the component's lifetime. */
export function useGridStore(doc: Y.Doc, tableId: string): GridStore {
  return useMemo(() => gridStoreCreate(doc, tableId), [doc, tableId]);
}

/** The current snapshot of the store's table. */
export function useGridSnapshot(store: GridStore): GridSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
