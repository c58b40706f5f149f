/**
 * The load generator's clients: stock `y-websocket` providers, each with its own document, and
 * the logs that timestamp every edit and every arrival.
 *
 * How an edit is recognised on arrival, without parsing text: an edit by client S ends at
 * clock k of S (the document's state for S after the edit). A receiver has the edit as soon as
 * its state for S reaches k, which the `afterTransaction` event's before/after state vectors
 * show for every remote transaction. Every thread reads the same clock (`clockNow`).
 */
import { planDocCellText, planDocOrderedRowIds, planDocRowInfo } from '@phuluc/domain';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** One simulated person at a browser. */
export interface BenchClient {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Rows this client edits (those its unit owns). */
  rows: string[];
  /** Connection closes seen (code, reason): none expected during a run. */
  closes: Array<{ code: number; reason: string }>;
  destroy: () => void;
}

// Each provider's awareness adds a process 'exit' listener; hundreds of clients are intended.
process.setMaxListeners(0);

/** Connects a stock client to `room` on `wsBase` (with `?token=` when given). */
export function benchClientCreate(index: number, wsBase: string, room: string, token: string | null): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
    maxBackoffTime: 1000,
  });
  provider.awareness.setLocalStateField('user', { name: `Người đo ${index}` });
  const closes: BenchClient['closes'] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event && provider.shouldConnect) closes.push({ code: event.code, reason: String(event.reason) });
  });
  return {
    index,
    doc,
    provider,
    rows: [],
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when every client has synced (or rejects after `timeoutMs`). */
export async function clientsSynced(clients: readonly BenchClient[], timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!clients.every((c) => c.provider.synced)) {
    if (performance.now() - start > timeoutMs) {
      const missing = clients.filter((c) => !c.provider.synced).length;
      const closes = clients.flatMap((c) => c.closes).slice(0, 3);
      throw new Error(`${missing} of ${clients.length} clients not synced after ${timeoutMs} ms ${JSON.stringify(closes)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The item rows whose owners include `unitId`. */
export function rowsOwnedBy(doc: Y.Doc, tableId: string, unitId: string): string[] {
  return planDocOrderedRowIds(doc, tableId).filter((id) => {
    const info = planDocRowInfo(doc, tableId, id);
    return info?.kind === 'item' && info.owners.includes(unitId);
  });
}

/** Fields an editor may type in (all but the lead unit). */
const EDIT_FIELDS = ['task', 'detail', 'timeframe', 'output', 'supervisor', 'monitor', 'note'] as const;
const WORDS = ['ư', 'số', ' hóa', 'dữ liệu', ' Quý II', 'đạt', '; ', 'báo cáo', '100%', 'thôn', ' ấp', 'ký số'];

/**
 * One grid-shaped edit of a random cell of one of the client's rows: mostly typing a few
 * characters at a random place, sometimes typing over a few. Returns false when there was nothing to edit.
 */
export function benchEdit(client: BenchClient, tableId: string, random: () => number): boolean {
  if (client.rows.length === 0) return false;
  const rowId = client.rows[Math.floor(random() * client.rows.length)] as string;
  const field = EDIT_FIELDS[Math.floor(random() * EDIT_FIELDS.length)] as string;
  const text = planDocCellText(client.doc, tableId, rowId, field);
  if (!text) return false;
  const length = text.length;
  const word = WORDS[Math.floor(random() * WORDS.length)] as string;
  if (random() < 0.2 && length > 12) {
    // Typing over a selection: the insert also makes the edit visible in the state vector
    // (a pure deletion advances no clock, and the tracker could not see it arrive).
    const n = 1 + Math.floor(random() * 3);
    const at = Math.floor(random() * (length - n));
    client.doc.transact(() => {
      text.delete(at, n);
      text.insert(at, word);
    });
  } else {
    text.insert(Math.floor(random() * (length + 1)), word);
  }
  return true;
}

/** Edits made by one thread's clients: sender client id, the sender's clock after the edit, send time. */
export interface EditLog {
  client: number[];
  clock: number[];
  sentAt: number[];
}

/** Receiver keys in the arrival log: set (one per server under test) × stride + client index. */
export const RECEIVER_SET_STRIDE = 100_000;

/** Arrivals seen by one thread's clients: receiver index, sender client id, its clock now, time. */
export interface ArrivalLog {
  receiver: number[];
  client: number[];
  clock: number[];
  at: number[];
}

/**
 * Logs every remote transaction a receiver applies: which senders' clocks advanced, to what,
 * and when. Matching these against the edit log (`propagationCompute`) gives each delivery's
 * latency; it is done after the run, so the threads need not know each other's edits.
 */
export function arrivalsWatch(doc: Y.Doc, receiver: number, log: ArrivalLog, now: () => number): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    const at = now();
    for (const [client, after] of tr.afterState) {
      if (after === (tr.beforeState.get(client) ?? 0)) continue;
      log.receiver.push(receiver);
      log.client.push(client);
      log.clock.push(after);
      log.at.push(at);
    }
  });
}

/** Records an edit just made by `doc`'s client, sent at `sentAt`. */
export function editRecord(log: EditLog, doc: Y.Doc, sentAt: number): void {
  log.client.push(doc.clientID);
  log.clock.push(Y.getState(doc.store, doc.clientID));
  log.sentAt.push(sentAt);
}

export interface Propagation {
  /** Latency of every (measured edit, other client) delivery, ms. */
  deliveries: number[];
  /** Latency until the last other client had a measured edit, ms. */
  allReceived: number[];
  measuredEdits: number;
  /** Deliveries (of any edit) that happened inside the windows. */
  deliveriesInWindow: number;
  /** Measured edits some other client has not received. */
  undelivered: number;
}

/** Time windows [start, end) on the shared clock. */
export type Windows = ReadonlyArray<{ start: number; end: number }>;

function inWindows(windows: Windows, t: number): boolean {
  for (const w of windows) if (t >= w.start && t < w.end) return true;
  return false;
}

/**
 * Matches arrivals to edits: a receiver has an edit of sender S once its clock for S reaches the
 * clock S had right after the edit. Edits sent inside one of the windows are measured.
 */
export function propagationCompute(edits: EditLog, arrivals: ArrivalLog, receiversPerEdit: number, windows: Windows): Propagation {
  const bySender = new Map<number, { clock: number[]; sentAt: number[]; count: number[]; worst: number[] }>();
  for (let i = 0; i < edits.client.length; i += 1) {
    const client = edits.client[i] as number;
    let s = bySender.get(client);
    if (!s) bySender.set(client, (s = { clock: [], sentAt: [], count: [], worst: [] }));
    s.clock.push(edits.clock[i] as number);
    s.sentAt.push(edits.sentAt[i] as number);
    s.count.push(0);
    s.worst.push(0);
  }
  const pointers = new Map<string, number>();
  const deliveries: number[] = [];
  let deliveriesInWindow = 0;
  for (let i = 0; i < arrivals.client.length; i += 1) {
    const s = bySender.get(arrivals.client[i] as number);
    if (!s) continue;
    const key = `${arrivals.receiver[i] as number}:${arrivals.client[i] as number}`;
    const after = arrivals.clock[i] as number;
    const at = arrivals.at[i] as number;
    let p = pointers.get(key) ?? 0;
    while (p < s.clock.length && (s.clock[p] as number) <= after) {
      const sentAt = s.sentAt[p] as number;
      const latency = at - sentAt;
      s.count[p] = (s.count[p] as number) + 1;
      if (latency > (s.worst[p] as number)) s.worst[p] = latency;
      if (inWindows(windows, sentAt)) deliveries.push(latency);
      if (inWindows(windows, at)) deliveriesInWindow += 1;
      p += 1;
    }
    pointers.set(key, p);
  }
  const allReceived: number[] = [];
  let measuredEdits = 0;
  let undelivered = 0;
  for (const s of bySender.values()) {
    s.sentAt.forEach((sentAt, p) => {
      if (!inWindows(windows, sentAt)) return;
      measuredEdits += 1;
      if ((s.count[p] as number) >= receiversPerEdit) allReceived.push(s.worst[p] as number);
      else undelivered += 1;
    });
  }
  return { deliveries, allReceived, measuredEdits, deliveriesInWindow, undelivered };
}
