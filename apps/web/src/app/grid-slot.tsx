/** Where the plan page puts the grid of the active table (W2's PlanGrid), filling the space left. */
import type { PlanGridProps } from '../grid/plan-grid.tsx';
import { PlanGrid } from '../grid/plan-grid.tsx';

export type GridSlotProps = PlanGridProps;

export function GridSlot(props: GridSlotProps) {
  return (
    <div className="grid-slot" data-table-id={props.tableId}>
      <PlanGrid {...props} />
    </div>
  );
}
