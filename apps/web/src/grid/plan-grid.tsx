/**
 * The grid of one appendix table: a spreadsheet over the plan's Y.Doc. It reads the table through
 * `GridModel` (row by row, from Yjs events), lays it out with TanStack Table (columns, headers,
 * row model) and TanStack Virtual (only the rows in view are in the DOM), and follows the
 * WAI-ARIA grid pattern. Selection, undo, keys, clipboard, row and column actions, menus, mouse
 * drags, jumps, filters, presence and validation live in hooks (`use-grid-*.ts`, `use-row-*.ts`)
 * and pure modules beside this one; this component wires them to the DOM. What the page adds
 * (review marks, menu items, the findings panel) comes in as slots (grid-slots.ts).
 * Editing itself is `CellInput`: the one focusable element, lying over the active cell.
 *
 * The selection and the cell being edited are kept by row id and field: a row inserted or
 * deleted above leaves them where they are. When the row being edited is deleted (the cursor
 * then moves to a neighbour), its column removed, or the person loses the right to write it,
 * the editor closes — it never moves to another cell — and what was typed is kept for the
 * person (`onKept`). Paste and clear check their target cells against the document at the moment
 * of writing (edit-target.ts) and are refused whole when one went away.
 */
import { memo, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  FIELDS,
  TEMPLATES,
  fieldDef,
  fieldKind,
  permissionCanAddRow,
  permissionCanEditCell,
  permissionCanEditStructure,
  permissionCanMoveRow,
  permissionIsManager,
  planDocCellText,
} from '@phuluc/domain';
import type { Actor, Finding, RowModel, TemplateId, UnitDirectory, Verdict } from '@phuluc/domain';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useT } from '../i18n/strings.ts';
import type { KeptNotice } from '../sync/kept-edits.ts';
import { CellInput } from './cell-input.tsx';
import type { Move } from './cell-input.tsx';
import type { GridMessage } from './edit-plan.ts';
import { FILTER_NONE, OWNER_NONE, filterOwnerOptions, filterRows, rowsItemCount } from './filters.ts';
import type { GridFilter } from './filters.ts';
import { gridCssVars, gridLayout, layoutColumnMm, rowHeightEstimate, ROW_MAX_PX } from './geometry.ts';
import { GridHeader } from './grid-header.tsx';
import { GridMenu, GridPrompt } from './grid-menu.tsx';
import { addColumnMenuItems, columnMenuItems, rowMenuItems } from './grid-menu-items.ts';
import type { GridPopup } from './grid-menu-items.ts';
import type { MenuItem } from './grid-menu.tsx';
import { gridCellAt, pointerDrag } from './grid-pointer.ts';
import { GridRow } from './grid-row.tsx';
import type { GridSlots } from './grid-slots.ts';
import { GridToolbar } from './grid-toolbar.tsx';
import { presenceByRow } from './presence.ts';
import { rowCellText, rowOwners } from './row-model.ts';
import { columnAdd, columnMove, columnPx, columnRemove, columnRename, columnResize, rowsMoveTo, templateApply } from './row-ops.ts';
import { posAfterEditorMove, posClamp } from './selection.ts';
import type { CellPos } from './selection.ts';
import { useEditLoss } from './use-edit-loss.ts';
import { useElementHeight, useElementWidth } from './use-element-height.ts';
import { useGridClipboard } from './use-grid-clipboard.ts';
import { useGridJump } from './use-grid-jump.ts';
import { useGridKeys } from './use-grid-keys.ts';
import { useGridReveal } from './use-grid-reveal.ts';
import { useGridStore, useGridSnapshot } from './use-grid-model.ts';
import { useGridSelection } from './use-grid-selection.ts';
import type { CellRef } from './use-grid-selection.ts';
import { useGridUndo } from './use-grid-undo.ts';
import { useLeadOwners } from './use-lead-owners.ts';
import { usePresencePeers, usePresencePublish } from './use-presence.ts';
import { useRowActions } from './use-row-actions.ts';
import { useRowDrag } from './use-row-drag.ts';
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

/** The grid's typography (geometry.ts), as the CSS variables grid.css draws cells with. */
const CSS_VARS = gridCssVars() as React.CSSProperties;

/**
 * The grid of a table (memoised: the plan page re-renders on every save-state change, the grid
 * only when its own inputs change).
 */
