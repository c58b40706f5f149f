/**
 * The toolbar above the grid: row actions (insert, section, move, delete), undo/redo, columns
 * and layout for the coordinator, filters and search, and the validation panel toggle. Actions
 * the person may never do are not shown; those not possible right now are disabled with the
 * reason as their tooltip. Everything fits one row of a 1366 px laptop screen: undo, redo and
 * moves are icons named by their label and tooltip.
 */
import type { ReactNode } from 'react';
import { TEMPLATES, TEMPLATE_IDS } from '@phuluc/domain';
import type { TemplateId, Verdict } from '@phuluc/domain';
import type { TFunction } from '../i18n/strings.ts';
import { OWNER_NONE } from './filters.ts';
import type { GridFilter } from './filters.ts';

export interface GridToolbarProps {
  t: TFunction;
  /** The person may add rows at all (editors, coordinator): shows the row group. */
  rowsEditable: boolean;
  manager: boolean;
  canAdd: Verdict;
  canSection: Verdict;
  canDelete: Verdict;
  canMoveUp: Verdict;
  canMoveDown: Verdict;
  deleteCount: number;
  canUndo: boolean;
  canRedo: boolean;
  onInsert: (where: 'above' | 'below') => void;
  onAddSection: () => void;
  onDelete: () => void;
  onMove: (by: -1 | 1) => void;
  onUndo: () => void;
  onRedo: () => void;
  onAddColumn: (anchor: HTMLElement) => void;
  /** Template choice (the coordinator, empty table only). */
  templateChoice: boolean;
  onTemplate: (id: TemplateId) => void;
  filter: GridFilter;
  onFilter: (next: GridFilter) => void;
  owners: ReadonlyArray<{ id: string; name: string }>;
  /** "My rows" makes sense (an editor with a unit). */
  mineAvailable: boolean;
  shown: number;
  total: number;
  errors: number;
  warnings: number;
  /** True until the first validation of the table has come back (no figures yet). */
  checking: boolean;
  panelOpen: boolean;
  onTogglePanel: () => void;
}

function reason(v: Verdict): string | undefined {
  return v.ok ? undefined : v.reason;
}

export function GridToolbar(p: GridToolbarProps): ReactNode {
  const { t, filter } = p;
  const filtered = p.shown !== p.total;
  return (
    <div className="pg-toolbar" role="toolbar" aria-label={t('grid.toolbar')}>
      {p.rowsEditable ? (
        <div className="pg-tool-group">
          <button type="button" disabled={!p.canAdd.ok} title={reason(p.canAdd)} onClick={() => p.onInsert('above')}>
            {t('grid.row.insertAbove')}
          </button>
          <button type="button" disabled={!p.canAdd.ok} title={reason(p.canAdd)} onClick={() => p.onInsert('below')}>
            {t('grid.row.insertBelow')}
          </button>
          {p.manager ? (
            <button type="button" disabled={!p.canSection.ok} title={reason(p.canSection)} onClick={p.onAddSection}>
              {t('grid.row.addSection')}
            </button>
          ) : null}
          <button type="button" className="pg-icon-button" disabled={!p.canMoveUp.ok} title={reason(p.canMoveUp) ?? t('grid.row.moveHint')} aria-label={t('grid.row.moveUp')} onClick={() => p.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="pg-icon-button" disabled={!p.canMoveDown.ok} title={reason(p.canMoveDown) ?? t('grid.row.moveHint')} aria-label={t('grid.row.moveDown')} onClick={() => p.onMove(1)}>
            ↓
          </button>
          <button type="button" className="pg-danger" disabled={!p.canDelete.ok} title={reason(p.canDelete)} onClick={p.onDelete}>
            {p.deleteCount > 1 ? t('grid.row.deleteMany', { count: p.deleteCount }) : t('grid.row.delete')}
          </button>
          <button type="button" className="pg-icon-button" disabled={!p.canUndo} title={t('grid.undoHint')} aria-label={t('grid.undo')} onClick={p.onUndo}>
            ↶
          </button>
          <button type="button" className="pg-icon-button" disabled={!p.canRedo} title={t('grid.redoHint')} aria-label={t('grid.redo')} onClick={p.onRedo}>
            ↷
          </button>
        </div>
      ) : null}
      {p.manager ? (
        <div className="pg-tool-group">
          <button type="button" aria-haspopup="menu" onClick={(e) => p.onAddColumn(e.currentTarget)}>
            {t('grid.column.add')} ▾
          </button>
          {p.templateChoice ? (
            <label className="pg-field">
              {t('grid.template')}
              <select value="" onChange={(e) => e.target.value && p.onTemplate(e.target.value as TemplateId)}>
                <option value="">{t('grid.templateChoose')}</option>
                {TEMPLATE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {TEMPLATES[id].name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="pg-tool-group pg-filters">
        <label className="pg-field pg-search">
          <span className="pg-visually-hidden">{t('grid.filter.search')}</span>
          <input
            type="search"
            value={filter.search}
            placeholder={t('grid.filter.searchPlaceholder')}
            aria-label={t('grid.filter.search')}
            onChange={(e) => p.onFilter({ ...filter, search: e.target.value })}
          />
        </label>
        <label className="pg-field">
          <span className="pg-visually-hidden">{t('grid.filter.owner')}</span>
          <select aria-label={t('grid.filter.owner')} value={filter.owners[0] ?? '*'} onChange={(e) => p.onFilter({ ...filter, owners: e.target.value === '*' ? [] : [e.target.value] })}>
            <option value="*">{t('grid.filter.ownerAll')}</option>
            {p.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            <option value={OWNER_NONE}>{t('grid.filter.ownerNone')}</option>
          </select>
        </label>
        <label className="pg-field">
          <span className="pg-visually-hidden">{t('grid.filter.state')}</span>
          <select aria-label={t('grid.filter.state')} value={filter.state} onChange={(e) => p.onFilter({ ...filter, state: e.target.value as GridFilter['state'] })}>
            <option value="all">{t('grid.filter.stateAll')}</option>
            <option value="error">{t('grid.filter.stateError')}</option>
            <option value="warning">{t('grid.filter.stateWarning')}</option>
            <option value="ok">{t('grid.filter.stateOk')}</option>
          </select>
        </label>
        {p.mineAvailable ? (
          <label className="pg-field pg-check">
            <input type="checkbox" checked={filter.mine} onChange={(e) => p.onFilter({ ...filter, mine: e.target.checked })} />
            {t('grid.filter.mine')}
          </label>
        ) : null}
        {filtered ? (
          <span className="pg-count" role="status">
            {t('grid.filter.count', { shown: p.shown, total: p.total })}{' '}
            <button type="button" className="pg-link" onClick={() => p.onFilter({ owners: [], state: 'all', mine: false, search: '' })}>
              {t('grid.filter.clear')}
            </button>
          </span>
        ) : null}
      </div>
      <div className="pg-tool-group pg-tool-end">
        <button type="button" className={`pg-check-toggle${p.errors > 0 ? ' pg-has-errors' : ''}`} aria-pressed={p.panelOpen} aria-controls="pg-validation-panel" onClick={p.onTogglePanel}>
          {t('grid.validation.toggle')} · {p.checking ? t('grid.validation.checking') : t('grid.validation.summary', { errors: p.errors, warnings: p.warnings })}
        </button>
      </div>
    </div>
  );
}
