/**
 * One row's progress for one period: its label, timeframe, «Trễ hạn» with the reason, the last
 * update, and — for who may report it — the compact form (status, results, evidence, difficulties,
 * an indicator's value with the live comparison against its target). What is typed goes through a
 * `ProgressDraft`: written as the person types, flushed on blur and when the form goes.
 */
import {
  type ProgressPlan,
  type ProgressRecord,
  type ProgressTextKey,
  PROGRESS_LIMITS,
  PROGRESS_STATUS_CODES,
  PROGRESS_STATUSES,
  PROGRESS_TEXT_KEYS,
  indicatorCompare,
  progressEvidenceRead,
  progressLateness,
} from '@phuluc/domain';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { toast } from '../app/toasts.tsx';
import type { TFunction } from '../i18n/strings.ts';
import { useReview } from '../review/review-context.tsx';
import { timeLabel } from '../review/time-label.ts';
import { ProgressDraft, progressFieldError, progressRawRead } from './progress-draft.ts';
import { useCaretKeep } from './caret-keep.ts';
import { lateReasonsText } from './late-text.ts';
import type { TrackingRow } from './use-tracking-data.ts';

export interface ProgressFormProps {
  t: TFunction;
  doc: Y.Doc;
  row: TrackingRow;
  periodId: string;
  /** Who writes and for which unit; null: read only. */
  writer: { userId: string; unitId: string } | null;
  records: readonly ProgressRecord[];
  today: string;
  plan: ProgressPlan;
  /** Moves on every change of the document, so the form shows what others type. */
  tick: number;
  /** The row is due in the period. */
  due: boolean;
}

const LIMIT_OF: Record<ProgressTextKey, number> = {
  result: PROGRESS_LIMITS[PROGRESS_TEXT_KEYS.result],
  evidence: PROGRESS_LIMITS[PROGRESS_TEXT_KEYS.evidence],
  difficulties: PROGRESS_LIMITS[PROGRESS_TEXT_KEYS.difficulties],
  value: PROGRESS_LIMITS[PROGRESS_TEXT_KEYS.value],
};

