/**
 * Where the plan page puts the grid of the active table, filling the space left. The grid knows
 * no review screen: the review's marks, menu items and jumps, and the findings panel, are
 * handed to it here.
 */
import { useCallback } from 'react';
import type { ReactNode } from 'react';
import type { GridFindingsPanelProps } from '../grid/grid-slots.ts';
import type { PlanGridProps } from '../grid/plan-grid.tsx';
import { PlanGrid } from '../grid/plan-grid.tsx';
import { useT } from '../i18n/strings.ts';
import { useGridReview } from '../review/grid-review.tsx';
import { ValidationPanel } from '../review/validation-panel.tsx';

export type GridSlotProps = Omit<PlanGridProps, 'findingsPanel' | 'rowMarks' | 'rowMenuItems' | 'registerJump'>;

export function GridSlot(props: GridSlotProps) {
  const t = useT();
  const review = useGridReview(props.tableId);
  const findingsPanel = useCallback((panel: GridFindingsPanelProps): ReactNode => <ValidationPanel t={t} {...panel} />, [t]);
  return (
    <div className="grid-slot" data-table-id={props.tableId}>
      <PlanGrid {...props} {...review} findingsPanel={findingsPanel} />
    </div>
  );
}
