/**
 * The "Xuất" button of the plan page and its menu: download the active table as DOCX, XLSX, PDF,
 * CSV or JSON, final or as a draft. The server validates first; when the table still has errors
 * it refuses a final export (422), and the menu lists the errors in Vietnamese with a way to
 * export a draft instead (marked "DỰ THẢO" on every page).
 */
import type { Finding } from '@phuluc/domain';
import { useEffect, useRef, useState } from 'react';
import { type StringKey, useT } from '../i18n/strings.ts';
import { ApiFailure } from './api.ts';
import { blobDownload, EXPORT_MENU_FORMATS, type ExportMenuFormat, exportFetch } from './export-api.ts';
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

type MenuState =
  | { status: 'idle' }
  | { status: 'working'; format: ExportMenuFormat }
  | { status: 'refused'; format: ExportMenuFormat; message: string; errors: Finding[] };

/** The button and its menu, for the table `tableId` of the plan (nothing to export without one). */
export function ExportMenu({ planId, tableId }: { planId: string; tableId: string | null }) {
  const t = useT();
  const { open, panelId, buttonRef, close, toggle } = useDisclosure();
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
      {open && tableId ? <ExportPanel id={panelId} planId={planId} tableId={tableId} onClose={close} /> : null}
    </div>
  );
}

function ExportPanel({ id, planId, tableId, onClose }: { id: string; planId: string; tableId: string; onClose: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState(false);
  const [state, setState] = useState<MenuState>({ status: 'idle' });
  const panelRef = useRef<HTMLElement>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    panelRef.current?.focus();
    return () => {
      live.current = false;
    };
  }, []);

  // A new table starts afresh.
  useEffect(() => setState({ status: 'idle' }), [tableId]);

  const run = async (format: ExportMenuFormat, asDraft: boolean): Promise<void> => {
    setState({ status: 'working', format });
    try {
      const answer = await exportFetch(planId, tableId, format, asDraft);
      if (!live.current) return;
      if (answer.ok) {
        blobDownload(answer.blob, answer.fileName);
        toast(t('export.done', { file: answer.fileName }));
        setState({ status: 'idle' });
        return;
      }
      const errors = answer.findings.filter((f) => f.severity === 'error');
      toast(t('export.refused.toast', { count: errors.length }), 'error');
      setState({ status: 'refused', format, message: answer.message, errors });
    } catch (error) {
      if (!live.current) return;
      toast(error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network'), 'error');
      setState({ status: 'idle' });
    }
  };

  const working = state.status === 'working';
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
      <div className="export-formats" role="group" aria-label={t('export.formats')}>
        {EXPORT_MENU_FORMATS.map((format) => (
          <button key={format} type="button" className="button" disabled={working} onClick={() => void run(format, draft)}>
            {working && state.format === format ? t('export.working') : t(FORMAT_KEYS[format])}
          </button>
        ))}
      </div>
      <label className="export-draft">
        <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
        {t('export.draft')}
      </label>
      {state.status === 'refused' ? (
        <div className="export-refused" role="alert">
          <p className="export-refused-title">{t('export.refused.title', { count: state.errors.length })}</p>
          <ul>
            {state.errors.slice(0, ERRORS_SHOWN).map((f, i) => (
              <li key={`${f.rowId ?? ''}:${f.field ?? ''}:${i}`}>{f.row ? t('export.refused.row', { row: f.row, message: f.message }) : f.message}</li>
            ))}
          </ul>
          {state.errors.length > ERRORS_SHOWN ? <p>{t('export.refused.more', { count: state.errors.length - ERRORS_SHOWN })}</p> : null}
          <p className="muted">{t('export.refused.hint')}</p>
          <button type="button" className="button button-primary" disabled={working} onClick={() => void run(state.format, true)}>
            {t('export.refused.draft', { format: t(FORMAT_KEYS[state.format]) })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
