/**
 * Whether the cells an edit is about to write are still there and still the person's to write,
 * read from the document at the moment of writing — never from the grid's last render, which
 * may be a frame behind someone else's change. An open editor is bound to its row id and field:
 * when the row is deleted, the column removed or the right to write it lost, the editor closes
 * and keeps what was typed for the person (see `editTargetKept`); a paste or a clear whose
 * target changed between its planning and its writing is refused whole.
 */
import type * as Y from 'yjs';
import { permissionCanEditCell, planDocColumns, planDocHasTable, planDocRowInfo, tableRowCite } from '@phuluc/domain';
import type { Actor, Column } from '@phuluc/domain';
import type { KeptNotice } from '../sync/kept-edits.ts';
import type { EditPlan, GridMessage } from './edit-plan.ts';
import type { GridSnapshot } from './row-model.ts';

/** Why a cell can no longer be written by this person. */
export type EditLoss = { kind: 'rowDeleted' } | { kind: 'columnRemoved' } | { kind: 'readOnly'; reason: string };

/** Null when the person may still write `field` of `rowId` (`label` of a section row); else why not. */
export function editTargetCheck(doc: Y.Doc, tableId: string, actor: Actor, rowId: string, field: string): EditLoss | null {
  if (!planDocHasTable(doc, tableId)) return { kind: 'rowDeleted' };
  const info = planDocRowInfo(doc, tableId, rowId);
  if (!info) return { kind: 'rowDeleted' };
  if (info.kind === 'item' && !planDocColumns(doc, tableId).some((c) => c.field === field)) return { kind: 'columnRemoved' };
  const verdict = permissionCanEditCell(actor, { kind: info.kind, owners: info.owners }, info.kind === 'section' ? 'label' : field);
  return verdict.ok ? null : { kind: 'readOnly', reason: verdict.reason };
}

/**
 * Null when every write and owners change of `plan` may still be made now; otherwise the message
 * refusing the whole plan. `cite` names a row as the grid showed it ("II.3").
 */
export function editPlanCheck(doc: Y.Doc, tableId: string, actor: Actor, plan: EditPlan, cite: (rowId: string) => string, labelOf: (field: string) => string): GridMessage | null {
  const targets = [...plan.writes, ...plan.owners.map((o) => ({ rowId: o.rowId, field: 'lead' }))];
  for (const { rowId, field } of targets) {
    const loss = editTargetCheck(doc, tableId, actor, rowId, field);
    if (loss) return editLossMessage(loss, cite(rowId), labelOf(field));
  }
  return null;
}

function editLossMessage(loss: EditLoss, row: string, column: string): GridMessage {
  switch (loss.kind) {
    case 'rowDeleted':
      return { key: 'grid.write.rowGone', params: { row } };
    case 'columnRemoved':
      return { key: 'grid.write.columnGone', params: { column } };
    case 'readOnly':
      return { key: 'grid.write.readOnly', params: { row, reason: loss.reason } };
  }
}

/** How a row is cited in a snapshot: "dòng II.3", "mục II" (the domain's wording). */
export function snapshotRowCite(snap: GridSnapshot, tableId: string, rowId: string): string {
  const index = snap.indexOf.get(rowId);
  if (index === undefined) return '';
  // Only the rows up to this one matter for its number and its section.
  const rows = snap.rows.slice(0, index + 1).map((row, i) => ({ ...row, number: snap.numbers[i] ?? '' }));
  const table = { id: tableId, title: snap.info.title, template: snap.info.template, numbering: snap.info.numbering, columns: [...snap.info.columns], rows };
  return tableRowCite(table, rowId).cite;
}

/** The header label of `field` ("Ghi chú"), `sectionLabel` for a section's title. */
export function fieldLabelOf(columns: readonly Column[], field: string, sectionLabel: string): string {
  if (field === 'label') return sectionLabel;
  return columns.find((c) => c.field === field)?.label ?? field;
}

/**
 * What an editor closed by `loss` keeps for the person: the text typed, where it was meant to go,
 * and why it was not written. `snap` is the last snapshot that still showed the row.
 */
export function editTargetKept(
  loss: EditLoss,
  where: { snap: GridSnapshot; tableId: string; rowId: string; field: string; sectionLabel: string },
  text: string,
  now: number,
): KeptNotice {
  const row = snapshotRowCite(where.snap, where.tableId, where.rowId);
  const field = fieldLabelOf(where.snap.info.columns, where.field, where.sectionLabel);
  const item = { table: where.snap.info.title, row, field, text };
  const message: KeptNotice['message'] =
    loss.kind === 'rowDeleted'
      ? { key: 'kept.editor.rowDeleted', params: { row } }
      : loss.kind === 'columnRemoved'
        ? { key: 'kept.editor.columnRemoved', params: { column: field } }
        : { key: 'kept.editor.readOnly', params: { row, reason: loss.reason } };
  return { id: `${now}-${where.rowId}-${where.field}`, at: now, message, items: [item] };
}
