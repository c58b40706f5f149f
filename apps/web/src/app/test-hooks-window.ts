/**
 * What the end-to-end build exposes as `window.__phuluc` (loaded by test-hooks.ts only when the
 * build has the hooks): the open plan, read and written through the same domain functions and
 * the same sync path as the grid.
 */
import {
  planDocCellText,
  planDocDeleteRow,
  planDocInsertRows,
  planDocOrderedRowIds,
  planDocRowInfo,
  planDocSetCell,
  planDocSetOwners,
  planDocTableIds,
} from '@phuluc/domain';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import type { PlanConnection } from '../sync/plan-connection.ts';

export interface PhulucTestHooks {
  planId: string;
  conn: PlanConnection;
  tableIds: () => string[];
  rowIds: (tableId: string) => string[];
  rowOwners: (tableId: string, rowId: string) => string[] | null;
  cellText: (tableId: string, rowId: string, field: string) => string | null;
  setCell: (tableId: string, rowId: string, field: string, text: string) => void;
  /** Inserts an item row after `afterRowId` (at the end when null); returns its id. */
  insertRow: (tableId: string, afterRowId: string | null, cells: Record<string, string>, owners: string[]) => string;
  deleteRow: (tableId: string, rowId: string) => void;
  setOwners: (tableId: string, rowId: string, owners: string[]) => void;
  saveState: () => string;
}

declare global {
  interface Window {
    __phuluc?: PhulucTestHooks;
  }
}

/** Exposes the open plan as `window.__phuluc`; returns the function that withdraws it. */
export function testHooksExpose(planId: string, conn: PlanConnection): () => void {
  const hooks: PhulucTestHooks = {
    planId,
    conn,
    tableIds: () => planDocTableIds(conn.doc),
    rowIds: (tableId) => planDocOrderedRowIds(conn.doc, tableId),
    rowOwners: (tableId, rowId) => planDocRowInfo(conn.doc, tableId, rowId)?.owners ?? null,
    cellText: (tableId, rowId, field) => planDocCellText(conn.doc, tableId, rowId, field)?.toString() ?? null,
    setCell: (tableId, rowId, field, text) => conn.doc.transact(() => planDocSetCell(conn.doc, tableId, rowId, field, text), LOCAL_ORIGIN),
    insertRow: (tableId, afterRowId, cells, owners) => {
      let id = '';
      conn.doc.transact(() => {
        id = planDocInsertRows(conn.doc, tableId, [{ kind: 'item', cells, owners }], afterRowId ? { after: afterRowId } : undefined)[0] ?? '';
      }, LOCAL_ORIGIN);
      return id;
    },
    deleteRow: (tableId, rowId) => conn.doc.transact(() => planDocDeleteRow(conn.doc, tableId, rowId), LOCAL_ORIGIN),
    setOwners: (tableId, rowId, owners) => conn.doc.transact(() => planDocSetOwners(conn.doc, tableId, rowId, owners), LOCAL_ORIGIN),
    saveState: () => conn.saveState(),
  };
  window.__phuluc = hooks;
  return () => {
    if (window.__phuluc === hooks) delete window.__phuluc;
  };
}
