/**
 * The cluster bench (issue 11, scale-out), run on its own by the bench runner (run.ts) when
 * asked with `--only cluster`; not part of the default run (it needs PostgreSQL and takes
 * ≈ 10 minutes):
 *
 *   pnpm --filter @phuluc/bench run bench --only cluster [--quick] [--parts relay,throughput,failover,memory]
 *                                         [--kills N] [--workers N] [--wait-idle PERCENT] [--pin S:G] [--json FILE]
 *
 *   --quick              a smoke run (seconds per part; figures not representative)
 *   --parts a,b          only these parts (default: all four)
 *   --kills N            failover rounds (default 10)
 *   --workers N          load-generator threads for the relay clients (default 2)
 *   --wait-idle PERCENT  before each part, wait (up to 3 min) until the CPUs are that idle
 *   --pin S:G            server processes on CPUs S, this process on CPUs G (taskset; PostgreSQL is not pinned)
 *   --json FILE          raw results (default bench/results/cluster.json; the tables go next to it as .md)
 *
 * One fresh PostgreSQL database (PHULUC_TEST_DATABASE_URL, default the local server) for the
 * run, dropped at the end. Parts: relay latency on one SQLite server, on the owner of a plan
 * in a 2-server cluster and through the other server; durable updates/s of one owner; failover
 * after kill -9 of the owner (3 servers); memory per loaded plan.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchPinApply, benchPinParse } from '../lib/pin.ts';
import { idleWait } from '../lib/proc-stat.ts';
import { type ServerChild, serverChildStart } from '../lib/server-child.ts';
import { type BenchClient, benchClientCreate, clientsSynced } from '../relay/clients.ts';
import { RELAY_SCENARIOS } from '../relay/relay-bench.ts';
import { type BenchDatabase, BenchSeeder, benchDatabaseCreate } from './cluster-data.ts';
import { type ServeProcess, serveStart } from './cluster-instance.ts';
import { type ClusterRelayArm, clusterRelayRun } from './cluster-relay.ts';
import { type ClusterBenchResults, clusterReport } from './cluster-report.ts';
import { failoverRun } from './failover.ts';
import { planMemoryRun } from './plan-memory.ts';
import { throughputRun } from './throughput.ts';

const PARTS = ['relay', 'throughput', 'failover', 'memory'] as const;
type Part = (typeof PARTS)[number];

/** Item rows of the relay plans (as in the relay part). */
const RELAY_ROWS = 500;
/** Clients connected side by side at most, over all set-ups of a scenario. */
const RELAY_INTERLEAVE_MAX_CLIENTS = 100;

