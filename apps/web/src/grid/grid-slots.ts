/**
 * What whoever mounts the grid may add to it (the plan page adds review): marks in the row
 * gutter, items in the row menu, a findings panel, and a way for others to show a row. The grid
 * places them and knows nothing of what they mean: the grid layer never imports review screens.
 */
import type { ReactNode } from 'react';
import type { Column, Finding, RowModel, UnitDirectory } from '@phuluc/domain';
import type { MenuItem } from './grid-menu.tsx';

/** A mark beside a row's number (the review state and comments), drawn by the page. */
export interface GridRowMarks<M> {
  /** The row's mark as data: the row draws again when it changes (compared by identity). */
  markOf: (rowId: string) => M;
  /**
   * Draws the row's mark in its gutter. A method on purpose: the grid holds marks of any type
   * (`GridRowMarks<unknown>`) and only hands back what `markOf` gave, which method bivariance allows.
   */
  // eslint-disable-next-line @typescript-eslint/method-signature-style
  render(this: void, rowId: string, number: string, mark: M): ReactNode;
}

/** The rows a row menu is opened on. */
export interface GridMenuRows {
  /** The active cell's row. */
  focusRowId: string | undefined;
  /** The selected item rows (sections left out). */
  itemIds: readonly string[];
}

/** The findings panel beside the grid: the findings, and what its links do in the grid. */
export interface GridFindingsPanelProps {
  findings: readonly Finding[];
  rows: readonly RowModel[];
  columns: readonly Column[];
  units: UnitDirectory;
  onJump: (finding: Finding) => void;
  onFilterUnit: (unitId: string | null) => void;
  onClose: () => void;
}

/** The page's additions to a grid (all optional but the findings panel). */
export interface GridSlots {
  rowMarks?: GridRowMarks<unknown> | undefined;
  /** Items added at the end of the row menu. */
  rowMenuItems?: ((rows: GridMenuRows) => MenuItem[]) | undefined;
  /** Offers the grid's "show this row" to others; returns the function that withdraws it. */
  registerJump?: ((jump: (rowId: string) => void) => () => void) | undefined;
  /** Draws the findings panel when the toolbar opens it. */
  findingsPanel: (props: GridFindingsPanelProps) => ReactNode;
}
