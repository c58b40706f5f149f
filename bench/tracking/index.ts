/**
 * Entry of the tracking bench for the bench runner (run.ts), run on its own with `--only tracking`:
 *
 *   pnpm --filter @phuluc/bench run bench -- --only tracking [--quick] [--items N]
 *
 *   --quick      2 runs per step instead of 7
 *   --items N    task rows of the plan (default 5000; a section row every 25 items comes on top)
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadAverage } from '../lib/proc-stat.ts';

/** Whether the runner's arguments ask for the tracking bench. */
export function trackingBenchRequested(argv: readonly string[]): boolean {
  const args = argv.filter((a) => a !== '--');
  return args.some((a, i) => ((a === '--scenario' || a === '--only') && args[i + 1] === 'tracking') || a === '--scenario=tracking' || a === '--only=tracking');
}

/** Parses the arguments, runs the bench and prints its table. */
export async function trackingBenchCli(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: { scenario: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean', default: false }, items: { type: 'string' } },
  });
  const items = values.items === undefined ? 5000 : Number(values.items);
  if (!Number.isInteger(items) || items < 1) throw new Error(`--items must be a positive integer, not "${values.items}"`);
  const runs = values.quick ? 2 : 7;
  const { trackingBench, trackingBenchTable } = await import('./tracking-bench.ts');
  const started = new Date().toISOString();
  const load = loadAverage();
  const out = await trackingBench({ items, runs, log: (line) => console.error(line) });
  console.log(`Run ${started}, Node ${process.version}, ${cpus().length} CPUs, load average at start ${load}.\n`);
  console.log(trackingBenchTable(out, runs));
}