export function ProgressForm({ t, doc, row, periodId, writer, records, today, plan, tick, due }: ProgressFormProps) {
  const review = useReview();
  const writerKey = writer ? `${writer.userId}|${writer.unitId}` : '';
  const [draft, setDraft] = useState<ProgressDraft | null>(null);
  useEffect(() => {
    if (!writer) {
      setDraft(null);
      return;
    }
    const made = new ProgressDraft(doc, row.id, periodId, writer, undefined, (reason) => toast(t('tracking.form.writeError', { reason }), 'error'));
    setDraft(made);
    return () => made.dispose();
    // one draft per row, period and writer
  }, [doc, row.id, periodId, writerKey]);
  const [, setLocal] = useState(0);
  void tick;
  const raw = progressRawRead(doc, row.id, periodId);
  const lateness = progressLateness(row, records.filter((r) => r.rowId === row.id), today, plan);
  const shown = (key: ProgressTextKey | 'status'): string => (draft ? draft.shown(key, raw) : key === 'status' ? (raw?.status ?? '') : (raw?.[key] ?? ''));
  const change = (key: ProgressTextKey | 'status', value: string): void => {
    draft?.set(key, value);
    setLocal((n) => n + 1);
  };
  const blur = (): void => {
    draft?.flush();
    setLocal((n) => n + 1);
  };
  const id = `pf-${row.id}`;
  const indicator = row.kind === 'indicator';
  const value = shown('value');
  const comparison = indicator && value.trim() !== '' ? indicatorCompare({ target: row.cells.target ?? '', value, measureUnit: row.cells.measureUnit ?? '' }) : null;
  const evidence = progressEvidenceRead(shown('evidence'));

  const textField = (key: ProgressTextKey, label: string, rows: number, hint?: string) => {
    const text = shown(key);
    const error = progressFieldError(key, text);
    const max = LIMIT_OF[key];
    return (
      <label className={`pf-field pf-field--${key}`}>
        <span className="pf-label">
          {label}
          <span className={`pf-count${text.length > max * 0.9 ? ' pf-count--near' : ''}`}>{t('tracking.form.chars', { n: text.length, max })}</span>
        </span>
        {writer ? (
          <LiveText
            multiline={rows > 1}
            rows={rows}
            value={text}
            maxLength={max}
            placeholder={hint}
            invalid={error !== null}
            testId={`progress-${key}`}
            onChange={(next) => change(key, next)}
            onBlur={blur}
          />
        ) : (
          <span className="pf-read" data-testid={`progress-${key}`}>
            {text || '—'}
          </span>
        )}
        {error ? (
          <span className="pf-error" role="alert">
            {error}
          </span>
        ) : null}
      </label>
    );
  };

  const status = shown('status');
  return (
    <article className={`pf${lateness.state === 'late' ? ' pf--late' : ''}${due ? '' : ' pf--not-due'}`} data-testid="progress-row" data-row-id={row.id} aria-labelledby={`${id}-title`}>
      <header className="pf-head">
        <h4 className="pf-title" id={`${id}-title`}>
          {row.number ? <span className="pf-number">{row.number}.</span> : null} {row.label}
        </h4>
        <p className="pf-meta">
          <span>{row.cells.timeframe?.trim() ? t('tracking.row.timeframe', { timeframe: row.cells.timeframe.trim() }) : row.cells.frequency?.trim() || t('tracking.row.noTimeframe')}</span>
          {!due ? <span className="pf-chip">{t('tracking.row.notDue')}</span> : null}
          {lateness.state === 'late' ? (
            <span className="pf-late" data-testid="progress-late" title={lateReasonsText(t, lateness.reasons)}>
              <strong>{t('tracking.row.late')}</strong>: {lateReasonsText(t, lateness.reasons)}
            </span>
          ) : null}
          <span className="pf-updated" data-testid="progress-updated">
            {raw && raw.at ? t('tracking.row.updated', { when: timeLabel(raw.at), who: review ? review.personLabel(raw.by) : raw.by }) : t('tracking.row.notReported')}
          </span>
        </p>
      </header>
      <div className="pf-body">
        <label className="pf-field pf-field--status">
          <span className="pf-label">{t('tracking.form.status')}</span>
          {writer ? (
            <select value={status} data-testid="progress-status" onChange={(e) => change('status', e.target.value)}>
              <option value="" disabled>
                {t('tracking.form.statusNone')}
              </option>
              {PROGRESS_STATUS_CODES.map((code) => (
                <option key={code} value={code}>
                  {PROGRESS_STATUSES[code]}
                </option>
              ))}
            </select>
          ) : (
            <span className={`pf-read pf-status pf-status--${status || 'none'}`} data-testid="progress-status">
              {status ? PROGRESS_STATUSES[status as keyof typeof PROGRESS_STATUSES] : '—'}
            </span>
          )}
          {indicator ? (
            <span className="pf-target">{t('tracking.form.target', { target: [row.cells.target, row.cells.measureUnit].filter(Boolean).join(' · ') || '—' })}</span>
          ) : null}
        </label>
        {indicator ? (
          <div className="pf-value">
            {textField('value', t('tracking.form.value'), 1, t('tracking.form.valueHint'))}
            {comparison ? (
              <span
                className={`pf-compare pf-compare--${comparison.outcome}`}
                data-testid="progress-compare"
                title={'reason' in comparison ? comparison.reason : undefined}
              >
                {comparison.outcome === 'met' ? t('tracking.form.met') : comparison.outcome === 'not_met' ? t('tracking.form.notMet') : 'reason' in comparison ? comparison.reason : ''}
              </span>
            ) : null}
          </div>
        ) : null}
        {textField('result', t('tracking.form.result'), 2)}
        <div className="pf-evidence">
          {textField('evidence', t('tracking.form.evidence'), 1, t('tracking.form.evidenceHint'))}
          {evidence.kind === 'link' && !progressFieldError('evidence', shown('evidence')) ? (
            <a className="pf-link" href={evidence.url} target="_blank" rel="noopener noreferrer">
              {t('tracking.form.open')}
            </a>
          ) : null}
        </div>
        {textField('difficulties', t('tracking.form.difficulties'), 2)}
      </div>
    </article>
  );
}

/** A report's text box, its caret kept by its characters when others change the text (`useCaretKeep`). */
function LiveText(props: {
  multiline: boolean;
  rows: number;
  value: string;
  maxLength: number;
  placeholder: string | undefined;
  invalid: boolean;
  testId: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const remember = useCaretKeep(ref, props.value);
  const common = {
    ref,
    value: props.value,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    'aria-invalid': props.invalid,
    'data-testid': props.testId,
    onSelect: remember,
    onChange: (e: { target: { value: string } }) => {
      props.onChange(e.target.value);
      remember();
    },
    onBlur: props.onBlur,
  };
  return props.multiline ? <textarea rows={props.rows} {...common} /> : <input type="text" {...common} />;
}
