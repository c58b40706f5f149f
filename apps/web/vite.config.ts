/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the Phuluc server runs on 8787 (`pnpm dev` starts both); Vite proxies to it.
const server = process.env.PHULUC_SERVER ?? 'http://127.0.0.1:8787';
// The proxied requests keep the browser's Host (Vite's proxy would put the target's there): the
// server accepts state-changing requests and the sync WebSocket only from its own origin as the
// Host says, and the page's origin is Vite's.
const proxied = { target: server, changeOrigin: false };

/**
 * `vite build` is the production build (dist/). `vite build --mode e2e` is the same app with the
 * end-to-end tests' hooks (`window.__phuluc`, src/app/test-hooks.ts) compiled in, written to
 * dist-e2e/ for the e2e tests and the browser benchmark; the production build has no trace of
 * them. In development (`vite`) the hooks are there too.
 */
export default defineConfig(({ mode }) => {
  const e2e = mode === 'e2e';
  return {
    plugins: [react()],
    define: { 'import.meta.env.VITE_PHULUC_TEST_HOOKS': JSON.stringify(e2e ? 'on' : 'off') },
    server: {
      proxy: {
        '/api': proxied,
        '/healthz': proxied,
        '/sync': { ...proxied, target: server.replace(/^http/, 'ws'), ws: true },
      },
    },
    build: { outDir: e2e ? (process.env.PHULUC_E2E_WEB_DIR ?? 'dist-e2e') : 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
    // Generous limits: the tests must pass on a busy 2-core machine (speed is for the benchmarks).
    test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
  };
});
