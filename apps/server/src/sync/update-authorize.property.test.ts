/**
 * The differential property of the update check: thousands of random, tampered updates per
 * run, and every one it accepts changes only what its sender's role may change (judged by the
 * fuzzer's own statement of the rights, see `testing/update-fuzz.ts`). The long run is
 * `pnpm --filter @phuluc/server fuzz --minutes 10`.
 */
import { describe, expect, it } from 'vitest';
import { fuzzRun } from '../testing/update-fuzz.ts';

describe('every update the server accepts changes only what its sender may change', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`holds for 1,000 random updates from seed ${seed}`, { timeout: 120_000 }, () => {
      const report = fuzzRun({ seed, cases: 1_000 });
      expect(report.violations.slice(0, 5)).toEqual([]);
      expect(report.cases).toBe(1_000);
      // Not vacuous: a good share is accepted, and the attacks are tried and refused.
      expect(report.accepted).toBeGreaterThan(report.cases * 0.2);
      expect(report.byOp.rowOverwrite?.refused ?? 0).toBeGreaterThan(0);
      expect(report.refused.forbidden ?? 0).toBeGreaterThan(50);
      for (const op of ['cellSet', 'textEdit', 'rowInsert', 'rowDelete', 'rowMove', 'commentAdd', 'commentResolve', 'reviewSet']) {
        expect(report.byOp[op]?.accepted ?? 0, op).toBeGreaterThan(0);
      }
    });
  }
});
