/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the Phuluc server runs on 8787 (`npm run dev` starts both); Vite proxies to it.
const server = process.env.PHULUC_SERVER ?? 'http://127.0.0.1:8787';
// The proxied requests keep the browser's Host (Vite's proxy would put the target's there): the
// server accepts state-changing requests and the sync WebSocket only from its own origin as the
// Host says, and the page's origin is Vite's.
const proxied = { target: server, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': proxied,
      '/healthz': proxied,
      '/sync': { ...proxied, target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
  // Generous limits: the tests must pass on a busy 2-core machine (speed is for the benchmarks).
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
