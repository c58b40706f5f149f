/**
 * Command-line options of the bench runner:
 *
 *   pnpm --filter @phuluc/bench run bench [--quick] [--only relay,cold-load,permission,pipeline]
 *                                         [--scenario 10x10|50x5|200x0.25] [--server phuluc|reference] [--workers N]
 *                                         [--wait-idle PERCENT]
 *                                         [--profile DIR] [--json FILE] [--pin SERVER_CPUS:GENERATOR_CPUS]
 */
import { parseArgs } from 'node:util';

export const BENCH_NAMES = ['permission', 'pipeline', 'cold-load', 'relay'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchOptions {
  /** A short smoke run: few seconds per scenario, fewer repetitions. */
  quick: boolean;
  only: readonly BenchName[];
  /** Relay scenarios to run (all when empty). */
  scenarios: readonly string[];
  servers: ReadonlyArray<'phuluc' | 'reference'>;
  /** Load-generator threads for the relay clients. */
  workers: number;
  /** Before each part, wait (bounded) until the CPUs are this % idle; null: do not wait. */
  waitIdlePercent: number | null;
  /** Write V8 CPU profiles of the Phuluc server children here and summarise them. */
  profileDir: string | null;
  /** Where to write the raw results (JSON); the markdown tables go next to it. */
  jsonFile: string | null;
}

/** Parses the runner's arguments (an unknown one is an error, with the usage). */
export function benchOptionsParse(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv].filter((a) => a !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      server: { type: 'string' },
      workers: { type: 'string', default: '2' },
      'wait-idle': { type: 'string' },
      profile: { type: 'string' },
      json: { type: 'string' },
      pin: { type: 'string' },
    },
  });
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...BENCH_NAMES];
  for (const name of only) {
    if (!(BENCH_NAMES as readonly string[]).includes(name)) throw new Error(`unknown bench "${name}" (known: ${BENCH_NAMES.join(', ')})`);
  }
  // --scenario alone means "the relay bench, this scenario".
  const scenarios = (values.scenario ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
  const selected = values.only ? (only as BenchName[]) : scenarios.length > 0 ? (['relay'] as BenchName[]) : (only as BenchName[]);
  const servers = values.server ? (values.server.split(',') as Array<'phuluc' | 'reference'>) : (['phuluc', 'reference'] as const);
  for (const s of servers as readonly string[]) if (s !== 'phuluc' && s !== 'reference') throw new Error(`unknown server "${s}"`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, not "${values.workers}"`);
  const waitIdle = values['wait-idle'] === undefined ? null : Number(values['wait-idle']);
  if (waitIdle !== null && !(waitIdle > 0 && waitIdle <= 100)) throw new Error(`--wait-idle takes a percentage, not "${values['wait-idle']}"`);
  return {
    quick: values.quick ?? false,
    only: selected,
    scenarios,
    servers,
    workers,
    waitIdlePercent: waitIdle,
    profileDir: values.profile ?? null,
    jsonFile: values.json ?? null,
  };
}
