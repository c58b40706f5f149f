/**
 * "Nhập bảng từ tệp" (coordinator and admin): a commune starts from last year's Word or Excel
 * file instead of retyping it. The person picks a file (≤ 10 MB); the server reads it and shows,
 * without writing anything, the layout it recognised, which field each column fills (a select
 * per column the person can correct), the first rows, the importer's notes and the validation
 * findings. Confirming adds the table to the plan: everyone who has it open sees the new tab,
 * and this page opens it.
 */
import {
  exportAttachedLine,
  FIELD_KEYS,
  FIELDS,
  fieldIsKnown,
  fieldLabelForYear,
  IMPORT_MAPPING_IGNORE,
  IMPORT_MAX_FILE_BYTES,
  numberingCompute,
  type PlanRole,
  permissionIsManager,
  TEMPLATES,
} from '@phuluc/domain';
import { type ChangeEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type StringKey, type TFunction, useT } from '../i18n/strings.ts';
import { ApiFailure } from './api.ts';
import {
  apiImportCommit,
  apiImportPreview,
  IMPORT_ACCEPT,
  type ImportMappingEntry,
  importMappingChanges,
  importMappingClashes,
  type ImportPreview,
} from './import-api.ts';
import { useDisclosure } from './disclosure.ts';
import { toast } from './toasts.tsx';
import './import-dialog.css';

const FORMAT_KEYS = {
  docx: 'import.format.docx',
  xlsx: 'import.format.xlsx',
  tsv: 'import.format.tsv',
  csv: 'import.format.csv',
  html: 'import.format.html',
  json: 'import.format.json',
} as const satisfies Record<ImportPreview['format'], StringKey>;

const META_KEYS = {
  planNumber: 'import.heading.planNumber',
  issuedOn: 'import.heading.issuedOn',
  commune: 'import.heading.commune',
} as const satisfies Record<ImportPreview['metaFilled'][number], StringKey>;

/** Rows shown in the preview table. */
const PREVIEW_ROWS = 8;
/** Findings listed (the rest are counted). */
const FINDINGS_SHOWN = 12;

/** The button of the plan header; shown to those who may import (coordinator, admin). */
export function ImportButton({ planId, role, onImported }: { planId: string; role: PlanRole | null; onImported: (tableId: string) => void }) {
  const t = useT();
  const { open, setOpen, buttonRef, close } = useDisclosure();
  if (role === null || !permissionIsManager({ userId: '', role, unitId: null })) return null;
  return (
    <>
      <button ref={buttonRef} type="button" className="button import-button" onClick={() => setOpen(true)}>
        {t('import.button')}
      </button>
      {open ? (
        <ImportDialog
          planId={planId}
          onClose={close}
          onImported={(tableId) => {
            setOpen(false);
            onImported(tableId);
          }}
        />
      ) : null}
    </>
  );
}

type State =
  | { status: 'choose'; error: string | null }
  | { status: 'reading' }
  | { status: 'preview'; preview: ImportPreview; read: ImportMappingEntry[]; samples: ReadonlyMap<number, string>; refreshing: boolean; error: string | null }
  | { status: 'committing'; preview: ImportPreview; read: ImportMappingEntry[]; samples: ReadonlyMap<number, string> };

/** A sample of each column as read from the file, to tell columns apart when choosing their field. */
function samplesOf(preview: ImportPreview): Map<number, string> {
  const out = new Map<number, string>();
  for (const entry of preview.mapping) {
    for (const row of preview.table.rows) {
      const text = row.kind === 'item' ? row.cells[entry.field]?.trim() : '';
      if (text) {
        out.set(entry.index, text.length > 60 ? `${text.slice(0, 59)}…` : text);
        break;
      }
    }
  }
  return out;
}