export const PlanGrid = memo(function PlanGrid(props: PlanGridProps): ReactNode {
  const { doc, tableId, units, awareness, planYear, onNotice, onKept, rowMarks, rowMenuItems: pageRowMenuItems, registerJump, findingsPanel } = props;
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const headerH = useElementHeight(headerRef, 40);
  // The columns share the grid's width (geometry.ts): the table is never wider than the window.
  const gridWidth = useElementWidth(scrollRef);
  const layout = useMemo(() => gridLayout(columns, snap.info.numberWidth, resize, gridWidth), [columns, snap.info.numberWidth, resize, gridWidth]);
  const estimateSize = useCallback(
    (i: number): number => {
      const row = rows[i];
      if (!row) return ROW_MAX_PX;
      if (row.kind === 'section') return rowHeightEstimate([{ text: row.label, width: layout.total - layout.gutter }]);
      return rowHeightEstimate(columns.map((c, ci) => ({ text: row.cells[c.field] ?? '', width: layout.widths[ci] ?? 0 })));
    },
    [rows, columns, layout],
  );
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 6,
    getItemKey,
    scrollMargin: headerH,
    scrollPaddingStart: headerH,
  });

  // New column widths (the window resized, a column dragged) change the rows' heights at once:
  // the rows on screen are measured again now, so no row is left placed by its old height.
  useLayoutEffect(() => {
    scrollRef.current?.querySelectorAll<HTMLDivElement>('.pg-body > [role="row"][data-index]').forEach((el) => virtualizer.measureElement(el));
  }, [layout, virtualizer]);

  // ---- Selection, undo -----------------------------------------------------------------------
  const { selection, range, focus, setSel, selRef, revealPending, refAt, select, selectRef } = useGridSelection({ doc, tableId, rows, fields, visibleIndex, size, setEdit });
  const focusRow = focus ? rows[focus.row] : undefined;
  const focusColumn = focus ? columns[focus.col] : undefined;
  const inputField = focusRow?.kind === 'section' ? 'label' : (focusColumn?.field ?? null);
  // Editing only while the cursor is on the very cell being edited: when that row is deleted the
  // cursor falls on a neighbour, and the editor must not follow it there.
  const editing = edit !== null && focusRow?.id === edit.rowId && inputField === edit.field;

  const { canUndo, canRedo, step, undo, redo } = useGridUndo({ store, selRef, setSel, revealPending, edit, setEdit });

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

  // ---- Scrolling the active cell into view, moving the cursor, jumps ----------------------------
  const { reveal, inputFocus } = useGridReveal({ scrollRef, virtualizer, rows, layout, focus, revealPending });

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

  const clearFilter = useCallback(() => setFilter(FILTER_NONE), []);
  const hasRow = useCallback((rowId: string) => snap.indexOf.has(rowId), [snap.indexOf]);
  const jumpTo = useGridJump({ visibleIndex, hasRow, fields, focus, clearFilter, select, reveal, inputFocus, registerJump });

  // ---- Edits ----------------------------------------------------------------------------------
  const say = useCallback((messages: readonly GridMessage[]) => {
    const text = messages.map((m) => t(m.key, m.params)).join(' ');
    if (text) onNotice(text);
  }, [t, onNotice]);

  const { clearSelection, onClipboard } = useGridClipboard({
    doc, tableId, actor, units, snap, rows, numbers, columns, fields, range, focusField: focusColumn?.field, t, say, step, selectRef,
  });

  // ---- Row actions ------------------------------------------------------------------------------
  const { selectedRows, report, insertRow, addSection, deleteRows, moveRows, moveVerdict, deleteVerdict } = useRowActions({
    doc, tableId, actor, units, rows, fields, range, focus, focusField: focusColumn?.field, t, onNotice, step, selectRef, inputFocus,
  });

  // ---- Keys -------------------------------------------------------------------------------------
  const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - headerH) / ROW_MAX_PX) - 1);
  const focusVerdict: Verdict | null =
    focusRow && inputField ? permissionCanEditCell(actor, { kind: focusRow.kind, owners: rowOwners(focusRow) }, inputField) : null;
  const readOnly = focusVerdict && !focusVerdict.ok ? focusVerdict.reason : null;

  const onGridKey = useGridKeys({ selection, range, focus, size, pageRows, readOnly, moveTo, select, reveal, clearSelection, undo, redo, moveRows });

  const leadEditStarted = useLeadOwners({ doc, tableId, units, editing, focusRow, inputField });

  const onDone = useCallback(
    ({ move }: { commit: boolean; move: Move }) => {
      setEdit(null);
      store.undoManager()?.stopCapturing();
      const to = focus ? posAfterEditorMove(focus, move, size) : null;
      if (to) moveTo(to, false);
    },
    [store, focus, size, moveTo],
  );

  const onStartEdit = useCallback(() => {
    if (manager && focusRow?.kind === 'item' && focusRow.id && inputField === 'lead') leadEditStarted(focusRow.id);
    if (focusRow?.id && inputField) setEdit({ rowId: focusRow.id, field: inputField });
  }, [manager, focusRow, inputField, leadEditStarted]);

  const endEdit = useCallback(() => {
    setEdit(null);
    store.undoManager()?.stopCapturing();
  }, [store]);
  const { guard, onAbandon } = useEditLoss({ doc, tableId, actor, snap, edit, endEdit, onKept, t });
  const onReadOnlyAttempt = useCallback(() => {
    if (readOnly) onNotice(readOnly);
  }, [readOnly, onNotice]);

  // ---- Mouse: select, extend, drag a range, drag rows --------------------------------------------
  const [popup, setPopup] = useState<GridPopup | null>(null);
  const moveBlockTo = (moving: readonly RowModel[], targetId: string, side: 'before' | 'after'): void => {
    report(step(() => rowsMoveTo(doc, tableId, actor, moving, targetId, side)));
  };
  const { drag, onPointerDown: onBodyPointerDown } = useRowDrag({ scrollRef, headerH, selection, select, rows, size, actor, onNotice, moveTo: moveBlockTo, inputFocus });

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
    const hit = gridCellAt(target);
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
          if (px !== startPx) report(step(() => columnResize(doc, tableId, actor, field, layoutColumnMm(columns, snap.info.numberWidth, field, px, gridWidth))));
        },
      );
    },
    [report, step, doc, tableId, actor, columns, snap.info.numberWidth, gridWidth],
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

  const popupItems = (p: GridPopup): MenuItem[] => {
    switch (p.kind) {
      case 'row':
        return rowMenuItems({
          t, canAddRows: canAddRows.ok, manager, moveUp: moveVerdict(-1), moveDown: moveVerdict(1), deleteVerdict, selectedCount: selectedRows.length,
          insertRow, addSection, moveRows, deleteRows,
          extra: pageRowMenuItems?.({ focusRowId: focusRow?.id, itemIds: selectedRows.filter((r) => r.kind === 'item' && r.id).map((r) => r.id as string) }) ?? [],
        });
      case 'column':
        return columnMenuItems({
          t, columns, field: p.field,
          rename: (label) => setPopup({ kind: 'rename', x: p.x, y: p.y, field: p.field, label }),
          move: (to) => report(step(() => columnMove(doc, tableId, actor, p.field, to))),
          addRight: (index) => setPopup({ kind: 'addColumn', x: p.x, y: p.y, index }),
          remove: (label) => {
            if (report(step(() => columnRemove(doc, tableId, actor, p.field)))) onNotice(t('grid.column.removed', { label }));
          },
        });
      case 'addColumn':
        return addColumnMenuItems(t, fields, planYear, (field) => addColumn(field, p.index), () => setPopup({ kind: 'customColumn', x: p.x, y: p.y, ...(p.index === undefined ? {} : { index: p.index }) }));
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
  const ownerOptions = useMemo(() => filterOwnerOptions(laterRows, units), [laterRows, units]);
  const itemCounts = useMemo(() => {
    const total = rowsItemCount(laterRows);
    return { total, shown: laterVisible === laterRows ? total : rowsItemCount(laterVisible) };
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
    <div className="pg-root" style={CSS_VARS}>
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
                canAddRows.ok && permissionCanMoveRow(actor, { kind: row.kind, owners: rowOwners(row) }).ok;
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
              leadOwners={manager && focusRow?.kind === 'item' && inputField === 'lead' ? { actor, owners: rowOwners(focusRow) } : null}
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
