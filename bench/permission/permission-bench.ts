/**
 * bench/permission: what the server's check of one incoming update costs — `updateAuthorize`:
 * the inspection (which plan locations the update writes, deletes or overwrites), the client-id
 * check and `permissionCheckChanges` —
 * for typical grid edits by an editor, on a 500-row and a 5,000-row plan. In-process, the
 * update made by a client copy of the document and checked against the server copy, then
 * applied there (untimed for the check; timed apart as `Y.applyUpdate`, for scale). Each update
 * lands in a random row, as real edits do; a control re-checks one update many times.
 */
import { type Actor, planDocCellText, planDocInsertRows, planDocSetCell } from '@phuluc/domain';
import * as Y from 'yjs';
import { type UpdateDecision, updateAuthorize } from '@phuluc/server/src/sync/update-authorize.ts';
import { BENCH_UNITS, fixtureTable } from '../lib/plan-build.ts';
import { type DocPair, docPairBuild } from '../lib/plan-doc-build.ts';
import { median, randomSeeded, statsSummarize } from '../lib/stats.ts';
import { rowsOwnedBy } from '../relay/clients.ts';

export const EDIT_KINDS = ['type-char', 'paste-cell', 'insert-row'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export const EDIT_KIND_LABELS: Record<EditKind, string> = {
  'type-char': 'typing one character',
  'paste-cell': 'pasting a cell (replace its text)',
  'insert-row': 'inserting a row',
};

export interface PermissionResult {
  items: number;
  kind: EditKind;
  n: number;
  /** updateAuthorize (inspection, client ids, permissionCheckChanges), µs. */
  checkMedianUs: number;
  checkP99Us: number;
  /** Y.applyUpdate of the same update into the server document, µs. */
  applyMedianUs: number;
  updateBytesMedian: number;
  changesPerUpdate: number;
  /** One update checked again and again (µs each, median of 20 batches of 100): the check without cache misses. */
  repeatUs: number;
}

const REPEAT_BATCHES = 20;
const REPEATS_PER_BATCH = 100;

const ITERATIONS: Record<EditKind, { full: number; quick: number }> = {
  'type-char': { full: 3000, quick: 300 },
  'paste-cell': { full: 2000, quick: 200 },
  'insert-row': { full: 400, quick: 60 },
};

const FIELDS = ['task', 'detail', 'timeframe', 'output', 'supervisor', 'monitor', 'note'] as const;

function pasteTexts(): string[] {
  const texts: string[] = [];
  for (const row of fixtureTable().rows) {
    if (row.kind !== 'item') continue;
    for (const v of Object.values(row.cells)) if (v.length >= 20) texts.push(v);
  }
  return texts;
}

/** Makes one edit of `kind` on the client copy; returns the update it produced. */
function editMake(pair: DocPair, kind: EditKind, actor: Actor, rows: readonly string[], random: () => number, texts: readonly string[]): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array): void => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  };
  pair.client.on('update', capture);
  try {
    const rowId = rows[Math.floor(random() * rows.length)] as string;
    const field = FIELDS[Math.floor(random() * FIELDS.length)] as string;
    switch (kind) {
      case 'type-char': {
        const text = planDocCellText(pair.client, pair.tableId, rowId, field);
        if (!text) throw new Error('no cell text');
        text.insert(Math.floor(random() * (text.length + 1)), 'ư');
        break;
      }
      case 'paste-cell':
        planDocSetCell(pair.client, pair.tableId, rowId, field, `${texts[Math.floor(random() * texts.length)] as string} (${Math.floor(random() * 1000)})`);
        break;
      case 'insert-row': {
        const unit = BENCH_UNITS.find((u) => u.id === actor.unitId);
        const cells = { task: 'Nhiệm vụ mới', detail: texts[Math.floor(random() * texts.length)] as string, lead: unit?.name ?? '', timeframe: 'Quý III/2026' };
        planDocInsertRows(pair.client, pair.tableId, [{ kind: 'item', cells, owners: [actor.unitId as string], createdBy: actor.userId }], { after: rowId });
        break;
      }
    }
  } finally {
    pair.client.off('update', capture);
  }
  if (!update) throw new Error(`${kind} made no update`);
  return update;
}

