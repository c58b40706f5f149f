/**
 * The browser benchmark (issue 4, `bench/browser`): Phuluc's real web app in Debian's Chromium,
 * driven by Playwright, against a real `phuluc serve` child on a fresh data directory.
 *
 * 1. Edit-to-remote-screen latency. Two browser contexts log in as two departments: `kinhte`
 *    (Phòng Kinh tế) types into a cell of one of its rows, `vanphong` (Văn phòng HĐND và UBND xã)
 *    has the same plan open. For every keystroke (a real key press through CDP into the cell
 *    editor's textarea) the bench measures, on the pages' own clocks, from the moment Chromium
 *    stamped the key event in page A until the first requestAnimationFrame callback in page B
 *    after the cell's text changed in B's DOM (the frame that paints it). 200 keystrokes on a
 *    500-row and on a 5,000-row table, in rounds of 25 (F2, 25 keys, Esc), after a warm-up round.
 *    Each keystroke is split into: A's input delay, A's key → update sent, the relay (A's
 *    `WebSocket.send` → B's `message` event; of which: Chromium's network layer out of A → into B,
 *    as stamped by the DevTools protocol, i.e. loopback + the server's relay, which commits the
 *    update to SQLite before relaying it), B's decode + integrate, B's render (observers + React
 *    commit → DOM mutation), and B's wait for the next frame.
 * 2. Time to an interactive grid for 5,000 rows (and 500 for contrast): a fresh browser context
 *    (nothing in IndexedDB, as on a new machine) opens the plan's URL. Measured from the navigation
 *    start (`performance.timeOrigin`), from the arrival of the server's document in the page (the
 *    y-websocket sync step 2 message event) and from the provider's `synced` event, until the
 *    first requestAnimationFrame callback after the grid rendered its rows with the cell input in
 *    place and focused — then an ArrowDown is pressed at once and its handling timed (key event →
 *    selection moved → next frame), to show the grid really takes keys at that moment.
 *
 * The server is `phuluc serve` (serverStart) in a child process, on a fresh data directory with a
 * 500- and a 5,000-row plan made by the CLI (tests/e2e/fixture-scale.ts), serving a copy of
 * apps/web/dist-e2e taken when the run starts (built first if missing, or with --build): the
 * production app plus the test hooks (`window.__phuluc`) the bench drives it with.
 *
 * Run through the bench runner: `pnpm --filter @phuluc/bench run bench -- --scenario browser`
 * (options: --quick, --edits N, --reps N, --build, --keep, --json FILE).
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { scaleTableTsv } from '../../tests/e2e/fixture-scale.ts';
import { idleWait, loadAverage } from '../lib/proc-stat.ts';
import { BENCH_METRICS_HEADERS, BENCH_METRICS_TOKEN, REPO_ROOT } from '../lib/server-child.ts';
import { statsSummarize } from '../lib/stats.ts';
import { fmt, tableMarkdown } from '../lib/table.ts';
import { type CpuProfile, pageProfileSummary } from './page-profile.ts';
import { PAGE_PROBE } from './page-probe.ts';

const CLI = join(REPO_ROOT, 'apps/server/bin/phuluc.mjs');
const WEB_DIR = join(REPO_ROOT, 'apps/web');
const CHROMIUM = process.env.PHULUC_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Targets of issue 4. */
export const BROWSER_TARGETS = { remotePaintP95Ms: 33, interactiveAfterDocMs: 1000 } as const;

const EDITOR = { username: 'kinhte', name: 'Trần Văn Kinh', unit: 'phong-kinh-te' } as const;
const OBSERVER = { username: 'vanphong', name: 'Lê Thị Vân', unit: 'van-phong-hdnd-va-ubnd-xa' } as const;
const passwordOf = (username: string): string => `${username}-mat-khau-2026`;
/** The column typed into: plain multi-line text, shown as typed. */
const FIELD = 'output';
/** What is typed, one key at a time (ASCII: each character is one real key). */
const TYPED = 'cap nhat ket qua quy hai ';
const ROUND = TYPED.length;

export interface BrowserBenchOptions {
  quick: boolean;
  /** Measured keystrokes per table. */
  edits: number;
  /** Cold loads of the 5,000-row table. */
  reps: number;
  /** Build the web app first even if apps/web/dist-e2e exists. */
  build: boolean;
  /** Keep the data directory. */
  keep: boolean;
  /** After the measured keystrokes, profile both pages over 50 more (unmeasured) and write the profiles here. */
  profileDir: string | null;
  /** Before each part, wait (at most 3 min) until the CPUs are this idle (%), as the runner's --wait-idle. */
  waitIdlePercent: number | null;
  log: (line: string) => void;
}

