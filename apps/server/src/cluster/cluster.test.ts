/**
 * Several `phuluc serve` processes on one PostgreSQL database, stock y-websocket clients spread
 * over them: they converge on one plan through its one owner, a forbidden update sent to a
 * non-owner is refused exactly as on one server, and killing (-9) or freezing the owner loses
 * and doubles nothing: a new owner takes over and everyone converges.
 */
import { execFileSync } from 'node:child_process';
import { planDocCellText } from '@phuluc/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docStorePostgres } from '../store/doc-store-postgres.ts';
import { pgOpen } from '../store/pg.ts';
import { CLOSE_CODES } from '../sync/close-codes.ts';
import { type Cluster, type ClusterClient, clusterStart, type Editor, eventually } from '../testing/cluster-harness.ts';
import { pgTestAvailable, pgTestDatabase, type PgTestDatabase } from '../testing/pg-test-database.ts';

const available = await pgTestAvailable();

/** Types `text` at the end of the editor's row note. */
function type(c: ClusterClient, cluster: Cluster, editor: Editor, text: string): void {
  const cell = planDocCellText(c.doc, cluster.tableId, editor.rowId, 'note');
  if (!cell) throw new Error('no note cell');
  cell.insert(cell.length, text);
}

/** Every editor types a numbered mark into their row every 100 ms until `stop`; `typed` lists them. */
function storm(cluster: Cluster, clients: ClusterClient[]): { typed: string[][]; stop: () => void } {
  const typed = cluster.editors.map(() => [] as string[]);
  const typers = cluster.editors.map((e, i) =>
    setInterval(() => {
      const mark = `<${i}.${typed[i]?.length ?? 0}>`;
      typed[i]?.push(mark);
      type(clients[i] as ClusterClient, cluster, e, mark);
    }, 100),
  );
  return { typed, stop: () => typers.forEach(clearInterval) };
}

/** Every client has every mark typed. */
function allHaveAll(cluster: Cluster, clients: ClusterClient[], typed: string[][]): boolean {
  return clients.every((c) => cluster.editors.every((e, i) => (typed[i] ?? []).every((m) => c.note(e.rowId).includes(m))));
}

/** The plan as PostgreSQL holds it, and its log's sequence numbers. */
async function stored(db: PgTestDatabase, cluster: Cluster): Promise<{ doc: Y.Doc; seqs: number[]; uptoSeq: number }> {
  const sql = await pgOpen(db.url, { max: 2 });
  try {
    const loaded = await docStorePostgres(sql, { shared: true }).load(cluster.planId);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, loaded?.state ?? new Uint8Array());
    const seqs = (await sql<Array<{ seq: number }>>`SELECT seq FROM doc_updates WHERE plan_id = ${cluster.planId} ORDER BY seq`).map((r) => r.seq);
    const snap = await sql<Array<{ upto_seq: number }>>`SELECT upto_seq FROM doc_snapshots WHERE plan_id = ${cluster.planId}`;
    return { doc, seqs, uptoSeq: snap[0]?.upto_seq ?? 0 };
  } finally {
    await sql.end();
  }
}

/** The log runs from the snapshot on without a gap (the key forbids duplicates). */
function expectContiguous(seqs: number[], uptoSeq: number): void {
  seqs.forEach((seq, i) => expect(seq).toBe(uptoSeq + 1 + i));
}

