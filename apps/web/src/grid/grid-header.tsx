/**
 * The grid's sticky header row: the number column's label (STT / TT), then a `columnheader` per
 * column with, for the coordinator, a column menu button and a resize handle on its right edge.
 */
import { memo } from 'react';
import type { ReactNode, Ref } from 'react';
import { fieldKind } from '@phuluc/domain';
import type { TFunction } from '../i18n/strings.ts';
import type { GridLayout } from './geometry.ts';

export interface GridHeaderColumn {
  id: string;
  field: string;
  label: string;
}

export interface GridHeaderProps {
  innerRef: Ref<HTMLDivElement>;
  columns: readonly GridHeaderColumn[];
  layout: GridLayout;
  /** Header of the number column, or null when the layout has none. */
  numberLabel: string | null;
  /** The coordinator: column menus and resize handles. */
  manager: boolean;
  t: TFunction;
  onMenu: (field: string, anchor: DOMRect) => void;
  onResizeStart: (field: string, clientX: number, width: number) => void;
}

function GridHeaderView({ innerRef, columns, layout, numberLabel, manager, t, onMenu, onResizeStart }: GridHeaderProps): ReactNode {
  return (
    <div ref={innerRef} className="pg-header" role="rowgroup" style={{ width: layout.total }}>
      <div role="row" aria-rowindex={1} className="pg-header-row">
        <div role="columnheader" aria-colindex={1} className="pg-gutter pg-th" style={{ width: layout.gutter }}>
          {numberLabel ?? ''}
        </div>
        {columns.map(({ id, field, label }, ci) => {
          const width = layout.widths[ci] ?? 0;
          return (
            <div key={id} role="columnheader" aria-colindex={ci + 2} className={`pg-th pg-th--${fieldKind(field)}`} style={{ width }} title={label}>
              <span className="pg-th-label">{label}</span>
              {manager ? (
                <>
                  <button
                    type="button"
                    className="pg-th-menu"
                    aria-haspopup="menu"
                    aria-label={t('grid.column.menu', { label })}
                    title={t('grid.column.menu', { label })}
                    onClick={(e) => onMenu(field, e.currentTarget.getBoundingClientRect())}
                  >
                    ▾
                  </button>
                  <div
                    className="pg-resize"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={t('grid.column.resize', { label })}
                    title={t('grid.column.resize', { label })}
                    onPointerDown={(e) => {
                      e.preventDefault();
                      onResizeStart(field, e.clientX, width);
                    }}
                  />
                </>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export const GridHeader = memo(GridHeaderView);