/** One keystroke, split into segments (ms). */
export interface EditSample {
  total: number;
  inputDelay: number;
  keyToSend: number;
  relay: number;
  /** Chromium's network layer out of A → into B (null when the frames were not seen). */
  relayNet: number | null;
  recvToIntegrated: number;
  integratedToMutation: number;
  mutationToRaf: number;
  rafToAfterFrame: number;
  updateBytes: number;
}

export interface LatencyResult {
  rows: number;
  edits: EditSample[];
  /** Clock offset page B − page A (ms) and its bound. */
  clockOffset: { offset: number; bound: number };
  /** The server's durable writes during the run (from /metrics): count, mean, and the histogram buckets holding p50 / p95, ms. */
  serverPersist: { count: number; meanMs: number; p50AtMostMs: number; p95AtMostMs: number } | null;
  serverUpdates: number | null;
  missing: number;
  /** Main-thread tasks over 50 ms in each page while the keystrokes were measured. */
  longTasks: { seconds: number; a: { count: number; total: number; longest: number }; b: { count: number; total: number; longest: number } };
  /** Source-mapped CPU profile summaries of both pages (with --profile). */
  profiles?: string;
}

export interface LoadSample {
  /** The plan's task rows (500 or 5,000). */
  planRows: number;
  /** Rows of the grid (aria-rowcount − 1): the task rows and the 10 section rows. */
  rows: number;
  rowsInDom: number;
  docBytes: number;
  /** All relative to navigation start (ms). */
  responseEnd: number;
  domContentLoaded: number;
  wsOpen: number;
  /** The plan's detail from the API (GET /api/plans/:id) received. */
  apiPlan: number;
  docArrived: number;
  /** The Yjs transaction that loads the document: started, integrated (decoded + applied), observers done. */
  applyStart: number;
  applyIntegrated: number;
  applyObserved: number;
  synced: number;
  gridReady: number;
  interactive: number;
  /** First ArrowDown: key event → selection on screen (next rAF), and the key's input delay. */
  firstKey: number;
  firstKeyInputDelay: number;
  /** Long tasks (≥ 50 ms) that started after the document arrived: count, total, longest, ms. */
  longTasks: { count: number; total: number; longest: number; list: Array<{ start: number; duration: number }> };
}

export interface BrowserResults {
  date: string;
  node: string;
  chromium: string;
  cpus: number;
  cpuModel: string;
  memGiB: number;
  /** 1-minute load average of the machine. */
  loadAverageStart: number;
  loadAverageEnd: number;
  webBuilt: string;
  /** Each part: the 1-minute load average when it started, and with --wait-idle the wait for a quiet machine. */
  parts: Array<{ part: string; loadAverage: number; idlePercent?: number; waitedSeconds?: number }>;
  latency: LatencyResult[];
  loads: LoadSample[];
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Setup: data directory, plans, accounts, server

function cli(args: string[], stdin = ''): Promise<string> {
  return new Promise((ok, fail) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`phuluc ${args.slice(0, 2).join(' ')} failed: ${stderr || error.message}`));
      else ok(stdout);
    });
    child.stdin?.end(stdin);
  });
}

async function planCreate(dataDir: string, scratch: string, rows: number, commune: string): Promise<string> {
  const file = join(scratch, `plan-${rows}.tsv`);
  writeFileSync(file, scaleTableTsv(rows));
  const out = await cli(['plan', 'create', '--data', dataDir, '--commune', commune, '--province', 'Đồng Tháp', '--year', '2026', '--from', file, '--title', `Kế hoạch thử ${rows} dòng`, '--json']);
  const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { id?: string; plan?: { id?: string } };
  const id = parsed.id ?? parsed.plan?.id;
  if (!id) throw new Error(`plan create printed no id: ${out}`);
  return id;
}

async function accountsCreate(dataDir: string, plans: string[]): Promise<void> {
  for (const who of [EDITOR, OBSERVER]) {
    const [first, ...rest] = plans as [string, ...string[]];
    await cli(['user', 'add', '--data', dataDir, '--username', who.username, '--name', who.name, '--role', 'editor', '--unit', who.unit, '--plan', first, '--password-stdin'], `${passwordOf(who.username)}\n`);
    for (const plan of rest) await cli(['user', 'grant', who.username, '--data', dataDir, '--role', 'editor', '--unit', who.unit, '--plan', plan]);
  }
}

/**
 * Builds apps/web for the tests (`vite build --mode e2e`: the production build plus the test
 * hooks) when asked or when there is no such build, then copies apps/web/dist-e2e to `into`
 * (the server serves that copy: a rebuild during the run does not change the app under test).
 * Returns the build's time and main script.
 */
