/** The SQLite document stores (threaded, as the server runs it, and inline) against the DocStore contract. */
import { rmSync } from 'node:fs';
import { docStoreContract } from '../testing/doc-store-contract.ts';
import { testContextCreate, testPlanTanThanh } from '../testing/api-context.ts';
import { docStoreInline, docStoreSqlite } from './doc-store-sqlite.ts';

for (const [name, make] of [
  ['SQLite in threads', (dir: string) => docStoreSqlite(dir)],
  ['SQLite inline', (_dir: string, db: Parameters<typeof docStoreInline>[0]) => docStoreInline(db)],
] as const) {
  docStoreContract(name, async () => {
    const t = testContextCreate();
    const plan = testPlanTanThanh(t.ctx);
    const store = make(t.dir, t.ctx.db);
    await store.ready();
    return {
      store,
      planId: plan.id,
      auditActions: () =>
        (t.ctx.db.prepare('SELECT action FROM audit WHERE plan_id = ? ORDER BY id').all(plan.id) as Array<{ action: string }>).map((r) => r.action),
      async cleanup() {
        await store.close();
        t.cleanup();
        rmSync(t.dir, { recursive: true, force: true });
      },
    };
  });
}