function failureText(error: unknown, t: TFunction): string {
  if (error instanceof ApiFailure && error.status !== 0) return error.message;
  return t('app.error.network');
}

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** The dialog itself (a modal <dialog>: Esc and the close button cancel). */
export function ImportDialog({ planId, onClose, onImported }: { planId: string; onClose: () => void; onImported: (tableId: string) => void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const [chosen, setChosen] = useState<ReadonlyMap<number, string>>(new Map());
  const [title, setTitle] = useState('');
  const [state, setState] = useState<State>({ status: 'choose', error: null });
  /** Answers to older requests are dropped (a select changed again meanwhile). */
  const requestSeq = useRef(0);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const preview = useCallback(
    async (request: { file: File; table?: number; mapping?: Map<number, string>; read?: ImportMappingEntry[]; samples?: ReadonlyMap<number, string> }) => {
      const seq = ++requestSeq.current;
      const mapping = request.read && request.mapping ? importMappingChanges(request.read, request.mapping) : [];
      setState((s) => (s.status === 'preview' ? { ...s, refreshing: true, error: null } : { status: 'reading' }));
      try {
        const answer = await apiImportPreview(planId, { file: request.file, table: request.table, mapping });
        if (seq !== requestSeq.current) return;
        // The mapping as read from the file (before corrections) stays the reference point.
        const read = request.read ?? answer.mapping;
        const samples = request.samples ?? samplesOf(answer);
        setState({ status: 'preview', preview: answer, read, samples, refreshing: false, error: null });
        if (!request.read) {
          setChosen(new Map(answer.mapping.map((m) => [m.index, m.field])));
          setTitle(answer.table.title);
        }
      } catch (error) {
        if (seq !== requestSeq.current) return;
        const message = failureText(error, t);
        setState((s) => (s.status === 'preview' && request.read ? { ...s, refreshing: false, error: message } : { status: 'choose', error: message }));
      }
    },
    [planId, t],
  );

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    event.target.value = '';
    if (!picked) return;
    setFile(picked);
    setChoice(undefined);
    // Checked here first, so nothing too big is sent for nothing.
    if (picked.size > IMPORT_MAX_FILE_BYTES) {
      setState({ status: 'choose', error: t('import.tooLarge', { size: sizeText(picked.size), max: sizeText(IMPORT_MAX_FILE_BYTES) }) });
      return;
    }
    void preview({ file: picked });
  };

  const onTableChoice = (index: number) => {
    if (!file) return;
    setChoice(index);
    void preview({ file, table: index });
  };

  const onMapping = (index: number, field: string) => {
    if (!file || (state.status !== 'preview' && state.status !== 'committing')) return;
    const next = new Map(chosen);
    next.set(index, field);
    setChosen(next);
    if (importMappingClashes(state.read, next).size === 0) void preview({ file, table: choice, mapping: next, read: state.read, samples: state.samples });
  };

  const commit = async () => {
    if (!file || state.status !== 'preview') return;
    const { preview: shown, read, samples } = state;
    setState({ status: 'committing', preview: shown, read, samples });
    try {
      const done = await apiImportCommit(planId, {
        file,
        table: choice,
        mapping: importMappingChanges(read, chosen),
        title: title.trim() && title.trim() !== shown.table.title ? title.trim() : undefined,
      });
      toast(t('import.done', { title: done.table.title, rows: shown.table.rows.filter((r) => r.kind === 'item').length }));
      onImported(done.tableId);
    } catch (error) {
      setState({ status: 'preview', preview: shown, read, samples, refreshing: false, error: failureText(error, t) });
    }
  };

  const shown = state.status === 'preview' || state.status === 'committing' ? state : null;
  const clashes = shown ? importMappingClashes(shown.read, chosen) : new Set<string>();
  const busy = state.status === 'reading' || state.status === 'committing' || (state.status === 'preview' && state.refreshing);

  return (
    <dialog
      ref={dialogRef}
      className="modal import-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (state.status !== 'committing') onClose();
      }}
    >
      <div className="import-head">
        <h2 id={titleId}>{t('import.title')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} disabled={state.status === 'committing'}>
          {t('import.close')}
        </button>
      </div>

      <div className="import-body">
        <section className="import-file">
          <input ref={fileInputRef} id={`${titleId}-file`} type="file" accept={IMPORT_ACCEPT} className="import-file-input" onChange={onFile} />
          <label htmlFor={`${titleId}-file`} className="button">
            {file ? t('import.file.change') : t('import.file.choose')}
          </label>
          <span className="import-file-name">{file ? `${file.name} · ${sizeText(file.size)}` : t('import.file.none')}</span>
          <p className="muted import-hint">{t('import.file.hint', { max: sizeText(IMPORT_MAX_FILE_BYTES) })}</p>
        </section>

        {state.status === 'choose' && state.error ? (
          <p className="form-error" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.status === 'reading' ? (
          <p className="muted" role="status">
            {t('import.reading')}
          </p>
        ) : null}

        {shown ? (
          <PreviewView
            t={t}
            preview={shown.preview}
            read={shown.read}
            samples={shown.samples}
            chosen={chosen}
            clashes={clashes}
            choice={choice ?? shown.preview.chosen}
            title={title}
            busy={busy}
            onTitle={setTitle}
            onMapping={onMapping}
            onTableChoice={onTableChoice}
          />
        ) : null}
        {state.status === 'preview' && state.error ? (
          <p className="form-error" role="alert">
            {state.error}
          </p>
        ) : null}
      </div>

      <div className="import-foot">
        {shown && clashes.size > 0 ? (
          <p className="form-error import-foot-note" role="alert">
            {t('import.mapping.clash', { field: [...clashes].map((f) => fieldName(f, shown.read, shown.preview.planMeta.year)).join(', ') })}
          </p>
        ) : null}
        <button type="button" className="button" onClick={onClose} disabled={state.status === 'committing'}>
          {t('import.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void commit()} disabled={!shown || busy || clashes.size > 0}>
          {state.status === 'committing' ? t('import.committing') : t('import.commit')}
        </button>
      </div>
    </dialog>
  );
}

/** A field as the person knows it: its Vietnamese label for the plan's year, or the column's own header. */
function fieldName(field: string, read: readonly ImportMappingEntry[], year: number): string {
  if (fieldIsKnown(field)) return fieldLabelForYear(FIELDS[field].label, year);
  return read.find((m) => m.field === field)?.label ?? field.replace(/^custom:/, '');
}

function PreviewView({
  t,
  preview,
  read,
  samples,
  chosen,
  clashes,
  choice,
  title,
  busy,
  onTitle,
  onMapping,
  onTableChoice,
}: {
  t: TFunction;
  preview: ImportPreview;
  read: readonly ImportMappingEntry[];
  samples: ReadonlyMap<number, string>;
  chosen: ReadonlyMap<number, string>;
  clashes: ReadonlySet<string>;
  choice: number;
  title: string;
  busy: boolean;
  onTitle: (title: string) => void;
  onMapping: (index: number, field: string) => void;
  onTableChoice: (index: number) => void;
}) {
  const { table, findings, notes } = preview;
  const items = table.rows.filter((r) => r.kind === 'item').length;
  const sections = table.rows.length - items;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const numbers = useMemo(() => numberingCompute(table.rows.map((r) => r.kind), table.numbering), [table]);
  const formId = useId();
  const metaKeys = Object.keys(META_KEYS) as Array<keyof typeof META_KEYS>;
  // What the file's heading says about the plan, and which of it the plan already has otherwise.
  const headingSays = metaKeys.some((key) => preview.heading[key] !== '');
  const kept = metaKeys.filter((key) => preview.heading[key] !== '' && !preview.metaFilled.includes(key) && preview.heading[key] !== preview.planMeta[key]);

  return (
    <div className="import-preview" aria-busy={busy}>
      <p className="import-summary" data-testid="import-summary">
        {t('import.summary', {
          format: t(FORMAT_KEYS[preview.format]),
          template: TEMPLATES[table.template].name,
          items,
          sections,
        })}
      </p>

      {preview.choices.length > 1 ? (
        <div className="import-row">
          <label htmlFor={`${formId}-table`}>{t('import.choice')}</label>
          <select id={`${formId}-table`} value={choice} disabled={busy} onChange={(e) => onTableChoice(Number(e.target.value))}>
            {preview.choices.map((c) => (
              <option key={c.index} value={c.index}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <div className="import-row">
        <label htmlFor={`${formId}-title`}>{t('import.tableTitle')}</label>
        <input id={`${formId}-title`} type="text" value={title} maxLength={300} onChange={(e) => onTitle(e.target.value)} />
      </div>

      {headingSays ? (
        <div className="import-row import-heading" data-testid="import-heading">
          <span className="import-heading-label">{t('import.heading.label')}</span>
          <span>
            <em>{exportAttachedLine(preview.planMeta)}</em>
            {preview.metaFilled.length > 0 ? (
              <span className="muted import-heading-note">
                {t('import.heading.filled', { fields: preview.metaFilled.map((key) => t(META_KEYS[key])).join(', ') })}
              </span>
            ) : null}
            {kept.length > 0 ? (
              <span className="muted import-heading-note">{t('import.heading.kept', { fields: kept.map((key) => t(META_KEYS[key])).join(', ') })}</span>
            ) : null}
          </span>
        </div>
      ) : null}

      <h3>{t('import.mapping.heading')}</h3>
      <p className="muted import-hint">{t('import.mapping.hint')}</p>
      <table className="import-mapping">
        <thead>
          <tr>
            <th scope="col">{t('import.mapping.source')}</th>
            <th scope="col">{t('import.mapping.field')}</th>
            <th scope="col">{t('import.mapping.sample')}</th>
          </tr>
        </thead>
        <tbody>
          {read.map((entry) => {
            const value = chosen.get(entry.index) ?? entry.field;
            const clash = clashes.has(value);
            const unknown = value !== IMPORT_MAPPING_IGNORE && !fieldIsKnown(value);
            return (
              <tr key={entry.index} className={value === IMPORT_MAPPING_IGNORE ? 'import-ignored' : unknown ? 'import-unknown' : undefined}>
                <th scope="row">
                  {entry.label}
                  {unknown ? <span className="import-unknown-note">{t('import.mapping.unknown')}</span> : null}
                </th>
                <td>
                  <select
                    aria-label={t('import.mapping.selectLabel', { column: entry.label })}
                    value={value}
                    aria-invalid={clash || undefined}
                    className={clash ? 'import-clash' : undefined}
                    onChange={(e) => onMapping(entry.index, e.target.value)}
                  >
                    {!fieldIsKnown(entry.field) ? <option value={entry.field}>{t('import.mapping.own', { label: entry.label })}</option> : null}
                    {FIELD_KEYS.map((key) => (
                      <option key={key} value={key}>
                        {fieldLabelForYear(FIELDS[key].label, preview.planMeta.year)}
                      </option>
                    ))}
                    <option value={IMPORT_MAPPING_IGNORE}>{t('import.mapping.ignore')}</option>
                  </select>
                </td>
                <td className="import-sample">{samples.get(entry.index) ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{t('import.rows.heading', { shown: Math.min(PREVIEW_ROWS, table.rows.length) })}</h3>
      <div className="import-rows-scroll">
        <table className="import-rows" data-testid="import-rows">
          <thead>
            <tr>
              {table.numbering.label !== null ? <th scope="col">{table.numbering.label}</th> : null}
              {table.columns.map((c) => (
                <th key={c.field} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, PREVIEW_ROWS).map((row, k) =>
              row.kind === 'section' ? (
                <tr key={k} className="import-section">
                  <td colSpan={table.columns.length + (table.numbering.label !== null ? 1 : 0)}>
                    {numbers[k]}. {row.label}
                  </td>
                </tr>
              ) : (
                <tr key={k}>
                  {table.numbering.label !== null ? <td className="import-number">{numbers[k]}</td> : null}
                  {table.columns.map((c) => (
                    <td key={c.field}>{row.cells[c.field] ?? ''}</td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>

      <h3>
        {t('import.findings.heading')}{' '}
        <span className={errors > 0 ? 'import-count import-count-error' : 'import-count'}>{t('import.findings.count', { errors, warnings })}</span>
      </h3>
      {findings.length === 0 ? (
        <p className="muted">{t('import.findings.none')}</p>
      ) : (
        <>
          {errors > 0 ? <p className="muted import-hint">{t('import.findings.hint')}</p> : null}
          <ul className="import-findings" data-testid="import-findings">
            {findings.slice(0, FINDINGS_SHOWN).map((f, k) => (
              <li key={k} className={f.severity === 'error' ? 'import-finding-error' : 'import-finding-warning'}>
                <span className="import-finding-kind">{f.severity === 'error' ? t('import.findings.error') : t('import.findings.warning')}</span>
                {f.row ? <span className="import-finding-row">{t('import.findings.row', { row: f.row })}</span> : null}
                <span>{f.message}</span>
              </li>
            ))}
          </ul>
          {findings.length > FINDINGS_SHOWN ? <p className="muted">{t('import.findings.more', { n: findings.length - FINDINGS_SHOWN })}</p> : null}
        </>
      )}

      <details className="import-notes">
        <summary>{t('import.notes.heading', { n: notes.length })}</summary>
        <ul>
          {notes.map((n, k) => (
            <li key={k}>
              {n.line ? <span className="import-finding-row">{t('import.notes.line', { line: n.line })}</span> : null}
              {n.message}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
