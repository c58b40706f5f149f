/**
 * A period's report, department or consolidated (or, for a bare year, the year-end evaluation):
 * a preview that looks like the signed «Báo cáo» (A4 page: issuing body and motto side by side,
 * title, body, «Nơi nhận», signature, then the appendix table), with the parts a person may
 * change typed in place. The edits are kept in this browser per plan, period and unit; the
 * downloads send them to the server, which lays out the same texts as DOCX or XLSX.
 */
import {
  REPORT_DETAIL_COLUMNS,
  REPORT_MOTTO,
  reportAppendixHeading,
  type ReportBlock,
  reportBody,
  reportDetailCells,
  type ReportEdits,
  type ReportFormat,
  type ReportModel,
  type ReportTexts,
  reportTextsMerge,
} from '@phuluc/domain';
import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { ApiFailure, type ApiUser } from '../app/api.ts';
import { blobDownload } from '../app/export-api.ts';
import { linkClick, PATHS } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { useT } from '../i18n/strings.ts';
import { apiReport, apiReportExport, reportEditsDiff, reportEditsKey, reportEditsLoad, reportEditsSave } from './report-api.ts';
import './report.css';

type Load = { state: 'loading' } | { state: 'ready'; model: ReportModel } | { state: 'failed'; message: string };

/** A text typed in place: one line, as wide as its box. */
function Line({ value, label, onChange, className, fit }: { value: string; label: string; onChange: (v: string) => void; className?: string; fit?: boolean }) {
  return (
    <input
      size={fit ? Math.max(8, value.length + 1) : undefined}
      className={`rp-edit rp-edit-line${className ? ` ${className}` : ''}`}
      value={value}
      aria-label={label}
      title={label}
      placeholder={label}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
    />
  );
}

/** A text typed in place over several lines, as tall as its text. */
function Area({ value, label, onChange, testId }: { value: string; label: string; onChange: (v: string) => void; testId?: string }) {
  return (
    <textarea
      className="rp-edit rp-edit-area"
      value={value}
      aria-label={label}
      title={label}
      placeholder={label}
      rows={Math.max(2, value.split('\n').length)}
      data-testid={testId}
      onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
    />
  );
}

