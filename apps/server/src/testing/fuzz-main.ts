/**
 * The long run of the update-check fuzzer: `pnpm --filter @phuluc/server fuzz --minutes 10
 * [--seed N]`. Prints the cases tried, accepted and refused (by reason and by operation) and
 * every violation; exits 1 when there is one.
 */
import { parseArgs } from 'node:util';
import { fuzzRun } from './update-fuzz.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, seed: { type: 'string' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('--minutes phải là số dương');
  process.exit(2);
}
const deadline = Date.now() + minutes * 60_000;
let seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const total = { cases: 0, accepted: 0, violations: 0, rounds: 0 };
const refused: Record<string, number> = {};
const byOp: Record<string, { accepted: number; refused: number }> = {};
while (Date.now() < deadline) {
  const report = fuzzRun({ seed, cases: 2_000, deadline });
  total.cases += report.cases;
  total.accepted += report.accepted;
  total.violations += report.violations.length;
  total.rounds += 1;
  for (const [code, n] of Object.entries(report.refused)) refused[code] = (refused[code] ?? 0) + n;
  for (const [op, t] of Object.entries(report.byOp)) {
    const entry = (byOp[op] ??= { accepted: 0, refused: 0 });
    entry.accepted += t.accepted;
    entry.refused += t.refused;
  }
  for (const v of report.violations.slice(0, 20)) console.log('VIOLATION', JSON.stringify(v));
  seed += 1;
}
console.log(`cases ${total.cases} · accepted ${total.accepted} · refused ${total.cases - total.accepted} · violations ${total.violations} · seeds ${total.rounds}`);
console.log('refused by reason:', JSON.stringify(refused));
console.table(byOp);
process.exit(total.violations > 0 ? 1 : 0);
