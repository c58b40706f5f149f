/**
 * Entry of the browser bench for the bench runner (run.ts): it runs on its own, when asked with
 * `--scenario browser` or `--only browser`:
 *
 *   pnpm --filter @phuluc/bench run bench -- --scenario browser [--quick] [--edits N] [--reps N]
 *                                            [--build] [--keep] [--profile DIR]
 *                                            [--wait-idle PERCENT] [--json FILE]
 *
 *   --quick      a smoke run: 50 keystrokes per table, 2 cold loads (figures not representative)
 *   --edits N    measured keystrokes per table (default 200)
 *   --reps N     cold loads of the 5,000-row table (default 5; the 500-row one gets half)
 *   --build      build apps/web first even if apps/web/dist-e2e exists (it is built when missing)
 *   --keep       keep the temporary data directory
 *   --profile D  after each table's measured keystrokes, profile both pages over 50 more keystrokes
 *                (unmeasured), write the .cpuprofile files to D and print source-mapped summaries
 *   --wait-idle P  before each part, wait (at most 3 min) until the CPUs are P % idle (a machine
 *                shared with others' runs skews every figure)
 *   --json FILE  raw results (default bench/results/browser.json; the tables go next to it as .md)
 *
 * Playwright and the bench itself are loaded only then, so the other benches do not pay for them.
 */
import { parseArgs } from 'node:util';

/** Whether the runner's arguments ask for the browser bench. */
export function browserBenchRequested(argv: readonly string[]): boolean {
  const args = argv.filter((a) => a !== '--');
  return args.some((a, i) => ((a === '--scenario' || a === '--only') && args[i + 1] === 'browser') || a === '--scenario=browser' || a === '--only=browser');
}

/** Parses the arguments and runs the browser bench. */
export async function browserBenchCli(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      scenario: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      edits: { type: 'string' },
      reps: { type: 'string' },
      build: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      json: { type: 'string' },
      profile: { type: 'string' },
      'wait-idle': { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const int = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not "${value}"`);
    return n;
  };
  const { browserBenchMain } = await import('./browser-bench.ts');
  await browserBenchMain({
    quick,
    edits: int(values.edits, quick ? 50 : 200, 'edits'),
    reps: int(values.reps, quick ? 2 : 5, 'reps'),
    build: values.build ?? false,
    keep: values.keep ?? false,
    jsonFile: values.json ?? null,
    profileDir: values.profile ?? null,
    waitIdlePercent: waitIdleParse(values['wait-idle']),
    log: (line) => console.error(line),
  });
}

function waitIdleParse(value: string | undefined): number | null {
  if (value === undefined) return null;
  const percent = Number(value);
  if (!(percent > 0 && percent <= 100)) throw new Error(`--wait-idle takes a percentage, not "${value}"`);
  return percent;
}
