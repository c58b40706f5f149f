/** `phuluc serve --port 0 --demo` as a person starts it: answers /healthz, prints the demo accounts once. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
let data: string;
beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'phuluc-serve-'));
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

interface Started {
  url: string;
  demo: { planId: string; accounts: Array<{ username: string; password: string }> } | null;
}

/** Starts `phuluc serve --json` (with `env` added), waits for its first line, runs `fn`, stops it with SIGTERM. */
async function withServer(args: string[], fn: (started: Started) => Promise<void>, env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json', '--data', data, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    await fn(JSON.parse(line) as Started);
  } finally {
    child.kill('SIGTERM');
  }
  return exited;
}

describe('phuluc serve', () => {
  it('starts on a free port with the demo, answers /healthz and lets a demo account log in', async () => {
    const code = await withServer(['--demo'], async ({ url, demo }) => {
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, database: true });
      expect(demo?.accounts.map((a) => a.username)).toEqual(['admin', 'vhxh', 'vanphong', 'hcc', 'kinhte', 'lanhdao']);
      const admin = demo?.accounts[0];
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: admin?.username, password: admin?.password }),
      });
      expect(login.status).toBe(200);
    });
    expect(code).toBe(0);
  });

  it('never prints the demo passwords again on the next start', async () => {
    await withServer(['--demo'], async ({ url, demo }) => {
      expect(demo).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    });
  });

  it('serves the web app PHULUC_WEB_DIR names (the variable was ignored: apps/web/dist was served)', async () => {
    const web = join(data, 'web-e2e');
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Phuluc</title><p>bản dựng thử nghiệm</p>');
    await withServer(
      [],
      async ({ url }) => {
        const page = await fetch(`${url}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('bản dựng thử nghiệm');
      },
      { PHULUC_WEB_DIR: web },
    );
  });
});