function webBuildSnapshot(force: boolean, into: string, log: (line: string) => void): string {
  const dist = join(WEB_DIR, 'dist-e2e');
  const index = join(dist, 'index.html');
  if (force || !existsSync(index)) {
    log('[browser] building the web app (npx vite build --mode e2e)…');
    const result = spawnSync('npx', ['vite', 'build', '--mode', 'e2e'], { cwd: WEB_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error('vite build failed');
  }
  const built = statSync(index).mtime.toISOString();
  cpSync(dist, into, { recursive: true });
  const script = readdirSync(join(into, 'assets')).find((f) => /^index-.*\.js$/.test(f)) ?? '?';
  return `${built} (${script})`;
}

/** A running `serve-snapshot.ts` child (`phuluc serve` on a copy of the web build). */
interface ServerChild {
  pid: number;
  port: number;
  stop: () => Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function serverStartChild(dataDir: string, webDir: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-snapshot.ts'), '--data', dataDir, '--web', webDir], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', PHULUC_METRICS_TOKEN: BENCH_METRICS_TOKEN },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-10_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        const info = JSON.parse(line) as { port?: number };
        if (typeof info.port === 'number') {
          clearTimeout(timer);
          resolve(info.port);
        }
      } catch {
        // not the JSON line
      }
    });
  });
  return {
    pid: child.pid as number,
    port,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

async function contextAs(browser: Browser, baseURL: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.addInitScript({ content: PAGE_PROBE });
  const page = await context.newPage();
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(passwordOf(username));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/ke-hoach');
  return { context, page };
}

async function planOpen(page: Page, planId: string): Promise<void> {
  await page.goto(`/ke-hoach/${planId}?test`);
  await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 60_000 });
  await page.waitForFunction('window.__phuluc !== undefined && window.__bench !== undefined');
  await page.evaluate('window.__bench.whenInteractive');
}

const js = (value: unknown): string => JSON.stringify(value);

interface KeyRec {
  key: string;
  event: number;
  handler: number;
}
interface MsgRec {
  t: number;
  n: number;
  sig: number;
}
interface TxnRec {
  start: number;
  integrated: number;
  observed: number;
}
interface Drained {
  keys: KeyRec[];
  sends: MsgRec[];
  recvs: MsgRec[];
  txns: TxnRec[];
}
interface Watched {
  mutation: number;
  raf: number;
  afterFrame: number;
}

