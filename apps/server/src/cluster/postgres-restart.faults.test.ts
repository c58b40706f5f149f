/**
 * The machine's PostgreSQL restarted while editors type on two servers: while it is down no
 * edit is acknowledged (a saved-ack [4, n] comes only once what was sent is committed), and when
 * it is back every edit is committed once, in the order it was typed, with no gap in the log.
 * Stops a service other tests use: runs alone, after the main suite (vitest.faults.config.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { planDocCellText } from '@phuluc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docStorePostgres } from '../store/doc-store-postgres.ts';
import { pgOpen } from '../store/pg.ts';
import { type Cluster, type ClusterClient, clusterStart, type Editor, eventually } from '../testing/cluster-harness.ts';
import { pgTestAvailable, pgTestDatabase, type PgTestDatabase } from '../testing/pg-test-database.ts';
import { savedAcks } from '../testing/sync-client.ts';

const available = await pgTestAvailable();
const PG_VERSION = available ? (readdirSync('/etc/postgresql')[0] ?? '') : '';

function pgCluster(action: 'stop' | 'start'): void {
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', PG_VERSION, 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { stdio: 'ignore' });
}

async function pgAnswers(): Promise<boolean> {
  try {
    execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
    return true;
  } catch {
    return false;
  }
}


describe.skipIf(!available || !PG_VERSION)('PostgreSQL restarted under two servers', () => {
  let db: PgTestDatabase;
  let cluster: Cluster | undefined;
  afterEach(async () => {
    try {
      if (!(await pgAnswers())) pgCluster('start');
      await eventually(pgAnswers, 30_000, 'PostgreSQL back');
    } finally {
      await cluster?.close();
      await db?.drop();
    }
  });

  it('acknowledges nothing while it is down, then commits every pending edit once, in order', async () => {
    db = (await pgTestDatabase()) as PgTestDatabase;
    cluster = await clusterStart(db, { instances: 2, editors: 4 });
    const c = cluster;
    const clients = c.editors.map((e, i) => c.client(i % 2, e));
    await eventually(() => clients.every((k) => k.provider.synced), 20_000, 'every client synced');
    const acks = clients.map((k) => savedAcks(k.provider));
    const typed = c.editors.map(() => [] as Array<{ mark: string; at: number }>);
    const typers = c.editors.map((e: Editor, i) =>
      setInterval(() => {
        const n = (typed[i]?.length ?? 0) + 1;
        const mark = `<${i}.${n}>`;
        const cell = planDocCellText((clients[i] as ClusterClient).doc, c.tableId, e.rowId, 'note') as Y.Text;
        cell.insert(cell.length, mark);
        typed[i]?.push({ mark, at: Date.now() });
        acks[i]?.ask(n);
      }, 100),
    );
    let downFrom = 0;
    let upFrom = 0;
    try {
      await new Promise((r) => setTimeout(r, 1500));
      pgCluster('stop');
      downFrom = Date.now();
      await new Promise((r) => setTimeout(r, 3000));
      upFrom = Date.now();
      pgCluster('start');
      await eventually(pgAnswers, 30_000, 'PostgreSQL back');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      for (const t of typers) clearInterval(t);
    }
    // Every edit acknowledged in the end, none of those typed while it was down before it was back.
    for (const [i, list] of typed.entries()) {
      await eventually(() => (acks[i]?.acked.at(-1)?.n ?? 0) >= list.length, 20_000, `editor ${i}'s last saved-ack`);
      const typedWhileDown = list.map((t, k) => ({ ...t, n: k + 1 })).filter((t) => t.at > downFrom + 50 && t.at < upFrom);
      expect(typedWhileDown.length).toBeGreaterThan(10);
      for (const t of typedWhileDown) {
        const ack = acks[i]?.acked.find((a) => a.n >= t.n);
        expect(ack?.at ?? 0).toBeGreaterThanOrEqual(upFrom);
      }
    }
    const sql = await pgOpen(db.url, { max: 2 });
    try {
      const loaded = await docStorePostgres(sql, { shared: true }).load(c.planId);
      const doc = new Y.Doc();
      Y.applyUpdateV2(doc, loaded?.state ?? new Uint8Array());
      for (const [i, e] of c.editors.entries()) {
        const note = planDocCellText(doc, c.tableId, e.rowId, 'note')?.toString() ?? '';
        let at = -1;
        for (const { mark } of typed[i] ?? []) {
          expect(note.split(mark).length - 1).toBe(1);
          expect(note.indexOf(mark)).toBeGreaterThan(at);
          at = note.indexOf(mark);
        }
      }
      const seqs = (await sql<Array<{ seq: number }>>`SELECT seq FROM doc_updates WHERE plan_id = ${c.planId} ORDER BY seq`).map((r) => r.seq);
      const upto = (await sql<Array<{ upto_seq: number }>>`SELECT upto_seq FROM doc_snapshots WHERE plan_id = ${c.planId}`)[0]?.upto_seq ?? 0;
      seqs.forEach((seq, k) => expect(seq).toBe(upto + 1 + k));
      // Each update logged once: no two log rows hold the same bytes.
      const twice = await sql`SELECT data FROM doc_updates WHERE plan_id = ${c.planId} GROUP BY data HAVING count(*) > 1`;
      expect(twice).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });
});
