/**
 * The grid of one appendix table: a spreadsheet over the plan's Y.Doc. It reads the table through
 * `GridModel` (row by row, from Yjs events), lays it out with TanStack Table (columns, headers,
 * row model) and TanStack Virtual (only the rows in view are in the DOM), and follows the
 * WAI-ARIA grid pattern. Selection, keys, clipboard, row and column actions, filters, presence
 * and validation live in pure modules beside this one; this component wires them to the DOM.
 * Editing itself is `CellInput`: the one focusable element, lying over the active cell.
 *
 * The selection and the cell being edited are kept by row id and field: a row inserted or
 * deleted above leaves them where they are. When the row being edited is deleted (the cursor
 * then moves to a neighbour), its column removed, or the person loses the right to write it,
 * the editor closes — it never moves to another cell — and what was typed is kept for the
 * person (`onKept`). Paste and clear check their target cells against the document at the moment
 * of writing (edit-target.ts) and are refused whole when one went away.
 */
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  FIELDS,
  TEMPLATES,
  fieldDef,
  fieldKind,
  fieldLabelForYear,
  permissionCanAddRow,
  permissionCanDeleteRow,
  permissionCanEditCell,
  permissionCanEditStructure,
  permissionCanMoveRow,
  permissionIsManager,
  planDocCellText,
  planDocRowInfo,
  planDocSetOwners,
  rowOwnersForLead,
  unitById,
} from '@phuluc/domain';
import type { Actor, Finding, RowModel, TemplateId, UnitDirectory, Verdict } from '@phuluc/domain';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useT } from '../i18n/strings.ts';
import type { KeptNotice } from '../sync/kept-edits.ts';
import { LOCAL_ORIGIN } from '../sync/origins.ts';
import { CellInput } from './cell-input.tsx';
import type { Move } from './cell-input.tsx';
import { clipboardCells, clipboardHtml, clipboardParse, clipboardTsv } from './clipboard.ts';
import { clearPlan, editPlanApply, editPlanIsEmpty, pastePlan } from './edit-plan.ts';
import type { EditContext, EditPlan, GridMessage } from './edit-plan.ts';
import { editPlanCheck, editTargetCheck, editTargetKept, fieldLabelOf } from './edit-target.ts';
import { FILTER_NONE, OWNER_NONE, filterRows } from './filters.ts';
import type { GridFilter } from './filters.ts';
import { gridLayout } from './geometry.ts';
import { GridHeader } from './grid-header.tsx';
import { GridMenu, GridPrompt } from './grid-menu.tsx';
import { gridCellAt, pointerAutoScroll, pointerDrag } from './grid-pointer.ts';
import type { MenuItem } from './grid-menu.tsx';
import { GridRow } from './grid-row.tsx';
import type { GridSlots } from './grid-slots.ts';
import { GridToolbar } from './grid-toolbar.tsx';
import { gridKeyAction } from './keyboard.ts';
import { presenceByRow } from './presence.ts';
import { rowCellText } from './row-model.ts';
import {
  columnAdd,
  columnMm,
  columnMove,
  columnPx,
  columnRemove,
  columnRename,
  columnResize,
  columnsAddable,
  rowInsert,
  rowsDelete,
  rowsMoveBy,
  rowsMoveTo,
  sectionInsert,
  templateApply,
} from './row-ops.ts';
import type { OpResult } from './row-ops.ts';
import { posClamp, rangeOf, selectionAll } from './selection.ts';
import type { CellPos, GridSelection } from './selection.ts';
import { useGridSnapshot, useGridStore } from './use-grid-model.ts';
import { usePresencePeers, usePresencePublish } from './use-presence.ts';
import { useValidation } from './use-validation.ts';
import { rowState, VALIDATION_EMPTY } from './validation-index.ts';
import './grid.css';

