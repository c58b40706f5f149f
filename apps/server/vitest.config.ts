import { defineConfig } from 'vitest/config';

// `*.faults.test.ts` stop shared services: they run alone afterwards (vitest.faults.config.ts).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], exclude: ['src/**/*.faults.test.ts', '**/node_modules/**'], testTimeout: 30_000, hookTimeout: 30_000 },
});
