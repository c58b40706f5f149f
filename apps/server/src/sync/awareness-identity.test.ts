/**
 * Presence (awareness) on a real listener with stock y-websocket clients: one connection speaks
 * for a few client ids at most, what it says about ids it does not own is skipped (removals
 * included), and an editor flooding presence ids cannot get anyone else closed nor grow the
 * room's memory. The y-protocols timeout (30 s) is simulated with the very call it makes.
 */
import { type PresenceUser, presenceUserSchema, SYNC_MESSAGE } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Harness, harnessStart, waitFor } from '../testing/sync-harness.ts';
import { awarenessRewrite, presenceIdentity } from './awareness-identity.ts';
import { SYNC_LIMITS } from './sync-limits.ts';

let h: Harness;
beforeAll(async () => {
  h = await harnessStart();
});
afterAll(async () => {
  await h?.close();
});

type Entry = [clientId: number, clock: number, state: string];

/** The bytes of an awareness update (what `encodeAwarenessUpdate` writes), any entries we like. */
function awarenessUpdate(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness message as a client sends it over the socket. */
function awarenessMessage(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate(entries));
  return encoding.toUint8Array(encoder);
}

function sendRaw(c: Client, message: Uint8Array): void {
  const ws = c.provider.ws;
  if (!ws) throw new Error('not connected');
  ws.send(message);
}

/** Waits until `watcher` sees `c`'s presence carry `marker`: everything `c` sent before is handled. */
async function markerSeen(c: Client, watcher: Client, marker: string): Promise<void> {
  c.provider.awareness.setLocalStateField('marker', marker);
  await waitFor(() => (watcher.provider.awareness.getStates().get(c.doc.clientID) as { marker?: string } | undefined)?.marker === marker, 10_000, `marker ${marker}`);
}

const connectionOf = (userId: string) => [...h.server.sync.connections].find((c) => c.actor.userId === userId);

const fakeIds = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
const fakeState = JSON.stringify({ user: { name: 'Ma' }, cell: { row: 'r', field: 'task' } });

