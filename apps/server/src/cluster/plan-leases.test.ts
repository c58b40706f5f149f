/**
 * Plan leases on PostgreSQL: one owner at a time, taken over only when the lease ran out (or its
 * holder's address is this server's own, a former process there), a growing epoch at every change
 * of owner, and appends under a stale epoch refused by the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docStorePostgres } from '../store/doc-store-postgres.ts';
import { DocStoreFencedError } from '../store/doc-store.ts';
import { type PgSql, pgOpen } from '../store/pg.ts';
import { sqlPostgres } from '../store/sql-postgres.ts';
import { planCreate } from '../store/plans.ts';
import { unitsDirectory, unitsSeedIfEmpty } from '../store/units.ts';
import { pgTestAvailable, pgTestDatabase, type PgTestDatabase } from '../testing/pg-test-database.ts';
import { PlanLeases } from './plan-leases.ts';

const available = await pgTestAvailable();
const SHORT = { ttlMs: 400, renewMs: 100 };

describe.skipIf(!available)('plan leases', () => {
  let db: PgTestDatabase;
  let pg: PgSql;
  let planId: string;
  const leases: PlanLeases[] = [];
  const lease = (id: string, url = `http://${id}:8787`, options = SHORT): PlanLeases => {
    const made = new PlanLeases(pg, { id, url }, options);
    leases.push(made);
    return made;
  };
  beforeEach(async () => {
    db = (await pgTestDatabase()) as PgTestDatabase;
    pg = await pgOpen(db.url);
    const sql = sqlPostgres(pg);
    await unitsSeedIfEmpty(sql);
    planId = (await planCreate(sql, await unitsDirectory(sql), { commune: 'Tân Thanh', year: 2026, template: 'tasks-basic' })).id;
  });
  afterEach(async () => {
    for (const l of leases.splice(0)) await l.close();
    await pg.end();
    await db.drop();
  });

  it('gives a plan to one server at a time and tells the others where it is', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.claim(planId)).toEqual({ mine: true, fence: { owner: 'a', epoch: 1 } });
    expect(await a.claim(planId)).toEqual({ mine: true, fence: { owner: 'a', epoch: 1 } });
    expect(await b.claim(planId)).toEqual({ mine: false, url: 'http://a:8787', owner: 'a' });
    expect(await a.claim('khong-co')).toBeNull();
    await a.release(planId);
    expect(await b.claim(planId)).toEqual({ mine: true, fence: { owner: 'b', epoch: 2 } });
  });

  it('takes over a lease that ran out, and its former holder learns it lost the plan', async () => {
    const a = lease('a');
    const b = lease('b');
    const lost: string[] = [];
    a.onLost((id) => lost.push(id));
    await a.claim(planId);
    // a does not renew (its renewer is not started): the lease runs out.
    await new Promise((r) => setTimeout(r, 600));
    expect(await b.claim(planId)).toEqual({ mine: true, fence: { owner: 'b', epoch: 2 } });
    await a.renew();
    expect(lost).toEqual([planId]);
    expect(a.fenceOf(planId)).toBeNull();
  });

  it('keeps a renewed lease past its first lifetime', async () => {
    const a = lease('a');
    const b = lease('b');
    a.start();
    await a.claim(planId);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await b.claim(planId))?.mine).toBe(false);
    expect(a.fenceOf(planId)).toEqual({ owner: 'a', epoch: 1 });
  });

  it('takes at once a plan held by a former process at its own address', async () => {
    const old = lease('old', 'http://10.0.0.11:8787', { ttlMs: 60_000, renewMs: 10_000 });
    await old.claim(planId);
    const restarted = lease('new', 'http://10.0.0.11:8787');
    expect(await restarted.claim(planId)).toEqual({ mine: true, fence: { owner: 'new', epoch: 2 } });
  });

  it('refuses appends under a stale fence, writing none of the batch, and takes them under the current one', async () => {
    const a = lease('a');
    const b = lease('b');
    const first = await a.claim(planId);
    await new Promise((r) => setTimeout(r, 600));
    const second = await b.claim(planId);
    if (!first?.mine || !second?.mine) throw new Error('expected both claims to win in turn');
    const store = docStorePostgres(pg, { shared: true });
    const entry = (fence: typeof first.fence, byte: number) => ({ planId, data: new Uint8Array([0, 0, byte]), userId: null, at: 1, changes: [], fence });
    await expect(store.append([entry(first.fence, 1)])).rejects.toBeInstanceOf(DocStoreFencedError);
    expect(await store.append([entry(second.fence, 2)])).toEqual([1]);
    const logged = await pg<Array<{ seq: number; data: Uint8Array }>>`SELECT seq, data FROM doc_updates WHERE plan_id = ${planId}`;
    expect(logged.map((r) => [r.seq, [...r.data]])).toEqual([[1, [0, 0, 2]]]);
    await store.close();
  });
});
