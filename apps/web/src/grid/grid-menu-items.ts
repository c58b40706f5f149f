/**
 * The items of the grid's menus (pure): the row menu (insert, section, move, delete, then the
 * page's own items), a column's menu, and the fields a column may be added for.
 */
import { FIELDS, fieldLabelForYear } from '@phuluc/domain';
import type { Column, Verdict } from '@phuluc/domain';
import type { TFunction } from '../i18n/strings.ts';
import type { MenuItem } from './grid-menu.tsx';
import { columnsAddable } from './row-ops.ts';

/** A menu or prompt open over the grid, where it opens. */
export type GridPopup =
  | { kind: 'row'; x: number; y: number }
  | { kind: 'column'; x: number; y: number; field: string }
  | { kind: 'addColumn'; x: number; y: number; index?: number }
  | { kind: 'rename'; x: number; y: number; field: string; label: string }
  | { kind: 'customColumn'; x: number; y: number; index?: number };

/** What the row menu offers, and what its items do. */
export interface RowMenuContext {
  t: TFunction;
  canAddRows: boolean;
  manager: boolean;
  moveUp: Verdict;
  moveDown: Verdict;
  deleteVerdict: Verdict;
  selectedCount: number;
  insertRow: (where: 'above' | 'below') => void;
  addSection: () => void;
  moveRows: (by: -1 | 1) => void;
  deleteRows: () => void;
  /** The page's items, added at the end. */
  extra: MenuItem[];
}

/** The row menu's items. */
export function rowMenuItems(c: RowMenuContext): MenuItem[] {
  const { t } = c;
  const items: MenuItem[] = [];
  if (c.canAddRows) {
    items.push({ label: t('grid.row.insertAbove'), onSelect: () => c.insertRow('above') });
    items.push({ label: t('grid.row.insertBelow'), onSelect: () => c.insertRow('below') });
  }
  if (c.manager) items.push({ label: t('grid.row.addSectionAbove'), onSelect: c.addSection });
  if (c.canAddRows) {
    const { moveUp: up, moveDown: down, deleteVerdict } = c;
    items.push({ label: t('grid.row.moveUp'), onSelect: () => c.moveRows(-1), disabled: !up.ok, title: up.ok ? undefined : up.reason, separated: true });
    items.push({ label: t('grid.row.moveDown'), onSelect: () => c.moveRows(1), disabled: !down.ok, title: down.ok ? undefined : down.reason });
    items.push({
      label: c.selectedCount > 1 ? t('grid.row.deleteMany', { count: c.selectedCount }) : t('grid.row.delete'),
      onSelect: c.deleteRows,
      disabled: !deleteVerdict.ok,
      title: deleteVerdict.ok ? undefined : deleteVerdict.reason,
      danger: true,
      separated: true,
    });
  }
  items.push(...c.extra);
  return items;
}

/** What a column's menu acts on. */
export interface ColumnMenuContext {
  t: TFunction;
  columns: readonly Column[];
  field: string;
  rename: (label: string) => void;
  move: (toIndex: number) => void;
  addRight: (index: number) => void;
  remove: (label: string) => void;
}

/** A column's menu items: rename, move left or right, add a column to its right, remove it. */
export function columnMenuItems(c: ColumnMenuContext): MenuItem[] {
  const { t, columns, field } = c;
  const index = columns.findIndex((col) => col.field === field);
  const column = columns[index];
  return [
    { label: `${t('grid.column.rename')}…`, onSelect: () => c.rename(column?.label ?? '') },
    { label: t('grid.column.moveLeft'), disabled: index <= 0, onSelect: () => c.move(index - 1) },
    { label: t('grid.column.moveRight'), disabled: index >= columns.length - 1, onSelect: () => c.move(index + 1) },
    { label: `${t('grid.column.addRight')}…`, onSelect: () => c.addRight(index + 1), separated: true },
    { label: t('grid.column.remove'), danger: true, separated: true, disabled: columns.length <= 1, onSelect: () => c.remove(column?.label ?? field) },
  ];
}

/** The fields a column may be added for (labelled for the plan's year), then a custom column. */
export function addColumnMenuItems(t: TFunction, fields: readonly string[], planYear: number, add: (field: string) => void, custom: () => void): MenuItem[] {
  return [
    ...columnsAddable(fields).map((field) => ({ label: fieldLabelForYear(FIELDS[field].label, planYear), onSelect: () => add(field) })),
    { label: t('grid.column.addCustom'), separated: true, onSelect: custom },
  ];
}