export interface PlanGridProps extends GridSlots {
  doc: Y.Doc;
  tableId: string;
  actor: Actor;
  units: UnitDirectory;
  awareness: Awareness;
  planYear: number;
  onNotice: (message: string) => void;
  /** Text typed in an editor whose cell went away (or became read-only), to keep for the person (a read-only view has none). */
  onKept?: (notice: KeptNotice) => void;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RowModel>();
const getRowId = (row: RowModel): string => row.id ?? '';

/** Height of a one-line row before it is measured. */
const ROW_ESTIMATE = 34;
const EMPTY_ROW_IDS: readonly string[] = [];

/** A selection corner kept by identity, so others' inserts above do not move it. */
interface CellRef {
  rowId: string;
  field: string;
}
interface SelState {
  anchor: CellRef;
  focus: CellRef;
  /** Where it was when set (used when its row disappears). */
  hint: GridSelection;
}

type Popup =
  | { kind: 'row'; x: number; y: number }
  | { kind: 'column'; x: number; y: number; field: string }
  | { kind: 'addColumn'; x: number; y: number; index?: number }
  | { kind: 'rename'; x: number; y: number; field: string; label: string }
  | { kind: 'customColumn'; x: number; y: number; index?: number };

interface RowDrag {
  ids: string[];
  over: number;
  side: 'before' | 'after';
}

function ownersOf(row: RowModel | undefined): readonly string[] {
  return row?.kind === 'item' ? (row.owners ?? []) : EMPTY_ROW_IDS;
}

/**
 * The grid of a table (memoised: the plan page re-renders on every save-state change, the grid
 * only when its own inputs change).
 */
export const PlanGrid = memo(function PlanGrid(props: PlanGridProps): ReactNode {
  const { doc, tableId, units, awareness, planYear, onNotice, onKept, rowMarks, rowMenuItems, registerJump, findingsPanel } = props;
  const t = useT();
  const actor = useMemo<Actor>(
    () => ({ userId: props.actor.userId, role: props.actor.role, unitId: props.actor.unitId }),
    [props.actor.userId, props.actor.role, props.actor.unitId],
  );
  const manager = permissionIsManager(actor);
  const canAddRows = permissionCanAddRow(actor);

  // ---- The table, validation, filters ---------------------------------------------------------
  const store = useGridStore(doc, tableId);
  const snap = useGridSnapshot(store);
  const validation = useValidation(store.model, snap, units, planYear);
  const [filter, setFilter] = useState<GridFilter>(FILTER_NONE);
  /** The cell being edited, by row id and field (`label` for a section's title); null when none. */
  const [edit, setEdit] = useState<CellRef | null>(null);
  const editRowIndex = edit ? snap.indexOf.get(edit.rowId) : undefined;
  const visibleIdx = useMemo(() => {
    const shown = filterRows(snap.rows, filter, { unitId: actor.unitId, stateOf: (id) => rowState(validation, id) });
    // The row being edited stays in view while edited, even if an edit makes the filter drop it.
    if (!shown || editRowIndex === undefined || shown.includes(editRowIndex)) return shown;
    return [...shown, editRowIndex].sort((a, b) => a - b);
  }, [snap.rows, filter, actor.unitId, validation, editRowIndex]);
  const rows = useMemo<readonly RowModel[]>(() => (visibleIdx ? visibleIdx.map((i) => snap.rows[i] as RowModel) : snap.rows), [visibleIdx, snap.rows]);
  const numbers = useMemo<readonly string[]>(() => (visibleIdx ? visibleIdx.map((i) => snap.numbers[i] ?? '') : snap.numbers), [visibleIdx, snap.numbers]);
  const visibleIndex = useMemo<ReadonlyMap<string, number>>(
    () => (visibleIdx ? new Map(rows.map((r, i) => [r.id as string, i])) : snap.indexOf),
    [visibleIdx, rows, snap.indexOf],
  );
  const columns = snap.info.columns;
  const fields = useMemo(() => columns.map((c) => c.field), [columns]);
  const size = useMemo(() => ({ rows: rows.length, cols: columns.length }), [rows.length, columns.length]);

  // TanStack Table: column definitions, header groups and the row model of the visible rows.
  const tableColumns = useMemo(
    () => helper.columns(columns.map((c) => helper.accessor((row: RowModel) => rowCellText(row, c.field), { id: c.field, header: c.label }))),
    [columns],
  );
  // The row model follows the table's structure (which rows, in which order): it is rebuilt
  // when rows are added, removed, moved or filtered, not on every keystroke in a 5,000-row
  // table. Cells are drawn from the current snapshot (`rows`), never from a stale `original`.
  const structure = useMemo(() => rows, [visibleIdx, snap.indexOf]);
  const table = useTable({ features, columns: tableColumns, data: structure, getRowId });
  const rowModel = table.getRowModel().rows;
  const getItemKey = useCallback((i: number) => rowModel[i]?.id ?? i, [rowModel]);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  // ---- Layout ---------------------------------------------------------------------------------
  const [resize, setResize] = useState<{ field: string; px: number } | null>(null);
  const layout = useMemo(() => gridLayout(columns, snap.info.numberWidth, resize), [columns, snap.info.numberWidth, resize]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [headerH, setHeaderH] = useState(40);
  useLayoutEffect(() => {
    const el = headerRef.current;
    if (!el) return;
    const update = (): void => setHeaderH(el.offsetHeight);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    getItemKey,
    scrollMargin: headerH,
    scrollPaddingStart: headerH,
  });

  // ---- Selection ------------------------------------------------------------------------------
  const [sel, setSel] = useState<SelState | null>(null);
  const resolve = useCallback(
    (ref: CellRef, hint: CellPos): CellPos => {
      const row = visibleIndex.get(ref.rowId);
      const col = fields.indexOf(ref.field);
      return posClamp({ row: row ?? hint.row, col: col >= 0 ? col : hint.col }, size);
    },
    [visibleIndex, fields, size],
  );
  const selection = useMemo<GridSelection | null>(() => {
    if (size.rows === 0 || size.cols === 0) return null;
    if (!sel) return { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } };
    return { anchor: resolve(sel.anchor, sel.hint.anchor), focus: resolve(sel.focus, sel.hint.focus) };
  }, [sel, resolve, size]);
  const range = selection ? rangeOf(selection.anchor, selection.focus) : null;
  const focus = selection?.focus ?? null;
  const focusRow = focus ? rows[focus.row] : undefined;
  const focusColumn = focus ? columns[focus.col] : undefined;
  const inputField = focusRow?.kind === 'section' ? 'label' : (focusColumn?.field ?? null);
  // Editing only while the cursor is on the very cell being edited: when that row is deleted the
  // cursor falls on a neighbour, and the editor must not follow it there.
  const editing = edit !== null && focusRow?.id === edit.rowId && inputField === edit.field;

  const refAt = useCallback((pos: CellPos): CellRef | null => {
    const row = rows[pos.row];
    const field = fields[pos.col];
    return row?.id && field ? { rowId: row.id, field } : null;
  }, [rows, fields]);

  /** Selects from `anchor` to `focus` (indices), ending any edit. */
  const select = useCallback(
    (anchor: CellPos, focusPos: CellPos) => {
      const a = refAt(posClamp(anchor, size));
      const f = refAt(posClamp(focusPos, size));
      if (!a || !f) return;
      setSel({ anchor: a, focus: f, hint: { anchor, focus: focusPos } });
      setEdit(null);
    },
    [refAt, size],
  );

  /** Selects cells by row id and field (rows just inserted, a finding's cell). */
  const revealPending = useRef(false);
  const selectRef = useCallback((anchor: CellRef, focusRef: CellRef = anchor, startEdit = false) => {
    setSel({ anchor, focus: focusRef, hint: { anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } } });
    const section = planDocRowInfo(doc, tableId, focusRef.rowId)?.kind === 'section';
    setEdit(startEdit ? { rowId: focusRef.rowId, field: section ? 'label' : focusRef.field } : null);
    revealPending.current = true;
  }, [doc, tableId]);

  const selRef = useRef(sel);
  selRef.current = sel;

  // ---- Undo -----------------------------------------------------------------------------------
  const [undoTick, setUndoTick] = useState(0);
  // Read at render: the store makes a new one when the table map is replaced (or re-observed).
  const um = store.undoManager();
  useEffect(() => {
    if (!um) return;
    const added = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }): void => {
      if (!stackItem.meta.has('sel')) stackItem.meta.set('sel', selRef.current);
      setUndoTick((n) => n + 1);
    };
    const popped = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }): void => {
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
  }, [um]);
  void undoTick;
  const canUndo = (um?.undoStack.length ?? 0) > 0;
  const canRedo = (um?.redoStack.length ?? 0) > 0;

  /** Runs a discrete action as its own undo step. */
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
  }, [store]);
  const redo = useCallback(() => {
    setEdit(null);
    store.undoManager()?.redo();
  }, [store]);

  // ---- Presence -------------------------------------------------------------------------------
  const peers = usePresencePeers(awareness, tableId);
  const peersByRow = useMemo(() => presenceByRow(peers), [peers]);
  const anchorRef = selection ? refAt(selection.anchor) : null;
  const focusRef = focus ? refAt(focus) : null;
  usePresencePublish(awareness, {
    cell: focusRef && inputField ? { tableId, rowId: focusRef.rowId, field: inputField } : null,
    selection: anchorRef && focusRef ? { tableId, anchor: anchorRef, focus: focusRef } : null,
    editing,
  });

  // ---- Scrolling the active cell into view ------------------------------------------------------
  const inputFocus = useCallback(() => {
    scrollRef.current?.querySelector<HTMLTextAreaElement>('[data-testid="cell-input"]')?.focus({ preventScroll: true });
  }, []);

  const reveal = useCallback(
    (pos: CellPos, align: 'auto' | 'center' = 'auto') => {
      const el = scrollRef.current;
      if (!el) return;
      virtualizer.scrollToIndex(pos.row, { align });
      const section = rows[pos.row]?.kind === 'section';
      const left = section ? layout.gutter : (layout.lefts[pos.col] ?? 0);
      const width = section ? Math.min(el.clientWidth, layout.total - layout.gutter) : (layout.widths[pos.col] ?? 0);
      if (left < el.scrollLeft + layout.gutter) el.scrollLeft = Math.max(0, left - layout.gutter);
      else if (left + width > el.scrollLeft + el.clientWidth) el.scrollLeft = left + width - el.clientWidth;
    },
    [virtualizer, rows, layout],
  );

  // Rows just inserted or pasted, a restored selection: scrolled into view once rendered.
  useEffect(() => {
    if (revealPending.current && focus) {
      revealPending.current = false;
      reveal(focus);
    }
  });

  const moveTo = useCallback(
    (to: CellPos, extend: boolean) => {
      if (!selection) return;
      const pos = posClamp(to, size);
      if (extend) select(selection.anchor, pos);
      else select(pos, pos);
      reveal(pos);
    },
    [selection, size, select, reveal],
  );

  // A finding clicked while its row is filtered out: the filter is cleared, then the jump made.
  const [pendingJump, setPendingJump] = useState<CellRef | null>(null);
  const jumpTo = useCallback(
    (rowId: string, field: string | null) => {
      const index = visibleIndex.get(rowId);
      if (index === undefined) {
        if (snap.indexOf.has(rowId)) {
          setFilter(FILTER_NONE);
          setPendingJump({ rowId, field: field ?? '' });
        }
        return;
      }
      const col = field ? fields.indexOf(field) : -1;
      const pos = { row: index, col: col >= 0 ? col : (focus?.col ?? 0) };
      select(pos, pos);
      reveal(pos, 'center');
      inputFocus();
    },
    [visibleIndex, snap.indexOf, fields, focus, select, reveal, inputFocus],
  );
  // Others (the review's panel and unread list) may show a row: the grid offers its jump.
  const jumpRef = useRef(jumpTo);
  jumpRef.current = jumpTo;
  useEffect(() => registerJump?.((rowId) => jumpRef.current(rowId, null)), [registerJump]);

  useEffect(() => {
    if (pendingJump && visibleIndex.has(pendingJump.rowId)) {
      setPendingJump(null);
      jumpTo(pendingJump.rowId, pendingJump.field || null);
    }
  }, [pendingJump, visibleIndex, jumpTo]);

  // ---- Edits ----------------------------------------------------------------------------------
  const say = useCallback((messages: readonly GridMessage[]) => {
    const text = messages.map((m) => t(m.key, m.params)).join(' ');
    if (text) onNotice(text);
  }, [t, onNotice]);

  const editContext = useCallback(
    (): EditContext | null =>
      range ? { rows, numbers, columns, range, actor, units } : null,
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
        const col = (f: string) => (f === 'label' ? (focusColumn?.field ?? fields[0] ?? '') : f);
        selectRef({ rowId: firstWrite.rowId, field: col(firstWrite.field) }, { rowId: lastWrite.rowId, field: col(lastWrite.field) });
      } else if (inserted[0] && fields[0]) {
        selectRef({ rowId: inserted[0], field: fields[Math.max(0, range?.left ?? 0)] ?? fields[0] });
      }
    },
    [editContext, rows, numbers, columns, actor, units, say, planRefusal, step, doc, tableId, focusColumn, fields, selectRef, range],
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

  // ---- Row actions ------------------------------------------------------------------------------
  const selectedRows = useMemo(() => (range ? rows.slice(range.top, range.bottom + 1) : []), [range, rows]);
  const report = useCallback((result: OpResult): result is { ok: true; rowIds: string[] } => {
    if (!result.ok && result.reason) onNotice(result.reason);
    return result.ok;
  }, [onNotice]);

  const insertRow = useCallback(
    (where: 'above' | 'below') => {
      const anchor = where === 'above' ? rows[range?.top ?? 0] : rows[range?.bottom ?? rows.length - 1];
      const result = step(() => rowInsert(doc, tableId, actor, units, anchor?.id ?? null, where));
      if (report(result) && result.rowIds[0]) selectRef({ rowId: result.rowIds[0], field: focusColumn?.field ?? fields[0] ?? '' });
      inputFocus();
    },
    [rows, range, step, doc, tableId, actor, units, report, selectRef, focusColumn, fields, inputFocus],
  );

  const addSection = useCallback(() => {
    const anchor = rows[range?.top ?? 0];
    const result = step(() => sectionInsert(doc, tableId, actor, anchor?.id ?? null, 'above'));
    if (report(result) && result.rowIds[0]) selectRef({ rowId: result.rowIds[0], field: focusColumn?.field ?? fields[0] ?? '' }, undefined, true);
    inputFocus();
  }, [rows, range, step, doc, tableId, actor, report, selectRef, focusColumn, fields, inputFocus]);

  const deleteRows = useCallback(() => {
    if (selectedRows.length === 0) return;
    const result = step(() => rowsDelete(doc, tableId, actor, selectedRows));
    if (report(result)) {
      onNotice(t('grid.row.deleted', { count: selectedRows.length }));
      const pos = { row: Math.min(range?.top ?? 0, rows.length - 1 - selectedRows.length), col: focus?.col ?? 0 };
      const next = rows[range && range.bottom + 1 < rows.length ? range.bottom + 1 : Math.max(0, (range?.top ?? 0) - 1)];
      if (next?.id && fields[pos.col]) selectRef({ rowId: next.id, field: fields[pos.col] as string });
    }
    inputFocus();
  }, [selectedRows, step, doc, tableId, actor, report, onNotice, t, range, rows, focus, fields, selectRef, inputFocus]);

  const moveRows = useCallback(
    (by: -1 | 1) => {
      if (!range) return;
      report(step(() => rowsMoveBy(doc, tableId, actor, rows, range.top, range.bottom, by)));
      inputFocus();
    },
    [range, report, step, doc, tableId, actor, rows, inputFocus],
  );

  const moveVerdict = (by: -1 | 1): Verdict => {
    if (!range || selectedRows.length === 0) return { ok: false, reason: '' };
    for (const row of selectedRows) {
      const v = permissionCanMoveRow(actor, { kind: row.kind, owners: ownersOf(row) });
      if (!v.ok) return v;
    }
    const edge = by < 0 ? range.top > 0 : range.bottom < rows.length - 1;
    return edge ? { ok: true } : { ok: false, reason: '' };
  };
  const deleteVerdict = ((): Verdict => {
    if (selectedRows.length === 0) return { ok: false, reason: '' };
    for (const row of selectedRows) {
      const v = permissionCanDeleteRow(actor, { kind: row.kind, owners: ownersOf(row) });
      if (!v.ok) return v;
    }
    return { ok: true };
  })();

  // ---- Keys -------------------------------------------------------------------------------------
  const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - headerH) / ROW_ESTIMATE) - 1);
  const focusVerdict: Verdict | null =
    focusRow && inputField ? permissionCanEditCell(actor, { kind: focusRow.kind, owners: ownersOf(focusRow) }, inputField) : null;
  const readOnly = focusVerdict && !focusVerdict.ok ? focusVerdict.reason : null;

  const onGridKey = useCallback(
    (e: React.KeyboardEvent<HTMLElement>): boolean => {
      if (!focus || !range) {
        const action = gridKeyAction(e, { focus: { row: 0, col: 0 }, size, pageRows, editable: false, isRange: false });
        if (action?.type === 'undo') undo();
        else if (action?.type === 'redo') redo();
        else return false;
        return true;
      }
      const action = gridKeyAction(e, {
        focus,
        size,
        pageRows,
        editable: readOnly === null,
        isRange: range.top !== range.bottom || range.left !== range.right,
      });
      if (!action) return false;
      switch (action.type) {
        case 'move':
          moveTo(action.to, action.extend);
          return true;
        case 'edit':
          // The cell input opens the editor itself (caret at the end).
          return false;
        case 'clear':
          clearSelection();
          return true;
        case 'undo':
          undo();
          return true;
        case 'redo':
          redo();
          return true;
        case 'selectAll':
          if (selection) {
            const all = selectionAll(selection, size);
            select(all.anchor, all.focus);
            reveal(all.focus);
          }
          return true;
        case 'collapse':
          select(focus, focus);
          return true;
        case 'moveRows':
          moveRows(action.by);
          return true;
      }
    },
    [focus, range, size, pageRows, readOnly, moveTo, clearSelection, undo, redo, selection, select, reveal, moveRows],
  );

  // The coordinator's lead decides who may edit the row (DESIGN.md: owners are set from the
  // lead): once an edit of a lead cell ends — Enter, Tab, a click elsewhere — the owners follow.
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

  const onDone = useCallback(
    ({ move }: { commit: boolean; move: Move }) => {
      setEdit(null);
      store.undoManager()?.stopCapturing();
      if (!focus) return;
      const last = size.cols - 1;
      switch (move) {
        case 'down':
          moveTo({ row: focus.row + 1, col: focus.col }, false);
          break;
        case 'up':
          moveTo({ row: focus.row - 1, col: focus.col }, false);
          break;
        case 'right':
          moveTo(focus.col < last ? { row: focus.row, col: focus.col + 1 } : { row: Math.min(focus.row + 1, size.rows - 1), col: focus.row + 1 < size.rows ? 0 : last }, false);
          break;
        case 'left':
          moveTo(focus.col > 0 ? { row: focus.row, col: focus.col - 1 } : { row: Math.max(0, focus.row - 1), col: focus.row > 0 ? last : 0 }, false);
          break;
        case 'none':
          break;
      }
    },
    [store, focus, size, moveTo],
  );

  const onStartEdit = useCallback(() => {
    if (manager && focusRow?.kind === 'item' && focusRow.id && inputField === 'lead') leadEdited.current = focusRow.id;
    if (focusRow?.id && inputField) setEdit({ rowId: focusRow.id, field: inputField });
  }, [manager, focusRow, inputField]);

  // The editor's cell, checked against the document itself (see CellInput's `guard`).
  const guard = useCallback((rowId: string, field: string) => editTargetCheck(doc, tableId, actor, rowId, field) === null, [doc, tableId, actor]);
  // The last snapshot in which the edited row was still there: to say which row it was once it is gone.
  const editSnap = useRef(snap);
  if (edit && snap.indexOf.has(edit.rowId)) editSnap.current = snap;
  // The edited cell lost by this tab's own doing (the person deleted the row or removed the column
  // while editing it, an undo took the row away): the editor closes quietly — what was typed went
  // with the row, and Ctrl+Z brings both back.
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
      setEdit(null);
      store.undoManager()?.stopCapturing();
      if (lostHere.current === `${rowId}\u0000${field}`) {
        lostHere.current = null;
        return;
      }
      const loss = editTargetCheck(doc, tableId, actor, rowId, field) ?? { kind: 'rowDeleted' as const };
      const where = editSnap.current.indexOf.has(rowId) ? editSnap.current : snap;
      onKept?.(editTargetKept(loss, { snap: where, tableId, rowId, field, sectionLabel: t('kept.label.section') }, text, Date.now()));
    },
    [store, doc, tableId, actor, snap, onKept, t],
  );
  const onReadOnlyAttempt = useCallback(() => {
    if (readOnly) onNotice(readOnly);
  }, [readOnly, onNotice]);

  // ---- Mouse: select, extend, drag a range, drag rows --------------------------------------------
  const [drag, setDrag] = useState<RowDrag | null>(null);
  const [popup, setPopup] = useState<Popup | null>(null);

  const cellAt = gridCellAt;

  const latest = useRef({ selection, select, rows, size, drag });
  latest.current = { selection, select, rows, size, drag };

  const autoScroll = (clientY: number): void => {
    if (scrollRef.current) pointerAutoScroll(scrollRef.current, clientY, headerH);
  };

  const startRangeDrag = (anchor: CellPos) => {
    pointerDrag(
      (e) => {
        const hit = cellAt(document.elementFromPoint(e.clientX, e.clientY));
        const { select: sel } = latest.current;
        if (hit && !hit.gutter) sel(anchor, hit.pos);
        else if (hit?.gutter) sel({ row: anchor.row, col: 0 }, { row: hit.pos.row, col: latest.current.size.cols - 1 });
        autoScroll(e.clientY);
      },
      () => {},
    );
  };

  const startRowDrag = (index: number) => {
    const { selection: s, rows: rs } = latest.current;
    const r = s ? rangeOf(s.anchor, s.focus) : null;
    const block = r && index >= r.top && index <= r.bottom ? rs.slice(r.top, r.bottom + 1) : rs.slice(index, index + 1);
    for (const row of block) {
      const v = permissionCanMoveRow(actor, { kind: row.kind, owners: ownersOf(row) });
      if (!v.ok) {
        onNotice(v.reason);
        return;
      }
    }
    const ids = block.map((row) => row.id as string);
    setDrag({ ids, over: index, side: 'before' });
    pointerDrag(
      (e) => {
        const el = document.elementFromPoint(e.clientX, e.clientY);
        const rowEl = el instanceof Element ? el.closest<HTMLElement>('[data-row]') : null;
        if (rowEl) {
          const box = rowEl.getBoundingClientRect();
          setDrag({ ids, over: Number(rowEl.dataset.row), side: e.clientY < box.top + box.height / 2 ? 'before' : 'after' });
        }
        autoScroll(e.clientY);
      },
      () => {
        const current = latest.current.drag;
        setDrag(null);
        const target = current ? latest.current.rows[current.over] : undefined;
        if (!current || !target?.id || current.ids.includes(target.id)) return;
        const moving = latest.current.rows.filter((row) => row.id && current.ids.includes(row.id));
        report(step(() => rowsMoveTo(doc, tableId, actor, moving, target.id as string, current.side)));
      },
    );
  };

  const onBodyPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    const target = e.target as Element;
    if (target.closest('textarea, .cell-editor-panel-anchor')) return; // the editor handles its own clicks
    if (target.closest('[data-row-action]')) return; // a row's review mark opens its panel
    const hit = cellAt(target);
    if (!hit) return;
    if (target.closest('[data-drag-handle]')) {
      e.preventDefault();
      startRowDrag(hit.pos.row);
      return;
    }
    if (hit.gutter) {
      const anchor = e.shiftKey && selection ? { row: selection.anchor.row, col: 0 } : { row: hit.pos.row, col: 0 };
      select(anchor, { row: hit.pos.row, col: size.cols - 1 });
      startRangeDrag(anchor);
    } else if (e.shiftKey && selection) {
      select(selection.anchor, hit.pos);
    } else {
      select(hit.pos, hit.pos);
      startRangeDrag(hit.pos);
    }
    inputFocus();
  };

  const onBodyMouseDown = (e: React.MouseEvent<HTMLDivElement>): void => {
    // Keep the focus in the cell input and no text selection while selecting cells (an empty
    // table lets the click focus the grid itself, to paste into it).
    if (rows.length > 0 && !(e.target as Element).closest('textarea, input, button, select, .cell-editor-panel-anchor')) e.preventDefault();
  };

  const onContextMenu = (e: React.MouseEvent<HTMLDivElement>): void => {
    const target = e.target as Element;
    // The context-menu key on the selected cell: the menu opens at the cell.
    if (target.matches('[data-testid="cell-input"]') && !editing && focus) {
      e.preventDefault();
      const r = target.getBoundingClientRect();
      setPopup({ kind: 'row', x: r.left + 8, y: r.bottom });
      return;
    }
    const hit = cellAt(target);
    if (!hit) return;
    e.preventDefault();
    if (!range || hit.pos.row < range.top || hit.pos.row > range.bottom) select(hit.pos, hit.pos);
    setPopup({ kind: 'row', x: e.clientX, y: e.clientY });
  };

  // ---- Columns ------------------------------------------------------------------------------------
  const startResize = useCallback(
    (field: string, startX: number, startPx: number) => {
      let px = startPx;
      pointerDrag(
        (e) => {
          px = Math.max(columnPx(8), startPx + e.clientX - startX);
          setResize({ field, px });
        },
        () => {
          setResize(null);
          if (px !== startPx) report(step(() => columnResize(doc, tableId, actor, field, columnMm(px))));
        },
      );
    },
    [report, step, doc, tableId, actor],
  );
  const onColumnMenu = useCallback((field: string, r: DOMRect) => setPopup({ kind: 'column', x: r.left, y: r.bottom + 2, field }), []);
  const headerColumns = useMemo(
    () =>
      headers.map((header, ci) => {
        const def = header.column.columnDef.header;
        return { id: header.id, field: header.column.id, label: typeof def === 'string' ? def : (columns[ci]?.label ?? header.column.id) };
      }),
    [headers, columns],
  );

  const addColumn = (field: string | null, index?: number, label?: string) => {
    const known = field && field in FIELDS ? (field as keyof typeof FIELDS) : undefined;
    report(step(() => columnAdd(doc, tableId, actor, { ...(known ? { field: known } : {}), ...(label ? { label } : {}), ...(index === undefined ? {} : { index }), year: planYear })));
  };

  const popupItems = (p: Popup): MenuItem[] => {
    switch (p.kind) {
      case 'row': {
        const items: MenuItem[] = [];
        if (canAddRows.ok) {
          items.push({ label: t('grid.row.insertAbove'), onSelect: () => insertRow('above') });
          items.push({ label: t('grid.row.insertBelow'), onSelect: () => insertRow('below') });
        }
        if (manager) items.push({ label: t('grid.row.addSectionAbove'), onSelect: addSection });
        const up = moveVerdict(-1);
        const down = moveVerdict(1);
        if (canAddRows.ok) {
          items.push({ label: t('grid.row.moveUp'), onSelect: () => moveRows(-1), disabled: !up.ok, title: up.ok ? undefined : up.reason, separated: true });
          items.push({ label: t('grid.row.moveDown'), onSelect: () => moveRows(1), disabled: !down.ok, title: down.ok ? undefined : down.reason });
          items.push({
            label: selectedRows.length > 1 ? t('grid.row.deleteMany', { count: selectedRows.length }) : t('grid.row.delete'),
            onSelect: deleteRows,
            disabled: !deleteVerdict.ok,
            title: deleteVerdict.ok ? undefined : deleteVerdict.reason,
            danger: true,
            separated: true,
          });
        }
        if (rowMenuItems) {
          const itemIds = selectedRows.filter((r) => r.kind === 'item' && r.id).map((r) => r.id as string);
          items.push(...rowMenuItems({ focusRowId: focusRow?.id, itemIds }));
        }
        return items;
      }
      case 'column': {
        const index = fields.indexOf(p.field);
        const column = columns[index];
        return [
          { label: `${t('grid.column.rename')}…`, onSelect: () => setPopup({ kind: 'rename', x: p.x, y: p.y, field: p.field, label: column?.label ?? '' }) },
          { label: t('grid.column.moveLeft'), disabled: index <= 0, onSelect: () => report(step(() => columnMove(doc, tableId, actor, p.field, index - 1))) },
          { label: t('grid.column.moveRight'), disabled: index >= columns.length - 1, onSelect: () => report(step(() => columnMove(doc, tableId, actor, p.field, index + 1))) },
          { label: `${t('grid.column.addRight')}…`, onSelect: () => setPopup({ kind: 'addColumn', x: p.x, y: p.y, index: index + 1 }), separated: true },
          {
            label: t('grid.column.remove'),
            danger: true,
            separated: true,
            disabled: columns.length <= 1,
            onSelect: () => {
              if (report(step(() => columnRemove(doc, tableId, actor, p.field)))) onNotice(t('grid.column.removed', { label: column?.label ?? p.field }));
            },
          },
        ];
      }
      case 'addColumn':
        return [
          ...columnsAddable(fields).map((field) => ({
            label: fieldLabelForYear(FIELDS[field].label, planYear),
            onSelect: () => addColumn(field, p.index),
          })),
          { label: t('grid.column.addCustom'), separated: true, onSelect: () => setPopup({ kind: 'customColumn', x: p.x, y: p.y, ...(p.index === undefined ? {} : { index: p.index }) }) },
        ];
      default:
        return [];
    }
  };

  const applyTemplate = (id: TemplateId) => {
    if (report(step(() => templateApply(doc, tableId, actor, id, planYear, snap.rows.length)))) onNotice(t('grid.templateApplied', { name: TEMPLATES[id].name }));
  };

  // ---- Validation panel -----------------------------------------------------------------------------
  const [panelOpen, setPanelOpen] = useState(false);
  const onJump = useCallback((f: Finding) => f.rowId && jumpTo(f.rowId, f.field), [jumpTo]);
  const onFilterUnit = useCallback((unitId: string | null) => setFilter({ ...FILTER_NONE, owners: [unitId ?? OWNER_NONE] }), []);
  const closePanel = useCallback(() => setPanelOpen(false), []);

  // Not urgent: counted after the keystroke is on screen.
  const laterRows = useDeferredValue(snap.rows);
  const laterVisible = useDeferredValue(rows);
  const ownerOptions = useMemo(() => {
    const ids = new Set<string>();
    for (const row of laterRows) for (const o of ownersOf(row)) ids.add(o);
    return [...ids].map((id) => ({ id, name: unitById(units, id)?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [laterRows, units]);

  const itemCounts = useMemo(() => {
    const count = (list: readonly RowModel[]): number => list.reduce((n, r) => (r.kind === 'item' ? n + 1 : n), 0);
    const total = count(laterRows);
    return { total, shown: laterVisible === laterRows ? total : count(laterVisible) };
  }, [laterRows, laterVisible]);

  // ---- Render ---------------------------------------------------------------------------------------
  const items = virtualizer.getVirtualItems();
  const measure = virtualizer.measureElement;
  const focusItem = focus ? virtualizer.measurementsCache[focus.row] : undefined;
  const cellTop = focusItem ? focusItem.start - headerH : 0;
  const cellLeft = focus ? (focusRow?.kind === 'section' ? layout.gutter : (layout.lefts[focus.col] ?? 0)) : 0;
  const cellWidth = focus ? (focusRow?.kind === 'section' ? layout.total - layout.gutter : (layout.widths[focus.col] ?? 0)) : 0;
  const cellHeight = focusItem?.size ?? 0;
  const inputRowId = focusItem ? (focusRow?.id ?? null) : null;
  // One object while the cell and its place are the same (the input re-measures when it changes).
  const inputCell = useMemo(
    () =>
      inputRowId && inputField
        ? { rowId: inputRowId, field: inputField, rect: { top: cellTop, left: cellLeft, width: cellWidth, height: cellHeight } }
        : null,
    [inputRowId, inputField, cellTop, cellLeft, cellWidth, cellHeight],
  );
  const ytext = inputCell ? (planDocCellText(doc, tableId, inputCell.rowId, inputCell.field) ?? null) : null;
  const everythingReadOnly = !manager && actor.role !== 'editor';
  const emptyTable = snap.rows.length === 0;

  return (
    <div className="pg-root">
      <GridToolbar
        t={t}
        rowsEditable={canAddRows.ok}
        manager={manager}
        canAdd={canAddRows}
        canSection={permissionCanEditStructure(actor)}
        canDelete={deleteVerdict}
        canMoveUp={moveVerdict(-1)}
        canMoveDown={moveVerdict(1)}
        deleteCount={selectedRows.length}
        canUndo={canUndo}
        canRedo={canRedo}
        onInsert={insertRow}
        onAddSection={addSection}
        onDelete={deleteRows}
        onMove={moveRows}
        onUndo={undo}
        onRedo={redo}
        onAddColumn={(el) => {
          const r = el.getBoundingClientRect();
          setPopup({ kind: 'addColumn', x: r.left, y: r.bottom + 2 });
        }}
        templateChoice={manager && emptyTable}
        onTemplate={applyTemplate}
        filter={filter}
        onFilter={setFilter}
        owners={ownerOptions}
        mineAvailable={actor.role === 'editor' && actor.unitId !== null}
        shown={itemCounts.shown}
        total={itemCounts.total}
        errors={validation.errors}
        warnings={validation.warnings}
        checking={validation === VALIDATION_EMPTY}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((o) => !o)}
      />
      <div className="pg-main">
        <div
          ref={scrollRef}
          className="pg-scroll"
          role="grid"
          aria-label={t('grid.label', { title: snap.info.title })}
          aria-rowcount={rows.length + 1}
          aria-colcount={columns.length + 1}
          aria-multiselectable="true"
          aria-readonly={everythingReadOnly || undefined}
          tabIndex={rows.length === 0 ? 0 : -1}
          onPaste={rows.length === 0 ? (e) => onClipboard(e, 'paste') : undefined}
          onKeyDown={
            rows.length === 0
              ? (e) => {
                  if (e.target === e.currentTarget && onGridKey(e)) e.preventDefault();
                }
              : undefined
          }
          data-testid="plan-grid"
        >
          <GridHeader
            innerRef={headerRef}
            columns={headerColumns}
            layout={layout}
            numberLabel={snap.info.numbering.label}
            manager={manager}
            t={t}
            onMenu={onColumnMenu}
            onResizeStart={startResize}
          />
          <div
            className="pg-body"
            role="rowgroup"
            style={{ height: Math.max(virtualizer.getTotalSize(), rows.length === 0 ? 120 : 0), width: layout.total }}
            onPointerDown={onBodyPointerDown}
            onMouseDown={onBodyMouseDown}
            onContextMenu={onContextMenu}
          >
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const inRange = range !== null && item.index >= range.top && item.index <= range.bottom;
              const presence = row.id ? peersByRow.get(row.id) : undefined;
              const movable =
                canAddRows.ok && permissionCanMoveRow(actor, { kind: row.kind, owners: ownersOf(row) }).ok;
              return (
                <GridRow
                  key={item.key}
                  row={row}
                  index={item.index}
                  number={numbers[item.index] ?? ''}
                  top={item.start - headerH}
                  layout={layout}
                  columns={columns}
                  actor={actor}
                  selLeft={inRange && range ? range.left : -1}
                  selRight={inRange && range ? range.right : -1}
                  focusCol={focus && focus.row === item.index ? focus.col : -1}
                  findings={row.id ? validation.byCell.get(row.id) : undefined}
                  peers={presence?.peers}
                  peersKey={presence?.key ?? ''}
                  movable={movable}
                  drop={drag && drag.over === item.index ? drag.side : null}
                  measure={measure}
                  t={t}
                  mark={row.id ? rowMarks?.markOf(row.id) : undefined}
                  renderMark={rowMarks?.render}
                />
              );
            })}
            {rows.length === 0 ? (
              <div className="pg-empty">
                <p>{emptyTable ? t('grid.empty') : t('grid.emptyFiltered')}</p>
                {emptyTable && canAddRows.ok ? (
                  <>
                    <p className="pg-muted">{t('grid.emptyHint')}</p>
                    <button type="button" onClick={() => insertRow('below')}>
                      {t('grid.row.add')}
                    </button>
                  </>
                ) : null}
              </div>
            ) : null}
            <CellInput
              cell={inputCell}
              ytext={ytext}
              kind={inputField && inputField !== 'label' ? fieldKind(inputField) : 'text'}
              multiline={inputField === 'label' ? false : inputField ? (fieldDef(inputField)?.multiline ?? true) : false}
              readOnly={readOnly}
              editing={editing && inputCell !== null}
              units={units}
              planYear={planYear}
              onStartEdit={onStartEdit}
              onDone={onDone}
              onGridKey={onGridKey}
              onClipboard={onClipboard}
              onReadOnlyAttempt={onReadOnlyAttempt}
              guard={guard}
              onAbandon={onAbandon}
            />
          </div>
        </div>
        {panelOpen ? (
          findingsPanel({ findings: validation.findings, rows: snap.rows, columns, units, onJump, onFilterUnit, onClose: closePanel })
        ) : null}
      </div>
      {popup && (popup.kind === 'row' || popup.kind === 'column' || popup.kind === 'addColumn') ? (
        <GridMenu
          x={popup.x}
          y={popup.y}
          label={popup.kind === 'row' ? t('grid.row.menu') : popup.kind === 'column' ? t('grid.column.menu', { label: columns[fields.indexOf(popup.field)]?.label ?? '' }) : t('grid.column.add')}
          items={popupItems(popup)}
          onClose={() => {
            setPopup((p) => (p === popup ? null : p));
            inputFocus();
          }}
        />
      ) : null}
      {popup && (popup.kind === 'rename' || popup.kind === 'customColumn') ? (
        <GridPrompt
          x={popup.x}
          y={popup.y}
          label={popup.kind === 'rename' ? t('grid.column.newName') : t('grid.column.customName')}
          initial={popup.kind === 'rename' ? popup.label : ''}
          saveLabel={t('grid.column.save')}
          cancelLabel={t('grid.column.cancel')}
          onSave={(value) => {
            if (popup.kind === 'rename') report(step(() => columnRename(doc, tableId, actor, popup.field, value)));
            else addColumn(null, popup.index, value);
          }}
          onClose={() => {
            setPopup((p) => (p === popup ? null : p));
            inputFocus();
          }}
        />
      ) : null}
    </div>
  );
});
