/**
 * bench/pipeline: where a Phuluc server spends its time, one operation at a time, in-process
 * with the server's own modules on this machine — the durable commit of the update log
 * (SQLite WAL, synchronous=FULL: an fsync per transaction, on the event loop), compaction,
 * the sync step 2 a late joiner gets, loading a plan from disk — for a 500- and a 5,000-row plan.
 * These explain the relay and cold-load figures; each of them blocks the event loop while it runs.
 */
import { rmSync } from 'node:fs';
import { planDocCellText } from '@phuluc/domain';
import * as Y from 'yjs';
import { dbOpen } from '@phuluc/server/src/store/db.ts';
import { DocLog, type DocLogEntry } from '@phuluc/server/src/store/doc-log.ts';
import { planCreate } from '@phuluc/server/src/store/plans.ts';
import { unitsDirectory, unitsSeedIfEmpty } from '@phuluc/server/src/store/units.ts';
import { Room } from '@phuluc/server/src/sync/doc-hub.ts';
import { planTableBuild } from '../lib/plan-build.ts';
import { benchTempDir } from '../lib/plan-data.ts';
import { randomSeeded, statsSummarize } from '../lib/stats.ts';
import { rowsOwnedBy } from '../relay/clients.ts';

export const PIPELINE_OPS = ['commit-1', 'commit-10', 'commit-1-normal', 'compact', 'sync-step-2', 'load'] as const;
export type PipelineOp = (typeof PIPELINE_OPS)[number];

export const PIPELINE_OP_LABELS: Record<PipelineOp, string> = {
  'commit-1': 'durable commit, 1 update per transaction (+ audit row)',
  'commit-10': 'durable commit, 10 updates in one transaction',
  'commit-1-normal': 'for comparison: 1 update per transaction with synchronous=NORMAL (survives a process kill, not a power cut)',
  compact: 'compaction (encode v2 snapshot, write it, drop the log)',
  'sync-step-2': 'sync step 2 for an empty client (encodeStateAsUpdate)',
  load: 'load the plan from disk (snapshot + 500-update tail)',
};

export interface PipelineResult {
  items: number;
  op: PipelineOp;
  n: number;
  medianMs: number;
  p99Ms: number;
}

function timeIt(n: number, fn: (i: number) => void): { n: number; medianMs: number; p99Ms: number } {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  const s = statsSummarize(samples);
  return { n: s.n, medianMs: s.p50, p99Ms: s.p99 };
}

/** Runs the pipeline operations on a fresh database per plan size. */
export function pipelineBench(options: { quick: boolean; sizes?: readonly number[]; log?: (line: string) => void }): PipelineResult[] {
  const results: PipelineResult[] = [];
  for (const items of options.sizes ?? [500, 5000]) {
    const dataDir = benchTempDir(`pipeline-${items}`);
    const db = dbOpen(dataDir);
    try {
      unitsSeedIfEmpty(db);
      const plan = planCreate(db, unitsDirectory(db), { commune: 'Tân Thanh', year: 2026, table: planTableBuild(items) });
      const log = new DocLog(db);
      const state = log.load(plan.id);
      if (!state?.snapshot) throw new Error('plan without snapshot');
      const room = new Room(plan.id);
      Y.applyUpdateV2(room.doc, state.snapshot);
      const tableId = room.doc.getMap('tables').keys().next().value as string;
      const client = new Y.Doc();
      Y.applyUpdateV2(client, state.snapshot);
      const rows = rowsOwnedBy(client, tableId, rowsUnitOf(client, tableId));
      const random = randomSeeded(items);

      // Typical updates: one character typed into a random cell (each applied to the server doc too).
      const updateMake = (): DocLogEntry => {
        const rowId = rows[Math.floor(random() * rows.length)] as string;
        const text = planDocCellText(client, tableId, rowId, 'detail');
        let data: Uint8Array | null = null;
        const capture = (u: Uint8Array): void => {
          data = u;
        };
        client.once('update', capture);
        text?.insert(Math.floor(random() * (text.length + 1)), 'ư');
        if (!data) throw new Error('no update');
        Y.applyUpdate(room.doc, data);
        return { planId: plan.id, data, userId: null, at: Date.now(), changes: [{ tableId, rowId, field: 'detail' }] };
      };
      const commits = options.quick ? 50 : 300;
      const warm = timeIt(10, () => log.append([updateMake()]));
      void warm;
      const entries1 = Array.from({ length: commits }, updateMake);
      const add = (op: PipelineOp, r: { n: number; medianMs: number; p99Ms: number }): void => {
        results.push({ items, op, ...r });
        options.log?.(`pipeline ${items} rows, ${op}: median ${r.medianMs.toFixed(2)} ms (p99 ${r.p99Ms.toFixed(2)} ms)`);
      };
      add('commit-1', timeIt(commits, (i) => log.append([entries1[i] as DocLogEntry])));
      const batches = Array.from({ length: Math.ceil(commits / 10) }, () => Array.from({ length: 10 }, updateMake));
      add('commit-10', timeIt(batches.length, (i) => log.append(batches[i] as DocLogEntry[])));
      // What the durability setting costs (the server opens its database with synchronous=FULL).
      const entriesNormal = Array.from({ length: commits }, updateMake);
      db.pragma('synchronous = NORMAL');
      add('commit-1-normal', timeIt(commits, (i) => log.append([entriesNormal[i] as DocLogEntry])));
      db.pragma('synchronous = FULL');
      // Leave a 500-update tail for the load measurement, then compact.
      const tail = Array.from({ length: 500 }, updateMake);
      log.append(tail);
      const reps = options.quick ? 3 : 7;
      const last = log.load(plan.id)?.lastSeq ?? 0;
      add(
        'load',
        timeIt(reps, () => {
          const s = log.load(plan.id);
          const doc = new Y.Doc({ gc: true });
          Y.transact(doc, () => {
            if (s?.snapshot) Y.applyUpdateV2(doc, s.snapshot);
            for (const u of s?.updates ?? []) Y.applyUpdate(doc, u);
          });
          doc.destroy();
        }),
      );
      const emptyVector = Y.encodeStateVector(new Y.Doc());
      add('sync-step-2', timeIt(reps, () => room.syncStep2For(emptyVector)));
      add('compact', timeIt(reps, () => log.compact(plan.id, Y.encodeStateAsUpdateV2(room.doc), last)));
      client.destroy();
      room.awareness.destroy();
      room.doc.destroy();
    } finally {
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
