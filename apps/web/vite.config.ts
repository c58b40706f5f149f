/// <reference types="vitest/config" />
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// In development the Phuluc server runs on 8787 (`pnpm dev` starts both); Vite proxies to it.
const server = process.env.PHULUC_SERVER ?? 'http://127.0.0.1:8787';
// The proxied requests keep the browser's Host (Vite's proxy would put the target's there): the
// server accepts state-changing requests and the sync WebSocket only from its own origin as the
// Host says, and the page's origin is Vite's.
const proxied = { target: server, changeOrigin: false };

const SERVICE_WORKER_SOURCE = fileURLToPath(new URL('./src/offline/service-worker.ts', import.meta.url));
const SERVICE_WORKER_FILE = 'sw.js';
const SHELL_MANIFEST_TOKEN = '__PHULUC_SHELL_MANIFEST__';

/**
 * Builds the service worker (src/offline/service-worker.ts) to /sw.js at the root of the build —
 * its scope is the folder it is served from — with the list of the build's files (index.html and
 * /assets/…) written into it, so it keeps exactly this build's shell. Both builds have it.
 */
function serviceWorkerBuild(): Plugin {
  return {
    name: 'phuluc-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: SERVICE_WORKER_SOURCE, fileName: SERVICE_WORKER_FILE });
    },
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name !== SERVICE_WORKER_FILE && !name.endsWith('.map') && !name.startsWith('.'))
        .map((name) => `/${name}`)
        .sort();
      const worker = bundle[SERVICE_WORKER_FILE];
      if (!worker || worker.type !== 'chunk' || !worker.code.includes(SHELL_MANIFEST_TOKEN)) {
        this.error(`${SERVICE_WORKER_FILE}: the shell manifest's place (${SHELL_MANIFEST_TOKEN}) was not found`);
      }
      // Inside a string literal of either quote: the JSON list, escaped as a string's content.
      worker.code = worker.code.replace(SHELL_MANIFEST_TOKEN, JSON.stringify(JSON.stringify(files)).slice(1, -1));
    },
  };
}

/**
 * `vite build` is the production build (dist/). `vite build --mode e2e` is the same app with the
 * end-to-end tests' hooks (`window.__phuluc`, src/app/test-hooks.ts) compiled in, written to
 * dist-e2e/ for the e2e tests and the browser benchmark; the production build has no trace of
 * them. In development (`vite`) the hooks are there too.
 */
/**
 * Where the end-to-end build goes: dist-e2e/, or a directory of one's own for several people on one
 * checkout (PHULUC_E2E_WEB_DIR, an absolute path under the system's temporary directory: the build
 * empties it first, so a slip such as an empty value must never name the app's own folder).
 */
function e2eOutDir(): string {
  const own = process.env.PHULUC_E2E_WEB_DIR;
  if (!own) return 'dist-e2e';
  const dir = resolve(own);
  if (!dir.startsWith(`${tmpdir()}/`)) throw new Error(`PHULUC_E2E_WEB_DIR must be a directory under ${tmpdir()}: ${own}`);
  return dir;
}

export default defineConfig(({ mode, command }) => {
  const e2e = mode === 'e2e';
  return {
    plugins: [react(), serviceWorkerBuild()],
    define: {
      'import.meta.env.VITE_PHULUC_TEST_HOOKS': JSON.stringify(e2e ? 'on' : 'off'),
      'import.meta.env.VITE_PHULUC_SERVICE_WORKER': JSON.stringify(command === 'build' ? 'on' : 'off'),
    },
    server: {
      proxy: {
        '/api': proxied,
        '/healthz': proxied,
        '/sync': { ...proxied, target: server.replace(/^http/, 'ws'), ws: true },
      },
    },
    build: { outDir: e2e ? e2eOutDir() : 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
    // Generous limits: the tests must pass on a busy 2-core machine (speed is for the benchmarks).
    test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
  };
});
