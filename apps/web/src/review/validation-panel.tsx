/**
 * The validation side panel of a table: how complete each department's rows are, then every
 * finding of `validateTable` (errors first, as the domain sorts them); a click on a finding jumps
 * to its cell, a click on a unit filters the grid to its rows.
 */
import { memo, useMemo } from 'react';
import type { ReactNode } from 'react';
import { unitById } from '@phuluc/domain';
import type { GridFindingsPanelProps } from '../grid/grid-slots.ts';
import type { TFunction } from '../i18n/strings.ts';
import { completenessByUnit, completenessPercent } from './completeness.ts';

/** Findings listed at most (a 5,000-row table may have thousands; the filter shows them all). */
export const PANEL_MAX_FINDINGS = 300;

/** The grid's findings panel props, told in the UI's language. */
export interface ValidationPanelProps extends GridFindingsPanelProps {
  t: TFunction;
}

function ValidationPanelView({ t, findings, rows, columns, units, onJump, onFilterUnit, onClose }: ValidationPanelProps): ReactNode {
  const completeness = useMemo(() => completenessByUnit(rows, findings), [rows, findings]);
  const labels = useMemo(() => new Map(columns.map((c) => [c.field, c.label])), [columns]);
  const shown = findings.slice(0, PANEL_MAX_FINDINGS);
  return (
    <aside id="pg-validation-panel" className="pg-panel" aria-label={t('grid.validation.title')}>
      <div className="pg-panel-head">
        <h2>{t('grid.validation.title')}</h2>
        <button type="button" className="pg-icon" aria-label={t('grid.validation.close')} title={t('grid.validation.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <section className="pg-panel-section">
        <h3>
          {t('grid.validation.findings')} ({findings.length})
        </h3>
        {findings.length === 0 ? (
          <p className="pg-ok">✓ {t('grid.validation.none')}</p>
        ) : (
          <ol className="pg-findings">
            {shown.map((f, i) => (
              <li key={`${f.rowId ?? ''}:${f.field ?? ''}:${f.code}:${i}`}>
                <button type="button" className={`pg-finding pg-finding--${f.severity}`} onClick={() => onJump(f)} disabled={f.rowId === null}>
                  <span className="pg-finding-where">
                    <span className={`pg-badge pg-badge--${f.severity}`}>{f.severity === 'error' ? t('grid.validation.error') : t('grid.validation.warning')}</span>
                    {f.row ? t('grid.validation.row', { row: f.row }) : t('grid.validation.table')}
                    {f.field && labels.get(f.field) ? ` · ${labels.get(f.field)}` : ''}
                  </span>
                  <span className="pg-finding-message">{f.message}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        {findings.length > shown.length ? <p className="pg-muted">{t('grid.validation.more', { count: findings.length - shown.length })}</p> : null}
      </section>
      <section className="pg-panel-section">
        <h3 title={t('grid.validation.completenessHint')}>{t('grid.validation.completeness')}</h3>
        <ul className="pg-completeness">
          {completeness.map((u) => {
            const name = u.unitId === null ? t('grid.validation.unassigned') : (unitById(units, u.unitId)?.name ?? u.unitId);
            const pct = completenessPercent(u);
            return (
              <li key={u.unitId ?? ''}>
                <button type="button" className="pg-unit" title={t('grid.validation.filterUnit', { unit: name })} onClick={() => onFilterUnit(u.unitId)}>
                  <span className="pg-unit-name" title={name}>
                    {name}
                  </span>
                  <span className="pg-unit-figure">
                    {t('grid.validation.completenessRow', { complete: u.complete, rows: u.rows })} · {pct}%
                  </span>
                  <span className="pg-bar" aria-hidden="true">
                    <span className={`pg-bar-fill${pct === 100 ? ' pg-bar-fill--done' : ''}`} style={{ width: `${pct}%` }} />
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </aside>
  );
}

export const ValidationPanel = memo(ValidationPanelView);
