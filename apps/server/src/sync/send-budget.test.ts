/**
 * The per-user send budget: the token bucket itself, then on a real listener with a 5,000-row
 * plan (≈ 4 MiB): one editor's four connections asking for the whole plan in a loop are closed
 * with 4429 after their budget, while another editor's saves keep being acknowledged quickly;
 * a user opening the plan in several tabs at once is not affected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ItemRow, SYNC_ERRORS, SYNC_MESSAGE, planDocOrderedRowIds, planDocRowInfo, planDocSetCell, planDocTableIds, tableImportText } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipSet } from '../auth/memberships.ts';
import { planCreate } from '../store/plans.ts';
import { FIXTURES_DIR, type Client, type Harness, UNIT, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { CLOSE_CODES } from './close-codes.ts';
import { SendBudget } from './send-budget.ts';
import { SYNC_LIMITS } from './sync-limits.ts';

const MiB = 1024 * 1024;

describe('SendBudget', () => {
  const limits = { sendBytesPerSecond: 1 * MiB, sendBurstBytes: 8 * MiB, sendMinChargeBytes: 64 * 1024 };

  it('lets a user spend the burst, then refuses until time refills it', () => {
    let now = 0;
    const budget = new SendBudget(limits, () => now);
    expect(budget.take('u1', 4 * MiB)).toBe(true);
    expect(budget.take('u1', 4 * MiB)).toBe(true);
    expect(budget.take('u1', 4 * MiB)).toBe(false);
    now += 2000;
    expect(budget.take('u1', 4 * MiB)).toBe(false);
    now += 2000;
    expect(budget.take('u1', 4 * MiB)).toBe(true);
  });

  it('keeps one bucket per user, shared by all their connections', () => {
    const budget = new SendBudget(limits, () => 0);
    expect(budget.take('u1', 8 * MiB)).toBe(true);
    expect(budget.take('u1', 1)).toBe(false);
    expect(budget.take('u2', 8 * MiB)).toBe(true);
  });

  it('charges tiny answers the minimum, so a loop of cheap requests runs dry too', () => {
    const budget = new SendBudget(limits, () => 0);
    let answered = 0;
    while (budget.take('u1', 10)) answered += 1;
    expect(answered).toBe(8 * 16);
  });

  it('says before costly work whether an answer would pass, charging nothing', () => {
    const budget = new SendBudget(limits, () => 0);
    expect(budget.affords('u1', 8 * MiB)).toBe(true);
    expect(budget.affords('u1', 8 * MiB)).toBe(true);
    expect(budget.take('u1', 6 * MiB)).toBe(true);
    expect(budget.affords('u1', 4 * MiB)).toBe(false);
    expect(budget.affords('u1', MiB)).toBe(true);
  });

  it('still sends once an answer larger than the whole burst, from a full bucket', () => {
    let now = 0;
    const budget = new SendBudget(limits, () => now);
    expect(budget.take('u1', 20 * MiB)).toBe(true);
    now += 10_000;
    expect(budget.take('u1', 1)).toBe(false);
  });
});

describe('one client cannot starve the others', () => {
  let h: Harness;
  let planId: string;
  let bigRowOfVanPhong: string;
  let tableId: string;

  beforeAll(async () => {
    h = await harnessStart();
    ({ planId, tableId } = await planLargeCreate(h, 5000));
    bigRowOfVanPhong = await h.server.ctx.docs.withDoc(planId, (doc) => {
      const id = planDocOrderedRowIds(doc, tableId).find((r) => planDocRowInfo(doc, tableId, r)?.owners.includes(UNIT.vanPhong));
      if (!id) throw new Error('no row of Văn phòng');
      return id;
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('closes one editor’s four connections flooding full-state requests with 4429, sends them less than the budget, and keeps acknowledging another editor’s saves', async () => {
    const victim = h.client('vanPhong', { planId });
    await waitFor(() => victim.provider.synced, 60_000, 'the victim to load the plan');
    const acks = saveAcksMeasure(victim);

    const flooders = Array.from({ length: 4 }, () => flooderOpen(h, planId));
    await Promise.all(flooders.map((f) => f.opened));
    const start = Date.now();
    const latencies: number[] = [];
    let n = 0;
    while (Date.now() - start < 5000) {
      n += 1;
      planDocSetCell(victim.doc, tableId, bigRowOfVanPhong, 'note', `Ghi chú ${n}`);
      latencies.push(await acks.ask(n));
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsed = (Date.now() - start) / 1000;
    for (const f of flooders) f.stop();

    const received = flooders.reduce((sum, f) => sum + f.bytes(), 0);
    expect(received).toBeLessThan(SYNC_LIMITS.sendBurstBytes + SYNC_LIMITS.sendBytesPerSecond * elapsed + MiB);
    for (const f of flooders) expect(f.closed()).toEqual({ code: CLOSE_CODES.tooMany, reason: SYNC_ERRORS.sendBudgetSpent.message });
    expect(h.server.ctx.metrics.sendBudgetCloses.value).toBeGreaterThanOrEqual(4);
    // Bounded: generous for a busy 2-core machine; without the budget it grew to seconds.
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(250);
    expect(latencies[latencies.length - 1]).toBeLessThan(2000);
    expect(victim.closes).toEqual([]);
    victim.destroy();
  }, 60_000);

  it('lets one person open the 5,000-row plan in three tabs at once', async () => {
    const tabs = [0, 1, 2].map(() => h.client('hcc', { planId }));
    await waitFor(() => tabs.every((t) => t.provider.synced), 60_000, 'the tabs to load the plan');
    for (const t of tabs) expect(t.closes).toEqual([]);
    for (const t of tabs) t.destroy();
  }, 60_000);
});

/** A 5,000-row plan grown from the Tân Thanh fixture, with kinhTe, vanPhong and hcc as editors. */
async function planLargeCreate(h: Harness, items: number): Promise<{ planId: string; tableId: string }> {
  const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const base = imported.value.table;
  const sources = base.rows.filter((r): r is ItemRow => r.kind === 'item');
  const rows = Array.from({ length: items }, (_, i): ItemRow => {
    const source = sources[i % sources.length] as ItemRow;
    return { ...source, cells: { ...source.cells, task: `${source.cells.task ?? ''} – đợt ${Math.floor(i / sources.length) + 1}` } };
  });
  const { sql: db, units } = h.server.ctx;
  const plan = await planCreate(db, units, { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table: { ...base, rows } });
  await membershipSet(db, { userId: h.userIds.kinhTe, planId: plan.id, role: 'editor', unitId: UNIT.kinhTe });
  await membershipSet(db, { userId: h.userIds.vanPhong, planId: plan.id, role: 'editor', unitId: UNIT.vanPhong });
  await membershipSet(db, { userId: h.userIds.hcc, planId: plan.id, role: 'editor', unitId: UNIT.hcc });
  const tableId = await h.server.ctx.docs.withDoc(plan.id, (doc) => planDocTableIds(doc)[0] as string);
  return { planId: plan.id, tableId };
}

