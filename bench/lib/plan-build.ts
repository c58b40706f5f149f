/**
 * Large plans for the benchmarks, grown from a real appendix (the Tân Thanh 2026 task table):
 * its item rows repeated with small variations to `items` rows, a section row every
 * `ITEMS_PER_SECTION` items, and the lead cell rotating over the commune's departments so
 * each bench editor owns a share of the rows (owners are read from the lead cell, as on import).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ItemRow, type RowModel, type TableModel, type Unit, tableImportText, unitDirectoryDefault } from '@phuluc/domain';

/** The repository's `fixtures/` folder. */
export const FIXTURES_DIR = join(import.meta.dirname, '../../fixtures');

const ITEMS_PER_SECTION = 25;

const SECTION_LABELS = [
  'CHÍNH QUYỀN SỐ',
  'KINH TẾ SỐ',
  'XÃ HỘI SỐ',
  'HẠ TẦNG SỐ VÀ AN TOÀN THÔNG TIN',
  'DỮ LIỆU SỐ',
  'NHÂN LỰC SỐ',
  'THỂ CHẾ VÀ TRUYỀN THÔNG',
];

/** Departments (commune scope) that own rows: bench editor i belongs to `BENCH_UNITS[i % n]`. */
export const BENCH_UNITS: readonly Unit[] = unitDirectoryDefault()
  .units.filter((u) => u.scope === 'commune')
  .slice(0, 10);

/** The real fixture table the bench plans are grown from. */
export function fixtureTable(): TableModel {
  const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(`tan-thanh fixture: ${imported.reason}`);
  return imported.value.table;
}

/** A plan table with `items` item rows (plus sections), every row's lead naming bench units. */
export function planTableBuild(items: number): TableModel {
  const base = fixtureTable();
  const sources = base.rows.filter((r): r is ItemRow => r.kind === 'item');
  const rows: RowModel[] = [];
  for (let i = 0; i < items; i += 1) {
    if (i % ITEMS_PER_SECTION === 0) {
      const s = i / ITEMS_PER_SECTION;
      rows.push({ kind: 'section', label: `${SECTION_LABELS[s % SECTION_LABELS.length] as string}${s >= SECTION_LABELS.length ? ` (phần ${Math.floor(s / SECTION_LABELS.length) + 1})` : ''}` });
    }
    const source = sources[i % sources.length] as ItemRow;
    const round = Math.floor(i / sources.length);
    const lead = BENCH_UNITS[i % BENCH_UNITS.length] as Unit;
    // Every seventh row has a second lead unit, as real plans do ("A, B").
    const second = i % 7 === 3 ? (BENCH_UNITS[(i + 3) % BENCH_UNITS.length] as Unit) : null;
    const cells: Record<string, string> = { ...source.cells };
    cells.task = `${source.cells.task ?? ''}${round > 0 ? ` – đợt ${round + 1}` : ''}`;
    cells.lead = second ? `${lead.name}, ${second.name}` : lead.name;
    if (round % 3 === 1) cells.timeframe = `Quý ${['I', 'II', 'III', 'IV'][i % 4] as string}/2026`;
    if (round % 4 === 2) cells.note = 'Phối hợp với các thôn, ấp triển khai';
    rows.push({ kind: 'item', cells });
  }
  return { ...base, rows };
}