/** Whether the runner's arguments ask for the cluster bench. */
export function clusterBenchRequested(argv: readonly string[]): boolean {
  const args = argv.filter((a) => a !== '--');
  return args.some((a, i) => (a === '--only' && args[i + 1] === 'cluster') || a === '--only=cluster');
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function gitState(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') });
  try {
    const changed = git('status', '--porcelain', '--', 'apps', 'packages')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommitted: changed };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

/** Parses the arguments, runs the cluster bench, prints its tables and writes the results. */
export async function clusterBenchCli(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      parts: { type: 'string' },
      kills: { type: 'string' },
      workers: { type: 'string', default: '2' },
      'wait-idle': { type: 'string' },
      pin: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const parts = (values.parts ? values.parts.split(',').map((p) => p.trim()) : [...PARTS]) as Part[];
  for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`unknown part "${p}" (known: ${PARTS.join(', ')})`);
  const kills = values.kills === undefined ? (quick ? 2 : 10) : Number(values.kills);
  const workers = Number(values.workers);
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`--kills must be a positive integer, not "${values.kills}"`);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, not "${values.workers}"`);
  const waitIdle = values['wait-idle'] === undefined ? null : Number(values['wait-idle']);
  const log = (line: string): void => console.error(line);
  const pin = benchPinParse(argv);
  benchPinApply(pin);
  // The baseline is one server on its SQLite file, whatever this shell says.
  delete process.env.PHULUC_DATABASE_URL;

  const git = gitState();
  const results: ClusterBenchResults = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    quick,
    uptimeStart: uptime(),
    commit: git.commit,
    uncommitted: git.uncommitted,
    pin,
    waits: [],
  };
  const quiet = async (part: string): Promise<void> => {
    if (waitIdle === null) return;
    const { idlePercent, waitedSeconds } = await idleWait(waitIdle, 180);
    results.waits.push({ part, idlePercent, waitedSeconds });
    log(`${part}: CPUs ${idlePercent.toFixed(0)}% idle after waiting ${waitedSeconds.toFixed(0)} s`);
  };
  const started = performance.now();

  let db: BenchDatabase | null = null;
  let pg: BenchSeeder | null = null;
  let sqlite: BenchSeeder | null = null;
  let sqliteServer: ServerChild | null = null;
  let cluster: ServeProcess[] = [];
  try {
    db = await benchDatabaseCreate();
    pg = await BenchSeeder.open('cluster-pg', db.url);
    log(`cluster bench: database ${db.url.replace(/^.*\//, '')}, parts ${parts.join(', ')}${quick ? ' (quick)' : ''}`);

    if (parts.includes('relay') || parts.includes('throughput')) {
      for (let i = 0; i < 2; i += 1) cluster.push(await serveStart({ dataDir: pg.dataDir, databaseUrl: db.url }));
      log(`cluster: 2 servers at ${cluster.map((s) => s.url).join(', ')}`);
    }

    if (parts.includes('relay')) {
      sqlite = await BenchSeeder.open('cluster-sqlite', null);
      sqliteServer = await serverChildStart('phuluc', { dataDir: sqlite.dataDir });
      results.relay = [];
      for (const scenario of RELAY_SCENARIOS.filter((s) => s.name === '10x10' || s.name === '50x5')) {
        await quiet(`relay ${scenario.name}`);
        const arms = await relayArms(scenario.clients, { pg, sqlite, sqliteServer, owner: cluster[0] as ServeProcess, other: cluster[1] as ServeProcess });
        const measureSeconds = quick ? 4 : 15;
        const segments = quick ? 2 : 3;
        log(`relay ${scenario.name}: ${scenario.clients} editors × ${scenario.rate} edits/s on 3 set-ups, ${segments} × ${(measureSeconds / segments).toFixed(1)} s measured each`);
        // At most 100 clients side by side (the relay part's 50 × 5/s runs two sets of 50): three
        // sets of 50 grew the generator's heap until its pauses were the figure (loop p99 0.16–0.6 s
        // in a first run). Above that the SQLite set-up runs first, alone, and the two cluster
        // set-ups, whose ratio is the target, stay interleaved.
        const groups = scenario.clients * arms.length <= RELAY_INTERLEAVE_MAX_CLIENTS ? [arms] : [arms.slice(0, 1), arms.slice(1)];
        const rs = [];
        for (const group of groups) {
          rs.push(...(await clusterRelayRun(scenario, group, { workers, warmupSeconds: quick ? 1 : 3, measureSeconds, segments, segmentWarmupSeconds: quick ? 0.5 : 1.5, log })));
        }
        for (const r of rs) log(`  ${r.arm}: p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ${r.deliveriesPerSecond.toFixed(0)} deliveries/s, server CPU ${r.serverCpuPercent.toFixed(0)}%`);
        results.relay.push(...rs);
      }
      await sqliteServer.stop();
      sqliteServer = null;
    }

    if (parts.includes('throughput')) {
      results.throughput = [];
      const configs = quick
        ? [{ plans: 1, clientsPerPlan: 16 }]
        : [
            { plans: 1, clientsPerPlan: 16 },
            { plans: 1, clientsPerPlan: 32 },
            { plans: 8, clientsPerPlan: 4 },
          ];
      for (const config of configs) {
        await quiet(`throughput ${config.plans}×${config.clientsPerPlan}`);
        const r = await throughputRun(config, { owner: cluster[0] as ServeProcess, seeder: pg, ratePerClient: 90, warmupSeconds: quick ? 1 : 3, measureSeconds: quick ? 4 : 10, log });
        log(`  ${config.plans} × ${config.clientsPerPlan}: offered ${r.offeredPerSecond.toFixed(0)}/s, durable ${r.persistedPerSecond.toFixed(0)}/s, ${r.updatesPerCommit.toFixed(1)} per commit`);
        results.throughput.push(r);
      }
    }
    await Promise.all(cluster.map((s) => s.stop()));
    cluster = [];

    if (parts.includes('failover')) {
      await quiet('failover');
      log(`failover: 3 servers, 10 editors × 10 marks/s on the servers that do not own the plan, ${kills} kills`);
      results.failover = await failoverRun({ seeder: pg, databaseUrl: db.url, servers: 3, kills, editors: 10, rate: 10, log });
    }

    if (parts.includes('memory')) {
      await quiet('memory');
      const sizes = quick ? [{ rows: 500, plans: 3 }, { rows: 5000, plans: 2 }] : [{ rows: 500, plans: 20 }, { rows: 5000, plans: 5 }];
      log(`memory: one server loads ${sizes.map((s) => `${s.plans} plans of ${s.rows} rows`).join(', then ')}`);
      results.memory = await planMemoryRun({ seeder: pg, databaseUrl: db.url, sizes, log });
    }
  } finally {
    await sqliteServer?.stop();
    await Promise.all(cluster.map((s) => s.stop()));
    await sqlite?.close().catch(() => {});
    await pg?.close().catch(() => {});
    await db?.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
  results.uptimeEnd = uptime();

  const report = clusterReport(results);
  console.log(report);
  const jsonFile = values.json ?? join(import.meta.dirname, '..', 'results', quick ? 'cluster-quick.json' : 'cluster.json');
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(jsonFile.replace(/\.json$/, '.md'), report);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in ${jsonFile}`);
}

/**
 * The three set-ups of one relay scenario, each with a plan and editors of its own: (a) on the
 * SQLite server, (b) on the PostgreSQL server that takes the plan (its clients connect there
 * first), (c) on the other server, after the owner took the plan (through a client of its own
 * that leaves once the relayed clients are in).
 */
async function relayArms(
  clients: number,
  ctx: { pg: BenchSeeder; sqlite: BenchSeeder; sqliteServer: ServerChild; owner: ServeProcess; other: ServeProcess },
): Promise<ClusterRelayArm[]> {
  const { pg, owner, other } = ctx;
  const a = await ctx.sqlite.plan(RELAY_ROWS, clients);
  const b = await pg.plan(RELAY_ROWS, clients);
  const c = await pg.plan(RELAY_ROWS, clients);
  const ownerCheck = async (planId: string): Promise<void> => {
    const url = await pg.ownerUrl(planId);
    if (url !== owner.url) throw new Error(`plan ${planId} is owned by ${url ?? 'nobody'}, not by ${owner.url}`);
  };
  let anchor: BenchClient | null = null;
  return [
    { key: 'sqlite', wsBase: ctx.sqliteServer.wsBase, planId: a.planId, accounts: a.accounts, pids: [ctx.sqliteServer.pid] },
    {
      key: 'owner',
      wsBase: owner.wsBase,
      planId: b.planId,
      accounts: b.accounts,
      pids: [owner.pid],
      afterConnect: async () => {
        await ownerCheck(b.planId);
        return 'plan owned by the server they are on';
      },
    },
    {
      key: 'non-owner',
      wsBase: other.wsBase,
      planId: c.planId,
      accounts: c.accounts,
      pids: [owner.pid, other.pid],
      beforeConnect: async () => {
        anchor = benchClientCreate(9999, owner.wsBase, c.planId, (c.accounts[0] as { token: string }).token);
        await clientsSynced([anchor], 30_000);
        await ownerCheck(c.planId);
      },
      afterConnect: async () => {
        anchor?.destroy();
        anchor = null;
        await new Promise((r) => setTimeout(r, 500));
        await ownerCheck(c.planId);
        const forwarded = (await other.metrics()).phuluc_connections_forwarded ?? 0;
        if (forwarded < clients) throw new Error(`only ${forwarded} of ${clients} connections relayed by the non-owner`);
        return `plan owned by the other server; ${forwarded} connections relayed`;
      },
    },
  ];
}
