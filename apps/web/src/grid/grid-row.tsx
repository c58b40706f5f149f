/**
 * One row of the grid (a WAI-ARIA `row`): the row-number gutter (STT or the section number, the
 * drag handle, row-level findings), then a `gridcell` per column — or, for a section row, one
 * cell spanning the table. Cells the person may not edit are `aria-readonly` and say why on
 * hover; cells with findings carry a coloured corner and the messages. A long text is cut after
 * a few lines (geometry.ts): its whole text is in the tooltip, and the active cell shows it all
 * (`data-full`, drawn by grid.css, so the text is not in the DOM twice), lying over the rows
 * below without moving them. Memoised: a row renders
 * again only when its data, its part of the selection, its findings or the people in it change.
 */
import { memo } from 'react';
import type { ReactNode } from 'react';
import { fieldKind, permissionCanEditCell } from '@phuluc/domain';
import type { Actor, Column, Finding, RowModel } from '@phuluc/domain';
import type { TFunction } from '../i18n/strings.ts';
import { CELL_CLAMP_LINES, textLines } from './geometry.ts';
import type { GridLayout } from './geometry.ts';
import type { PresencePeer } from './presence.ts';
import type { GridRowMarks } from './grid-slots.ts';
import { ROW_KEY, findingsSeverity } from './validation-index.ts';

export interface GridRowProps {
  row: RowModel;
  /** Index among the visible rows. */
  index: number;
  /** Computed STT or section number. */
  number: string;
  /** Offset from the top of the body. */
  top: number;
  layout: GridLayout;
  columns: readonly Column[];
  actor: Actor;
  /** Selected columns of this row (-1/-1 when the row is not in the selection). */
  selLeft: number;
  selRight: number;
  /** The active cell's column when it is in this row, else -1. */
  focusCol: number;
  findings: ReadonlyMap<string, readonly Finding[]> | undefined;
  peers: readonly PresencePeer[] | undefined;
  /** Changes exactly when `peers` changes (they are compared by it). */
  peersKey: string;
  movable: boolean;
  /** A dragged row would land before or after this one. */
  drop: 'before' | 'after' | null;
  measure: (el: HTMLDivElement | null) => void;
  t: TFunction;
  /** The row's mark from the page (its review state and comments), drawn by `renderMark`. */
  mark?: unknown;
  /** Draws the row's mark beside its number; absent, the gutter shows none. */
  renderMark?: GridRowMarks<unknown>['render'] | undefined;
}

