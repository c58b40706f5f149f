#!/usr/bin/env node
// The README's commands for a fresh machine with only Node and npm:
//   npm start   installs everything, then starts Phuluc with a demo plan and demo users
//   npm test    installs everything, then runs every test (lint, types, unit, sync, e2e)
// It fetches pnpm through npx when it is not installed and builds native modules against the
// headers of the running Node (no header download). `npm test` first checks the programs the
// tests need beside Node (Chromium, LibreOffice, poppler: scripts/test-prerequisites.mjs).
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

const task = process.argv[2];
const rest = process.argv.slice(3);
if (task === 'test') {
  const ready = testPrerequisitesEnsure();
  if (ready !== 0) process.exit(ready);
}
const installArgs = process.env.CI ? ['install', '--frozen-lockfile'] : ['install'];
let status = pnpm(...installArgs);
if (status !== 0) process.exit(status);

switch (task) {
  case 'start':
    status = pnpm('run', 'serve', '--demo', ...rest);
    break;
  case 'test':
    status = pnpm('run', 'check', ...rest);
    break;
  case 'bench':
    status = pnpm('--filter', '@phuluc/bench', 'run', 'bench', ...rest);
    break;
  default:
    console.error(`usage: node scripts/run.mjs start|test|bench`);
    status = 2;
}
process.exit(status);