/** Sends [4, n] after an edit and resolves with the milliseconds until the server answers it. */
function saveAcksMeasure(c: Client): { ask: (n: number) => Promise<number> } {
  const waiting = new Map<number, () => void>();
  c.provider.messageHandlers[SYNC_MESSAGE.savedAck] = (_encoder, decoder) => {
    const n = decoding.readVarUint(decoder);
    waiting.get(n)?.();
  };
  return {
    ask(n) {
      const sent = Date.now();
      return new Promise((resolve) => {
        waiting.set(n, () => resolve(Date.now() - sent));
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, SYNC_MESSAGE.savedAck);
        encoding.writeVarUint(encoder, n);
        c.provider.ws?.send(encoding.toUint8Array(encoder));
      });
    },
  };
}

/** A raw connection of kinhTe sending sync step 1 with an empty state vector 90 times a second. */
function flooderOpen(h: Harness, planId: string) {
  const ws = new WebSocket(`${h.wsUrl}/${planId}?token=${h.tokens.kinhTe}`);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE.sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  const ask = encoding.toUint8Array(encoder);
  let bytes = 0;
  let closed: { code: number; reason: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  ws.on('message', (data: Buffer) => {
    bytes += data.byteLength;
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    if (timer) clearInterval(timer);
  });
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve) =>
    ws.on('open', () => {
      timer = setInterval(() => ws.readyState === ws.OPEN && ws.send(ask), 11);
      resolve();
    }),
  );
  return {
    opened,
    bytes: () => bytes,
    closed: () => closed,
    stop() {
      if (timer) clearInterval(timer);
      ws.terminate();
    },
  };
}
