/**
 * The review page's figures, live: every table of the plan read from the document, validated
 * by the domain (`validateTable`) and summarised (`reviewTableSummarize`). Recomputed a moment
 * after the document changes — and at least every `MAX_WAIT_MS` while people keep typing — so
 * a leader watching sees the numbers move without the page working on every keystroke.
 */
import {
  type Finding,
  type TableModel,
  type TableReviewSummary,
  type UnitDirectory,
  planDocReadTable,
  planDocReviews,
  planDocTableIds,
  reviewTableSummarize,
  validateTable,
} from '@phuluc/domain';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export interface ReviewTableData {
  id: string;
  model: TableModel;
  findings: Finding[];
  summary: TableReviewSummary;
}

export interface ReviewData {
  tables: ReviewTableData[];
}

const DELAY_MS = 300;
const MAX_WAIT_MS = 1500;

/** Reads, validates and summarises every table of the plan now. */
export function reviewDataRead(doc: Y.Doc, units: UnitDirectory, planYear: number): ReviewData {
  const reviews = planDocReviews(doc);
  const tables: ReviewTableData[] = [];
  for (const id of planDocTableIds(doc)) {
    let model: TableModel;
    try {
      model = planDocReadTable(doc, id);
    } catch {
      continue; // a malformed table: the grid says so; the review page skips it
    }
    const findings = validateTable(model, { tableId: id, planYear, units });
    tables.push({ id, model, findings, summary: reviewTableSummarize(model, id, findings, reviews, { planYear }) });
  }
  return { tables };
}

export function useReviewData(doc: Y.Doc, units: UnitDirectory, planYear: number): ReviewData {
  const [data, setData] = useState<ReviewData>(() => reviewDataRead(doc, units, planYear));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let firstChange = 0;
    const run = (): void => {
      timer = null;
      firstChange = 0;
      setData(reviewDataRead(doc, units, planYear));
    };
    const onUpdate = (): void => {
      const now = Date.now();
      if (firstChange === 0) firstChange = now;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, now - firstChange >= MAX_WAIT_MS ? 0 : DELAY_MS);
    };
    run();
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, units, planYear]);
  return data;
}
