/**
 * The loaded plan documents ("rooms"): one Y.Doc and one awareness per plan, the connections
 * in it, and the pipeline every accepted update goes through — applied in memory at once (so
 * the next update is checked against it), committed durably together with the other updates of
 * the same event-loop turn (one transaction), and only then relayed. Rooms compact their log
 * into a snapshot when it grows or goes quiet, and unload when nobody is connected.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { type Actor, type PlanChange, SYNC_MESSAGE } from '@phuluc/domain';
import * as Y from 'yjs';
import type { Metrics } from '../metrics.ts';
import type { DocLog, DocLogEntry } from '../store/doc-log.ts';
import { SyncError } from './sync-error.ts';

export const MESSAGE_SYNC = SYNC_MESSAGE.sync;
export const MESSAGE_AWARENESS = SYNC_MESSAGE.awareness;
export const MESSAGE_AUTH = SYNC_MESSAGE.auth;
export const MESSAGE_QUERY_AWARENESS = SYNC_MESSAGE.queryAwareness;
/** The client sends [4, n]; the server answers [4, n] once everything the client sent before is on disk. */
export const MESSAGE_SAVED_ACK = SYNC_MESSAGE.savedAck;

/** What a room needs of a connection. */
export interface RoomPeer {
  send: (message: Uint8Array) => void;
  /** Ends the connection, telling the client why. */
  close: (error: SyncError) => void;
  /** Awareness client ids this peer speaks for. */
  readonly clientIds: Set<number>;
}

export interface DocHubOptions {
  /** Compact when this many updates are logged after the snapshot. */
  compactAfterUpdates: number;
  /** Compact when a room has been quiet this long (ms). */
  compactWhenIdleMs: number;
  /** Unload a room this long after its last connection left (ms). */
  unloadAfterMs: number;
}

export const DOC_HUB_DEFAULTS: DocHubOptions = { compactAfterUpdates: 500, compactWhenIdleMs: 10_000, unloadAfterMs: 30_000 };

interface Pending {
  entry: DocLogEntry;
  origin: RoomPeer | null;
}

/** The transaction origin of changes the server makes itself (`applyLocal`). */
export const SERVER_ORIGIN: Readonly<{ name: string }> = Object.freeze({ name: 'phuluc-server' });

/** The author of the client id the server writes its own changes under (no user has it). */
export const SERVER_AUTHOR = '(server)';

/** An update a person's connection sent, accepted: who sent it and what it changes (see `onAccepted`). */
export interface AcceptedUpdate {
  room: Room;
  actor: Actor;
  changes: readonly PlanChange[];
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Which connection speaks for each awareness client id (an id has one owner at most). */
  readonly awarenessOwners = new Map<number, RoomPeer>();
  /** Applied in memory, not yet committed nor relayed. */
  pending: Pending[] = [];
  logged = 0;
  /** Sequence number of the last committed update. */
  lastSeq = 0;
  /** Who writes under each client id of the document (see `updateAuthorize`). */
  clientAuthors = new Map<number, string>();
  /** Bytes the document is made of, as its stored snapshot and updates add up (for the size limit). */
  bytes = 0;
  idleTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;

  /** The sync step 2 carrying the whole document, kept until the document changes. */
  private fullStateMessage: Uint8Array | null = null;
  /** The size of the last such message (kept when the message is dropped). */
  private fullStateBytes = 0;

  constructor(readonly planId: string) {
    this.doc.on('update', () => {
      this.fullStateMessage = null;
    });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, _origin: unknown) => {
      const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const peer of this.peers) peer.send(message);
    });
  }

  /**
   * The sync step 2 answering a peer's state vector (everything it lacks). A peer that has
   * nothing of this document gets the one cached encoding of the whole state, so repeated
   * full-state requests cost no encoding; otherwise the difference is encoded from the document
   * (at 5,000 rows ≈ 0.4–2 ms, where `Y.diffUpdate` of the cached encoding takes ≈ 90 ms).
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (this.stateVectorCoversNothing(stateVector)) return this.syncStep2Full();
    return syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /** The sync step 2 with the whole document: encoded once, then cached until the next change. */
  syncStep2Full(): Uint8Array {
    this.fullStateMessage ??= syncStep2Message(Y.encodeStateAsUpdate(this.doc));
    this.fullStateBytes = this.fullStateMessage.byteLength;
    return this.fullStateMessage;
  }

  /**
   * About how many bytes `syncStep2For(stateVector)` will be, known without encoding: the size
   * of the last whole-document answer for a full-state request, else 0 (a difference is cheap).
   */
  syncStep2SizeHint(stateVector: Uint8Array): number {
    return this.stateVectorCoversNothing(stateVector) ? this.fullStateBytes : 0;
  }

  /** True when a state vector knows nothing of this document (empty, or only other clients). */
  private stateVectorCoversNothing(stateVector: Uint8Array): boolean {
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      if (clock > 0 && this.doc.store.clients.has(client)) return false;
    }
    return true;
  }

  /** The sync step 1 the server sends on connect. */
  syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    return encoding.toUint8Array(encoder);
  }

  /** Every known presence, for a newcomer. */
  awarenessAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    return encoding.toUint8Array(encoder);
  }
}

