/**
 * «Tạo kế hoạch năm … từ kế hoạch này»: next year's plan from this one, after a preview. The
 * button (coordinator and admin only) opens a modal dialog with what the server would write
 * (`GET …/next-year`): the counts, per table the rows carried with each rolled text before →
 * after, the finished rows left out with a box to keep each, the years left as written and why,
 * and the evaluation attached. «Tạo kế hoạch năm …» creates it and opens the new plan.
 */
import { type NextYearPreview, type NextYearPreviewRow, type NextYearPreviewTable, PROGRESS_STATUSES, type PlanRole } from '@phuluc/domain';
import { type ReactNode, useId, useRef, useState } from 'react';
import { ApiFailure } from '../app/api.ts';
import { navigate, PATHS } from '../app/router.ts';
import { toast } from '../app/toasts.tsx';
import { type TFunction, useT } from '../i18n/strings.ts';
import { apiNextYearCreate, apiNextYearPreview } from './next-year-api.ts';
import './next-year.css';

type Item = Extract<NextYearPreviewRow, { kind: 'item' }>;
type Load = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; preview: NextYearPreview } | { status: 'failed'; message: string };

const failureMessage = (t: TFunction, error: unknown): string => (error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network'));

/** A rolled text: "before → after" per changed cell, and the years kept with why. */
function RowChanges({ t, row }: { t: TFunction; row: Item }): ReactNode {
  return (
    <>
      {row.changes.length === 0 ? <span className="ny-muted">{t('nextYear.noChange')}</span> : null}
      {row.changes.map((c) => (
        <span key={c.field} className="ny-change" data-testid="next-year-change">
          <span className="ny-field">{c.label}:</span> <span className="ny-before">{c.before}</span> → <span className="ny-after">{c.after}</span>
        </span>
      ))}
      {row.kept.map((k, i) => (
        <span key={`${k.field}-${i}`} className="ny-kept" data-testid="next-year-kept">
          ⚠ {k.message}
        </span>
      ))}
    </>
  );
}

function TablePreview({ t, table, include, toggle }: { t: TFunction; table: NextYearPreviewTable; include: ReadonlySet<string>; toggle: (id: string) => void }): ReactNode {
  const items = table.rows.filter((r): r is Item => r.kind === 'item');
  const carried = items.filter((r) => r.decision === 'carried');
  const left = items.filter((r) => r.decision === 'leftOut');
  const empty = table.rows.filter((r) => r.kind === 'section' && r.empty);
  return (
    <section className="ny-table" data-testid="next-year-table">
      <h3 className="ny-table-title">{t('nextYear.table', { title: table.title, carried: table.counts.carried, leftOut: table.counts.leftOut })}</h3>
      {table.changes.length > 0 ? (
        <p className="ny-line">
          <span className="ny-muted">{t('nextYear.tableChanges')}</span>{' '}
          {table.changes.map((c) => (
            <span key={`${c.field}-${c.before}`} className="ny-change">
              <span className="ny-before">{c.before}</span> → <span className="ny-after">{c.after}</span>
            </span>
          ))}
        </p>
      ) : null}
      {empty.map((s) => (s.kind === 'section' ? <p key={s.rowId} className="ny-line ny-muted">{t('nextYear.emptySection', { label: s.label })}</p> : null))}
      <h4 className="ny-sub">{t('nextYear.carried')}</h4>
      {carried.length === 0 ? <p className="ny-muted">{t('nextYear.carriedNone')}</p> : null}
      <ul className="ny-rows">
        {carried.map((row) => (
          <li key={row.rowId} className="ny-row" data-testid="next-year-carried">
            <span className="ny-name">{row.name}</span>
            <span className="ny-reason">
              {row.reasonText} · {row.lastStatus ? PROGRESS_STATUSES[row.lastStatus] : t('nextYear.status.none')}
            </span>
            <RowChanges t={t} row={row} />
          </li>
        ))}
      </ul>
      {left.length > 0 ? (
        <>
          <h4 className="ny-sub">{t('nextYear.leftOut')}</h4>
          <ul className="ny-rows">
            {left.map((row) => (
              <li key={row.rowId} className="ny-row ny-row--left" data-testid="next-year-left-out">
                <label className="ny-keep">
                  <input type="checkbox" checked={include.has(row.rowId)} onChange={() => toggle(row.rowId)} aria-label={t('nextYear.keep', { name: row.name })} />
                  <span className="ny-name">{row.name}</span>
                </label>
                <span className="ny-reason">{row.reasonText}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function NextYearButton({ planId, year, role }: { planId: string; year: number; role: PlanRole }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [load, setLoad] = useState<Load>({ status: 'idle' });
  const [include, setInclude] = useState<Set<string>>(new Set());
  const [force, setForce] = useState(false);
  const [creating, setCreating] = useState(false);
  if (role !== 'coordinator' && role !== 'admin') return null;

  const open = (): void => {
    setLoad({ status: 'loading' });
    setInclude(new Set());
    setForce(false);
    dialogRef.current?.showModal();
    apiNextYearPreview(planId).then(
      (preview) => setLoad({ status: 'ready', preview }),
      (error: unknown) => setLoad({ status: 'failed', message: failureMessage(t, error) }),
    );
  };
  const close = (): void => {
    dialogRef.current?.close();
    setLoad({ status: 'idle' });
  };
  const toggle = (id: string): void =>
    setInclude((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const create = async (): Promise<void> => {
    setCreating(true);
    try {
      const created = await apiNextYearCreate(planId, { include: [...include], ...(force ? { force: true } : {}) });
      toast(t('nextYear.created', { title: created.plan.title }));
      dialogRef.current?.close();
      navigate(PATHS.plan(created.plan.id));
    } catch (error) {
      toast(failureMessage(t, error), 'error');
    } finally {
      setCreating(false);
    }
  };

  const preview = load.status === 'ready' ? load.preview : null;
  const existing = preview?.existing[0];
  const evaluation = preview?.evaluation;
  return (
    <>
      <button type="button" className="button" onClick={open} data-testid="next-year-open">
        {t('nextYear.open', { year: year + 1 })}
      </button>
      <dialog ref={dialogRef} className="modal ny-dialog" role="dialog" aria-labelledby={titleId} data-testid="next-year-dialog" onClose={() => setLoad({ status: 'idle' })}>
        <header className="ny-head">
          <h2 id={titleId} className="ny-title">
            {t('nextYear.title', { year: year + 1, from: year })}
          </h2>
          <button type="button" className="button button-quiet ny-close" onClick={close} aria-label={t('nextYear.close')}>
            ✕
          </button>
        </header>
        <div className="ny-body">
          {load.status === 'loading' ? <p className="ny-muted">{t('nextYear.loading')}</p> : null}
          {load.status === 'failed' ? (
            <p className="pf-error" role="alert">
              {load.message}
            </p>
          ) : null}
          {preview && evaluation ? (
            <>
              <p className="ny-summary" data-testid="next-year-summary">
                {t('nextYear.summary', { carried: preview.counts.carried, leftOut: preview.counts.leftOut, kept: include.size, notes: preview.counts.kept })}
              </p>
              <p className="ny-line">{t('nextYear.planTitle', { title: preview.meta.title })}</p>
              <p className="ny-line" data-testid="next-year-evaluation">
                {t('nextYear.evaluation', {
                  year: evaluation.year,
                  done: evaluation.tasks.done,
                  tasks: evaluation.tasks.total,
                  indicators: evaluation.indicators.total > 0 ? t('nextYear.evaluationIndicators', { met: evaluation.indicators.met, indicators: evaluation.indicators.total }) : '',
                })}
              </p>
              {existing ? (
                <div className="ny-warn" role="alert">
                  <p>{t('nextYear.existing', { year: preview.to, title: existing.title })}</p>
                  <label className="ny-keep">
                    <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                    {t('nextYear.forceLabel', { year: preview.to })}
                  </label>
                </div>
              ) : null}
              {preview.tables.map((table) => (
                <TablePreview key={table.tableId} t={t} table={table} include={include} toggle={toggle} />
              ))}
            </>
          ) : null}
        </div>
        <footer className="ny-foot">
          <button type="button" className="button" onClick={close}>
            {t('nextYear.cancel')}
          </button>
          <button type="button" className="button button-primary" disabled={!preview || creating || (existing !== undefined && !force)} onClick={() => void create()} data-testid="next-year-create">
            {creating ? t('nextYear.creating') : t('nextYear.create', { year: year + 1 })}
          </button>
        </footer>
      </dialog>
    </>
  );
}