describe.skipIf(!available)('several servers on one database', { timeout: 180_000 }, () => {
  let db: PgTestDatabase;
  let cluster: Cluster;
  beforeEach(async () => {
    db = (await pgTestDatabase()) as PgTestDatabase;
  });
  afterEach(async () => {
    await cluster?.close();
    await db?.drop();
  });

  it('converges clients spread over three servers, and refuses a forbidden update sent to a non-owner like one server does', async () => {
    cluster = await clusterStart(db, { instances: 3, editors: 6 });
    const clients = cluster.editors.map((e, i) => cluster.client(i % 3, e));
    await eventually(() => clients.every((c) => c.provider.synced), 20_000, 'every client synced');
    cluster.editors.forEach((e, i) => type(clients[i] as ClusterClient, cluster, e, ` [${e.username}]`));
    await eventually(
      () => clients.every((c) => cluster.editors.every((e) => c.note(e.rowId).includes(`[${e.username}]`))),
      20_000,
      'every edit everywhere',
    );
    const owner = await cluster.ownerIndex();
    expect(owner).not.toBeNull();
    expect((await cluster.metrics(owner as number)).match(/^phuluc_plans_owned (\d+)/m)?.[1]).toBe('1');

    // An editor on a server that does not own the plan writes into another unit's row.
    const elsewhere = [0, 1, 2].find((i) => i !== owner) as number;
    const intruder = cluster.editors.find((e, i) => i % 3 === elsewhere) as Editor;
    const victim = cluster.editors.find((e) => e.unitId !== intruder.unitId) as Editor;
    const attacker = cluster.client(elsewhere, intruder);
    await eventually(() => attacker.provider.synced, 20_000, 'the intruder synced');
    const before = clients[0]?.note(victim.rowId);
    (planDocCellText(attacker.doc, cluster.tableId, victim.rowId, 'note') as Y.Text).insert(0, 'GHI ĐÈ ');
    await eventually(() => attacker.closes.length > 0, 20_000, 'the refusal');
    expect(attacker.closes[0]?.code).toBe(CLOSE_CODES.forbidden);
    attacker.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(clients.map((c) => c.note(victim.rowId))).toEqual(clients.map(() => before));
    const { doc } = await stored(db, cluster);
    expect(planDocCellText(doc, cluster.tableId, victim.rowId, 'note')?.toString()).toBe(before);

    // A plan write through the API on the non-owner is answered by the owner, the person's
    // session and role carried along: an editor may not save a version, wherever he asks.
    const save = await fetch(`${cluster.instances[elsewhere]?.url}/api/plans/${cluster.planId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${intruder.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dự thảo lần 1' }),
    });
    expect(save.status).toBe(403);
    expect(((await save.json()) as { error: { message: string } }).error.message).toContain('đầu mối');
  });

  it('ends a relayed connection when its person logs out on another server, and one whose role changed', async () => {
    cluster = await clusterStart(db, { instances: 2, editors: 2 });
    const first = cluster.client(0, cluster.editors[0] as Editor);
    await eventually(() => first.provider.synced, 20_000, 'the first client synced');
    const owner = (await cluster.ownerIndex()) as number;
    const other = 1 - owner;
    // Both people connect through the server that does not own the plan: relayed.
    const leaving = cluster.client(other, cluster.editors[0] as Editor);
    const demoted = cluster.client(other, cluster.editors[1] as Editor);
    await eventually(() => leaving.provider.synced && demoted.provider.synced, 20_000, 'the relayed clients synced');
    const logout = await fetch(`${cluster.instances[owner]?.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cluster.editors[0]?.token}` },
    });
    expect(logout.status).toBe(200);
    const sql = await pgOpen(db.url, { max: 1 });
    try {
      await sql`UPDATE memberships SET role = 'viewer', unit_id = NULL WHERE user_id = (SELECT id FROM users WHERE username = ${cluster.editors[1]?.username as string})`;
    } finally {
      await sql.end();
    }
    // The owner checks its connections' sessions and roles every 15 s.
    await eventually(() => leaving.closes.some((c) => c.code === CLOSE_CODES.unauthenticated), 25_000, 'the logged-out connection to close');
    await eventually(() => demoted.closes.some((c) => c.code === CLOSE_CODES.rightsChanged), 25_000, 'the demoted connection to close');
    leaving.destroy();
    demoted.destroy();
  });

  it('loses and doubles nothing when the owner is killed (-9) three times during 10 editors × 10 edits/s', async () => {
    cluster = await clusterStart(db, { instances: 3, editors: 10 });
    const clients = cluster.editors.map((e, i) => cluster.client(i % 3, e));
    await eventually(() => clients.every((c) => c.provider.synced), 20_000, 'every client synced');
    const { typed, stop } = storm(cluster, clients);
    const failovers: number[] = [];
    try {
      for (let kill = 0; kill < 3; kill += 1) {
        await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2000));
        const owner = await cluster.ownerIndex();
        if (owner === null) continue;
        await cluster.kill(owner);
        const killedAt = Date.now();
        // Another server takes the plan once the lease runs out (its clients ask for it again).
        await eventually(async () => (await cluster.ownerIndex()) !== null, 20_000, 'a new owner');
        failovers.push(Date.now() - killedAt);
        await cluster.restart(owner);
      }
    } finally {
      stop();
    }
    // Everyone converges on everything typed, within 20 s of the last edit.
    await eventually(
      () => allHaveAll(cluster, clients, typed),
      20_000,
      'every client has every edit',
    );
    const { doc, seqs, uptoSeq } = await stored(db, cluster);
    for (const [i, e] of cluster.editors.entries()) {
      const note = planDocCellText(doc, cluster.tableId, e.rowId, 'note')?.toString() ?? '';
      for (const mark of typed[i] ?? []) expect(note).toContain(mark);
      // Each mark once: nothing applied twice.
      for (const mark of typed[i] ?? []) expect(note.split(mark).length - 1).toBe(1);
    }
    expectContiguous(seqs, uptoSeq);
    expect(typed.reduce((n, t) => n + t.length, 0)).toBeGreaterThan(300);
    console.log(`failover (kill → new owner) ms: ${failovers.join(', ')}`);
  });

  it('fences an owner frozen past its lease: its late writes are refused, nothing is lost or doubled', async () => {
    cluster = await clusterStart(db, { instances: 2, editors: 4 });
    // Two editors on each server.
    const clients = cluster.editors.map((e, i) => cluster.client(i % 2, e));
    await eventually(() => clients.every((c) => c.provider.synced), 20_000, 'every client synced');
    type(clients[0] as ClusterClient, cluster, cluster.editors[0] as Editor, '<first>');
    await eventually(() => clients.every((c) => c.note(cluster.editors[0]?.rowId ?? '').includes('<first>')), 20_000, 'the first edit everywhere');
    const owner = (await cluster.ownerIndex()) as number;
    const other = 1 - owner;
    cluster.signal(owner, 'SIGSTOP');
    // While it is frozen: its own clients type (their frames wait in its socket), and the other
    // server's clients type too; their relay gives up on the frozen owner and, once the lease
    // ran out, the other server takes the plan over.
    const ownClient = cluster.editors.findIndex((_, i) => i % 2 === owner);
    const otherClient = cluster.editors.findIndex((_, i) => i % 2 === other);
    type(clients[ownClient] as ClusterClient, cluster, cluster.editors[ownClient] as Editor, '<late>');
    type(clients[otherClient] as ClusterClient, cluster, cluster.editors[otherClient] as Editor, '<meanwhile>');
    await eventually(async () => (await cluster.ownerIndex()) === other, 30_000, 'the other server to take over');
    cluster.signal(owner, 'SIGCONT');
    await eventually(
      () => clients.every((c) => c.note(cluster.editors[ownClient]?.rowId ?? '').includes('<late>') && c.note(cluster.editors[otherClient]?.rowId ?? '').includes('<meanwhile>')),
      30_000,
      'both edits everywhere',
    );
    await eventually(async () => /^phuluc_plans_fenced_total [1-9]/m.test(await cluster.metrics(owner)), 20_000, 'the resumed owner to find itself fenced');
    const { doc, seqs, uptoSeq } = await stored(db, cluster);
    const note = planDocCellText(doc, cluster.tableId, cluster.editors[ownClient]?.rowId ?? '', 'note')?.toString() ?? '';
    expect(note.split('<late>').length - 1).toBe(1);
    expect(planDocCellText(doc, cluster.tableId, cluster.editors[otherClient]?.rowId ?? '', 'note')?.toString()).toContain('<meanwhile>');
    expectContiguous(seqs, uptoSeq);
  });
});

/** The machine's Redis (127.0.0.1:6379), stopped and started again with its own command (ENVIRONMENT.md). */
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_START = ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log'];

async function redisAnswers(): Promise<boolean> {
  const { createClient } = await import('redis');
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

const redisAvailable = await redisAnswers();
if (!redisAvailable && process.env.CI) throw new Error(`Redis does not answer at ${REDIS_URL} (CI needs it)`);

describe.skipIf(!available || !redisAvailable)('several servers with Redis', { timeout: 180_000 }, () => {
  let db: PgTestDatabase;
  let cluster: Cluster;
  beforeEach(async () => {
    db = (await pgTestDatabase()) as PgTestDatabase;
  });
  afterEach(async () => {
    try {
      if (!(await redisAnswers())) execFileSync('redis-server', REDIS_START);
    } finally {
      await cluster?.close();
      await db?.drop();
    }
  });

  it('holds the login limits across servers: failures spread over two servers add up', async () => {
    cluster = await clusterStart(db, { instances: 2, editors: 1, redisUrl: REDIS_URL });
    const urls = cluster.instances.map((i) => i?.url as string);
    const health = (await (await fetch(`${urls[0]}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toEqual({ ok: true, database: true, redis: true });
    const username = `doan-${Math.random().toString(36).slice(2, 10)}`;
    const attempt = (url: string) =>
      fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'sai-mật-khẩu' }) });
    // Five failures (the limit), alternating between the servers; the sixth is refused on either.
    for (let i = 0; i < 5; i += 1) expect((await attempt(urls[i % 2] as string)).status).toBe(401);
    expect((await attempt(urls[0] as string)).status).toBe(429);
    expect((await attempt(urls[1] as string)).status).toBe(429);
  });

  it('loses nothing when Redis is killed and restarted during the storm, and converges within 5 s of its return', async () => {
    cluster = await clusterStart(db, { instances: 3, editors: 6, redisUrl: REDIS_URL });
    const clients = cluster.editors.map((e, i) => cluster.client(i % 3, e));
    await eventually(() => clients.every((c) => c.provider.synced), 20_000, 'every client synced');
    const { typed, stop } = storm(cluster, clients);
    try {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        execFileSync('redis-cli', ['-p', '6379', 'shutdown', 'nosave']);
      } catch {
        // redis-cli reports the connection it lost to the shutdown.
      }
      await eventually(async () => !(await redisAnswers()), 10_000, 'Redis to stop');
      await eventually(async () => (await (await fetch(`${cluster.instances[0]?.url}/healthz`)).json() as { redis: boolean }).redis === false, 10_000, '/healthz to see Redis gone');
      await new Promise((r) => setTimeout(r, 2000));
      execFileSync('redis-server', REDIS_START);
      await eventually(() => redisAnswers(), 10_000, 'Redis back');
    } finally {
      stop();
    }
    await eventually(
      () => allHaveAll(cluster, clients, typed),
      5_000,
      'every client has every edit',
    );
    const { doc, seqs, uptoSeq } = await stored(db, cluster);
    for (const [i, e] of cluster.editors.entries()) {
      const note = planDocCellText(doc, cluster.tableId, e.rowId, 'note')?.toString() ?? '';
      for (const mark of typed[i] ?? []) expect(note.split(mark).length - 1).toBe(1);
    }
    expectContiguous(seqs, uptoSeq);
  });
});
