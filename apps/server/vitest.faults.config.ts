import { defineConfig } from 'vitest/config';

/**
 * Tests that stop a service the other tests use (the machine's PostgreSQL): run after the main
 * suite, one file at a time, never beside another test.
 */
export default defineConfig({
  test: { include: ['src/**/*.faults.test.ts'], fileParallelism: false, testTimeout: 180_000, hookTimeout: 60_000 },
});