function fnv(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** WebSocket frames as Chromium's network layer saw them (DevTools protocol, monotonic seconds). */
async function framesWatch(context: BrowserContext, page: Page, direction: 'sent' | 'received'): Promise<{ session: CDPSession; frames: Map<number, number> }> {
  const session = await context.newCDPSession(page);
  const frames = new Map<number, number>();
  const event = direction === 'sent' ? 'Network.webSocketFrameSent' : 'Network.webSocketFrameReceived';
  session.on(event, (params: { timestamp: number; response: { opcode: number; payloadData: string } }) => {
    if (params.response.opcode !== 2) return;
    const bytes = Buffer.from(params.response.payloadData, 'base64');
    if (bytes.length < 2 || bytes[0] !== 0 || bytes[1] !== 2 || bytes.length > 65536) return;
    const sig = fnv(bytes);
    if (!frames.has(sig)) frames.set(sig, params.timestamp * 1000);
  });
  await session.send('Network.enable');
  return { session, frames };
}

/** Page B's clock minus page A's, bounded by the round trip (NTP-style, best of 15). */
async function clockOffset(a: Page, b: Page): Promise<{ offset: number; bound: number }> {
  let best = { offset: Number.NaN, bound: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 15; i++) {
    const a1 = await a.evaluate<number>('window.__bench.now()');
    const tb = await b.evaluate<number>('window.__bench.now()');
    const a2 = await a.evaluate<number>('window.__bench.now()');
    const bound = (a2 - a1) / 2;
    if (bound < best.bound) best = { offset: tb - (a1 + a2) / 2, bound };
  }
  return best;
}

interface ServerMetrics {
  persistSum: number;
  persistCount: number;
  /** Cumulative counts of the durable-write histogram, by upper bound (seconds). */
  persistBuckets: Map<number, number>;
  received: number;
}

async function metricsRead(baseURL: string): Promise<ServerMetrics | null> {
  try {
    const text = await (await fetch(`${baseURL}/metrics`, { headers: BENCH_METRICS_HEADERS })).text();
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    const persistBuckets = new Map<number, number>();
    for (const m of text.matchAll(/^phuluc_persist_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) persistBuckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
    return { persistSum: value('phuluc_persist_seconds_sum'), persistCount: value('phuluc_persist_seconds_count'), persistBuckets, received: value('phuluc_updates_received_total') };
  } catch {
    return null;
  }
}

/** The server's durable writes between two readings: mean, and the histogram bucket holding the p50 / p95 (ms). */
function persistBetween(before: ServerMetrics | null, after: ServerMetrics | null): LatencyResult['serverPersist'] {
  if (!before || !after) return null;
  const count = after.persistCount - before.persistCount;
  if (!(count > 0)) return null;
  const bounds = [...after.persistBuckets.keys()].sort((x, y) => x - y);
  const upTo = (q: number): number => {
    for (const le of bounds) if ((after.persistBuckets.get(le) ?? 0) - (before.persistBuckets.get(le) ?? 0) >= q * count) return le * 1000;
    return Infinity;
  };
  return { count, meanMs: ((after.persistSum - before.persistSum) / count) * 1000, p50AtMostMs: upTo(0.5), p95AtMostMs: upTo(0.95) };
}

// ---------------------------------------------------------------------------------------------
// 1. Keystroke in page A → painted in page B

async function latencyRun(
  browser: Browser,
  baseURL: string,
  planId: string,
  rows: number,
  edits: number,
  profile: { dir: string; webDir: string } | null,
  log: (line: string) => void,
): Promise<LatencyResult> {
  const a = await contextAs(browser, baseURL, EDITOR.username);
  const b = await contextAs(browser, baseURL, OBSERVER.username);
  try {
    await planOpen(a.page, planId);
    await planOpen(b.page, planId);
    const pageA = a.page;
    const pageB = b.page;

    // The editor's first row near the top (rendered in both pages without scrolling).
    const target = await pageA.evaluate<{ table: string; rowId: string; index: number; text: string | null } | null>(`(() => {
      const h = window.__phuluc;
      const table = h.tableIds()[0];
      const ids = h.rowIds(table);
      for (let i = 0; i < Math.min(ids.length, 12); i++) {
        const owners = h.rowOwners(table, ids[i]) || [];
        if (owners.includes(${js(EDITOR.unit)})) return { table, rowId: ids[i], index: i, text: h.cellText(table, ids[i], ${js(FIELD)}) };
      }
      return null;
    })()`);
    if (!target) throw new Error(`no row of ${EDITOR.unit} among the first rows`);
    const original = target.text ?? '';
    const shownB = await pageB.evaluate<string | null>(`window.__bench.cellText(${js(target.rowId)}, ${js(FIELD)})`);
    if (shownB !== original) throw new Error(`page B shows ${js(shownB)} for the target cell, expected ${js(original)}`);

    const cell = pageA.locator(`[data-testid="plan-grid"] [role="row"][data-row-id="${target.rowId}"] [role="gridcell"][data-field="${FIELD}"]`);
    await cell.click({ position: { x: 12, y: 10 } });
    await cell.and(pageA.locator('[aria-selected="true"]')).waitFor();

    const sent = await framesWatch(a.context, pageA, 'sent');
    const received = await framesWatch(b.context, pageB, 'received');
    const offset = await clockOffset(pageA, pageB);
    log(`[browser] ${rows} rows: row #${target.index + 1} (${target.rowId}) field ${FIELD}; clock offset B−A ${offset.offset.toFixed(2)} ± ${offset.bound.toFixed(2)} ms`);

    const samples: EditSample[] = [];
    let missing = 0;
    const waitShown = async (expected: string): Promise<Watched> => {
      await pageB.evaluate(`window.__bench.arm(${js(target.rowId)}, ${js(FIELD)}, ${js(expected)})`);
      return await pageB.evaluate<Watched>('window.__bench.pending');
    };

    /** One round: F2, `count` measured keys, Esc (reverts; B back to the original text). */
    const round = async (count: number, measure: boolean): Promise<void> => {
      await pageA.keyboard.press('F2');
      await pageA.getByTestId('cell-input').and(pageA.locator('[data-editing="true"]')).waitFor();
      await pageA.evaluate('window.__bench.drain()');
      await pageB.evaluate('window.__bench.drain()');
      for (let i = 0; i < count; i++) {
        const ch = TYPED[i % ROUND] as string;
        const expected = original + TYPED.slice(0, (i % ROUND) + 1);
        await pageB.evaluate(`window.__bench.arm(${js(target.rowId)}, ${js(FIELD)}, ${js(expected)})`);
        await pageA.keyboard.press(ch === ' ' ? 'Space' : ch);
        const shown = await pageB.evaluate<Watched>('window.__bench.pending');
        const da = await pageA.evaluate<Drained>('window.__bench.drain()');
        const db = await pageB.evaluate<Drained>('window.__bench.drain()');
        if (measure) {
          const key = da.keys.filter((k) => k.key === ch).pop();
          const send = key ? da.sends.find((s) => s.t >= key.handler) : undefined;
          const recv = send ? db.recvs.find((r) => r.sig === send.sig) : undefined;
          const txn = recv ? db.txns.find((t) => t.start >= recv.t) : undefined;
          if (!key || !send || !recv || !txn || !txn.integrated) {
            missing += 1;
          } else {
            const netOut = sent.frames.get(send.sig);
            const netIn = received.frames.get(send.sig);
            samples.push({
              total: shown.raf - key.event,
              inputDelay: key.handler - key.event,
              keyToSend: send.t - key.handler,
              relay: recv.t - send.t,
              relayNet: netOut !== undefined && netIn !== undefined ? netIn - netOut : null,
              recvToIntegrated: txn.integrated - recv.t,
              integratedToMutation: shown.mutation - txn.integrated,
              mutationToRaf: shown.raf - shown.mutation,
              rafToAfterFrame: shown.afterFrame - shown.raf,
              updateBytes: send.n,
            });
          }
        }
        // Decorrelate the next key from the frame clock (0–16 ms).
        await sleep(Math.random() * 16);
      }
      await pageA.keyboard.press('Escape');
      await waitShown(original);
      await pageA.getByTestId('cell-input').and(pageA.locator('[data-editing="false"]')).waitFor();
    };

    await round(10, false); // warm-up
    const before = await metricsRead(baseURL);
    const clearLongTasks = 'window.__bench.longtasks = []';
    await pageA.evaluate(clearLongTasks);
    await pageB.evaluate(clearLongTasks);
    const measureStart = performance.now();
    for (let done = 0; done < edits; done += ROUND) {
      await round(Math.min(ROUND, edits - done), true);
      log(`[browser] ${rows} rows: ${Math.min(done + ROUND, edits)}/${edits} keystrokes`);
    }
    const after = await metricsRead(baseURL);
    const seconds = (performance.now() - measureStart) / 1000;
    const longTasksOf = async (page: Page): Promise<{ count: number; total: number; longest: number }> => {
      const list = await page.evaluate<Array<{ duration: number }>>('window.__bench.longtasks');
      return { count: list.length, total: list.reduce((sum, l) => sum + l.duration, 0), longest: list.reduce((m, l) => Math.max(m, l.duration), 0) };
    };
    const longTasks = { seconds, a: await longTasksOf(pageA), b: await longTasksOf(pageB) };
    let profiles: string | undefined;
    if (profile) {
      // Unmeasured: the profiler slows the pages down a little.
      for (const session of [sent.session, received.session]) {
        await session.send('Profiler.enable');
        await session.send('Profiler.setSamplingInterval', { interval: 250 });
        await session.send('Profiler.start');
      }
      await round(ROUND, false);
      await round(ROUND, false);
      mkdirSync(profile.dir, { recursive: true });
      const summaries: string[] = [];
      for (const [name, session] of [
        [`page A (${EDITOR.username}, typing)`, sent.session],
        [`page B (${OBSERVER.username}, watching)`, received.session],
      ] as const) {
        const cpu = ((await session.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
        const file = join(profile.dir, `browser-${rows}-${name.startsWith('page A') ? 'a' : 'b'}.cpuprofile`);
        writeFileSync(file, JSON.stringify(cpu));
        summaries.push(pageProfileSummary(`${rowsLabel(rows)} rows, ${name}, ${2 * ROUND} keystrokes`, cpu, profile.webDir));
      }
      profiles = summaries.join('\n');
      log(`[browser] ${rows} rows: CPU profiles of both pages in ${profile.dir}`);
    }
    await sent.session.detach();
    await received.session.detach();
    return { rows, edits: samples, clockOffset: offset, serverPersist: persistBetween(before, after), serverUpdates: before && after ? after.received - before.received : null, missing, longTasks, ...(profiles ? { profiles } : {}) };
  } finally {
    await a.context.close();
    await b.context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. A plan opened on a fresh browser: navigation → interactive grid

async function loadRun(browser: Browser, baseURL: string, planId: string, planRows: number): Promise<LoadSample> {
  const { context, page } = await contextAs(browser, baseURL, OBSERVER.username);
  try {
    await page.goto(`/ke-hoach/${planId}?test`, { waitUntil: 'commit' });
    const marks = await page.evaluate<Record<string, number>>('window.__bench.whenInteractive');
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate<{ event: number; handler: number; selected: number; raf: number }>('window.__bench.whenFirstKey');
    await sleep(1500); // long tasks that follow the first paint (deferred work) are counted too
    const info = await page.evaluate<{ origin: number; responseEnd: number; dcl: number; apiPlan: number; longtasks: Array<{ start: number; duration: number }>; txns: TxnRec[] }>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const api = performance.getEntriesByType('resource').filter((e) => {
        const path = new URL(e.name).pathname.split('/');
        return path.length === 4 && path[1] === 'api' && path[2] === 'plans';
      });
      return { origin: performance.timeOrigin, responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, apiPlan: api.length ? api[0].responseEnd : NaN, longtasks: window.__bench.longtasks, txns: window.__bench.txns };
    })()`);
    const rel = (t: number | undefined): number => (t === undefined ? Number.NaN : t - info.origin);
    const docArrived = rel(marks.docArrived);
    // Tasks still running when the document arrived count (the message task starts before its listener runs).
    const after = info.longtasks.filter((l) => l.start + l.duration - info.origin > docArrived).map((l) => ({ start: l.start - info.origin, duration: l.duration }));
    const apply = info.txns.find((t) => t.start >= (marks.docArrived ?? 0));
    return {
      planRows,
      rows: marks.rowCount ?? Number.NaN,
      rowsInDom: marks.rowsInDom ?? Number.NaN,
      docBytes: marks.docBytes ?? Number.NaN,
      responseEnd: info.responseEnd,
      domContentLoaded: info.dcl,
      wsOpen: rel(marks.wsOpen),
      apiPlan: info.apiPlan,
      docArrived,
      applyStart: rel(apply?.start),
      applyIntegrated: rel(apply?.integrated),
      applyObserved: rel(apply?.observed),
      synced: rel(marks.synced),
      gridReady: rel(marks.gridReady),
      interactive: rel(marks.interactive),
      firstKey: first.raf - first.event,
      firstKeyInputDelay: first.handler - first.event,
      longTasks: { count: after.length, total: after.reduce((s, l) => s + l.duration, 0), longest: after.reduce((m, l) => Math.max(m, l.duration), 0), list: after },
    };
  } finally {
    await context.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// The run

export async function browserBench(options: BrowserBenchOptions): Promise<BrowserResults> {
  const { log } = options;
  const started = performance.now();
  const loadAverageStart = loadAverage();
  const scratch = mkdtempSync(join(tmpdir(), 'phuluc-bench-browser-'));
  const dataDir = join(scratch, 'data');
  const webDir = join(scratch, 'web');
  const webBuilt = webBuildSnapshot(options.build, webDir, log);
  log(`[browser] creating plans (500 and 5,000 rows) and accounts in ${dataDir}…`);
  const plan500 = await planCreate(dataDir, scratch, 500, 'Long Hậu');
  const plan5000 = await planCreate(dataDir, scratch, 5000, 'Xuân Lộc');
  await accountsCreate(dataDir, [plan500, plan5000]);
  const server = await serverStartChild(dataDir, webDir);
  const baseURL = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const version = browser.version();
  log(`[browser] server at ${baseURL} (pid ${server.pid}); Chromium ${version}`);
  const parts: BrowserResults['parts'] = [];
  const partStart = async (part: string): Promise<void> => {
    if (options.waitIdlePercent === null) {
      parts.push({ part, loadAverage: loadAverage() });
      return;
    }
    const { idlePercent, waitedSeconds } = await idleWait(options.waitIdlePercent, 180);
    parts.push({ part, loadAverage: loadAverage(), idlePercent, waitedSeconds });
    log(`[browser] ${part}: CPUs ${idlePercent.toFixed(0)}% idle after waiting ${waitedSeconds.toFixed(0)} s`);
  };
  try {
    const latency: LatencyResult[] = [];
    for (const [planId, rows] of [
      [plan500, 500],
      [plan5000, 5000],
    ] as const) {
      await partStart(`latency ${rows}`);
      latency.push(await latencyRun(browser, baseURL, planId, rows, options.edits, options.profileDir ? { dir: options.profileDir, webDir } : null, log));
    }
    const loads: LoadSample[] = [];
    await partStart('cold loads');
    for (let i = 0; i < Math.max(1, Math.ceil(options.reps / 2)); i++) {
      loads.push(await loadRun(browser, baseURL, plan500, 500));
      log(`[browser] 500 rows: cold load ${i + 1}: interactive at ${fmt(loads.at(-1)?.interactive, 0)} ms`);
    }
    for (let i = 0; i < options.reps; i++) {
      loads.push(await loadRun(browser, baseURL, plan5000, 5000));
      log(`[browser] 5,000 rows: cold load ${i + 1}/${options.reps}: interactive at ${fmt(loads.at(-1)?.interactive, 0)} ms`);
    }
    return {
      date: new Date().toISOString(),
      node: process.version,
      chromium: version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageStart,
      loadAverageEnd: loadAverage(),
      webBuilt,
      parts,
      latency,
      loads,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await browser.close();
    await server.stop();
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
    else log(`[browser] data kept in ${scratch}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const median = (values: readonly number[]): number => statsSummarize(values.filter(Number.isFinite)).p50;
const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const rowsLabel = (n: number): string => n.toLocaleString('en-US');

export function browserReport(r: BrowserResults): string {
  const out: string[] = [];
  out.push(
    tableMarkdown(
      'Keystroke in page A → painted in page B (ms)',
      ['table', 'n', 'p50', 'p95', 'p99', 'max', 'target p95', 'met'],
      r.latency.map((l) => {
        const s = statsSummarize(l.edits.map((e) => e.total));
        const target = l.rows === 5000 ? BROWSER_TARGETS.remotePaintP95Ms : null;
        return [`${rowsLabel(l.rows)} rows`, s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max), target ? `≤ ${target}` : '–', target ? (s.p95 <= target ? 'yes' : 'NO') : '–'];
      }),
    ),
  );
  const segments: Array<[string, (e: EditSample) => number | null]> = [
    ['A: key event → keydown handler (input delay)', (e) => e.inputDelay],
    ['A: keydown → Yjs update sent (WebSocket.send)', (e) => e.keyToSend],
    ['relay: A send → B message event', (e) => e.relay],
    ['  of which network layer A out → B in (loopback + server)', (e) => e.relayNet],
    ['  of which Chromium IPC renderer ↔ network, both ends', (e) => (e.relayNet === null ? null : e.relay - e.relayNet)],
    ['B: message → update integrated (decode, apply)', (e) => e.recvToIntegrated],
    ['B: integrated → DOM mutation (observers, React)', (e) => e.integratedToMutation],
    ['B: DOM mutation → next rAF ("painted")', (e) => e.mutationToRaf],
    ['total: key event → B rAF', (e) => e.total],
    ['(B: rAF → frame rendered on the main thread)', (e) => e.rafToAfterFrame],
  ];
  for (const l of r.latency) {
    out.push(
      tableMarkdown(
        `Where the time goes, ${rowsLabel(l.rows)} rows (ms; means add up, percentiles do not)`,
        ['segment', 'p50', 'p95', 'mean'],
        segments.map(([name, get]) => {
          const values = l.edits.map(get).filter((v): v is number => v !== null && Number.isFinite(v));
          const s = statsSummarize(values);
          // A difference of two clocks can come out a hair below zero: shown as 0.00, not -0.00.
          const ms = (v: number): string => fmt(Math.abs(v) < 0.005 ? 0 : v, 2);
          return [name, ms(s.p50), ms(s.p95), values.length > 0 ? ms(mean(values)) : '–'];
        }),
      ),
    );
    out.push(
      `${rowsLabel(l.rows)} rows: ${l.edits.length} keystrokes measured${l.missing ? ` (${l.missing} not matched)` : ''}; update ≈ ${fmt(median(l.edits.map((e) => e.updateBytes)), 0)} bytes; ` +
        `updates received by the server ${l.serverUpdates ?? '–'}; its durable writes (/metrics) ${
          l.serverPersist ? `${l.serverPersist.count}, mean ${fmt(l.serverPersist.meanMs, 2)} ms, p50 ≤ ${fmt(l.serverPersist.p50AtMostMs, 1)} ms, p95 ≤ ${fmt(l.serverPersist.p95AtMostMs, 1)} ms` : '–'
        }; page clocks B−A ${fmt(l.clockOffset.offset, 2)} ± ${fmt(l.clockOffset.bound, 2)} ms; ` +
        `long tasks (> 50 ms) during the ${fmt(l.longTasks.seconds, 0)} s of typing: page A ${l.longTasks.a.count} (${fmt(l.longTasks.a.total, 0)} ms, longest ${fmt(l.longTasks.a.longest, 0)}), page B ${l.longTasks.b.count} (${fmt(l.longTasks.b.total, 0)} ms, longest ${fmt(l.longTasks.b.longest, 0)}).\n`,
    );
    if (l.profiles) out.push(l.profiles);
  }
  for (const rows of [...new Set(r.loads.map((l) => l.planRows))].sort((x, y) => x - y)) {
    const loads = r.loads.filter((l) => l.planRows === rows);
    const med = (get: (l: LoadSample) => number): string => fmt(median(loads.map(get)), 0);
    const max = (get: (l: LoadSample) => number): string => fmt(Math.max(...loads.map(get)), 0);
    const lines: Array<[string, (l: LoadSample) => number]> = [
      ['navigation → document response end', (l) => l.responseEnd],
      ['navigation → DOMContentLoaded', (l) => l.domContentLoaded],
      ['navigation → plan detail from the API', (l) => l.apiPlan],
      ['navigation → WebSocket open', (l) => l.wsOpen],
      ['navigation → server document arrived (sync step 2 message)', (l) => l.docArrived],
      ['document arrived → `synced`', (l) => l.synced - l.docArrived],
      ['  Yjs decode + integrate (transaction start → before observers)', (l) => l.applyIntegrated - l.applyStart],
      ['  Yjs observers', (l) => l.applyObserved - l.applyIntegrated],
      ['  after the transaction (update event: re-encode, IndexedDB, app handlers) → `synced`', (l) => l.synced - l.applyObserved],
      ['`synced` → grid rendered, cell input focused', (l) => l.gridReady - l.synced],
      ['grid rendered → next rAF', (l) => l.interactive - l.gridReady],
      ['**document arrived → interactive**', (l) => l.interactive - l.docArrived],
      ['`synced` → interactive', (l) => l.interactive - l.synced],
      ['**navigation → interactive**', (l) => l.interactive],
      ['first ArrowDown: key event → selection painted', (l) => l.firstKey],
      ['  of which input delay (main thread busy)', (l) => l.firstKeyInputDelay],
      ['long tasks after the document arrived: total', (l) => l.longTasks.total],
      ['long tasks after the document arrived: longest', (l) => l.longTasks.longest],
    ];
    const target = rows === 5000 ? ` (target: interactive ≤ ${BROWSER_TARGETS.interactiveAfterDocMs} ms after the document arrived)` : '';
    out.push(
      tableMarkdown(
        `Opening the ${rowsLabel(rows)}-row table on a fresh browser, ${loads.length} run(s)${target} (ms)`,
        ['phase', 'median', 'max'],
        lines.map(([name, get]) => [name, med(get), max(get)]),
      ),
    );
    const l0 = loads[0];
    if (l0) out.push(`${rowsLabel(rows)} rows: document ${fmt(l0.docBytes / 1024, 0)} KiB on the wire; ${l0.rowsInDom} rows in the DOM of ${rowsLabel(l0.rows)} (with the section rows).\n`);
  }
  const five = r.latency.find((l) => l.rows === 5000);
  const loads5 = r.loads.filter((l) => l.planRows === 5000);
  if (five && loads5.length > 0) {
    const p95 = statsSummarize(five.edits.map((e) => e.total)).p95;
    const afterDoc = median(loads5.map((l) => l.interactive - l.docArrived));
    const afterDocMax = Math.max(...loads5.map((l) => l.interactive - l.docArrived));
    const afterSynced = median(loads5.map((l) => l.interactive - l.synced));
    out.push(
      tableMarkdown(
        'Targets (issue 4)',
        ['target', 'measured', 'met'],
        [
          [`keystroke → remote paint p95 ≤ ${BROWSER_TARGETS.remotePaintP95Ms} ms, 5,000 rows`, `${fmt(p95)} ms`, p95 <= BROWSER_TARGETS.remotePaintP95Ms ? 'yes' : 'NO'],
          [
            `5,000 rows interactive ≤ ${BROWSER_TARGETS.interactiveAfterDocMs} ms after the document arrived`,
            `median ${fmt(afterDoc, 0)} ms, worst of ${loads5.length} ${fmt(afterDocMax, 0)} ms (median ${fmt(afterSynced, 0)} ms after \`synced\`)`,
            afterDocMax <= BROWSER_TARGETS.interactiveAfterDocMs ? 'yes' : 'NO',
          ],
        ],
      ),
    );
  }
  const waits = r.parts
    .map((p) => `${p.part}: load ${p.loadAverage.toFixed(2)}${p.idlePercent === undefined ? '' : `, CPUs ${p.idlePercent.toFixed(0)}% idle after ${fmt(p.waitedSeconds, 0)} s`}`)
    .join('; ');
  out.push(
    `Machine: ${r.cpus} × ${r.cpuModel}, ${r.memGiB} GiB; Node ${r.node}; Chromium ${r.chromium} (headless, --disable-gpu); 1-min load average ${r.loadAverageStart.toFixed(2)} at start, ${r.loadAverageEnd.toFixed(2)} at end; web build of ${r.webBuilt}; run took ${fmt(r.seconds, 0)} s. Parts (1-min load average when each started): ${waits}.\n`,
  );
  return out.join('\n');
}

/** Runs the bench, prints the tables, writes bench/results/browser.json and .md. */
export async function browserBenchMain(options: BrowserBenchOptions & { jsonFile: string | null }): Promise<BrowserResults> {
  const results = await browserBench(options);
  const report = browserReport(results);
  console.log(report);
  const jsonFile = options.jsonFile ?? join(import.meta.dirname, '..', 'results', options.quick ? 'browser-quick.json' : 'browser.json');
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(jsonFile.replace(/\.json$/, '.md'), `${report}\n`);
  options.log(`[browser] done in ${results.seconds.toFixed(0)} s; results in ${jsonFile}`);
  return results;
}
