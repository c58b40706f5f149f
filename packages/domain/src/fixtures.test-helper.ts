/**
 * Test-only access to the real appendix tables in the repository's `fixtures/` folder.
 * Node I/O is allowed here because only tests import this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `fixtures/` folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export const FIXTURE_FILES = [
  'tan-thanh-2026-tasks.tsv',
  'xuan-loc-2026-indicators.tsv',
  'tan-ky-2026-tasks.tsv',
  'tan-ky-2026-recurring.tsv',
  'tan-ky-2026-kpi.tsv',
] as const;

/** The text of a fixture file, e.g. `fixtureRead('units.tsv')`. */
export function fixtureRead(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

/** A fixture table as rows of cells (tab-separated, header included, page-break headers kept). */
export function fixtureRows(name: string): string[][] {
  return fixtureRead(name)
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}