export function ReportPage({
  user,
  planId,
  periodId,
  unitId,
  onUnauthenticated,
}: {
  user: ApiUser;
  planId: string;
  periodId: string;
  /** One department's report, or null for the consolidated one. */
  unitId: string | null;
  onUnauthenticated: () => void;
}) {
  const t = useT();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const storageKey = reportEditsKey(planId, periodId, unitId);
  const [edits, setEdits] = useState<ReportEdits>(() => reportEditsLoad(window.localStorage, storageKey));
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    setEdits(reportEditsLoad(window.localStorage, storageKey));
    apiReport(planId, periodId, unitId).then(
      (model) => live && setLoad({ state: 'ready', model }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiFailure && error.status === 401) onUnauthenticated();
        setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [planId, periodId, unitId, storageKey, onUnauthenticated]);

  const model = load.state === 'ready' ? load.model : null;
  const texts: ReportTexts | null = useMemo(() => (model ? reportTextsMerge(model.texts, edits) : null), [model, edits]);

  const change = (key: keyof ReportTexts) => (value: string) => {
    if (!model || !texts) return;
    const next = reportEditsDiff(model.texts, { ...texts, [key]: value });
    setEdits(next);
    reportEditsSave(window.localStorage, storageKey, next);
  };
  const reset = () => {
    setEdits({});
    reportEditsSave(window.localStorage, storageKey, {});
  };
  const download = async (format: ReportFormat) => {
    setBusy(format);
    setDownloadError(null);
    try {
      const file = await apiReportExport(planId, periodId, unitId, format, edits);
      blobDownload(file.blob, file.fileName);
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) onUnauthenticated();
      setDownloadError(t('report.downloadFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(null);
    }
  };

  const back = PATHS.tracking(planId, /^\d{4}$/.test(periodId) ? null : periodId);
  const heading = !model
    ? t('report.loading')
    : model.kind === 'yearEnd'
      ? t('report.title.yearEnd', { year: model.year })
      : model.kind === 'department'
        ? t('report.title.department', { unit: model.unit?.name ?? '', period: model.periodPhrase })
        : t('report.title.consolidated', { period: model.periodPhrase });

  return (
    <>
      <TopBar user={user} />
      <main className="rp-main" data-testid="report-page">
        <div className="rp-toolbar">
          <a className="rp-back" href={back} onClick={(e) => linkClick(e, back)}>
            ← {t('report.back')}
          </a>
          <h1 className="rp-heading">{heading}</h1>
          <div className="rp-actions">
            {Object.keys(edits).length > 0 ? (
              <button type="button" className="button button-quiet" onClick={reset}>
                {t('report.reset')}
              </button>
            ) : null}
            <button type="button" className="button button-primary" data-testid="report-download-docx" disabled={!model || busy !== null} onClick={() => void download('docx')}>
              {busy === 'docx' ? t('report.downloading') : t('report.downloadDocx')}
            </button>
            <button type="button" className="button button-primary" data-testid="report-download-xlsx" disabled={!model || busy !== null} onClick={() => void download('xlsx')}>
              {busy === 'xlsx' ? t('report.downloading') : t('report.downloadXlsx')}
            </button>
          </div>
        </div>
        {downloadError ? (
          <p className="rp-error" role="alert">
            {downloadError}
          </p>
        ) : null}
        {load.state === 'loading' ? <p className="muted">{t('report.loading')}</p> : null}
        {load.state === 'failed' ? (
          <p className="rp-error" role="alert">
            {t('report.loadFailed', { message: load.message })}
          </p>
        ) : null}
        {model && texts ? (
          <>
            <p className="rp-hint muted">{t('report.hint')}</p>
            <ReportSheet model={model} texts={texts} change={change} />
            <ReportAppendix model={model} texts={texts} />
          </>
        ) : null}
      </main>
    </>
  );
}

/** The first pages: header, title, body, «Nơi nhận» and signature, with the editable texts in place. */
function ReportSheet({ model, texts, change }: { model: ReportModel; texts: ReportTexts; change: (key: keyof ReportTexts) => (value: string) => void }) {
  const t = useT();
  const label = (key: keyof ReportTexts) => t(`report.field.${key}`);
  const block = (b: ReportBlock, i: number) => {
    switch (b.kind) {
      case 'heading':
        return (
          <p key={i} className={`rp-p rp-h${b.level}`}>
            {b.text}
          </p>
        );
      case 'paragraph':
        return (
          <p key={i} className="rp-p">
            {b.text}
          </p>
        );
      case 'item':
        return (
          <p key={i} className="rp-p">
            - {b.text}
          </p>
        );
      case 'editable':
        return (
          <div key={i} className="rp-p rp-p-edit">
            <Area value={texts[b.field]} label={label(b.field)} onChange={change(b.field)} testId={`report-edit-${b.field}`} />
          </div>
        );
    }
  };
  return (
    <article className="rp-sheet" aria-label={t('report.preview')}>
      <div className="rp-header">
        <div className="rp-header-left">
          {model.issuer.body ? (
            <>
              <div>{model.issuer.parent}</div>
              <div className="rp-bold">{model.issuer.body}</div>
            </>
          ) : (
            <div className="rp-bold">{model.issuer.parent}</div>
          )}
          <hr className="rp-rule rp-rule-short" />
          <div className="rp-number">
            <span>Số: </span>
            <Line value={texts.number} label={label('number')} onChange={change('number')} className="rp-edit-number" fit />
          </div>
        </div>
        <div className="rp-header-right">
          <div className="rp-bold rp-nation">{REPORT_MOTTO.nation}</div>
          <div className="rp-bold rp-motto">{REPORT_MOTTO.motto}</div>
          <hr className="rp-rule rp-rule-motto" />
          <Line value={texts.placeDate} label={label('placeDate')} onChange={change('placeDate')} className="rp-italic rp-center" />
        </div>
      </div>
      <div className="rp-title">
        <div className="rp-bold">BÁO CÁO</div>
        <Line value={texts.subject} label={label('subject')} onChange={change('subject')} className="rp-bold rp-center rp-subject" />
        <hr className="rp-rule rp-rule-title" />
      </div>
      <div className="rp-body">{reportBody(model, texts).map(block)}</div>
      <div className="rp-closing">
        <div className="rp-recipients">
          <div className="rp-recipients-title">Nơi nhận:</div>
          <Area value={texts.recipients} label={label('recipients')} onChange={change('recipients')} testId="report-edit-recipients" />
        </div>
        <div className="rp-signature">
          <Line value={texts.signAuthority} label={label('signAuthority')} onChange={change('signAuthority')} className="rp-bold rp-center" />
          <Line value={texts.signTitle} label={label('signTitle')} onChange={change('signTitle')} className="rp-bold rp-center" />
          <div className="rp-sign-space" />
          <Line value={texts.signer} label={label('signer')} onChange={change('signer')} className="rp-bold rp-center" />
        </div>
      </div>
    </article>
  );
}

/** The appendix: the detail table, as on the landscape page. */
function ReportAppendix({ model, texts }: { model: ReportModel; texts: ReportTexts }) {
  const t = useT();
  const [title, subject, cite] = reportAppendixHeading(model, texts);
  return (
    <article className="rp-sheet rp-sheet-wide" aria-label={t('report.appendix')}>
      <div className="rp-title">
        <div className="rp-bold">{title}</div>
        <div className="rp-bold">{subject}</div>
        <div className="rp-italic">{cite}</div>
      </div>
      <table className="rp-table">
        <colgroup>
          {REPORT_DETAIL_COLUMNS.map((c) => (
            <col key={c.key} style={{ width: `${c.widthMm}mm` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {REPORT_DETAIL_COLUMNS.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.length === 0 ? (
            <tr>
              <td colSpan={REPORT_DETAIL_COLUMNS.length}>{t('report.appendix.none')}</td>
            </tr>
          ) : (
            model.rows.map((row) => (
              <tr key={row.rowId} data-status={row.status ?? 'none'}>
                {reportDetailCells(row).map((text, i) => (
                  <td key={REPORT_DETAIL_COLUMNS[i]?.key ?? i}>{text}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </article>
  );
}
