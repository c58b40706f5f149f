/**
 * The review page's figures, live: every table of the plan read from the document, validated
 * by the domain (`validateTable`) and summarised (`reviewTableSummarize`). Recomputed a moment
 * after the document changes — and at least every `DOC_READ_MAX_WAIT_MS` while people keep typing — so
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
import { useDocRead } from '../app/use-doc-read.ts';
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
  return useDocRead(doc, (d) => reviewDataRead(d, units, planYear), [units, planYear]);
}
