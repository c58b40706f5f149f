/** The SQLite document stores (threaded, as the server runs it, and inline) against the DocStore contract. */
import { docStoreContract } from '../testing/doc-store-contract.ts';
import { testContextCreate, testPlanTanThanh } from '../testing/api-context.ts';
import { docStoreSqlite } from './doc-store-sqlite.ts';

for (const threaded of [true, false]) {
  docStoreContract(threaded ? 'SQLite in threads' : 'SQLite inline', async () => {
    const t = await testContextCreate();
    const plan = await testPlanTanThanh(t.ctx);
    // The context's own store is the inline one, on the records' connection.
    const store = threaded ? docStoreSqlite(t.dir) : t.ctx.store;
    await store.ready();
    return {
      store,
      planId: plan.id,
      auditActions: async () =>
        (await t.ctx.sql.all<{ action: string }>('SELECT action FROM audit WHERE plan_id = ? ORDER BY id', [plan.id])).map((r) => r.action),
      async cleanup() {
        if (threaded) await store.close();
        await t.cleanup();
      },
    };
  });
}
