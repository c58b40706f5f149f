/**
 * After the server refused an update (it refuses the whole update, and closes the connection),
 * nothing the person did is thrown away: the local copy (`held`: everything this browser had) is
 * compared, cell by cell, with a fresh copy of the server's document.
 *
 * The comparison is made on `merged` = server + held, the way Yjs would have merged them had the
 * server accepted: a cell only the server changed reads the same in both and is left alone, and
 * a cell someone else typed in meanwhile keeps their text as well as the person's. Each change
 * the person may still make now (the domain's permission rules, with the row's owners as the
 * server has them) is written again into the fresh document as a new edit; each they may not is
 * kept for them with its text to copy (table, row, column, text). Rows created locally are
 * re-added, local deletions and moves re-made, comments re-posted, progress reports written again
 * — when allowed.
 */
import * as Y from 'yjs';
import {
  permissionCanAddRow,
  permissionCanComment,
  permissionCanDeleteRow,
  permissionCanEditCell,
  permissionCanEditStructure,
  permissionCanMoveRow,
  permissionCanWriteProgress,
  permissionIsManager,
  planDocProgressRead,
  planDocProgressWrite,
  PROGRESS_TEXT_KEYS,
  reportPeriodLabel,
  reportPeriodParse,
  planDocCellText,
  planDocCommentAdd,
  planDocComments,
  planDocCommentedRowIds,
  planDocDeleteRow,
  planDocHasTable,
  planDocInsertRows,
  planDocMoveRow,
  planDocReadTable,
  planDocRowInfo,
  planDocRowTableId,
  planDocSetCell,
  planDocSetOwners,
  planDocTableIds,
  tableRowCite,
} from '@phuluc/domain';
import type { Actor, PlanComment, ProgressPatch, ProgressRecord, ProgressTextKey, RowInit, RowModel, TableModel } from '@phuluc/domain';
import type { KeptItem } from './kept-edits.ts';

/** One change to make again in the fresh document. Row ids of rows created locally are the local ones. */
export type RecoveryOp =
  | { kind: 'cell'; tableId: string; rowId: string; field: string; text: string }
  | { kind: 'owners'; tableId: string; rowId: string; owners: string[] }
  | { kind: 'insert'; tableId: string; rowId: string; after: string | null; row: RowInit }
  | { kind: 'delete'; tableId: string; rowId: string }
  | { kind: 'move'; tableId: string; rowId: string; after: string | null }
  | { kind: 'comment'; rowId: string; comment: PlanComment }
  | { kind: 'progress'; rowId: string; periodId: string; patch: ProgressPatch; userId: string; unitId: string };

export interface RecoveryPlan {
  /** What to write again, row by row. */
  ops: RecoveryOp[];
  /** Text the person may no longer write: shown to them, to copy. */
  kept: KeptItem[];
  /** Row deletions and moves that may no longer be made (nothing to copy: the row stays as it is). */
  dropped: number;
}

/** How the kept items name what has no column label. */
export interface RecoveryLabels {
  /** A section row's title ("Tên mục"). */
  section: string;
  /** A comment ("Bình luận"). */
  comment: string;
  /** A row created locally that the server never had ("dòng mới"). */
  newRow: string;
  /** A progress report's field, for a period's label ("Tháng 11/2026"): «Tiến độ Tháng 11/2026 — Kết quả thực hiện». */
  progress: (period: string, field: ProgressTextKey) => string;
}

function textOf(row: RowModel, field: string): string {
  return row.kind === 'section' ? (field === 'label' ? row.label : '') : (row.cells[field] ?? '');
}

/** True when the text holds content this browser wrote that the server has not got (`sv`: the server's state vector). */
function textHasPending(ytext: Y.Text | undefined, sv: Map<number, number>): boolean {
  for (let item = ytext?._start ?? null; item !== null; item = item.right) {
    if (!item.deleted && item.id.clock + item.length > (sv.get(item.id.client) ?? 0)) return true;
  }
  return false;
}

function rowLabel(table: TableModel, field: string, labels: RecoveryLabels): string {
  return field === 'label' ? labels.section : (table.columns.find((c) => c.field === field)?.label ?? field);
}

