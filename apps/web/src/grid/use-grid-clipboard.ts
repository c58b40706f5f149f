/**
 * Copy, cut, paste and clear over the selection. Paste and clear are planned (edit-plan.ts),
 * checked against the document at the moment of writing (edit-target.ts) — refused whole when a
 * target went away — and written as one undo step; what was pasted is then selected.
 */
import { useCallback } from 'react';
import type { Actor, Column, RowModel, UnitDirectory } from '@phuluc/domain';
import type * as Y from 'yjs';
import type { TFunction } from '../i18n/strings.ts';
import { clipboardCells, clipboardHtml, clipboardParse, clipboardTsv } from './clipboard.ts';
import { clearPlan, editPlanApply, editPlanIsEmpty, pastePlan } from './edit-plan.ts';
import type { EditContext, EditPlan, GridMessage } from './edit-plan.ts';
import { editPlanCheck, fieldLabelOf } from './edit-target.ts';
import type { GridSnapshot } from './row-model.ts';
import type { CellRange } from './selection.ts';
import type { CellRef } from './use-grid-selection.ts';

/** The clipboard handler of the grid and its clear (Delete), over the visible `rows`. */
export function useGridClipboard(opts: {
  doc: Y.Doc;
  tableId: string;
  actor: Actor;
  units: UnitDirectory;
  snap: GridSnapshot;
  rows: readonly RowModel[];
  numbers: readonly string[];
  columns: readonly Column[];
  fields: readonly string[];
  range: CellRange | null;
  focusField: string | undefined;
  t: TFunction;
  say: (messages: readonly GridMessage[]) => void;
  step: <T>(fn: () => T) => T;
  selectRef: (anchor: CellRef, focus?: CellRef) => void;
}): { clearSelection: () => void; onClipboard: (e: React.ClipboardEvent<HTMLElement>, kind: 'copy' | 'cut' | 'paste') => void } {
  const { doc, tableId, actor, units, snap, rows, numbers, columns, fields, range, focusField, t, say, step, selectRef } = opts;
  const editContext = useCallback(
    (): EditContext | null => (range ? { rows, numbers, columns, range, actor, units } : null),
    [range, rows, numbers, columns, actor, units],
  );

  /**
   * Why a planned paste or clear may not be written now (a target row deleted, a column removed,
   * a right lost since the grid last drew them), or null. The plan is then refused whole.
   */
  const planRefusal = useCallback(
    (plan: EditPlan): GridMessage | null =>
      editPlanCheck(
        doc,
        tableId,
        actor,
        plan,
        (rowId) => snap.numbers[snap.indexOf.get(rowId) ?? -1] ?? '',
        (field) => fieldLabelOf(columns, field, t('kept.label.section')),
      ),
    [doc, tableId, actor, snap, columns, t],
  );

  const clearSelection = useCallback(() => {
    const ctx = editContext();
    if (!ctx) return;
    const { plan, skipped, reason } = clearPlan(ctx);
    const refusal = planRefusal(plan);
    if (refusal) {
      say([refusal]);
      return;
    }
    if (!editPlanIsEmpty(plan)) step(() => editPlanApply(doc, tableId, plan));
    if (skipped > 0) say([{ key: 'grid.clear.skipped', params: { count: skipped, reason: reason ?? '' } }]);
  }, [editContext, planRefusal, step, doc, tableId, say]);

  const paste = useCallback(
    (data: { text: string; html: string }) => {
      const grid = clipboardParse(data);
      const ctx = editContext() ?? { rows, numbers, columns, range: { top: 0, left: 0, bottom: 0, right: 0 }, actor, units };
      const result = pastePlan(grid, ctx, columns);
      if (!result.ok) {
        say([result.message]);
        return;
      }
      const refusal = planRefusal(result.plan);
      if (refusal) {
        say([refusal]);
        return;
      }
      const inserted = step(() => editPlanApply(doc, tableId, result.plan));
      say(result.notes);
      // Select what was pasted: the block written, or the first new row.
      const firstWrite = result.plan.writes[0];
      const lastWrite = result.plan.writes[result.plan.writes.length - 1];
      if (firstWrite && lastWrite) {
        const col = (f: string) => (f === 'label' ? (focusField ?? fields[0] ?? '') : f);
        selectRef({ rowId: firstWrite.rowId, field: col(firstWrite.field) }, { rowId: lastWrite.rowId, field: col(lastWrite.field) });
      } else if (inserted[0] && fields[0]) {
        selectRef({ rowId: inserted[0], field: fields[Math.max(0, range?.left ?? 0)] ?? fields[0] });
      }
    },
    [editContext, rows, numbers, columns, actor, units, say, planRefusal, step, doc, tableId, focusField, fields, selectRef, range],
  );

  const onClipboard = useCallback(
    (e: React.ClipboardEvent<HTMLElement>, kind: 'copy' | 'cut' | 'paste') => {
      e.preventDefault();
      if (kind === 'paste') {
        paste({ text: e.clipboardData.getData('text/plain'), html: e.clipboardData.getData('text/html') });
        return;
      }
      if (!range) return;
      const cells = clipboardCells(rows, fields, range);
      e.clipboardData.setData('text/plain', clipboardTsv(cells));
      e.clipboardData.setData('text/html', clipboardHtml(cells));
      if (kind === 'cut') clearSelection();
    },
    [paste, range, rows, fields, clearSelection],
  );
  return { clearSelection, onClipboard };
}
