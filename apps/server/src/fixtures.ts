/**
 * The real appendix tables in the repository's `fixtures/` folder: the demo plan is imported
 * from one of them and the tests read them. The server always runs from the repository
 * (TypeScript through tsx, no bundle), so the folder is there at run time too.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `fixtures/` folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** The path of a fixture file, e.g. `fixturePath('tan-thanh-2026-tasks.tsv')`. */
export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}