/** Measures one kind of edit on one plan size. */
function kindMeasure(pair: DocPair, items: number, kind: EditKind, quick: boolean): PermissionResult {
  const unit = BENCH_UNITS[2];
  if (!unit) throw new Error('no bench unit');
  const actor: Actor = { userId: 'bench-editor', role: 'editor', unitId: unit.id };
  const rows = rowsOwnedBy(pair.client, pair.tableId, unit.id);
  const random = randomSeeded(items + kind.length);
  const texts = pasteTexts();
  const total = quick ? ITERATIONS[kind].quick : ITERATIONS[kind].full;
  const warmup = Math.ceil(total / 10);
  const check: number[] = [];
  const apply: number[] = [];
  const bytes: number[] = [];
  let changes = 0;
  let repeatUs = Number.NaN;
  // Who writes under which client id (the server's map; other people's ids of the plan included).
  const authors = new Map<number, string>(
    [...pair.server.store.clients.keys()].map((client) => [client, client === pair.client.clientID ? actor.userId : 'bench-coordinator']),
  );
  for (let i = 0; i < warmup + total; i += 1) {
    const update = editMake(pair, kind, actor, rows, random, texts);
    const check1 = (): UpdateDecision => {
      const decision = updateAuthorize(pair.server, update, actor, authors);
      if (!decision.ok) throw new Error(`${kind}: refused: ${decision.error.message}`);
      return decision;
    };
    if (i === warmup) {
      // Control: one update checked again and again (read-only, so repeatable) touches the same
      // memory each time; if this does not grow with the plan, the check itself does not either.
      // Batches, median of their means: a batch the scheduler preempted does not count.
      const batches: number[] = [];
      for (let b = 0; b < REPEAT_BATCHES; b += 1) {
        const t = performance.now();
        for (let k = 0; k < REPEATS_PER_BATCH; k += 1) check1();
        batches.push(((performance.now() - t) / REPEATS_PER_BATCH) * 1000);
      }
      repeatUs = median(batches);
    }
    const t0 = performance.now();
    const inspection = check1();
    if (!inspection.ok) throw new Error('unreachable');
    for (const client of inspection.clients) authors.set(client, actor.userId);
    const t1 = performance.now();
    Y.applyUpdate(pair.server, update);
    const t2 = performance.now();
    if (i >= warmup) {
      check.push((t1 - t0) * 1000);
      apply.push((t2 - t1) * 1000);
      bytes.push(update.byteLength);
      changes += inspection.changes.length;
    }
  }
  const c = statsSummarize(check);
  return {
    items,
    kind,
    n: c.n,
    checkMedianUs: c.p50,
    checkP99Us: c.p99,
    applyMedianUs: statsSummarize(apply).p50,
    updateBytesMedian: statsSummarize(bytes).p50,
    changesPerUpdate: changes / c.n,
    repeatUs,
  };
}

/** Runs every kind of edit on the 500- and 5,000-row plans. */
export function permissionBench(options: { quick: boolean; sizes?: readonly number[]; log?: (line: string) => void }): PermissionResult[] {
  const results: PermissionResult[] = [];
  for (const items of options.sizes ?? [500, 5000]) {
    const pair = docPairBuild(items);
    for (const kind of EDIT_KINDS) {
      const r = kindMeasure(pair, items, kind, options.quick);
      options.log?.(`permission ${items} rows, ${kind}: median ${r.checkMedianUs.toFixed(1)} µs (p99 ${r.checkP99Us.toFixed(1)} µs)`);
      results.push(r);
    }
    pair.server.destroy();
    pair.client.destroy();
  }
  return results;
}