function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export class DocHub {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private dirtyRooms = new Set<Room>();
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly acceptListeners = new Set<(accepted: AcceptedUpdate) => void>();

  constructor(
    private readonly log: DocLog,
    private readonly metrics: Metrics,
    private readonly options: DocHubOptions = DOC_HUB_DEFAULTS,
  ) {}

  /** The loaded room of a plan, loading it from disk if needed; null for an unknown plan. */
  async room(planId: string): Promise<Room | null> {
    const loaded = this.rooms.get(planId);
    if (loaded) return loaded;
    let promise = this.loading.get(planId);
    if (!promise) {
      promise = Promise.resolve().then(() => this.roomLoad(planId));
      this.loading.set(planId, promise);
      void promise.finally(() => this.loading.delete(planId));
    }
    return promise;
  }

  /** Runs `fn` on the live document of a plan (loading it for the call if needed). */
  async withDoc<T>(planId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.room(planId);
    if (!room) throw new Error(`unknown plan ${planId}`);
    try {
      return fn(room.doc);
    } finally {
      this.unloadLater(room);
    }
  }

  private roomLoad(planId: string): Room | null {
    const state = this.log.load(planId);
    if (!state) return null;
    const room = new Room(planId);
    Y.transact(
      room.doc,
      () => {
        if (state.snapshot) Y.applyUpdateV2(room.doc, state.snapshot);
        for (const u of state.updates) Y.applyUpdate(room.doc, u);
      },
      'load',
    );
    room.logged = state.updates.length;
    room.lastSeq = state.lastSeq;
    room.clientAuthors = state.clientAuthors;
    room.clientAuthors.set(room.doc.clientID, SERVER_AUTHOR);
    room.bytes = (state.snapshot?.byteLength ?? 0) + state.updates.reduce((n, u) => n + u.byteLength, 0);
    this.rooms.set(planId, room);
    this.metrics.docsLoaded.set(this.rooms.size);
    return room;
  }

  join(room: Room, peer: RoomPeer): void {
    room.peers.add(peer);
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
  }

  leave(room: Room, peer: RoomPeer): void {
    room.peers.delete(peer);
    for (const id of peer.clientIds) if (room.awarenessOwners.get(id) === peer) room.awarenessOwners.delete(id);
    if (peer.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...peer.clientIds], peer);
    this.unloadLater(room);
  }

  /**
   * Applies an update that passed inspection and the permission check, and queues it to be
   * committed and then relayed.
   */
  accept(
    room: Room,
    update: Uint8Array,
    origin: RoomPeer | null,
    entry: Omit<DocLogEntry, 'planId' | 'data'>,
    sender?: { actor: Actor; changes: readonly PlanChange[] },
  ): void {
    Y.applyUpdate(room.doc, update, origin);
    if (room.doc.store.pendingStructs || room.doc.store.pendingDs) {
      // Inspection guarantees this never happens; if it does the document must not keep it.
      throw new Error('update left pending content after inspection');
    }
    this.queue(room, update, origin, entry);
    if (!sender) return;
    for (const listener of this.acceptListeners) {
      try {
        listener({ room, ...sender });
      } catch (error) {
        console.error('phuluc: a listener of accepted updates failed', error);
      }
    }
  }

  /**
   * Calls `listener` right after each update a person sent is accepted (applied in memory and
   * queued, not yet committed); a listener may answer with `applyLocal`, whose update is then
   * committed and relayed after the person's. Returns the function that removes the listener.
   */
  onAccepted(listener: (accepted: AcceptedUpdate) => void): () => void {
    this.acceptListeners.add(listener);
    return () => this.acceptListeners.delete(listener);
  }

  /**
   * A change the server makes itself: `fn` writes to the live document in one transaction
   * (origin `SERVER_ORIGIN`), and the update it makes is committed, audited with `entry` and
   * relayed to every connection like any accepted update. Returns false when `fn` changed nothing.
   */
  applyLocal(room: Room, fn: (doc: Y.Doc) => void, entry: Omit<DocLogEntry, 'planId' | 'data'>): boolean {
    const updates: Uint8Array[] = [];
    const listen = (update: Uint8Array, origin: unknown): void => {
      if (origin === SERVER_ORIGIN) updates.push(update);
    };
    room.doc.on('update', listen);
    try {
      room.doc.transact(() => fn(room.doc), SERVER_ORIGIN);
    } finally {
      room.doc.off('update', listen);
    }
    if (updates.length === 0) return false;
    this.queue(room, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates), null, entry);
    return true;
  }

  /** `applyLocal` on a plan's document, loading it if needed; false for an unknown plan or no change. */
  async applyLocalTo(planId: string, fn: (doc: Y.Doc) => void, entry: Omit<DocLogEntry, 'planId' | 'data'>): Promise<boolean> {
    const room = await this.room(planId);
    if (!room) return false;
    try {
      return this.applyLocal(room, fn, entry);
    } finally {
      this.unloadLater(room);
    }
  }

  /** Queues an applied update to be committed, then relayed to everyone but `origin`. */
  private queue(room: Room, update: Uint8Array, origin: RoomPeer | null, entry: Omit<DocLogEntry, 'planId' | 'data'>): void {
    room.pending.push({ entry: { ...entry, planId: room.planId, data: update }, origin });
    room.bytes += update.byteLength;
    if (entry.userId !== null) for (const client of entry.clients ?? []) if (!room.clientAuthors.has(client)) room.clientAuthors.set(client, entry.userId);
    this.dirtyRooms.add(room);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Commits every pending update of every room in one transaction, then relays them (one
   * merged message per room). Called once per event-loop turn, and before answering a sync
   * step 1 so nobody receives what is not on disk yet.
   */
  flush(): void {
    this.flushScheduled = false;
    if (this.dirtyRooms.size === 0) return;
    const rooms = [...this.dirtyRooms];
    const batch = rooms.flatMap((r) => r.pending);
    const stop = this.metrics.persistSeconds.startTimer();
    let seqs: number[];
    try {
      seqs = this.log.append(batch.map((p) => p.entry));
    } catch (error) {
      console.error('phuluc: could not persist updates, will retry', error);
      if (!this.retryTimer && !this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.flush();
        }, 500);
      }
      return;
    }
    stop();
    this.metrics.updatesPersisted.inc(batch.length);
    this.dirtyRooms = new Set();
    batch.forEach((p, i) => {
      const room = this.rooms.get(p.entry.planId);
      if (room) room.lastSeq = Math.max(room.lastSeq, seqs[i] ?? 0);
    });
    for (const room of rooms) {
      const pending = room.pending;
      room.pending = [];
      room.logged += pending.length;
      this.relay(room, pending);
      this.compactLater(room);
    }
  }

  private relay(room: Room, pending: Pending[]): void {
    if (pending.length === 1) {
      const only = pending[0] as Pending;
      const message = updateMessage(only.entry.data);
      for (const peer of room.peers) if (peer !== only.origin) peer.send(message);
      return;
    }
    const all = updateMessage(Y.mergeUpdates(pending.map((p) => p.entry.data)));
    const origins = new Set(pending.map((p) => p.origin));
    for (const peer of room.peers) {
      if (!origins.has(peer)) {
        peer.send(all);
        continue;
      }
      const others = pending.filter((p) => p.origin !== peer).map((p) => p.entry.data);
      if (others.length > 0) peer.send(updateMessage(others.length === 1 ? (others[0] as Uint8Array) : Y.mergeUpdates(others)));
    }
  }

  private compactLater(room: Room): void {
    if (room.logged >= this.options.compactAfterUpdates) {
      this.compact(room);
      return;
    }
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      this.compact(room);
    }, this.options.compactWhenIdleMs);
    room.idleTimer.unref();
  }

  /** Folds the room's log into a snapshot (only what is committed: pending updates are flushed first). */
  compact(room: Room): void {
    this.flush();
    if (room.pending.length > 0 || room.logged === 0) return;
    try {
      this.log.compact(room.planId, Y.encodeStateAsUpdateV2(room.doc), room.lastSeq);
      room.logged = 0;
    } catch (error) {
      console.error('phuluc: compaction failed (the log is kept)', error);
    }
  }

  private unloadLater(room: Room): void {
    if (room.peers.size > 0 || this.closed) return;
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.unload(room), this.options.unloadAfterMs);
    room.unloadTimer.unref();
  }

  private unload(room: Room): void {
    if (room.peers.size > 0 || this.rooms.get(room.planId) !== room) return;
    this.compact(room);
    if (room.pending.length > 0) return; // not on disk yet: keep it
    if (room.idleTimer) clearTimeout(room.idleTimer);
    this.rooms.delete(room.planId);
    room.awareness.destroy();
    room.doc.destroy();
    this.metrics.docsLoaded.set(this.rooms.size);
  }

  /** Commits what is pending now; true when nothing of this room is left unsaved. */
  flushRoom(room: Room): boolean {
    this.flush();
    return room.pending.length === 0;
  }

  /** Number of loaded rooms. */
  get size(): number {
    return this.rooms.size;
  }

  /** Commits what is pending, compacts and drops every room. */
  close(): void {
    this.closed = true;
    this.flush();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const room of this.rooms.values()) {
      if (room.idleTimer) clearTimeout(room.idleTimer);
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      for (const peer of room.peers) peer.close(new SyncError('serverClosing'));
      this.compact(room);
      room.awareness.destroy();
    }
    this.rooms.clear();
  }
}
