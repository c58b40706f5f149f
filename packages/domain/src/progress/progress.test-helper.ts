/** Test-only: the fixture tables as progress rows, and progress records built in one line. */
import { FIXTURE_TEMPLATES, fixtureTable } from '../plan-doc-fixtures.test-helper.ts';
import { textSlug } from '../text.ts';
import type { ProgressRow } from './due.ts';
import type { ProgressRecord, ProgressStatus } from './model.ts';
import { progressRecordSchema } from './model.ts';
import { progressRowsOf } from './summary.ts';

/** Every fixture's item rows as progress rows: ids "<file>#<k>", owned by the slug of their lead cell. */
export function fixtureProgressRows(): Array<{ file: string; rows: ProgressRow[] }> {
  return FIXTURE_TEMPLATES.map(([file, template]) => {
    const table = fixtureTable(file, template);
    let k = 0;
    table.rows = table.rows.map((row) => {
      if (row.kind !== 'item') return row;
      k += 1;
      return { ...row, id: `${file}#${k}`, owners: [textSlug(row.cells.lead ?? '')] };
    });
    return { file, rows: progressRowsOf(table) };
  });
}

/** A row built from a few cells. */
export function progressRow(id: string, cells: Record<string, string>, options: { kind?: 'task' | 'indicator'; owners?: string[] } = {}): ProgressRow {
  return { id, kind: options.kind ?? 'task', owners: options.owners ?? ['phong-van-hoa-xa-hoi'], cells };
}

/** A record checked by the schema (reported 1 January 2026 unless `extra.at` says otherwise). */
export function progressRecord(
  rowId: string,
  period: string,
  status: ProgressStatus,
  extra: Partial<Omit<ProgressRecord, 'rowId' | 'period' | 'status'>> = {},
): ProgressRecord {
  return progressRecordSchema.parse({ rowId, period, status, unitId: 'phong-van-hoa-xa-hoi', by: 'u1', at: '2026-01-01T08:00:00+07:00', ...extra });
}
