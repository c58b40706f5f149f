/**
 * Test-only access to the real appendix tables in `../shared/fixtures` (beside the repository).
 * Node I/O is allowed here because only tests import this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function fixturesDirFind(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i += 1) {
    for (const candidate of [join(dir, 'shared', 'fixtures'), join(dir, '..', 'shared', 'fixtures')]) {
      if (existsSync(join(candidate, 'units.tsv'))) return resolve(candidate);
    }
    dir = dirname(dir);
  }
  throw new Error('shared/fixtures not found beside the repository');
}

export const FIXTURES_DIR = fixturesDirFind();

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
