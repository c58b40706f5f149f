/**
 * bench/pipeline: what each step of a Phuluc server's pipeline costs the event loop, in-process
 * with the server's own DocHub and SQLite document store (threads and all) on this machine, for a
 * 500- and a 5,000-row plan: the longest time the event loop was blocked while the step ran
 * (`monitorEventLoopDelay`, 1 ms resolution: "< 1" means no block of a millisecond or more), and
 * the time until the step was done. Steps: committing one update durably (accept → on disk),
 * answering a full-state request (a late joiner's sync step 2), loading the plan from disk, and
 * compacting a 500-update log.
 */
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { planDocCellText } from '@phuluc/domain';
import * as Y from 'yjs';
import { metricsCreate } from '@phuluc/server/src/metrics.ts';
import { dbOpen } from '@phuluc/server/src/store/db.ts';
import { sqlSqlite } from '@phuluc/server/src/store/sql-sqlite.ts';
import { docStoreSqlite } from '@phuluc/server/src/store/doc-store-sqlite.ts';
import { planCreate } from '@phuluc/server/src/store/plans.ts';
import { unitsDirectory, unitsSeedIfEmpty } from '@phuluc/server/src/store/units.ts';
import { DOC_HUB_DEFAULTS, DocHub, type Room } from '@phuluc/server/src/sync/doc-hub.ts';
import { planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir } from '../lib/plan-data.ts';
import { randomSeeded, statsSummarize } from '../lib/stats.ts';
import { rowsOwnedBy } from '../relay/clients.ts';

export const PIPELINE_OPS = ['commit', 'sync-step-2', 'load', 'compact'] as const;
export type PipelineOp = (typeof PIPELINE_OPS)[number];

export const PIPELINE_OP_LABELS: Record<PipelineOp, string> = {
  commit: 'durable commit of one update (accept → on disk, synchronous=FULL, + audit row)',
  'sync-step-2': 'full-state answer for a late joiner (sync step 2, 50 edits after the cached base)',
  load: 'load the plan from disk (snapshot + 500-update log)',
  compact: 'compaction (fold a 500-update log into the snapshot)',
};

export interface PipelineResult {
  items: number;
  op: PipelineOp;
  n: number;
  /** Longest event-loop block during the step (ms): median and worst over the repetitions. */
  blockMedianMs: number;
  blockMaxMs: number;
  /** Time until the step was done (ms): median and p99. */
  medianMs: number;
  p99Ms: number;
}

/** Runs `step` `n` times; for each, the longest event-loop block while it ran and its duration. */
async function measure(n: number, step: (i: number) => Promise<unknown>, prepare?: () => Promise<void>): Promise<Omit<PipelineResult, 'items' | 'op'>> {
  const blocks: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    await prepare?.();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const t = performance.now();
    await step(i);
    times.push(performance.now() - t);
    // Let the histogram see the last stretch, then read it: delay beyond the 1 ms timer, in ms.
    await new Promise((r) => setTimeout(r, 2));
    delay.disable();
    blocks.push(Math.max(0, delay.max / 1e6 - 1));
  }
  const b = statsSummarize(blocks);
  const s = statsSummarize(times);
  return { n: s.n, blockMedianMs: b.p50, blockMaxMs: b.max, medianMs: s.p50, p99Ms: s.p99 };
}

/** Runs the pipeline steps on a fresh data directory per plan size. */
export async function pipelineBench(options: { quick: boolean; sizes?: readonly number[]; log?: (line: string) => void }): Promise<PipelineResult[]> {
  const results: PipelineResult[] = [];
  for (const items of options.sizes ?? [500, 5000]) {
    const dataDir = benchTempDir(`pipeline-${items}`);
    const db = dbOpen(dataDir);
    const store = docStoreSqlite(dataDir);
    // Compaction only when asked (the step measures it), rooms kept loaded.
    const hubOptions = { ...DOC_HUB_DEFAULTS, compactAfterUpdates: Number.MAX_SAFE_INTEGER, compactWhenIdleMs: 3_600_000 };
    let hub = new DocHub(store, metricsCreate(), hubOptions);
    try {
      await hub.ready();
      const sql = sqlSqlite(db);
      await unitsSeedIfEmpty(sql);
      const plan = await planCreate(sql, await unitsDirectory(sql), { commune: 'Tân Thanh', year: 2026, table: planTableBuild(items) });
      let room = (await hub.room(plan.id)) as Room;
      const tableId = room.doc.getMap('tables').keys().next().value as string;
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
      const rows = rowsOwnedBy(client, tableId, rowsUnitOf(client, tableId));
      const random = randomSeeded(items);
      const add = (op: PipelineOp, r: Omit<PipelineResult, 'items' | 'op'>): void => {
        results.push({ items, op, ...r });
        options.log?.(
          `pipeline ${items} rows, ${op}: event loop blocked ≤ ${r.blockMedianMs.toFixed(2)} ms median (max ${r.blockMaxMs.toFixed(2)}), done in ${r.medianMs.toFixed(2)} ms median`,
        );
      };

      // A typical update: one character typed into a random cell of the editor's rows.
      const updateMake = (): Uint8Array => {
        const rowId = rows[Math.floor(random() * rows.length)] as string;
        const text = planDocCellText(client, tableId, rowId, 'detail');
        let data: Uint8Array | null = null;
        client.once('update', (u: Uint8Array) => (data = u));
        text?.insert(Math.floor(random() * (text.length + 1)), 'ư');
        if (!data) throw new Error('no update');
        return data;
      };
      const accept = (update: Uint8Array): void =>
        hub.accept(room, update, null, { userId: null, at: Date.now(), changes: [{ tableId, rowId: null, field: 'detail' }] });

      const commits = options.quick ? 30 : 200;
      add(
        'commit',
        await measure(commits, async () => {
          accept(updateMake());
          await hub.whenDurable(room, room.applied);
        }),
      );

      const reps = options.quick ? 3 : 7;
      const empty = Y.encodeStateVector(new Y.Doc());
      for (let i = 0; i < 50; i += 1) accept(updateMake());
      await hub.flush();
      add('sync-step-2', await measure(reps, async () => room.syncStep2For(empty)));

      // Leave a 500-update log, then load the plan afresh each time: a new hub, the plan only on
      // disk (the hubs left behind are closed at the end, which would compact the log now).
      for (let i = 0; i < 500; i += 1) accept(updateMake());
      await hub.flush();
      const left: DocHub[] = [hub];
      add(
        'load',
        await measure(
          reps,
          async () => {
            room = (await hub.room(plan.id)) as Room;
            room.syncStep2For(empty);
          },
          async () => {
            hub = new DocHub(store, metricsCreate(), hubOptions);
            left.push(hub);
            await hub.ready();
          },
        ),
      );
      for (const h of left.slice(0, -1)) await h.close();

      // Each repetition folds a fresh 500-update log (written before the measurement).
      add(
        'compact',
        await measure(
          reps,
          () => hub.compact(room),
          async () => {
            for (let i = 0; i < 500; i += 1) accept(updateMake());
            await hub.flush();
          },
        ),
      );
      client.destroy();
    } finally {
      await hub.close();
      await store.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}

/** The unit owning the table's first item row (any unit with rows will do). */
function rowsUnitOf(doc: Y.Doc, tableId: string): string {
  const rows = doc.getMap('tables').get(tableId) as Y.Map<unknown>;
  for (const row of (rows.get('rows') as Y.Map<Y.Map<unknown>>).values()) {
    const owners = row.get('owners');
    if (Array.isArray(owners) && typeof owners[0] === 'string') return owners[0];
  }
  throw new Error('no owned row');
}
