/**
 * The tracking tab's figures, live: every item row of every table (with its table, section and
 * label), the progress records and the plan's reporting settings, re-read a moment after the
 * document changes (at least every `DOC_READ_MAX_WAIT_MS` while people type), plus a tick that moves on
 * every change for the forms, which show what others type as they type it.
 */
import {
  dateVi,
  QUARTER_ROMAN,
  type ProgressPlan,
  type ProgressRecord,
  type ProgressRow,
  type ReportingSettings,
  type ReportPeriod,
  planDocProgressRead,
  planDocReadReporting,
  planDocReadTable,
  planDocTableIds,
  progressRowsOf,
} from '@phuluc/domain';
import { useEffect, useState } from 'react';
import { useDocRead } from '../app/use-doc-read.ts';
import type * as Y from 'yjs';
import type { TFunction } from '../i18n/strings.ts';

/** An item row as the tracking tab lists it. */
export interface TrackingRow extends ProgressRow {
  tableId: string;
  tableTitle: string;
  /** The section heading it sits under ("I. CHÍNH QUYỀN SỐ"), or "" before any section. */
  section: string;
  /** Its STT. */
  number: string;
  /** Its task or indicator text. */
  label: string;
}

export interface TrackingData {
  rows: TrackingRow[];
  records: ProgressRecord[];
  settings: ReportingSettings;
  plan: ProgressPlan;
}


/** Reads the rows, records and settings now. */
export function trackingDataRead(doc: Y.Doc, planYear: number): TrackingData {
  const rows: TrackingRow[] = [];
  for (const tableId of planDocTableIds(doc)) {
    let table;
    try {
      table = planDocReadTable(doc, tableId);
    } catch {
      continue; // a malformed table: the grid says so
    }
    const progress = new Map(progressRowsOf(table).map((r) => [r.id, r]));
    let section = '';
    for (const row of table.rows) {
      if (row.kind === 'section') {
        section = [row.number, row.label].filter(Boolean).join('. ');
        continue;
      }
      const p = row.id === undefined ? undefined : progress.get(row.id);
      if (!p) continue;
      rows.push({ ...p, tableId, tableTitle: table.title, section, number: row.number ?? '', label: row.cells.task || row.cells.indicator || row.cells.detail || '' });
    }
  }
  const settings = planDocReadReporting(doc);
  return { rows, records: planDocProgressRead(doc).records, settings, plan: { year: planYear, settings } };
}

export function useTrackingData(doc: Y.Doc, planYear: number): TrackingData {
  return useDocRead(doc, (d) => trackingDataRead(d, planYear), [planYear]);
}

/** A number that changes after every change of the document (once per frame at most). */
export function useDocTick(doc: Y.Doc): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let frame = 0;
    const onUpdate = (): void => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setTick((n) => n + 1);
      });
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return tick;
}

/** Today as the person's calendar has it (yyyy-mm-dd). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** An ISO date as people write it: "2026-12-20" → "20/12/2026". */
export function dateShow(iso: string): string {
  return dateVi(iso.slice(0, 10));
}

/** A period in the interface's language: «Tháng 11/2026», «Quý IV/2026»; "11/2026", "Q4 2026". */
export function periodShow(t: TFunction, period: ReportPeriod): string {
  return period.kind === 'month'
    ? t('tracking.periodMonth', { month: period.month, year: period.year })
    : t('tracking.periodQuarter', { quarter: QUARTER_ROMAN[period.quarter - 1] ?? String(period.quarter), quarterNumber: period.quarter, year: period.year });
}