describe('presence cannot be used to knock others off', () => {
  it('an editor claiming 2 × 1,000 presence ids gets nobody else closed when their clients time the fakes out and relay the removal', async () => {
    const attacker = h.client('kinhTe');
    const a = h.client('vanPhong');
    const b = h.client('hcc');
    await Promise.all([attacker.synced(), a.synced(), b.synced()]);
    const fakes = fakeIds(5_000_000, 2000);
    sendRaw(attacker, awarenessMessage(fakes.slice(0, 1000).map((id) => [id, 1, fakeState])));
    sendRaw(attacker, awarenessMessage(fakes.slice(1000).map((id) => [id, 1, fakeState])));
    await markerSeen(attacker, a, 'after-claims');
    await markerSeen(attacker, b, 'after-claims');

    // The attacker speaks for a few ids at most; the others' clients hold no more than that.
    const limit = SYNC_LIMITS.maxAwarenessIdsPerConnection;
    expect(connectionOf(h.userIds.kinhTe)?.clientIds.size).toBeLessThanOrEqual(limit);
    const fakesHeldBy = (c: Client) => fakes.filter((id) => c.provider.awareness.getStates().has(id));
    expect(fakesHeldBy(a).length).toBeLessThan(limit);

    // 30 s later y-protocols times the silent states out (this very call) and each client
    // broadcasts the removal; a client that held all 2,000 would relay them all: both are sent.
    for (const victim of [a, b]) {
      awarenessProtocol.removeAwarenessStates(victim.provider.awareness, fakesHeldBy(victim), 'timeout');
      sendRaw(victim, awarenessMessage(fakes.map((id) => [id, 1, 'null'])));
    }
    // (A closed victim never shows its marker: wait for either, then say which.)
    await Promise.all([markerSeen(a, b, 'after-removals'), markerSeen(b, a, 'after-removals')]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    attacker.destroy();
    a.destroy();
    b.destroy();
  });

  it('keeps the room’s presence bounded: at most a few states per connection, however many ids are claimed', async () => {
    const attacker = h.client('kinhTe');
    const watcher = h.client('vanPhong');
    await Promise.all([attacker.synced(), watcher.synced()]);
    const refusedBefore = h.server.ctx.metrics.awarenessRefused.value;
    for (let i = 0; i < 20; i += 1) sendRaw(attacker, awarenessMessage(fakeIds(6_000_000 + i * 1000, 1000).map((id) => [id, 1, fakeState])));
    await markerSeen(attacker, watcher, 'after-20k');
    const room = await h.server.ctx.docs.room(h.planId);
    if (!room) throw new Error('no room');
    expect(room.awareness.getStates().size).toBeLessThanOrEqual(SYNC_LIMITS.maxAwarenessIdsPerConnection * room.peers.size);
    expect(watcher.provider.awareness.getStates().size).toBeLessThanOrEqual(SYNC_LIMITS.maxAwarenessIdsPerConnection * room.peers.size);
    expect(h.server.ctx.metrics.awarenessRefused.value).toBeGreaterThan(refusedBefore);
    // The attacker itself is only refused the extra ids: its own presence still works.
    expect(attacker.closes).toEqual([]);
    attacker.destroy();
    watcher.destroy();
  });

  it('ignores what a connection says about another connection’s id: no removal, no overwrite', async () => {
    const attacker = h.client('kinhTe');
    const a = h.client('vanPhong');
    const b = h.client('hcc');
    await Promise.all([attacker.synced(), a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('cell', { row: 'hang-cua-a', field: 'task' });
    await markerSeen(a, b, 'a-here');
    const clock = (a.provider.awareness.meta.get(a.doc.clientID)?.clock ?? 0) + 5;
    sendRaw(attacker, awarenessMessage([[a.doc.clientID, clock, 'null']]));
    sendRaw(attacker, awarenessMessage([[a.doc.clientID, clock + 1, JSON.stringify({ cell: { row: 'gia-mao', field: 'task' } })]]));
    await markerSeen(attacker, b, 'after-spoof');
    const seen = b.provider.awareness.getStates().get(a.doc.clientID) as { cell?: { row: string }; user?: { name: string } } | undefined;
    expect(seen?.cell?.row).toBe('hang-cua-a');
    expect(seen?.user?.name).toBe('Chị Hoa (Văn phòng)');
    expect(attacker.closes).toEqual([]);
    attacker.destroy();
    a.destroy();
    b.destroy();
  });

  it('shows a client that reconnects again, and forgets it when it leaves', async () => {
    const a = h.client('vanPhong');
    const b = h.client('hcc');
    await Promise.all([a.synced(), b.synced()]);
    await markerSeen(a, b, 'first');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'a to leave');
    a.provider.connect();
    await a.synced();
    await markerSeen(a, b, 'second');
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'a to leave for good');
    b.destroy();
  });
});

describe('presenceIdentity', () => {
  it('holds exactly the domain’s presence fields, whatever record it is built from, with a colour from the palette', () => {
    const session = { userId: 'u1', name: 'Anh Minh', unit: 'Phòng Kinh tế', role: 'editor' as const, token: 'bí mật', color: 'url(javascript:x)' };
    const user = presenceIdentity(session);
    expect(presenceUserSchema.strict().parse(user)).toEqual({ userId: 'u1', name: 'Anh Minh', unit: 'Phòng Kinh tế', role: 'editor', color: user.color });
    expect(user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(presenceIdentity({ ...session, name: 'Người khác' }).color).toBe(user.color);
  });

  it('refuses an identity outside the contract (an unknown role, an empty unit)', () => {
    expect(() => presenceIdentity({ userId: 'u1', name: 'A', unit: null, role: 'owner' as never })).toThrow();
    expect(() => presenceIdentity({ userId: 'u1', name: 'A', unit: '', role: 'editor' })).toThrow();
  });
});

describe('awarenessRewrite', () => {
  const identity: PresenceUser = { userId: 'u1', name: 'Anh Minh', unit: 'Phòng Kinh tế', role: 'editor', color: '#d1495b' };

  /** The states of an awareness update, by client id. */
  function statesOf(update: Uint8Array): Map<number, unknown> {
    const decoder = decoding.createDecoder(update);
    const states = new Map<number, unknown>();
    for (let n = decoding.readVarUint(decoder); n > 0; n -= 1) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      states.set(clientId, JSON.parse(decoding.readVarString(decoder)));
    }
    return states;
  }

  it('replaces the user a client claims (another id, a colour that is CSS, extra fields) with the session’s, keeping the rest', () => {
    const claimed = { userId: 'u9', name: 'Giả', unit: null, role: 'coordinator', color: 'red;background:url(x)', admin: true };
    const rewritten = awarenessRewrite(awarenessUpdate([[1, 2, JSON.stringify({ user: claimed, cell: { tableId: 't', rowId: 'r', field: 'task' } })]]), identity, () => true);
    const state = statesOf(rewritten?.update ?? new Uint8Array()).get(1) as { user: unknown; cell: unknown };
    expect(presenceUserSchema.strict().parse(state.user)).toEqual(identity);
    expect(state.cell).toEqual({ tableId: 't', rowId: 'r', field: 'task' });
  });

  it('skips entries the connection may not speak for without reading their state (not even bad JSON)', () => {
    const update = awarenessUpdate([
      [1, 3, JSON.stringify({ user: { name: 'Giả' }, cell: 'x' })],
      [2, 1, '{không phải JSON'],
      [3, 1, 'null'],
    ]);
    const rewritten = awarenessRewrite(update, identity, (id) => id === 1);
    expect(rewritten?.clientIds).toEqual([1]);
    expect(rewritten?.skipped).toBe(2);
  });

  it('keeps one entry per id, so a message repeating an id cannot multiply the work', () => {
    const update = awarenessUpdate(Array.from({ length: 50 }, (_, i): Entry => [7, i + 1, JSON.stringify({ cell: i })]));
    const rewritten = awarenessRewrite(update, identity, () => true);
    expect(rewritten?.clientIds).toEqual([7]);
  });

  it('refuses bytes that are not an awareness update', () => {
    expect(awarenessRewrite(new Uint8Array([5, 1, 1]), identity, () => true)).toBeNull();
    expect(awarenessRewrite(awarenessUpdate([[1, 1, '[1,2]']]), identity, () => true)).toBeNull();
  });
});