/**
 * What to write again into `server` (a fresh copy of the server's document) from `held` (the
 * local copy's update), as `actor` may now. With `reapply` false (the server refused the
 * re-applied edits too) nothing is written again: every change is kept for the person instead.
 */
export function recoveryPlan(server: Y.Doc, held: Uint8Array, actor: Actor, reapply: boolean, labels: RecoveryLabels): RecoveryPlan {
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(merged, held);
  const local = new Y.Doc({ gc: false });
  Y.applyUpdate(local, held);
  const sv = Y.decodeStateVector(Y.encodeStateVector(server));
  const plan: RecoveryPlan = { ops: [], kept: [], dropped: 0 };
  const mergedTables = new Map<string, TableModel>();

  for (const tableId of planDocTableIds(merged)) {
    const mine = planDocReadTable(merged, tableId);
    mergedTables.set(tableId, mine);
    const theirs = planDocHasTable(server, tableId) ? planDocReadTable(server, tableId) : null;
    const theirRows = new Map((theirs?.rows ?? []).map((r) => [r.id as string, r]));
    const keep = (table: TableModel, rowId: string, field: string, text: string, row?: string): void => {
      if (text === '') return;
      plan.kept.push({ table: table.title, row: row ?? tableRowCite(table, rowId).cite, field: rowLabel(table, field, labels), text });
    };
    const fieldsOf = (row: RowModel): string[] => (row.kind === 'section' ? ['label'] : mine.columns.map((c) => c.field));

    let previous: string | null = null;
    for (const row of mine.rows) {
      const rowId = row.id as string;
      const was = theirRows.get(rowId);
      if (!theirs) {
        // A table the server does not have: only text can be kept.
        for (const field of fieldsOf(row)) keep(mine, rowId, field, textOf(row, field));
      } else if (!was) {
        // Created here, never reached the server.
        const verdict = row.kind === 'section' ? permissionCanEditStructure(actor) : permissionCanAddRow(actor);
        if (reapply && verdict.ok) {
          const init: RowInit =
            row.kind === 'section'
              ? { kind: 'section', label: row.label, createdBy: actor.userId }
              : { kind: 'item', cells: { ...row.cells }, owners: permissionIsManager(actor) ? [...(row.owners ?? [])] : actor.unitId ? [actor.unitId] : [], createdBy: actor.userId };
          plan.ops.push({ kind: 'insert', tableId, rowId, after: previous, row: init });
        } else {
          for (const field of fieldsOf(row)) keep(mine, rowId, field, textOf(row, field), labels.newRow);
        }
      } else {
        const owners = was.kind === 'item' ? (was.owners ?? []) : [];
        for (const field of fieldsOf(row)) {
          const text = textOf(row, field);
          const before = planDocCellText(server, tableId, rowId, field)?.toString() ?? '';
          if (text === before) continue;
          if (reapply && permissionCanEditCell(actor, { kind: row.kind, owners }, field).ok) plan.ops.push({ kind: 'cell', tableId, rowId, field, text });
          else keep(theirs, rowId, field, text);
        }
        if (row.kind === 'item' && was.kind === 'item') {
          const next = row.owners ?? [];
          if (next.length !== owners.length || next.some((o, i) => o !== owners[i])) {
            if (reapply && permissionIsManager(actor)) plan.ops.push({ kind: 'owners', tableId, rowId, owners: [...next] });
            else plan.dropped += 1;
          }
        }
        if (planDocRowInfo(merged, tableId, rowId)?.order !== planDocRowInfo(server, tableId, rowId)?.order) {
          if (reapply && permissionCanMoveRow(actor, { kind: row.kind, owners }).ok) plan.ops.push({ kind: 'move', tableId, rowId, after: previous });
          else plan.dropped += 1;
        }
      }
      previous = rowId;
    }

    if (!theirs) continue;
    const mineIds = new Set(mine.rows.map((r) => r.id as string));
    // Rows the server has and the merged copy lacks: deleted here.
    for (const row of theirs.rows) {
      const rowId = row.id as string;
      if (mineIds.has(rowId)) continue;
      const owners = row.kind === 'item' ? (row.owners ?? []) : [];
      if (reapply && permissionCanDeleteRow(actor, { kind: row.kind, owners }).ok) plan.ops.push({ kind: 'delete', tableId, rowId });
      else plan.dropped += 1;
    }
    // Rows someone else deleted while this browser was typing in them: the typing is kept.
    if (planDocHasTable(local, tableId)) {
      const before = planDocReadTable(local, tableId);
      for (const row of before.rows) {
        const rowId = row.id as string;
        if (mineIds.has(rowId) || theirRows.has(rowId)) continue;
        for (const field of fieldsOf(row)) {
          if (textHasPending(planDocCellText(local, tableId, rowId, field), sv)) keep(before, rowId, field, textOf(row, field));
        }
      }
    }
  }

  // Comments posted here that the server lacks.
  for (const rowId of planDocCommentedRowIds(merged)) {
    const known = new Set(planDocComments(server, rowId).map((c) => c.id));
    const added = planDocComments(merged, rowId).filter((c) => !known.has(c.id) && c.author === actor.userId);
    if (added.length === 0) continue;
    const tableId = planDocRowTableId(merged, rowId);
    const table = tableId === undefined ? null : (mergedTables.get(tableId) ?? null);
    const inserted = plan.ops.some((op) => op.kind === 'insert' && op.rowId === rowId);
    const rowThere = inserted || (tableId !== undefined && planDocHasTable(server, tableId) && planDocRowInfo(server, tableId, rowId) !== undefined);
    for (const comment of added) {
      if (reapply && rowThere && permissionCanComment(actor).ok) plan.ops.push({ kind: 'comment', rowId, comment });
      else if (comment.text !== '') plan.kept.push({ table: table?.title ?? '', row: table ? tableRowCite(table, rowId).cite : '', field: labels.comment, text: comment.text });
    }
  }
  progressRecover(plan, server, merged, mergedTables, actor, reapply, labels);
  merged.destroy();
  local.destroy();
  return plan;
}

