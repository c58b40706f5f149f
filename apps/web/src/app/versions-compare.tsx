/**
 * The comparison of one table between two versions, or a version and the live plan
 * (/ke-hoach/:planId/so-sanh?bang=&tu=&den=): counts at the top, column changes, then every row
 * that differs in reading order — added (green), removed (red, struck), moved (from → to STT),
 * and changed cells as a redline (insertions underlined green, deletions struck red).
 */
import type { Column, RedlineSegment, RowDiff } from '@phuluc/domain';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { type TFunction, useLang, useT } from '../i18n/strings.ts';
import { ApiFailure, type ApiPlanDetail, type ApiUser, apiPlan } from './api.ts';
import { LangSwitch } from './lang-switch.tsx';
import { LogoutButton } from './logout-button.tsx';
import { linkClick, navigate, PATHS } from './router.ts';
import { type ApiCompare, type ApiCompareSide, type ApiVersion, apiCompare, apiVersions, VERSION_LIVE, versionTime } from './versions-api.ts';
import './versions.css';

/** Rows shown at first (and added by each "show more"): a whole 5,000-row table may differ. */
const ROWS_PAGE = 300;

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

function failureMessage(error: unknown, t: TFunction): string {
  return error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network');
}

/** A redline: kept text plain, insertions underlined green, deletions struck red. */
export function Redline({ segments }: { segments: readonly RedlineSegment[] }) {
  return (
    <span className="redline">
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          <ins key={i} className="redline-ins">
            {s.text}
          </ins>
        ) : s.op === 'delete' ? (
          <del key={i} className="redline-del">
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

export function ComparePage({
  user,
  planId,
  tableId,
  from,
  to,
  onUnauthenticated,
}: {
  user: ApiUser;
  planId: string;
  tableId: string | null;
  from: string | null;
  to: string | null;
  onUnauthenticated: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [plan, setPlan] = useState<Load<ApiPlanDetail>>({ status: 'loading' });
  const [versions, setVersions] = useState<Load<ApiVersion[]>>({ status: 'loading' });
  const [result, setResult] = useState<Load<ApiCompare>>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const failed = (error: unknown, set: (l: Load<never>) => void) => {
      if (!live) return;
      if (error instanceof ApiFailure && error.status === 401) onUnauthenticated();
      else set({ status: 'failed', message: failureMessage(error, t) });
    };
    apiPlan(planId).then((value) => live && setPlan({ status: 'ready', value }), (e: unknown) => failed(e, setPlan));
    apiVersions(planId).then((value) => live && setVersions({ status: 'ready', value }), (e: unknown) => failed(e, setVersions));
    return () => {
      live = false;
    };
    // `t` and the callback word failures only.
  }, [planId]);

  const tables = plan.status === 'ready' ? plan.value.tables : [];
  const list = versions.status === 'ready' ? versions.value : [];
  const table = tableId ?? tables[0]?.id ?? null;
  const fromRef = from ?? list[0]?.id ?? null;
  const toRef = to ?? VERSION_LIVE;

  // Defaults chosen: write them into the address, so a reload or a shared link shows the same.
  useEffect(() => {
    if (table && fromRef && (table !== tableId || fromRef !== from || toRef !== to)) {
      navigate(PATHS.compare(planId, { tableId: table, from: fromRef, to: toRef }), { replace: true });
    }
  }, [planId, table, fromRef, toRef, tableId, from, to]);

  useEffect(() => {
    if (!table || !fromRef) return;
    let live = true;
    setResult({ status: 'loading' });
    apiCompare(planId, table, fromRef, toRef).then(
      (value) => live && setResult({ status: 'ready', value }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiFailure && error.status === 401) onUnauthenticated();
        else setResult({ status: 'failed', message: failureMessage(error, t) });
      },
    );
    return () => {
      live = false;
    };
    // `t` and the callback word failures only.
  }, [planId, table, fromRef, toRef]);

  useEffect(() => {
    document.title = `${t('version.compare.title')} — ${t('app.name')}`;
  }, [t]);

  const sideName = (ref: string): string => {
    if (ref === VERSION_LIVE) return t('version.live');
    const v = list.find((x) => x.id === ref);
    return v ? `${v.name} — ${versionTime(v.createdAt, lang)}` : ref;
  };
  const go = (q: { tableId?: string | null; from?: string | null; to?: string | null }) =>
    navigate(PATHS.compare(planId, { tableId: table, from: fromRef, to: toRef, ...q }), { replace: true });
  const back = PATHS.plan(planId, table ?? undefined);
  const options = (
    <>
      <option value={VERSION_LIVE}>{t('version.live')}</option>
      {list.map((v) => (
        <option key={v.id} value={v.id}>
          {sideName(v.id)}
        </option>
      ))}
    </>
  );

  const loadFailure = plan.status === 'failed' ? plan.message : versions.status === 'failed' ? versions.message : null;

  return (
    <div className="page versions-page">
      <header className="plan-header">
        <div className="plan-heading">
          <a className="back-link" href={back} onClick={(e) => linkClick(e, back)}>
            {t('version.view.back')}
          </a>
          <h1 className="plan-title">{t('version.compare.title')}</h1>
          {plan.status === 'ready' ? <p className="plan-sub">{plan.value.plan.title}</p> : null}
        </div>
        <div className="plan-user">
          <span className="user-name">{user.name}</span>
          <LangSwitch />
          <LogoutButton />
        </div>
      </header>

      <div className="compare-controls">
        <label>
          <span>{t('version.compare.table')}</span>
          <select value={table ?? ''} onChange={(e) => go({ tableId: e.target.value })}>
            {tables.map((tab, i) => (
              <option key={tab.id} value={tab.id}>
                {tab.title || t('app.plan.untitledTable', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('version.compare.from')}</span>
          <select value={fromRef ?? ''} onChange={(e) => go({ from: e.target.value })}>
            {options}
          </select>
        </label>
        <button type="button" className="button button-quiet" onClick={() => go({ from: toRef, to: fromRef })} title={t('version.compare.swap')} aria-label={t('version.compare.swap')}>
          ⇄
        </button>
        <label>
          <span>{t('version.compare.to')}</span>
          <select value={toRef} onChange={(e) => go({ to: e.target.value })}>
            {options}
          </select>
        </label>
      </div>

      <main className="compare-main">
        {loadFailure ? (
          <p className="form-error" role="alert">
            {loadFailure}
          </p>
        ) : versions.status === 'ready' && list.length === 0 && !from ? (
          <p className="muted">{t('version.list.empty')}</p>
        ) : result.status === 'failed' ? (
          <p className="form-error" role="alert">
            {result.message}
          </p>
        ) : result.status === 'loading' ? (
          <p className="muted">{t('version.compare.loading')}</p>
        ) : (
          <CompareResult result={result.value} sideName={(side) => (side.kind === 'live' ? t('version.live') : sideName(side.version.id))} />
        )}
      </main>
    </div>
  );
}

function CompareResult({ result, sideName }: { result: ApiCompare; sideName: (side: ApiCompareSide) => string }) {
  const t = useT();
  const { diff } = result;
  const [shown, setShown] = useState(ROWS_PAGE);
  const labels = useMemo(() => new Map(result.columns.map((c) => [c.field, c.label])), [result.columns]);
  const c = diff.counts;
  const nothing = diff.title === null && diff.columns.length === 0 && diff.rows.length === 0;

  return (
    <>
      <p className="compare-sides">
        <span className="compare-side">{sideName(result.from)}</span>
        <span aria-hidden="true"> → </span>
        <span className="compare-side">{sideName(result.to)}</span>
      </p>
      <ul className="compare-counts" aria-label={t('version.compare.title')}>
        <li className="count-added" data-count="added">
          + {t('version.compare.countAdded', { n: c.added })}
        </li>
        <li className="count-removed" data-count="removed">
          − {t('version.compare.countRemoved', { n: c.removed })}
        </li>
        <li className="count-moved" data-count="moved">
          ↕ {t('version.compare.countMoved', { n: c.moved })}
        </li>
        <li className="count-changed" data-count="changed">
          ✎ {t('version.compare.countChanged', { cells: c.cells, rows: c.changed })}
        </li>
        {c.columns > 0 ? <li data-count="columns">{t('version.compare.countColumns', { n: c.columns })}</li> : null}
        <li className="muted" data-count="unchanged">
          {t('version.compare.countUnchanged', { n: diff.unchanged })}
        </li>
      </ul>
      <p className="muted compare-legend">{t('version.compare.legend')}</p>
      {[result.from, result.to].map((side, i) =>
        side.missing ? (
          <p key={i} className="form-notice">
            {t('version.compare.missing', { name: sideName(side) })}
          </p>
        ) : null,
      )}
      {nothing ? <p className="compare-none">{t('version.compare.none')}</p> : null}

      {diff.title ? (
        <p className="compare-title-change">
          <strong>{t('version.compare.tableTitle')}:</strong> <Redline segments={diff.title} />
        </p>
      ) : null}
      {diff.columns.length > 0 ? (
        <ul className="compare-columns">
          {diff.columns.map((col) => (
            <li key={`${col.change}:${col.field}`} className={`column-${col.change}`}>
              {col.change === 'added'
                ? t('version.compare.colAdded', { label: col.label })
                : col.change === 'removed'
                  ? t('version.compare.colRemoved', { label: col.label })
                  : col.change === 'renamed'
                    ? t('version.compare.colRenamed', { from: col.fromLabel ?? '', label: col.label })
                    : t('version.compare.colMoved', { label: col.label, from: (col.fromIndex ?? 0) + 1, to: (col.toIndex ?? 0) + 1 })}
            </li>
          ))}
        </ul>
      ) : null}

      {diff.rows.length > 0 ? (
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">{t('version.compare.thRow')}</th>
              <th scope="col">{t('version.compare.thChange')}</th>
              <th scope="col">{t('version.compare.thContent')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.slice(0, shown).map((row) => (
              <CompareRow key={`${row.change}:${row.rowId}`} row={row} labels={labels} columns={result.columns} />
            ))}
          </tbody>
        </table>
      ) : null}
      {diff.rows.length > shown ? (
        <button type="button" className="button" onClick={() => setShown((n) => n + ROWS_PAGE)}>
          + {Math.min(ROWS_PAGE, diff.rows.length - shown)} / {diff.rows.length - shown}
        </button>
      ) : null}
    </>
  );
}

/** How a row is cited on one side: its number ("II.3", "II"), else its position. */
function cite(t: TFunction, number: string, index: number | null): string {
  if (number) return number;
  return index === null ? '' : t('version.compare.rowAt', { n: index + 1 });
}

/** A whole row's non-empty cells as "Label: text" lines (or a section's title). */
function rowLines(row: RowDiff, columns: readonly Column[], t: TFunction): Array<{ key: string; label: string; text: string }> {
  const r = row.row;
  if (r.kind === 'section') return [{ key: 'label', label: t('version.compare.section'), text: r.label }];
  return columns.filter((c) => (r.cells[c.field] ?? '') !== '').map((c) => ({ key: c.field, label: c.label, text: r.cells[c.field] ?? '' }));
}

function CompareRow({ row, labels, columns }: { row: RowDiff; labels: ReadonlyMap<string, string>; columns: readonly Column[] }) {
  const t = useT();
  const from = cite(t, row.fromCite, row.fromIndex);
  const to = cite(t, row.toCite, row.toIndex);
  const badges: ReactNode[] = [];
  if (row.change === 'added') badges.push(<span key="a" className="badge badge-added">{t('version.compare.added')}</span>);
  if (row.change === 'removed') badges.push(<span key="r" className="badge badge-removed">{t('version.compare.removed')}</span>);
  if (row.moved) badges.push(<span key="m" className="badge badge-moved">{t('version.compare.moved')}</span>);
  if (row.cells.length > 0) badges.push(<span key="c" className="badge badge-changed">{t('version.compare.changed')}</span>);

  let content: ReactNode;
  if (row.change === 'kept') {
    // Which row it is: its first non-empty cell, then what changed in it.
    const context = row.row.kind === 'section' ? row.row.label : (columns.map((c) => (row.row.kind === 'item' ? row.row.cells[c.field] : '')).find((x) => x) ?? '');
    content = (
      <>
        {row.cells.length === 0 || row.cells.every((cell) => cell.field !== columns[0]?.field) ? <p className="compare-context muted">{context}</p> : null}
        {row.cells.map((cell) => (
          <p key={cell.field} className="compare-cell" data-field={cell.field}>
            <span className="compare-label">{cell.field === 'label' && row.kind === 'section' ? t('version.compare.sectionLabel') : (labels.get(cell.field) ?? cell.label)}:</span>{' '}
            <Redline segments={cell.redline} />
          </p>
        ))}
      </>
    );
  } else {
    const Tag = row.change === 'added' ? 'ins' : 'del';
    content = rowLines(row, columns, t).map((line) => (
      <p key={line.key} className="compare-cell">
        <span className="compare-label">{line.label}:</span> <Tag className={row.change === 'added' ? 'redline-ins' : 'redline-del'}>{line.text}</Tag>
      </p>
    ));
  }

  return (
    <tr className={`compare-row compare-${row.change}${row.moved ? ' compare-is-moved' : ''}`} data-row-id={row.rowId} data-change={row.change}>
      <td className="compare-cite">{row.change === 'removed' ? from : row.moved ? `${from} → ${to}` : to}</td>
      <td className="compare-badges">{badges}</td>
      <td className="compare-content">{content}</td>
    </tr>
  );
}
