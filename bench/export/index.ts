/**
 * Entry of the export bench for the bench runner (run.ts): it runs on its own, when asked with
 * `--only export` (or `--scenario export`):
 *
 *   pnpm --filter @phuluc/bench run bench -- --only export [--quick] [--items N] [--json FILE]
 *
 *   --quick      one run per format instead of three (figures less steady)
 *   --items N    task rows of the table (default 5000; a section row every 25 items comes on top)
 *   --json FILE  raw results (default bench/results/export.json; the table goes next to it as .md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage } from '../lib/proc-stat.ts';

/** Whether the runner's arguments ask for the export bench. */
export function exportBenchRequested(argv: readonly string[]): boolean {
  const args = argv.filter((a) => a !== '--');
  return args.some((a, i) => ((a === '--scenario' || a === '--only') && args[i + 1] === 'export') || a === '--scenario=export' || a === '--only=export');
}

/** Parses the arguments, runs the export bench, prints its table and writes the results. */
export async function exportBenchCli(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      scenario: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      items: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const items = values.items === undefined ? 5000 : Number(values.items);
  if (!Number.isInteger(items) || items < 1) throw new Error(`--items must be a positive integer, not "${values.items}"`);
  const { exportBench, exportBenchTable } = await import('./export-bench.ts');
  const started = new Date().toISOString();
  const loadAverageStart = loadAverage();
  const results = exportBench({ quick: values.quick ?? false, items, log: (line) => console.error(line) });
  const table = exportBenchTable(results, cpus().length);
  console.log(table);
  const jsonFile = values.json ?? join(import.meta.dirname, '..', 'results', 'export.json');
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify({ date: started, node: process.version, loadAverageStart, results }, null, 2)}\n`);
  writeFileSync(jsonFile.replace(/\.json$/, '.md'), `Run ${started}, Node ${process.version}, load average at start ${loadAverageStart}.\n\n${table}`);
}