/** A record's key: row and period. */
const recordKey = (record: Pick<ProgressRecord, 'rowId' | 'period'>): string => `${record.rowId}\u0000${record.period}`;

/**
 * Progress reports written here that the server lacks (a status or text that differs): written
 * again when the person may still report the row (its owners as the server has them), kept to
 * copy otherwise. A record the person never touched reads the same in both and is left alone.
 */
function progressRecover(
  plan: RecoveryPlan,
  server: Y.Doc,
  merged: Y.Doc,
  mergedTables: ReadonlyMap<string, TableModel>,
  actor: Actor,
  reapply: boolean,
  labels: RecoveryLabels,
): void {
  const theirs = new Map(planDocProgressRead(server).records.map((r) => [recordKey(r), r]));
  for (const record of planDocProgressRead(merged).records) {
    const before = theirs.get(recordKey(record));
    const patch: ProgressPatch = {};
    if (before?.status !== record.status) patch.status = record.status;
    for (const key of Object.keys(PROGRESS_TEXT_KEYS) as ProgressTextKey[]) if ((before?.[key] ?? '') !== record[key]) patch[key] = record[key];
    if (Object.keys(patch).length === 0) continue;
    const tableId = planDocRowTableId(server, record.rowId);
    const row = tableId === undefined ? undefined : planDocReadTable(server, tableId).rows.find((r) => r.id === record.rowId);
    // A row created here and added again above: reported as the row it becomes.
    const inserted = plan.ops.find((op): op is Extract<RecoveryOp, { kind: 'insert' }> => op.kind === 'insert' && op.rowId === record.rowId);
    const subject = row ? { kind: row.kind, owners: row.kind === 'item' ? (row.owners ?? []) : [] } : inserted ? { kind: inserted.row.kind, owners: inserted.row.kind === 'item' ? (inserted.row.owners ?? []) : [] } : null;
    const right = permissionCanWriteProgress(actor, subject);
    const unitId = permissionIsManager(actor) ? record.unitId : actor.unitId;
    if (reapply && right.ok && unitId) {
      plan.ops.push({ kind: 'progress', rowId: record.rowId, periodId: record.period, patch, userId: actor.userId, unitId });
      continue;
    }
    const mergedTableId = planDocRowTableId(merged, record.rowId);
    const table = mergedTableId === undefined ? undefined : mergedTables.get(mergedTableId);
    const period = reportPeriodParse(record.period);
    for (const key of Object.keys(PROGRESS_TEXT_KEYS) as ProgressTextKey[]) {
      const text = patch[key];
      if (text === undefined || text === '') continue;
      plan.kept.push({
        table: table?.title ?? '',
        row: table ? tableRowCite(table, record.rowId).cite : '',
        field: labels.progress(period ? reportPeriodLabel(period) : record.period, key),
        text,
      });
    }
  }
}

