/**
 * The edited cell going away (its row deleted, its column removed, the right to write it lost):
 * the editor closes and what was typed is kept for the person (`onKept`) — unless this tab's own
 * doing took the cell (the person deleted the row or removed the column while editing it, an undo
 * took the row away): then the editor closes quietly, and Ctrl+Z brings both back.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Actor } from '@phuluc/domain';
import type * as Y from 'yjs';
import type { TFunction } from '../i18n/strings.ts';
import type { KeptNotice } from '../sync/kept-edits.ts';
import { editTargetCheck, editTargetKept } from './edit-target.ts';
import type { GridSnapshot } from './row-model.ts';
import type { CellRef } from './use-grid-selection.ts';

/** The editor's `guard` (its cell still writable) and `onAbandon` (its cell went away). */
export function useEditLoss(opts: {
  doc: Y.Doc;
  tableId: string;
  actor: Actor;
  snap: GridSnapshot;
  edit: CellRef | null;
  /** Ends the edit (the editor is closing). */
  endEdit: () => void;
  onKept: ((notice: KeptNotice) => void) | undefined;
  t: TFunction;
}): { guard: (rowId: string, field: string) => boolean; onAbandon: (lost: { rowId: string; field: string; text: string }) => void } {
  const { doc, tableId, actor, snap, edit, endEdit, onKept, t } = opts;
  // The editor's cell, checked against the document itself (see CellInput's `guard`).
  const guard = useCallback((rowId: string, field: string) => editTargetCheck(doc, tableId, actor, rowId, field) === null, [doc, tableId, actor]);
  // The last snapshot in which the edited row was still there: to say which row it was once it is gone.
  const editSnap = useRef(snap);
  if (edit && snap.indexOf.has(edit.rowId)) editSnap.current = snap;
  const editRef = useRef(edit);
  editRef.current = edit;
  const lostHere = useRef<string | null>(null);
  useEffect(() => {
    const onTransaction = (tr: Y.Transaction): void => {
      const target = editRef.current;
      if (!tr.local || !target) return;
      if (editTargetCheck(doc, tableId, actor, target.rowId, target.field)) lostHere.current = `${target.rowId}\u0000${target.field}`;
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc, tableId, actor]);
  const onAbandon = useCallback(
    ({ rowId, field, text }: { rowId: string; field: string; text: string }) => {
      endEdit();
      if (lostHere.current === `${rowId}\u0000${field}`) {
        lostHere.current = null;
        return;
      }
      const loss = editTargetCheck(doc, tableId, actor, rowId, field) ?? { kind: 'rowDeleted' as const };
      const where = editSnap.current.indexOf.has(rowId) ? editSnap.current : snap;
      onKept?.(editTargetKept(loss, { snap: where, tableId, rowId, field, sectionLabel: t('kept.label.section') }, text, Date.now()));
    },
    [endEdit, doc, tableId, actor, snap, onKept, t],
  );
  return { guard, onAbandon };
}
