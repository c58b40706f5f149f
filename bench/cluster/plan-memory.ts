/**
 * Memory per loaded plan on one server (PostgreSQL engine): a fresh server with the bench's
 * memory probe loads N plans of 500 item rows, then N' plans of 5,000, each by a client that
 * asks for the whole document (sync step 1 with an empty state vector, as a fresh browser does)
 * and stays connected, so the plan stays loaded. RSS is read after a full GC (and as VmRSS
 * without one) before, after the first plan of a size and after the last; the cost of one more
 * plan is the growth from the first to the last, per plan (the first one also pays for what a
 * server sets up once: code, threads, caches).
 */
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { procMemory } from '../lib/proc-stat.ts';
import type { MemoryAfterGc } from '../lib/server-child.ts';
import type { BenchSeeder, SeededPlan } from './cluster-data.ts';
import { type ServeProcess, serveStart } from './cluster-instance.ts';

/** Memory of the server at one moment (MB of 10^6 bytes). */
export interface MemorySample extends MemoryAfterGc {
  /** VmRSS before the forced GC. */
  vmRssMB: number;
}

export interface PlanMemoryResult {
  rows: number;
  plans: number;
  before: MemorySample;
  afterFirst: MemorySample;
  afterAll: MemorySample;
  /** Growth per plan from the first to the last (after GC; VmRSS; JS heap + external). */
  perPlanRssMB: number;
  perPlanVmRssMB: number;
  perPlanHeapMB: number;
  /** Median time to load one plan (connect → whole document received and the plan loaded), ms. */
  loadMs: number;
}

export interface PlanMemoryOptions {
  seeder: BenchSeeder;
  databaseUrl: string;
  /** Plans per size: item rows → how many. */
  sizes: ReadonlyArray<{ rows: number; plans: number }>;
  log?: (line: string) => void;
}

/** What the results assume a server may use. */
export const MEMORY_BUDGET_MB = 2000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A sync step 1 with an empty state vector: "send me everything". */
function fullStateRequest(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
}

/** Opens a connection that asks for the whole plan; resolves once a sync step 2 arrived. */
function planOpen(server: ServeProcess, plan: SeededPlan): Promise<WebSocket> {
  const token = plan.accounts[0]?.token ?? '';
  const ws = new WebSocket(`${server.wsBase}/${encodeURIComponent(plan.planId)}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('plan not received in 60 s')), 60_000);
    ws.on('open', () => ws.send(fullStateRequest()));
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) {
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(timer);
      reject(new Error(`closed before the plan arrived (${code} ${reason.toString()})`));
    });
    ws.on('error', () => {});
  });
}

async function sample(server: ServeProcess): Promise<MemorySample> {
  const vmRssMB = procMemory(server.pid).rssMB;
  return { vmRssMB, ...(await server.memoryAfterGc()) };
}

/** Loads the plans size by size on a fresh server and reads its memory. */
export async function planMemoryRun(options: PlanMemoryOptions): Promise<{ idle: MemorySample; results: PlanMemoryResult[] }> {
  const log = options.log ?? (() => {});
  const seededBySize: SeededPlan[][] = [];
  for (const size of options.sizes) {
    const seedStart = performance.now();
    const list: SeededPlan[] = [];
    for (let i = 0; i < size.plans; i += 1) list.push(await options.seeder.plan(size.rows, 1));
    seededBySize.push(list);
    log(`  memory: ${size.plans} plans of ${size.rows} rows created in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  }
  const server = await serveStart({ dataDir: options.seeder.dataDir, databaseUrl: options.databaseUrl, probe: true });
  const sockets: WebSocket[] = [];
  try {
    await sleep(2000);
    const idle = await sample(server);
    const results: PlanMemoryResult[] = [];
    let loaded = 0;
    for (const [k, size] of options.sizes.entries()) {
      const before = await sample(server);
      let afterFirst = before;
      const loadMs: number[] = [];
      for (const [i, plan] of (seededBySize[k] ?? []).entries()) {
        const t0 = performance.now();
        sockets.push(await planOpen(server, plan));
        loaded += 1;
        // Answered early while a large plan still loads: wait until the server counts it loaded.
        while (((await server.metrics()).phuluc_docs_loaded ?? 0) < loaded) await sleep(25);
        loadMs.push(performance.now() - t0);
        if (i === 0) {
          await sleep(500);
          afterFirst = await sample(server);
        }
      }
      await sleep(1000);
      const afterAll = await sample(server);
      const more = Math.max(1, size.plans - 1);
      loadMs.sort((a, b) => a - b);
      results.push({
        rows: size.rows,
        plans: size.plans,
        before,
        afterFirst,
        afterAll,
        perPlanRssMB: (afterAll.rssMB - afterFirst.rssMB) / more,
        perPlanVmRssMB: (afterAll.vmRssMB - afterFirst.vmRssMB) / more,
        perPlanHeapMB: (afterAll.heapMB - afterFirst.heapMB) / more,
        loadMs: loadMs[Math.floor(loadMs.length / 2)] ?? Number.NaN,
      });
      log(`  memory: ${size.plans} × ${size.rows} rows loaded; RSS after GC ${before.rssMB.toFixed(0)} → ${afterAll.rssMB.toFixed(0)} MB`);
    }
    return { idle, results };
  } finally {
    for (const ws of sockets) ws.terminate();
    await server.stop();
  }
}
