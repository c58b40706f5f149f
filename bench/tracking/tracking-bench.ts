/**
 * The tracking benchmark (issue 13): what the «Theo dõi» tab and the reports cost on a large plan.
 * A 5,000-row plan grown from the Tân Thanh fixture, with each department's reports for October
 * and November on half of its rows, in a real plan document. Measured in this process (median of
 * `runs`): reading the rows and records from the document (the tab re-reads them a moment after
 * each change), the tab's three figures (matrix, timeline, late rows), and the consolidated
 * report of November as data, as DOCX and as XLSX (the server's export).
 */
import {
  planDocCreate,
  planDocImportTable,
  planDocProgressRead,
  planDocProgressWrite,
  planDocReadReporting,
  planDocReadTable,
  planDocTableIds,
  progressLateRows,
  progressMatrix,
  progressRowsOf,
  progressTimeline,
  reportBuild,
  reportSpanParse,
  rowOwnersForLead,
  unitDirectoryDefault,
} from '@phuluc/domain';
import { reportDocx } from '@phuluc/server/src/reports/report-docx.ts';
import { reportXlsx } from '@phuluc/server/src/reports/report-xlsx.ts';
import { planTableBuild } from '../lib/plan-build.ts';
import { median } from '../lib/stats.ts';
import { tableMarkdown } from '../lib/table.ts';

/** One measured step: its median and slowest run, in ms. */
export interface TrackingBenchResult {
  step: string;
  medianMs: number;
  maxMs: number;
}

/** Builds the plan and its reports; returns the document and how many rows and records it holds. */
function planWithReports(items: number) {
  const units = unitDirectoryDefault();
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '25/KH-UBND', issuedOn: '2026-01-15' });
  planDocImportTable(doc, planTableBuild(items), { ownersOf: (row) => rowOwnersForLead(units, row.cells.lead ?? '') });
  const tableId = planDocTableIds(doc)[0] ?? '';
  const rows = progressRowsOf(planDocReadTable(doc, tableId));
  rows.forEach((row, i) => {
    const unitId = row.owners[0];
    if (!unitId || i % 2 === 1) return;
    for (const period of ['2026-10', '2026-11']) {
      planDocProgressWrite(doc, row.id, period, { status: i % 6 === 0 ? 'done' : 'in_progress', result: `Đã triển khai phần việc ${period} của dòng ${i}`, difficulties: i % 10 === 0 ? 'Thiếu kinh phí' : '' }, { userId: 'u-bench', unitId }, '2026-12-03T08:00:00+07:00');
    }
  });
  return { doc, rows: rows.length };
}

const reportDocxOf = (m: ReturnType<typeof reportBuild>) => reportDocx(m, m.texts);
const reportXlsxOf = (m: ReturnType<typeof reportBuild>) => reportXlsx(m, m.texts);

/** Runs the steps `runs` times each. */
export async function trackingBench(options: { items: number; runs: number; log: (line: string) => void }): Promise<{ rows: number; records: number; results: TrackingBenchResult[] }> {
  const built = planWithReports(options.items);
  const { doc } = built;
  const today = '2026-12-05';
  const units = unitDirectoryDefault();
  const unitNames = Object.fromEntries(units.units.map((u) => [u.id, u.name]));
  const read = () => {
    const tables = planDocTableIds(doc).map((id) => planDocReadTable(doc, id));
    const settings = planDocReadReporting(doc);
    return { tables, rows: tables.flatMap(progressRowsOf), records: planDocProgressRead(doc).records, settings, plan: { year: 2026, settings } };
  };
  const data = read();
  const span = reportSpanParse('2026-11');
  if (!span) throw new Error('span');
  const model = () => reportBuild({ meta: { commune: 'Tân Thanh', year: 2026, planNumber: '25/KH-UBND', issuedOn: '2026-01-15' }, tables: data.tables, records: data.records, settings: data.settings, unitNames, today, span, unitId: null });
  const steps: Array<[string, () => unknown]> = [
    ['read rows and records from the document', read],
    ['matrix (departments × 12 months)', () => progressMatrix(data.rows, data.records, data.plan, today)],
    ['timeline of the year', () => progressTimeline(data.rows, data.records, data.plan, today)],
    ['late rows', () => progressLateRows(data.rows, data.records, today, data.plan)],
    ['consolidated report of November (data)', model],
    ['… as DOCX', () => reportDocxOf(model())],
    ['… as XLSX', () => reportXlsxOf(model())],
  ];
  const results: TrackingBenchResult[] = [];
  for (const [step, run] of steps) {
    const times: number[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    options.log(`${step}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    results.push({ step, medianMs: median(times), maxMs: Math.max(...times) });
  }
  return { rows: built.rows, records: data.records.length, results };
}

/** The results as a markdown table. */
export function trackingBenchTable(out: { rows: number; records: number; results: readonly TrackingBenchResult[] }, runs: number): string {
  return tableMarkdown(
    `Tracking a ${out.rows}-row plan with ${out.records} reports (median of ${runs} runs, ms)`,
    ['step', 'median', 'slowest'],
    out.results.map((r) => [r.step, r.medianMs.toFixed(0), r.maxMs.toFixed(0)]),
  );
}
