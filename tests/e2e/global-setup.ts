/**
 * Starts a real Phuluc server for the end-to-end specs, serving the web app's end-to-end build
 * (apps/web/dist-e2e, which has the test hooks), on a fresh data directory:
 *
 * - plan `main`: Tân Thạnh 2026, imported from fixtures/tan-thanh-2026-tasks.tsv;
 * - plan `scale`: a 5,000-row tasks-detailed table generated here (fixture-scale.ts);
 * - plan `pristine`: the Tân Thạnh table again, which no spec edits (layouts are measured on it);
 * - plan `indicators`: Xuân Lộc 2026's indicator table (fixtures/xuan-loc-2026-indicators.tsv), where
 *   departments report measured values against targets;
 * - the accounts of support.ts (known passwords) with the same role and unit in both plans,
 *   all created with the `phuluc` CLI, as an administrator would.
 *
 * The server listens on a free port; its address and the plan ids go to a JSON file named by
 * PHULUC_E2E_STATE, which the workers inherit. The returned teardown stops the server and
 * removes the data directory (kept when PHULUC_E2E_KEEP=1).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleTableTsv } from './fixture-scale.ts';
import { ACCOUNTS, type E2EState, FIXTURES_DIR } from './support.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CLI = join(ROOT, 'apps', 'server', 'bin', 'phuluc.mjs');
/**
 * The end-to-end build of the web app (`vite build --mode e2e`): the production app plus its test
 * hooks. Several people working on one checkout each build their own
 * (`PHULUC_E2E_WEB_DIR=/tmp/mine-web pnpm --filter @phuluc/web build:e2e`, same variable for the
 * run); the staleness check below then compares with that build.
 */
const WEB_DIR = process.env.PHULUC_E2E_WEB_DIR ? resolve(process.env.PHULUC_E2E_WEB_DIR) : join(ROOT, 'apps', 'web', 'dist-e2e');
export const SCALE_ROWS = 5000;

/** The sources the web build is made of: a build older than one of them is not the code under test. */
const WEB_SOURCES = [join(ROOT, 'apps', 'web', 'src'), join(ROOT, 'apps', 'web', 'index.html'), join(ROOT, 'apps', 'web', 'vite.config.ts'), join(ROOT, 'packages', 'domain', 'src')];

/** The most recently modified file under `paths` (tests aside), or null when there is none. */
function newestFile(paths: string[]): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const path of paths) {
    if (!existsSync(path) || /\.test(-helper)?\.ts$/.test(path)) continue;
    const stat = statSync(path);
    const found = stat.isDirectory() ? newestFile(readdirSync(path).map((name) => join(path, name))) : { path, mtimeMs: stat.mtimeMs };
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** Runs the CLI; resolves with its standard output (rejects with its standard error). */
function cli(args: string[], stdin?: string): Promise<string> {
  return new Promise((ok, fail) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`phuluc ${args.slice(0, 2).join(' ')} failed: ${stderr || error.message}`));
      else ok(stdout);
    });
    child.stdin?.end(stdin ?? '');
  });
}

async function planCreate(dataDir: string, commune: string, file: string, title?: string): Promise<string> {
  const args = ['plan', 'create', '--data', dataDir, '--commune', commune, '--province', 'Đồng Tháp', '--year', '2026', '--from', file, '--json'];
  if (title) args.push('--title', title);
  const out = await cli(args);
  const parsed = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { id?: string; plan?: { id?: string } };
  const id = parsed.id ?? parsed.plan?.id;
  if (!id) throw new Error(`plan create printed no id: ${out}`);
  return id;
}

/** Starts `phuluc serve --port 0 --json`; resolves with the process and its URL. */
function serverStart(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const log = createWriteStream(join(dataDir, 'server.log'));
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--json'], {
      cwd: ROOT,
      env: { ...process.env, PHULUC_WEB_DIR: WEB_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let started = false;
    child.stderr?.pipe(log);
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (started) return;
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line) return;
      started = true;
      const { url } = JSON.parse(line) as { url: string };
      ok({ child, url });
    });
    child.on('exit', (code) => {
      if (!started) fail(new Error(`phuluc serve exited with ${code}; see ${join(dataDir, 'server.log')}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error('apps/web/dist-e2e is missing: build the web app for the tests first (`pnpm --filter @phuluc/web build:e2e`, or `npm test` which builds it).');
  }
  const built = statSync(join(WEB_DIR, 'index.html')).mtimeMs;
  const source = newestFile(WEB_SOURCES);
  // PHULUC_E2E_STALE_OK=1: others edit the same checkout while you test your own build.
  if (source && source.mtimeMs > built && process.env.PHULUC_E2E_STALE_OK !== '1') {
    throw new Error(`apps/web/dist-e2e is older than ${source.path}: build it again (\`pnpm --filter @phuluc/web build:e2e\`).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'phuluc-e2e-'));
  const dataDir = join(dir, 'data');

  const main = await planCreate(dataDir, 'Tân Thạnh', join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'));
  // The same table again, which no spec edits: the layout is measured on the real table as imported.
  const pristine = await planCreate(dataDir, 'Tân Thạnh', join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'));
  const scaleFile = join(dir, 'scale-5000.tsv');
  writeFileSync(scaleFile, scaleTableTsv(SCALE_ROWS));
  const scale = await planCreate(dataDir, 'Xuân Lộc', scaleFile, 'Kế hoạch thử tải 5.000 dòng');
  const indicators = await planCreate(dataDir, 'Xuân Lộc', join(FIXTURES_DIR, 'xuan-loc-2026-indicators.tsv'));

  for (const who of Object.values(ACCOUNTS)) {
    const unit = who.unitId ? ['--unit', who.unitId] : [];
    await cli(['user', 'add', '--data', dataDir, '--username', who.username, '--name', who.name, '--role', who.role, ...unit, '--plan', main, '--password-stdin'], `${who.password}\n`);
    await cli(['user', 'grant', who.username, '--data', dataDir, '--role', who.role, ...unit, '--plan', scale]);
    await cli(['user', 'grant', who.username, '--data', dataDir, '--role', who.role, ...unit, '--plan', pristine]);
    await cli(['user', 'grant', who.username, '--data', dataDir, '--role', who.role, ...unit, '--plan', indicators]);
  }

  const { child, url } = await serverStart(dataDir);
  const state: E2EState = { baseURL: url.replace(/\/$/, ''), dataDir, plans: { main, scale, pristine, indicators }, scaleRows: SCALE_ROWS, serverPid: child.pid ?? 0 };
  const stateFile = join(dir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  process.env.PHULUC_E2E_STATE = stateFile;
  console.log(`[e2e] Phuluc at ${state.baseURL} (data ${dataDir}); plans main=${main} scale=${scale} pristine=${pristine} indicators=${indicators}`);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (process.env.PHULUC_E2E_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  };
}
