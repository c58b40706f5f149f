/**
 * The "Xuất" button of the plan page and its menu: download the active table as the official
 * appendix (Word, PDF) or as data (Excel, CSV, JSON), final or as a draft. The menu closes as
 * soon as an export starts; the file arrives with a toast.
 *
 * What the table's errors allow is the domain's rule (`exportDecide`): the menu validates the
 * open table as the server will, keeps the data exports enabled while errors remain (a clerk
 * needs them to fix the errors), and explains why Word and PDF are not — listing the errors with
 * a way to export a draft instead (marked "DỰ THẢO" on every page). Should the server still refuse
 * (someone introduced an error meanwhile), the menu opens again with its findings.
 */
import type { Finding } from '@phuluc/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type StringKey, useT } from '../i18n/strings.ts';
import { useReview } from '../review/review-context.tsx';
import { ApiFailure } from './api.ts';
import { blobDownload, type ExportMenuChoice, exportFetch, type ExportMenuFormat, exportMenuChoices, exportTableErrors } from './export-api.ts';
import { useDisclosure } from './disclosure.ts';
import { toast } from './toasts.tsx';
import './export-menu.css';

const FORMAT_KEYS: Readonly<Record<ExportMenuFormat, StringKey>> = {
  docx: 'export.format.docx',
  xlsx: 'export.format.xlsx',
  pdf: 'export.format.pdf',
  csv: 'export.format.csv',
  json: 'export.format.json',
};

/** Errors listed in the menu before "… and N more". */
const ERRORS_SHOWN = 8;
/** How long the menu waits after an edit before validating the table again. */
const REVALIDATE_MS = 300;

/**
 * The errors of the open table while the menu is open, kept up to date as people edit; null
 * before the plan's document is here or when the table cannot be read (the server decides).
 */
function useOpenTableErrors(open: boolean, tableId: string | null): Finding[] | null {
  const review = useReview();
  const doc = review?.doc ?? null;
  const units = review?.units ?? null;
  const [errors, setErrors] = useState<Finding[] | null>(null);
  useEffect(() => {
    if (!open || !doc || !units || !tableId) {
      setErrors(null);
      return;
    }
    const run = (): void => setErrors(exportTableErrors(doc, tableId, units, new Date().getFullYear()));
    run();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, REVALIDATE_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [open, doc, units, tableId]);
  return errors;
}

/** The button and its menu, for the table `tableId` of the plan (nothing to export without one). */
export function ExportMenu({ planId, tableId }: { planId: string; tableId: string | null }) {
  const t = useT();
  const { open, setOpen, panelId, buttonRef, close, toggle } = useDisclosure();
  // The errors of a final export the server refused though the menu thought it allowed.
  const [refused, setRefused] = useState<Finding[] | null>(null);
  const errors = useOpenTableErrors(open, tableId);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // A new table starts afresh.
  useEffect(() => setRefused(null), [tableId]);

  const start = useCallback(
    (format: ExportMenuFormat, asDraft: boolean): void => {
      if (!tableId) return;
      close();
      setRefused(null);
      toast(t('export.started', { format: t(FORMAT_KEYS[format]) }));
      void (async () => {
        try {
          const answer = await exportFetch(planId, tableId, format, asDraft);
          if (!live.current) return;
          if (answer.ok) {
            blobDownload(answer.blob, answer.fileName);
            toast(t('export.done', { file: answer.fileName }));
            return;
          }
          const serverErrors = answer.findings.filter((f) => f.severity === 'error');
          toast(t('export.refused.toast', { count: serverErrors.length }), 'error');
          setRefused(serverErrors);
          setOpen(true);
        } catch (error) {
          if (!live.current) return;
          toast(error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network'), 'error');
        }
      })();
    },
    [close, planId, setOpen, t, tableId],
  );

  return (
    <div className="export-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button export-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={!tableId}
        title={tableId ? undefined : t('export.noTable')}
        onClick={toggle}
      >
        {t('export.button')}
      </button>
      {open && tableId ? <ExportPanel id={panelId} errors={refused ?? errors ?? []} onStart={start} onClose={close} /> : null}
    </div>
  );
}

function ExportPanel({
  id,
  errors,
  onStart,
  onClose,
}: {
  id: string;
  /** The table's errors (the server's when it refused, else the menu's own check). */
  errors: Finding[];
  onStart: (format: ExportMenuFormat, draft: boolean) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => panelRef.current?.focus(), []);

  const hasErrors = errors.length > 0;
  const blocked = hasErrors && !draft;
  const choices = exportMenuChoices({ hasErrors, draft });
  const button = (choice: ExportMenuChoice) => (
    <button
      key={choice.format}
      type="button"
      className="button"
      disabled={!choice.enabled}
      title={choice.enabled ? undefined : t('export.official.blocked')}
      onClick={() => onStart(choice.format, draft)}
    >
      {t(FORMAT_KEYS[choice.format])}
    </button>
  );
  return (
    <section
      id={id}
      ref={panelRef}
      className="export-panel"
      role="dialog"
      aria-label={t('export.title')}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="export-panel-head">
        <h2>{t('export.title')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('export.close')}
        </button>
      </div>
      <p className="muted export-hint">{t('export.hint')}</p>
      <div className="export-group" role="group" aria-label={t('export.official.title')}>
        <h3>{t('export.official.title')}</h3>
        {blocked ? null : <p className="muted export-hint">{t('export.official.hint')}</p>}
        <div className="export-formats">{choices.filter((c) => c.official).map(button)}</div>
        {blocked ? (
          // Right under the buttons it holds back: why, and the way out.
          <div className="export-refused" role="alert">
            <p className="export-refused-title">{t('export.refused.title', { count: errors.length })}</p>
            <ul>
              {errors.slice(0, ERRORS_SHOWN).map((f, i) => (
                <li key={`${f.rowId ?? ''}:${f.field ?? ''}:${i}`}>{f.row ? t('export.refused.row', { row: f.row, message: f.message }) : f.message}</li>
              ))}
            </ul>
            {errors.length > ERRORS_SHOWN ? <p>{t('export.refused.more', { count: errors.length - ERRORS_SHOWN })}</p> : null}
            <p className="muted">{t('export.refused.hint')}</p>
            <div className="export-formats">
              {choices
                .filter((c) => c.official)
                .map((c) => (
                  <button key={c.format} type="button" className="button button-primary" onClick={() => onStart(c.format, true)}>
                    {t('export.refused.draft', { format: t(FORMAT_KEYS[c.format]) })}
                  </button>
                ))}
            </div>
          </div>
        ) : null}
      </div>
      <div className="export-group" role="group" aria-label={t('export.data.title')}>
        <h3>{t('export.data.title')}</h3>
        <p className="muted export-hint">{t('export.data.hint')}</p>
        <div className="export-formats">{choices.filter((c) => !c.official).map(button)}</div>
        <p className="muted export-hint export-csv-hint">{t('export.csv.hint')}</p>
      </div>
      <label className="export-draft">
        <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
        {t('export.draft')}
      </label>
    </section>
  );
}
