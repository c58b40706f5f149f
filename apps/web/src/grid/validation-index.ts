/**
 * Findings of `validateTable` indexed for the grid: per row and cell (the marker in a cell and
 * its hover text), per row (the validation-state filter), and counted.
 */
import type { Finding, Severity } from '@phuluc/domain';

/** A row's state for the filter: its worst finding, or ok. */
export type RowState = 'error' | 'warning' | 'ok';

/** The key of findings about a whole row (no field). */
export const ROW_KEY = '';

export interface ValidationIndex {
  findings: readonly Finding[];
  /** rowId → field (or ROW_KEY) → findings there. */
  byCell: ReadonlyMap<string, ReadonlyMap<string, readonly Finding[]>>;
  /** rowId → worst severity of its findings (rows without any are absent). */
  rowSeverity: ReadonlyMap<string, Severity>;
  errors: number;
  warnings: number;
}

export const VALIDATION_EMPTY: ValidationIndex = { findings: [], byCell: new Map(), rowSeverity: new Map(), errors: 0, warnings: 0 };

function rowKey(cells: ReadonlyMap<string, readonly Finding[]>): string {
  let key = '';
  for (const [field, list] of cells) for (const f of list) key += `${field}\u0000${f.code}\u0000${f.message}\u0001`;
  return key;
}

/**
 * Indexes findings (those of the whole table, rowId null, are only counted and listed). A row
 * whose findings are the same as in `prev` keeps its map, so its grid row does not re-render.
 */
export function validationIndex(findings: readonly Finding[], prev: ValidationIndex | null = null): ValidationIndex {
  const byCell = new Map<string, Map<string, Finding[]>>();
  const rowSeverity = new Map<string, Severity>();
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors += 1;
    else warnings += 1;
    if (f.rowId === null) continue;
    let cells = byCell.get(f.rowId);
    if (!cells) {
      cells = new Map();
      byCell.set(f.rowId, cells);
    }
    const key = f.field ?? ROW_KEY;
    const list = cells.get(key);
    if (list) list.push(f);
    else cells.set(key, [f]);
    if (f.severity === 'error' || !rowSeverity.has(f.rowId)) rowSeverity.set(f.rowId, f.severity);
  }
  if (prev) {
    for (const [rowId, cells] of byCell) {
      const before = prev.byCell.get(rowId);
      if (before && rowKey(before) === rowKey(cells)) byCell.set(rowId, before as Map<string, Finding[]>);
    }
  }
  return { findings, byCell, rowSeverity, errors, warnings };
}

/** A row's state for the filter. */
export function rowState(index: ValidationIndex, rowId: string): RowState {
  return index.rowSeverity.get(rowId) ?? 'ok';
}

/** The worst severity among findings, or null. */
export function findingsSeverity(findings: readonly Finding[] | undefined): Severity | null {
  if (!findings || findings.length === 0) return null;
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
}
