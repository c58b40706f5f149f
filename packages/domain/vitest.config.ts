import { defineConfig } from 'vitest/config';

// Generous limits: the suite must pass on a busy 2-core machine (CI shares it with the server
// and Chromium). Heavy property suites set their own, larger timeout; speed is measured by the
// benchmarks, never by a test's time limit.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } });
