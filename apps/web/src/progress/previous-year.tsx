/**
 * The year-end evaluation a plan made from last year's plan carries («Đánh giá kết quả thực hiện
 * năm …», the meta value `NEXT_YEAR_META_KEY` the server writes when it creates the plan): the
 * totals, one line per row of last year, and «Sao chép» to paste it into this year's report.
 * Nothing when the plan has none.
 */
import { NEXT_YEAR_META_KEY, nextYearEvaluationParse, nextYearEvaluationText } from '@phuluc/domain';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { toast } from '../app/toasts.tsx';
import { useT } from '../i18n/strings.ts';
import './next-year.css';

/** The meta value, read again when the meta changes. */
function usePreviousYear(doc: Y.Doc): unknown {
  const meta = doc.getMap('meta');
  const [value, setValue] = useState<unknown>(() => meta.get(NEXT_YEAR_META_KEY));
  useEffect(() => {
    const update = (): void => setValue(meta.get(NEXT_YEAR_META_KEY));
    update();
    meta.observe(update);
    return () => meta.unobserve(update);
  }, [meta]);
  return value;
}

export function PreviousYearEvaluation({ doc }: { doc: Y.Doc }) {
  const t = useT();
  const evaluation = nextYearEvaluationParse(usePreviousYear(doc));
  if (!evaluation) return null;
  const copy = (): void => {
    navigator.clipboard.writeText(nextYearEvaluationText(evaluation)).then(
      () => toast(t('nextYear.previous.copied', { year: evaluation.year })),
      () => toast(t('nextYear.previous.copyFailed'), 'error'),
    );
  };
  return (
    <section className="py-card" aria-labelledby="py-title" data-testid="previous-year">
      <div className="py-head">
        <h2 className="py-title" id="py-title">
          {t('nextYear.previous.title', { year: evaluation.year })}
        </h2>
        <button type="button" className="button button-small" onClick={copy}>
          {t('nextYear.previous.copy')}
        </button>
      </div>
      <p className="ny-line ny-muted">
        {t('nextYear.previous.summary', {
          done: evaluation.tasks.done,
          tasks: evaluation.tasks.total,
          met: evaluation.indicators.met,
          indicators: evaluation.indicators.total,
          title: evaluation.title,
        })}
      </p>
      <ul className="py-lines">
        {evaluation.lines.map((line, i) => (
          <li key={i}>
            {line.number ? `${line.number}. ` : ''}
            {line.name}
            {line.target ? ` (${t('nextYear.previous.target', { target: line.target })})` : ''}: <strong>{line.result}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