/** The most text written again in one transaction (one update message to the server). */
const BATCH_CHARS = 512 * 1024;
/** The most rows written again in one transaction. */
const BATCH_ROWS = 200;

function opSize(op: RecoveryOp): number {
  switch (op.kind) {
    case 'cell':
      return op.text.length;
    case 'insert':
      return op.row.kind === 'section' ? (op.row.label?.length ?? 0) : Object.values(op.row.cells ?? {}).reduce((n, t) => n + t.length, 0);
    case 'comment':
      return op.comment.text.length;
    case 'progress':
      return Object.values(op.patch).reduce((n, t) => n + (t?.length ?? 0), 0);
    default:
      return 1;
  }
}

/**
 * Writes the plan's ops into `doc` with `origin` (the person's own edits: undoable, synced), in
 * transactions of a bounded size so no single update grows too large for the server. Returns how
 * many ops were written.
 */
export function recoveryApply(doc: Y.Doc, plan: RecoveryPlan, origin: unknown): number {
  const ids = new Map<string, string>();
  const idOf = (rowId: string | null): string | null => (rowId === null ? null : (ids.get(rowId) ?? rowId));
  const apply = (op: RecoveryOp): void => {
    switch (op.kind) {
      case 'cell':
        planDocSetCell(doc, op.tableId, op.rowId, op.field, op.text);
        return;
      case 'owners':
        planDocSetOwners(doc, op.tableId, op.rowId, op.owners);
        return;
      case 'insert': {
        const after = idOf(op.after);
        const position = after && planDocRowInfo(doc, op.tableId, after) ? { after } : undefined;
        const [id] = planDocInsertRows(doc, op.tableId, [op.row], position);
        if (id) ids.set(op.rowId, id);
        return;
      }
      case 'delete':
        planDocDeleteRow(doc, op.tableId, op.rowId);
        return;
      case 'move': {
        const after = idOf(op.after);
        if (after && planDocRowInfo(doc, op.tableId, after)) planDocMoveRow(doc, op.tableId, op.rowId, { after });
        return;
      }
      case 'comment': {
        const { id, author, text, at, replyTo } = op.comment;
        planDocCommentAdd(doc, idOf(op.rowId) ?? op.rowId, { id, author, text, at, ...(replyTo === undefined ? {} : { replyTo }) });
        return;
      }
      case 'progress':
        planDocProgressWrite(doc, idOf(op.rowId) ?? op.rowId, op.periodId, op.patch, { userId: op.userId, unitId: op.unitId });
        return;
    }
  };
  let written = 0;
  let start = 0;
  while (start < plan.ops.length) {
    let end = start;
    let chars = 0;
    const rows = new Set<string>();
    while (end < plan.ops.length) {
      const op = plan.ops[end] as RecoveryOp;
      const size = opSize(op);
      if (end > start && (chars + size > BATCH_CHARS || (!rows.has(op.rowId) && rows.size >= BATCH_ROWS))) break;
      chars += size;
      rows.add(op.rowId);
      end += 1;
    }
    const batch = plan.ops.slice(start, end);
    doc.transact(() => {
      for (const op of batch) {
        // A row deleted by someone a moment ago: its ops have nowhere to go.
        try {
          apply(op);
          written += 1;
        } catch {
          // planDoc* throw only on a table or field that is gone: nothing to write.
        }
      }
    }, origin);
    start = end;
  }
  return written;
}
