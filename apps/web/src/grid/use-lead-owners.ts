/**
 * The coordinator's lead decides who may edit the row (DESIGN.md: owners are set from the lead):
 * once an edit of a lead cell ends — Enter, Tab, a click elsewhere — the owners follow
 * (`rowOwnersForLead`), as one change of this tab.
 */
import { useCallback, useEffect, useRef } from 'react';
import { planDocCellText, planDocRowInfo, planDocSetOwners, rowOwnersForLead } from '@phuluc/domain';
import type { RowModel, UnitDirectory } from '@phuluc/domain';
import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../sync/origins.ts';

/** Sets a row's owners from its lead once its edit ends; returns the call that says an edit of a lead cell began. */
export function useLeadOwners(opts: {
  doc: Y.Doc;
  tableId: string;
  units: UnitDirectory;
  editing: boolean;
  focusRow: RowModel | undefined;
  inputField: string | null;
}): (rowId: string) => void {
  const { doc, tableId, units, editing, focusRow, inputField } = opts;
  const leadEdited = useRef<string | null>(null);
  useEffect(() => {
    const rowId = leadEdited.current;
    if (rowId === null || (editing && focusRow?.id === rowId && inputField === 'lead')) return;
    leadEdited.current = null;
    const info = planDocRowInfo(doc, tableId, rowId);
    if (!info || info.kind !== 'item') return;
    const owners = rowOwnersForLead(units, planDocCellText(doc, tableId, rowId, 'lead')?.toString() ?? '', info.owners);
    if (owners) doc.transact(() => planDocSetOwners(doc, tableId, rowId, owners), LOCAL_ORIGIN);
  }, [editing, focusRow, inputField, doc, tableId, units]);
  return useCallback((rowId: string) => {
    leadEdited.current = rowId;
  }, []);
}
