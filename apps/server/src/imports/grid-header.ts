/**
 * Whether a grid of cells (a Word table, an Excel sheet) is an appendix table: the first of its
 * rows with at least two header labels the domain recognises.
 */
import { headerRecognize } from '@phuluc/domain';

/** Header labels are looked for in this many first rows, and this many first cells of each. */
const HEADER_SEARCH_ROWS = 100;
const HEADER_SEARCH_CELLS = 64;

/** The header row of a grid and the fields it names ("#" for STT), or undefined. */
export function gridHeaderFind(grid: readonly (readonly string[])[], searchRows = HEADER_SEARCH_ROWS): { row: number; fields: string } | undefined {
  for (let r = 0; r < grid.length && r < searchRows; r += 1) {
    const cells = (grid[r] ?? []).slice(0, HEADER_SEARCH_CELLS);
    if (cells.filter((c) => c.trim() !== '').length < 2) continue;
    const found = headerRecognize(cells);
    if (found.recognized >= 2) {
      return { row: r, fields: found.matches.map((m) => (m.number ? '#' : m.field)).join('|') };
    }
  }
  return undefined;
}
