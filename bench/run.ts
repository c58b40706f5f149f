/**
 * The bench runner: `pnpm --filter @phuluc/bench run bench` (the root's `npm run bench`).
 * Runs the in-process benchmarks (permission check, server pipeline), the late-joiner cold
 * load and the relay scenarios, each against Phuluc and the reference y-websocket server, then
 * prints one markdown table per benchmark and the issue's targets. Raw figures and the tables
 * are also written to bench/results/ (BENCHMARKS.md at the repo root is the record).
 *
 *   --quick                 a short smoke run (seconds per scenario; figures not representative)
 *   --scenario NAME         only this relay scenario (10x10, 50x5, 200x0.25; may repeat)
 *   --scenario browser      only the browser bench (Chromium + the web app; options in bench/browser/index.ts)
 *   --only a,b              only these benches: relay, cold-load, permission, pipeline
 *   --only cluster          only the scale-out bench (PostgreSQL, several servers; bench/cluster/index.ts)
 *   --only tracking         only the tracking bench (the «Theo dõi» figures and reports of a 5,000-row plan)
 *   --server phuluc         only this server (phuluc or reference)
 *   --workers N             load-generator threads for the relay clients (default 2)
 *   --wait-idle PERCENT     before each part, wait (up to 3 min) until the CPUs are that idle
 *                           (a machine shared with others' test runs skews every figure)
 *   --profile DIR           write V8 CPU profiles of the Phuluc server children to DIR
 *   --json FILE             where to write the raw results (default bench/results/latest.json)
 *   --pin S:G               run the server children on CPUs S and this process (the load generator)
 *                           on CPUs G, e.g. 0:1 (taskset; also PHULUC_BENCH_PIN=0:1)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { coldLoadBench } from './cold-load/cold-load-bench.ts';
import { benchOptionsParse } from './lib/options.ts';
import { benchPinApply, benchPinParse } from './lib/pin.ts';
import { idleWait, loadAverage } from './lib/proc-stat.ts';
import { profileSummaries } from './lib/profile-summary.ts';
import { type BenchResults, coldLoadTables, permissionTable, pipelineTable, relayTables, reportMarkdown, targetsTable } from './lib/report.ts';
import { permissionBench } from './permission/permission-bench.ts';
import { pipelineBench } from './pipeline/pipeline-bench.ts';
import { RELAY_SCENARIOS, relayBench } from './relay/relay-bench.ts';
import { browserBenchCli, browserBenchRequested } from './browser/index.ts';
import { exportBenchCli, exportBenchRequested } from './export/index.ts';
import { clusterBenchCli, clusterBenchRequested } from './cluster/index.ts';
import { trackingBenchCli, trackingBenchRequested } from './tracking/index.ts';

// The browser bench (bench/browser) runs on its own: `--scenario browser` or `--only browser`.
if (browserBenchRequested(process.argv.slice(2))) {
  await browserBenchCli(process.argv.slice(2));
  process.exit(0);
}
// The export bench (bench/export) runs on its own too: `--only export`.
if (exportBenchRequested(process.argv.slice(2))) {
  await exportBenchCli(process.argv.slice(2));
  process.exit(0);
}
// The tracking bench (bench/tracking) too, `--only tracking`: the «Theo dõi» tab's figures and the reports.
if (trackingBenchRequested(process.argv.slice(2))) {
  await trackingBenchCli(process.argv.slice(2));
  process.exit(0);
}
// The cluster bench (bench/cluster) too, `--only cluster`: it needs PostgreSQL and ≈ 10 minutes,
// so it is not part of the default run.
if (clusterBenchRequested(process.argv.slice(2))) {
  await clusterBenchCli(process.argv.slice(2));
  process.exit(0);
}
const options = benchOptionsParse(process.argv.slice(2));
// Pinned only for the benches with servers in child processes: the in-process ones (permission,
// pipeline) measure threads that must not share one core with each other.
const pin = benchPinParse(process.argv.slice(2));
const log = (line: string): void => console.error(line);

/** With --wait-idle: waits (at most 3 minutes) for a quiet machine before a part, and notes it. */
async function quiet(part: string): Promise<void> {
  if (options.waitIdlePercent === null) return;
  const { idlePercent, waitedSeconds } = await idleWait(options.waitIdlePercent, 180);
  results.waits.push({ part, idlePercent, waitedSeconds });
  log(`${part}: CPUs ${idlePercent.toFixed(0)}% idle after waiting ${waitedSeconds.toFixed(0)} s`);
}
const started = performance.now();
const results: BenchResults = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  quick: options.quick,
  loadAverageStart: loadAverage(),
  pin,
  waits: [],
};

if (options.only.includes('permission')) {
  await quiet('permission');
  results.permission = permissionBench({ quick: options.quick, log });
  console.log(permissionTable(results.permission));
}
if (options.only.includes('pipeline')) {
  await quiet('pipeline');
  results.pipeline = await pipelineBench({ quick: options.quick, log });
  console.log(pipelineTable(results.pipeline));
}
benchPinApply(pin);
if (options.only.includes('cold-load')) {
  await quiet('cold-load');
  results.coldLoad = await coldLoadBench({ reps: options.quick ? 2 : 5, servers: options.servers, log });
  console.log(coldLoadTables(results.coldLoad));
}
if (options.only.includes('relay')) {
  const scenarios = options.scenarios.length > 0 ? RELAY_SCENARIOS.filter((s) => options.scenarios.includes(s.name)) : RELAY_SCENARIOS;
  if (scenarios.length === 0) throw new Error(`unknown scenario; known: ${RELAY_SCENARIOS.map((s) => s.name).join(', ')}`);
  results.relay = await relayBench(scenarios, options.servers, {
    workers: options.workers,
    warmupSeconds: options.quick ? 1 : 4,
    measureSeconds: options.quick ? 4 : 20,
    segments: options.quick ? 1 : 4,
    segmentWarmupSeconds: options.quick ? 0.5 : 1.5,
    cpuProfileDir: options.profileDir,
    beforeScenario: (scenario) => quiet(`relay ${scenario.name}`),
    log,
  });
  console.log(relayTables(results.relay));
  if (options.profileDir) console.log(profileSummaries(options.profileDir));
}
console.log(targetsTable(results));

const jsonFile = options.jsonFile ?? join(import.meta.dirname, 'results', options.quick ? 'quick.json' : 'latest.json');
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(jsonFile.replace(/\.json$/, '.md'), reportMarkdown(results));
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in ${jsonFile}`);
