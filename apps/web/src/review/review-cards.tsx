/**
 * The cards of the review page: the headline (review progress as a ring, "6 rõ", errors and
 * warnings, the table's own state), completeness per department, rows per section, who is
 * online and where, and the row-by-row review list. Each reads the summaries of
 * use-review-data.ts and the marks of the review context.
 */
import {
  REVIEW_STATES,
  type ReviewCounts,
  type ReviewState,
  type TableModel,
  fieldDef,
  numberingCite,
  planDocColumns,
  reviewPercent,
  unitById,
} from '@phuluc/domain';
import { useEffect, useMemo, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { planTableTabs } from '../app/plan-doc-hooks.ts';
import { presenceInitials } from '../app/presence.ts';
import { CommentIcon } from './comment-icon.tsx';
import type { TFunction } from '../i18n/strings.ts';
import { type OnlinePerson, onlinePeople } from './online.ts';
import type { ReviewContextValue } from './review-context.tsx';
import { REVIEW_STATE_KEYS, ReviewButtons, ReviewStateLine } from './row-panel.tsx';
import type { ReviewTableData } from './use-review-data.ts';

// ---------------------------------------------------------------------------------------------
// Headline

const RING_R = 52;
const RING_C = 2 * Math.PI * RING_R;

/** A ring of the rows' review states, approved first, with the approved share in the middle. */
function ReviewRing({ counts, total, t }: { counts: ReviewCounts; total: number; t: TFunction }) {
  let offset = 0;
  const pct = reviewPercent(counts.approved, total);
  const label = t('review.headline.ringLabel', { approved: counts.approved, changes: counts.changes_requested, pending: counts.pending, total });
  return (
    <svg className="rv-ring" viewBox="0 0 128 128" role="img" aria-label={label}>
      <circle className="rv-ring-track" cx="64" cy="64" r={RING_R} />
      {total > 0
        ? (['approved', 'changes_requested', 'pending'] as const).map((state) => {
            const len = (counts[state] / total) * RING_C;
            const seg = (
              <circle
                key={state}
                className={`rv-ring-seg rv-ring-seg--${state}`}
                cx="64"
                cy="64"
                r={RING_R}
                strokeDasharray={`${len} ${RING_C - len}`}
                strokeDashoffset={-offset}
                transform="rotate(-90 64 64)"
              />
            );
            offset += len;
            return len > 0 ? seg : null;
          })
        : null}
      <text x="64" y="62" textAnchor="middle" className="rv-ring-pct">
        {pct}%
      </text>
      <text x="64" y="82" textAnchor="middle" className="rv-ring-sub">
        {t('review.state.approved').toLowerCase()}
      </text>
    </svg>
  );
}

export function Headline({ data, review, t }: { data: ReviewTableData; review: ReviewContextValue; t: TFunction }) {
  const s = data.summary;
  const completePct = reviewPercent(s.complete, s.rows);
  return (
    <section className="rv-card rv-headline" aria-label={t('review.headline.label')} data-testid="review-headline">
      <ReviewRing counts={s.reviews} total={s.rows} t={t} />
      <div className="rv-headline-figures">
        <p className="rv-big" data-testid="review-approved">
          <strong>{s.reviews.approved}</strong>/{s.rows} <span>{t('review.headline.approvedRows')}</span>
        </p>
        <ul className="rv-figures">
          <li className="rv-figure rv-figure--changes_requested">
            <strong>{s.reviews.changes_requested}</strong> {t('review.state.changesRequested').toLowerCase()}
          </li>
          <li className="rv-figure rv-figure--pending">
            <strong>{s.reviews.pending}</strong> {t('review.state.pending').toLowerCase()}
            {s.resets > 0 ? <span className="rv-figure-note"> · {t('review.headline.resets', { count: s.resets })}</span> : null}
          </li>
        </ul>
      </div>
      <div className="rv-headline-figures rv-headline-quality">
        <p className="rv-big" data-testid="review-complete" data-complete={s.complete} data-rows={s.rows}>
          <strong>{s.complete}</strong>/{s.rows} <span>{t('review.headline.completeRows')}</span>
        </p>
        <div className="rv-bar" aria-hidden="true">
          <span className={`rv-bar-fill${completePct === 100 ? ' rv-bar-fill--done' : ''}`} style={{ width: `${completePct}%` }} />
        </div>
        <ul className="rv-figures">
          <li className={`rv-figure ${s.errors > 0 ? 'rv-figure--error' : 'rv-figure--ok'}`} data-testid="review-errors">
            <strong>{s.errors}</strong> {t('review.headline.errors')}
          </li>
          <li className="rv-figure rv-figure--warning" data-testid="review-warnings">
            <strong>{s.warnings}</strong> {t('review.headline.warnings')}
          </li>
        </ul>
      </div>
      <div className="rv-headline-table">
        <h2 className="rv-card-title">{t('review.headline.table')}</h2>
        <ReviewStateLine review={review} id={data.id} t={t} />
        <ReviewButtons review={review} id={data.id} t={t} compact />
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Departments and sections

/** A thin bar split by review state. */
function StateBar({ counts, total, t }: { counts: ReviewCounts; total: number; t: TFunction }) {
  return (
    <span
      className="rv-statebar"
      role="img"
      aria-label={t('review.headline.ringLabel', { approved: counts.approved, changes: counts.changes_requested, pending: counts.pending, total })}
    >
      {(['approved', 'changes_requested', 'pending'] as const).map((state) =>
        counts[state] > 0 ? <span key={state} className={`rv-statebar-seg rv-statebar-seg--${state}`} style={{ flexGrow: counts[state] }} /> : null,
      )}
    </span>
  );
}

export function UnitsCard({
  data,
  review,
  t,
  onUnit,
}: {
  data: ReviewTableData;
  review: ReviewContextValue;
  t: TFunction;
  onUnit: (unitId: string | null) => void;
}) {
  return (
    <section className="rv-card" aria-labelledby="rv-units-title" data-testid="review-units">
      <h2 className="rv-card-title" id="rv-units-title">
        {t('review.units.title')}
      </h2>
      <p className="rv-card-hint">{t('review.units.hint')}</p>
      <table className="rv-units">
        <thead>
          <tr>
            <th scope="col">{t('review.units.unit')}</th>
            <th scope="col">{t('review.units.complete')}</th>
            <th scope="col" className="rv-num">
              {t('review.headline.errors')}
            </th>
            <th scope="col" className="rv-num">
              {t('review.headline.warnings')}
            </th>
            <th scope="col">{t('review.units.review')}</th>
          </tr>
        </thead>
        <tbody>
          {data.summary.byUnit.map((u) => {
            const name = u.unitId === null ? t('grid.validation.unassigned') : (unitById(review.units, u.unitId)?.name ?? u.unitId);
            const pct = reviewPercent(u.complete, u.rows);
            return (
              <tr key={u.unitId ?? ''} data-unit={u.unitId ?? ''}>
                <th scope="row">
                  <button type="button" className="rv-unit" onClick={() => onUnit(u.unitId)} title={t('review.units.filter', { unit: name })}>
                    {name}
                  </button>
                </th>
                <td>
                  <span className="rv-unit-complete">
                    <span className="rv-bar" aria-hidden="true">
                      <span className={`rv-bar-fill${pct === 100 ? ' rv-bar-fill--done' : ''}`} style={{ width: `${pct}%` }} />
                    </span>
                    <span className="rv-unit-figure">
                      <strong>{u.complete}</strong>/{u.rows}
                    </span>
                  </span>
                </td>
                <td className={`rv-num${u.errors > 0 ? ' rv-num--error' : ' rv-num--zero'}`}>{u.errors}</td>
                <td className={`rv-num${u.warnings > 0 ? ' rv-num--warning' : ' rv-num--zero'}`}>{u.warnings}</td>
                <td>
                  <span className="rv-unit-complete">
                    <StateBar counts={u.reviews} total={u.rows} t={t} />
                    <span className="rv-unit-figure">
                      <strong>{u.reviews.approved}</strong>/{u.rows}
                    </span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function SectionsCard({ data, t }: { data: ReviewTableData; t: TFunction }) {
  const max = Math.max(1, ...data.summary.bySection.map((s) => s.rows));
  return (
    <section className="rv-card" aria-labelledby="rv-sections-title" data-testid="review-sections">
      <h2 className="rv-card-title" id="rv-sections-title">
        {t('review.sections.title')}
      </h2>
      <ul className="rv-sections">
        {data.summary.bySection.map((s) => (
          <li key={s.sectionId ?? ''} className="rv-section">
            <span className="rv-section-name">
              {s.number ? <span className="rv-section-number">{s.number}.</span> : null} {s.label || t('review.sections.none')}
            </span>
            <span className="rv-section-bar" style={{ width: `${Math.max(8, (s.rows / max) * 100)}%` }}>
              <StateBar counts={s.reviews} total={s.rows} t={t} />
            </span>
            <span className="rv-section-figure">
              {t('review.sections.rows', { count: s.rows })} · {t('review.sections.complete', { count: s.complete })}
              {s.errors > 0 ? <span className="rv-pill rv-pill--error">{t('review.units.errors', { count: s.errors })}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Who is online

export function OnlineCard({ awareness, selfUserId, review, t }: { awareness: Awareness; selfUserId: string; review: ReviewContextValue; t: TFunction }) {
  const [people, setPeople] = useState<OnlinePerson[]>(() => onlinePeople(awareness.getStates(), awareness.clientID, selfUserId));
  useEffect(() => {
    const read = (): void => setPeople(onlinePeople(awareness.getStates(), awareness.clientID, selfUserId));
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, selfUserId]);

  const placeOf = (p: OnlinePerson): string => {
    if (p.where) {
      // A section row's only cell is its title (`label`), not a column of the table.
      let column = p.where.field === 'label' ? t('review.online.sectionTitle') : (fieldDef(p.where.field)?.label ?? p.where.field);
      try {
        column = planDocColumns(review.doc, p.where.tableId).find((c) => c.field === p.where?.field)?.label ?? column;
      } catch {
        // table gone
      }
      const key = p.editing ? 'review.online.typing' : 'review.online.at';
      const tabs = planTableTabs(review.doc);
      const tableTitle = tabs.length > 1 ? tabs.find((tab) => tab.id === p.where?.tableId)?.title : undefined;
      const row = review.rowCite(p.where.tableId, p.where.rowId);
      return t(key, { row: tableTitle ? `${row} (${tableTitle})` : row, column });
    }
    return p.reviewing ? t('review.online.reviewing') : t('review.online.browsing');
  };

  return (
    <section className="rv-card" aria-labelledby="rv-online-title" data-testid="review-online">
      <h2 className="rv-card-title" id="rv-online-title">
        {t('review.online.title')} <span className="rv-count">{people.length}</span>
      </h2>
      {people.length === 0 ? <p className="rv-muted">{t('review.online.nobody')}</p> : null}
      <ul className="rv-online">
        {people.map((p) => (
          <li key={p.userId} className="rv-online-person" data-user-id={p.userId}>
            <span className={`rv-avatar${p.editing ? ' rv-avatar--typing' : ''}`} style={{ backgroundColor: p.color }} aria-hidden="true">
              {presenceInitials(p.name)}
            </span>
            <span className="rv-online-text">
              <span className="rv-online-name">
                {p.name}
                {p.unit ? <span className="rv-online-unit"> · {p.unit}</span> : null}
              </span>
              <span className={`rv-online-where${p.editing ? ' rv-online-where--typing' : ''}`}>
                {p.where ? (
                  <button type="button" className="rv-link" onClick={() => p.where && review.openRow({ tableId: p.where.tableId, rowId: p.where.rowId })}>
                    {placeOf(p)}
                  </button>
                ) : (
                  placeOf(p)
                )}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Row by row

export type RowFilter = ReviewState | 'reset' | 'errors' | 'commented' | 'all';
const ROW_FILTERS: readonly RowFilter[] = ['all', ...REVIEW_STATES, 'reset', 'errors', 'commented'];
const ROWS_SHOWN = 150;

interface ListedRow {
  id: string;
  cite: string;
  text: string;
  owners: string[];
  errors: number;
  warnings: number;
}

function rowsOf(model: TableModel, data: ReviewTableData): ListedRow[] {
  const perRow = new Map<string, { errors: number; warnings: number }>();
  for (const f of data.findings) {
    if (!f.rowId) continue;
    const e = perRow.get(f.rowId) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') e.errors += 1;
    else e.warnings += 1;
    perRow.set(f.rowId, e);
  }
  const workField = model.columns.find((c) => c.field === 'task' || c.field === 'indicator' || c.field === 'content')?.field ?? model.columns[0]?.field ?? '';
  const out: ListedRow[] = [];
  let section: string | null = null;
  let position = 0;
  for (const row of model.rows) {
    if (row.kind === 'section') {
      section = row.number ?? null;
      continue;
    }
    position += 1;
    const number = row.number || String(position);
    const cite = model.numbering.items === 'restart' ? numberingCite(section, number) : number;
    const found = perRow.get(row.id ?? '') ?? { errors: 0, warnings: 0 };
    out.push({ id: row.id ?? '', cite, text: row.cells[workField] ?? '', owners: row.owners ?? [], ...found });
  }
  return out;
}

export function RowsCard({
  data,
  review,
  t,
  unit,
  onUnit,
}: {
  data: ReviewTableData;
  review: ReviewContextValue;
  t: TFunction;
  unit: string | null | undefined;
  onUnit: (unitId: string | null | undefined) => void;
}) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const rows = useMemo(() => rowsOf(data.model, data), [data]);
  const unitOptions = data.summary.byUnit;
  const shown = rows.filter((r) => {
    if (unit !== undefined && !(unit === null ? r.owners.length === 0 : r.owners.includes(unit))) return false;
    const mark = review.marks.get(r.id);
    switch (filter) {
      case 'all':
        return true;
      case 'reset':
        return mark?.reset === true;
      case 'errors':
        return r.errors > 0;
      case 'commented':
        return (mark?.comments ?? 0) > 0;
      default:
        return (mark?.state ?? 'pending') === filter;
    }
  });
  const filterLabel = (f: RowFilter): string =>
    f === 'all' ? t('review.rows.all') : f === 'reset' ? t('review.rows.reset') : f === 'errors' ? t('review.rows.errors') : f === 'commented' ? t('review.rows.commented') : t(REVIEW_STATE_KEYS[f]);

  return (
    <section className="rv-card rv-rows-card" aria-labelledby="rv-rows-title" data-testid="review-rows" id="rv-rows">
      <div className="rv-rows-head">
        <h2 className="rv-card-title" id="rv-rows-title">
          {t('review.rows.title')}
        </h2>
        <label className="rv-field">
          {t('review.rows.state')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as RowFilter)}>
            {ROW_FILTERS.map((f) => (
              <option key={f} value={f}>
                {filterLabel(f)}
              </option>
            ))}
          </select>
        </label>
        <label className="rv-field">
          {t('review.rows.unit')}
          <select value={unit === undefined ? '*' : (unit ?? '')} onChange={(e) => onUnit(e.target.value === '*' ? undefined : e.target.value || null)}>
            <option value="*">{t('grid.filter.ownerAll')}</option>
            {unitOptions.map((u) => (
              <option key={u.unitId ?? ''} value={u.unitId ?? ''}>
                {u.unitId === null ? t('grid.validation.unassigned') : (unitById(review.units, u.unitId)?.name ?? u.unitId)}
              </option>
            ))}
          </select>
        </label>
        <span className="rv-muted">{t('review.rows.count', { shown: shown.length, total: rows.length })}</span>
      </div>
      <ol className="rv-rows">
        {shown.slice(0, ROWS_SHOWN).map((r) => {
          const mark = review.marks.get(r.id);
          const state = mark?.state ?? 'pending';
          return (
            <li key={r.id} className={`rv-row rv-row--${mark?.reset ? 'reset' : state}`} data-row-id={r.id} data-state={state}>
              <button type="button" className="rv-row-open" onClick={() => review.openRow({ tableId: data.id, rowId: r.id })} title={t('review.rows.open')}>
                <span className="rv-row-cite">{r.cite}</span>
                <span className="rv-row-text">{r.text || '—'}</span>
                <span className="rv-row-units">{r.owners.map((o) => unitById(review.units, o)?.name ?? o).join(', ')}</span>
              </button>
              <span className="rv-row-meta">
                {r.errors > 0 ? <span className="rv-pill rv-pill--error">{t('review.units.errors', { count: r.errors })}</span> : null}
                {mark && mark.comments > 0 ? (
                  <span className={`rv-pill rv-pill--comments${mark.unread > 0 ? ' rv-pill--unread' : ''}`} title={t('review.grid.comments', { count: mark.comments })}>
                    <CommentIcon /> {mark.comments}
                  </span>
                ) : null}
                <span className={`rv-chip rv-chip--${state}${mark?.reset ? ' rv-chip--reset' : ''}`} title={mark?.reset ? t('review.rows.resetTitle') : undefined}>
                  {mark?.reset ? `↺ ${t('review.rows.resetShort')}` : t(REVIEW_STATE_KEYS[state])}
                </span>
              </span>
              <ReviewButtons review={review} id={r.id} t={t} compact />
            </li>
          );
        })}
      </ol>
      {shown.length > ROWS_SHOWN ? <p className="rv-muted">{t('review.rows.more', { count: shown.length - ROWS_SHOWN })}</p> : null}
    </section>
  );
}