/** The tooltip: the whole text when it may be cut, then the findings and why the cell is read-only. */
function cellTitle(findings: readonly Finding[] | undefined, readOnly: string | null, text = '', width = 0): string | undefined {
  const lines = text !== '' && textLines(text, width) >= CELL_CLAMP_LINES ? [text] : [];
  if (findings) lines.push(...findings.map((f) => `${f.severity === 'error' ? '⛔' : '⚠'} ${f.message}`));
  if (readOnly) lines.push(`🔒 ${readOnly}`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}


function Marker({ findings }: { findings: readonly Finding[] | undefined }): ReactNode {
  const severity = findingsSeverity(findings);
  return severity ? <span className={`pg-marker pg-marker--${severity}`} aria-hidden="true" /> : null;
}

function GridRowView(props: GridRowProps): ReactNode {
  const { row, index, number, top, layout, columns, actor, selLeft, selRight, focusCol, findings, peers, movable, drop, measure, t, mark, renderMark } = props;
  const isSection = row.kind === 'section';
  const rowFindings = findings?.get(ROW_KEY);
  const gutterSelected = selLeft >= 0;
  const classes = ['pg-row', isSection ? 'pg-row--section' : '', focusCol >= 0 ? 'pg-row--focus' : '', drop ? `pg-row--drop-${drop}` : ''].filter(Boolean).join(' ');

  const cells: ReactNode[] = [];
  if (isSection) {
    const verdict = permissionCanEditCell(actor, { kind: 'section', owners: [] }, 'label');
    const readOnly = verdict.ok ? null : verdict.reason;
    const selected = selLeft >= 0;
    const f = findings?.get('label');
    cells.push(
      <div
        key="label"
        role="gridcell"
        aria-colindex={2}
        aria-colspan={columns.length}
        aria-selected={selected}
        aria-readonly={readOnly !== null}
        data-col={Math.max(0, focusCol)}
        data-section="true"
        className={`pg-cell pg-cell--section${selected ? ' pg-cell--selected' : ''}${focusCol >= 0 ? ' pg-cell--focus' : ''}${readOnly ? ' pg-cell--readonly' : ''}`}
        style={{ width: layout.total - layout.gutter }}
        title={cellTitle(f, readOnly, row.label, layout.total - layout.gutter)}
        data-full={focusCol >= 0 && row.label ? row.label : undefined}
      >
        {row.label ? <span className="pg-text">{row.label}</span> : <span className="pg-text pg-placeholder">{t('grid.sectionUntitled')}</span>}
        <Marker findings={f} />
      </div>,
    );
  } else {
    const owners = row.owners ?? [];
    columns.forEach((column, ci) => {
      const verdict = permissionCanEditCell(actor, { kind: 'item', owners }, column.field);
      const readOnly = verdict.ok ? null : verdict.reason;
      const selected = ci >= selLeft && ci <= selRight;
      const f = findings?.get(column.field);
      const severity = findingsSeverity(f);
      const kind = fieldKind(column.field);
      const text = row.cells[column.field] ?? '';
      const width = layout.widths[ci] ?? 0;
      cells.push(
        <div
          key={column.field}
          role="gridcell"
          aria-colindex={ci + 2}
          aria-selected={selected}
          aria-readonly={readOnly !== null}
          aria-invalid={severity === 'error' ? true : undefined}
          data-col={ci}
          data-field={column.field}
          className={`pg-cell pg-cell--${kind}${selected ? ' pg-cell--selected' : ''}${ci === focusCol ? ' pg-cell--focus' : ''}${readOnly ? ' pg-cell--readonly' : ''}`}
          style={{ width }}
          title={cellTitle(f, readOnly, text, width)}
          data-full={ci === focusCol && text ? text : undefined}
        >
          <span className="pg-text">{text}</span>
          <Marker findings={f} />
        </div>,
      );
    });
  }

  return (
    <div ref={measure} role="row" aria-rowindex={index + 2} data-index={index} data-row={index} data-row-id={row.id} className={classes} style={{ transform: `translateY(${top}px)`, width: layout.total }}>
      <div
        role="rowheader"
        aria-colindex={1}
        className={`pg-gutter${gutterSelected ? ' pg-gutter--selected' : ''}`}
        style={{ width: layout.gutter }}
        data-gutter="true"
        title={cellTitle(rowFindings, null)}
      >
        {movable ? (
          <span className="pg-drag" data-drag-handle="true" title={t('grid.row.drag')} aria-hidden="true">
            ⠿
          </span>
        ) : null}
        <span className="pg-number">{number}</span>
        {row.kind === 'item' && row.carriedFrom ? (
          <span className="pg-carried" title={t('nextYear.carriedMark', { year: row.carriedFrom })} aria-label={t('nextYear.carriedMark', { year: row.carriedFrom })} data-testid="carried-mark">
            ↻
          </span>
        ) : null}
        <Marker findings={rowFindings} />
        {renderMark && row.id ? renderMark(row.id, number, mark) : null}
      </div>
      {cells}
      {peers?.map((peer) => {
        const ci = columns.findIndex((c) => c.field === peer.field);
        const whole = isSection || ci < 0;
        const left = whole ? layout.gutter : (layout.lefts[ci] ?? layout.gutter);
        const width = whole ? layout.total - layout.gutter : (layout.widths[ci] ?? 0);
        return (
          <div key={peer.clientId} className={`pg-peer${peer.editing ? ' pg-peer--editing' : ''}`} style={{ left, width, borderColor: peer.color }} data-peer={peer.name} aria-hidden="true">
            <span className="pg-peer-tag" style={{ background: peer.color }}>
              {peer.editing ? t('grid.presence.editing', { name: peer.name }) : peer.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}

function propsEqual(a: GridRowProps, b: GridRowProps): boolean {
  return (
    a.row === b.row &&
    a.index === b.index &&
    a.number === b.number &&
    a.top === b.top &&
    a.layout === b.layout &&
    a.columns === b.columns &&
    a.actor === b.actor &&
    a.selLeft === b.selLeft &&
    a.selRight === b.selRight &&
    a.focusCol === b.focusCol &&
    a.findings === b.findings &&
    a.peersKey === b.peersKey &&
    a.movable === b.movable &&
    a.drop === b.drop &&
    a.measure === b.measure &&
    a.t === b.t &&
    a.mark === b.mark &&
    a.renderMark === b.renderMark
  );
}

export const GridRow = memo(GridRowView, propsEqual);
