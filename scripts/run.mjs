#!/usr/bin/env node
// The root package's commands, for a machine with only Node and npm (pnpm is optional):
//   npm start        installs everything, then starts Phuluc with a demo plan and demo users
//   npm test         checks the programs the tests need beside Node (scripts/test-prerequisites.mjs),
//                    installs everything, then runs every test (lint, types, unit, sync, e2e)
//   npm run serve    builds the web app and serves it from the server alone (no install)
//   npm run dev      server and Vite with reload (no install)
//   npm run check    the tests without the install; npm run build | e2e | turbo …: Turbo tasks
//   npm run bench    installs everything, then runs the benchmarks
// pnpm is fetched through npx when it is not installed, and Turbo runs under it (Turbo runs each
// package's script with the pnpm it finds on PATH). Native modules are built against the headers
// of the running Node (no header download).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPrerequisitesEnsure } from './test-prerequisites.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';

function sh(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && Number(probe.stdout.trim().split('.')[0]) >= 10) return ['pnpm', []];
  return ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
}

function nodeHeadersEnv() {
  // Node's own headers sit next to its binary (/usr/bin/node → /usr/include/node).
  const prefix = resolve(dirname(process.execPath), '..');
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) {
    return { npm_config_nodedir: prefix };
  }
  return {};
}

const [pnpmBin, pnpmArgs] = pnpmCommand();
const env = { ...nodeHeadersEnv(), TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const pnpm = (...args) => sh(pnpmBin, [...pnpmArgs, ...args], env);
// Under `pnpm exec` the pnpm that runs it is on PATH (npx puts its own there), so Turbo finds it.
const turbo = (...args) => pnpm('exec', 'turbo', ...args);

function install() {
  return pnpm(...(process.env.CI ? ['install', '--frozen-lockfile'] : ['install']));
}

function serve(args) {
  const built = turbo('run', 'build', '--filter=@phuluc/web', '--output-logs=errors-only');
  return built !== 0 ? built : sh(process.execPath, [join(root, 'apps', 'server', 'bin', 'phuluc.mjs'), 'serve', ...args], env);
}

function check(args) {
  const linted = pnpm('exec', 'eslint', '.');
  return linted !== 0 ? linted : turbo('run', 'typecheck', 'test', 'build', 'e2e', ...args);
}

/** Runs `steps` in order; stops at the first that fails. */
function steps(...list) {
  for (const step of list) {
    const status = step();
    if (status !== 0) return status;
  }
  return 0;
}

const [task, ...rest] = process.argv.slice(2);
const TASKS = {
  start: () => steps(install, () => serve(['--demo', ...rest])),
  test: () => steps(testPrerequisitesEnsure, install, () => check(rest)),
  serve: () => serve(rest),
  dev: () => turbo('run', 'dev', ...rest),
  check: () => check(rest),
  turbo: () => turbo(...rest),
  bench: () => steps(install, () => pnpm('--filter', '@phuluc/bench', 'run', 'bench', ...rest)),
};
const run = TASKS[task];
if (!run) {
  console.error(`usage: node scripts/run.mjs ${Object.keys(TASKS).join('|')} [args…]`);
  process.exit(2);
}
process.exit(run());
