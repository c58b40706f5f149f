/**
 * bench/cold-load: a 5,000-row plan reaching a late joiner. Phuluc is started fresh for each
 * repetition (the plan only on disk: snapshot in SQLite, nothing loaded); one stock client
 * connects and is timed until `synced` and until the table is read. A second client joining
 * the now-loaded plan gives the warm figure. The reference server holds the same document in
 * memory (it has no disk) and is restarted for each repetition too.
 *
 * Also in-process, on this machine: the steps a cold join is made of (server: load the
 * snapshot, encode the sync step 2; client: apply it, read the table) and the encoded sizes.
 */
import { rmSync } from 'node:fs';
import { planDocReadTable } from '@phuluc/domain';
import * as Y from 'yjs';
import { planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir, type PlanData, planDataCreate } from '../lib/plan-data.ts';
import { type ServerKind, serverChildStart } from '../lib/server-child.ts';
import { median } from '../lib/stats.ts';
import { type BenchClient, benchClientCreate } from '../relay/clients.ts';

export const COLD_LOAD_ROWS = 5000;

export interface JoinTiming {
  /** Connect → `synced` (ms). */
  syncedMs: number;
  /** Connect → the table read from the client's document (ms). */
  readableMs: number;
}

export interface ColdLoadResult {
  items: number;
  rows: number;
  v1Bytes: number;
  v2Bytes: number;
  /** Memory after a full GC: idle, and with the plan loaded and two clients connected. */
  runs: Array<{ server: ServerKind; cold: JoinTiming; warm: JoinTiming; rssIdleMB: number; rssLoadedMB: number; heapIdleMB: number; heapLoadedMB: number }>;
  /** Median over the runs, per server. */
  median: Partial<Record<ServerKind, { cold: JoinTiming; warm: JoinTiming; rssGrowthMB: number; heapGrowthMB: number }>>;
  /** In-process steps (median ms). */
  steps: { serverLoadMs: number; serverEncodeMs: number; clientApplyMs: number; tableReadMs: number };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Connects one client and times it to `synced` and to a read table. */
async function join(wsBase: string, data: PlanData, token: string | null, index: number): Promise<{ timing: JoinTiming; client: BenchClient }> {
  const t0 = performance.now();
  const client = benchClientCreate(index, wsBase, data.planId, token);
  const syncedAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`late joiner not synced in 30 s ${JSON.stringify(client.closes)}`)), 30_000);
    client.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve(performance.now());
    });
  });
  const table = planDocReadTable(client.doc, data.tableId);
  const readAt = performance.now();
  if (table.rows.length < COLD_LOAD_ROWS) throw new Error(`late joiner read ${table.rows.length} rows`);
  return { timing: { syncedMs: syncedAt - t0, readableMs: readAt - t0 }, client };
}

/** In-process timing of the steps of a cold join. */
function stepsMeasure(data: PlanData, snapshotV2: Uint8Array, reps: number): ColdLoadResult['steps'] {
  const load: number[] = [];
  const encode: number[] = [];
  const apply: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < reps; i += 1) {
    let t = performance.now();
    const server = new Y.Doc({ gc: true });
    Y.applyUpdateV2(server, snapshotV2);
    load.push(performance.now() - t);
    t = performance.now();
    const update = Y.encodeStateAsUpdate(server, Y.encodeStateVector(new Y.Doc()));
    encode.push(performance.now() - t);
    t = performance.now();
    const client = new Y.Doc();
    Y.applyUpdate(client, update);
    apply.push(performance.now() - t);
    t = performance.now();
    planDocReadTable(client, data.tableId);
    read.push(performance.now() - t);
    server.destroy();
    client.destroy();
  }
  return { serverLoadMs: median(load), serverEncodeMs: median(encode), clientApplyMs: median(apply), tableReadMs: median(read) };
}

/** Runs the cold-load benchmark: `reps` fresh starts per server. */
export async function coldLoadBench(options: { reps: number; servers: readonly ServerKind[]; log?: (line: string) => void }): Promise<ColdLoadResult> {
  const log = options.log ?? (() => {});
  const dataDir = benchTempDir('cold-load');
  try {
    const t = performance.now();
    const table = planTableBuild(COLD_LOAD_ROWS);
    const data = await planDataCreate(dataDir, table, { editors: 0, coordinators: 1 });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, data.docUpdate);
    const snapshotV2 = Y.encodeStateAsUpdateV2(doc);
    doc.destroy();
    log(`cold-load: ${COLD_LOAD_ROWS}-row plan created in ${((performance.now() - t) / 1000).toFixed(1)} s (v1 ${(data.docUpdate.byteLength / 1048576).toFixed(2)} MiB)`);
    const token = (data.accounts[0] as { token: string }).token;

    const runs: ColdLoadResult['runs'] = [];
    for (let rep = 0; rep < options.reps; rep += 1) {
      for (const kind of options.servers) {
        const server = await serverChildStart(kind, { dataDir, doc: { name: data.planId, update: data.docUpdate, scratchDir: dataDir } });
        const clients: BenchClient[] = [];
        try {
          await sleep(300);
          const idle = await server.memoryAfterGc();
          const cold = await join(server.wsBase, data, kind === 'phuluc' ? token : null, 0);
          clients.push(cold.client);
          await sleep(100);
          const warm = await join(server.wsBase, data, kind === 'phuluc' ? token : null, 1);
          clients.push(warm.client);
          const loaded = await server.memoryAfterGc();
          runs.push({
            server: kind,
            cold: cold.timing,
            warm: warm.timing,
            rssIdleMB: idle.rssMB,
            rssLoadedMB: loaded.rssMB,
            heapIdleMB: idle.heapMB,
            heapLoadedMB: loaded.heapMB,
          });
          log(`  ${kind} #${rep + 1}: cold synced ${cold.timing.syncedMs.toFixed(0)} ms, readable ${cold.timing.readableMs.toFixed(0)} ms; warm synced ${warm.timing.syncedMs.toFixed(0)} ms`);
        } finally {
          for (const c of clients) c.destroy();
          await server.stop();
        }
      }
    }
    const medianOf = (kind: ServerKind): NonNullable<ColdLoadResult['median'][ServerKind]> | undefined => {
      const mine = runs.filter((r) => r.server === kind);
      if (mine.length === 0) return undefined;
      const m = (f: (r: (typeof mine)[number]) => number): number => median(mine.map(f));
      return {
        cold: { syncedMs: m((r) => r.cold.syncedMs), readableMs: m((r) => r.cold.readableMs) },
        warm: { syncedMs: m((r) => r.warm.syncedMs), readableMs: m((r) => r.warm.readableMs) },
        rssGrowthMB: m((r) => r.rssLoadedMB - r.rssIdleMB),
        heapGrowthMB: m((r) => r.heapLoadedMB - r.heapIdleMB),
      };
    };
    const result: ColdLoadResult = {
      items: COLD_LOAD_ROWS,
      rows: table.rows.length,
      v1Bytes: data.docUpdate.byteLength,
      v2Bytes: snapshotV2.byteLength,
      runs,
      median: { phuluc: medianOf('phuluc'), reference: medianOf('reference') },
      steps: stepsMeasure(data, snapshotV2, Math.max(3, options.reps)),
    };
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
