/**
 * The loaded plan documents ("rooms"): one Y.Doc and one awareness per plan, the connections
 * in it, and the pipeline every accepted update goes through — applied in memory at once (so
 * the next update is checked against it), then committed durably by the document store, and
 * only then relayed and acknowledged. Commits are grouped: while a room's commit is in flight,
 * its new updates are checked, applied and queued, and become its next commit when it lands
 * (the store runs off the event loop, so the loop keeps serving meanwhile). Rooms compact their
 * log into a snapshot when it grows or goes quiet, and unload when nobody is connected.
 *
 * With several servers on one database (`ownership`), a server loads a plan only once it holds
 * the plan's lease, writes under its fence, and drops the plan — closing its connections, who
 * reconnect to the new owner — the moment it learns the lease is gone.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { type Actor, type PlanChange, SYNC_MESSAGE } from '@phuluc/domain';
import * as Y from 'yjs';
import type { Metrics } from '../metrics.ts';
import type { PlanOwner } from '../cluster/plan-leases.ts';
import { type DocFence, type DocLogEntry, type DocLogRejection, type DocStore, DocStoreFencedError } from '../store/doc-store.ts';
import { type DocEncoder, docEncoderThreaded } from './doc-encoder.ts';
import { FullState, syncStep2Message, updateMessage } from './full-state.ts';
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

export const DOC_HUB_DEFAULTS: DocHubOptions = { compactAfterUpdates: 2000, compactWhenIdleMs: 10_000, unloadAfterMs: 30_000 };

/** Who owns which plan when several servers share the data (`cluster/plan-leases.ts`). */
export interface PlanOwnership {
  /** This server when it holds (or now took) the plan's lease, else where the owner is; null for no such plan. */
  claim: (planId: string) => Promise<PlanOwner | null>;
  /** Gives up a plan this server unloaded. */
  release: (planId: string) => Promise<void>;
  /** Tells of each plan whose lease this server lost. */
  onLost: (listener: (planId: string) => void) => () => void;
}

/** The plan's live document is on another server (`url`): connections and writes go there. */
export class PlanOwnedElsewhere extends Error {
  override name = 'PlanOwnedElsewhere';
  constructor(
    readonly planId: string,
    readonly url: string,
  ) {
    super(`plan ${planId} is owned by ${url}`);
  }
}

/** How soon a failed commit is tried again. */
const COMMIT_RETRY_MS = 500;
/** How long closing waits for what is not on disk yet. */
const CLOSE_FLUSH_MS = 10_000;

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

/** A full-state answer for a plan still loading (see `DocHub.fullStateWhileLoading`). */
export interface EarlyFullState {
  messages: Uint8Array[];
  /** Whether a state vector asks for everything (here: is empty, so knows nothing of this plan). */
  coversNothing: (stateVector: Uint8Array) => boolean;
}

const NO_CLIENTS = { has: (): boolean => true };

/** Plans whose whole encoding is at least this large answer newcomers while they load (≈ 1,500 rows). */
const EARLY_ANSWER_MIN_BYTES = 1024 * 1024;

/** True when a state vector knows nothing of a document whose clients are `clients` (empty, or only other clients). */
function stateVectorCoversNothing(stateVector: Uint8Array, clients: { has: (client: number) => boolean }): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) {
    if (clock > 0 && clients.has(client)) return false;
  }
  return true;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Which connection speaks for each awareness client id (an id has one owner at most). */
  readonly awarenessOwners = new Map<number, RoomPeer>();
  /** The encoded whole document, for full-state requests. */
  readonly fullState: FullState;
  /** Applied in memory, waiting for the next commit. */
  pending: Pending[] = [];
  /** Applied in memory, in the commit in flight (null when none is). */
  committing: Pending[] | null = null;
  /** Updates applied so far, and how many of them are on disk (both only grow). */
  applied = 0;
  durable = 0;
  /** Who waits for `durable` to reach a count (in the order they asked, so in count order). */
  durableWaiters: Array<{ count: number; resolve: () => void }> = [];
  /** Updates on disk after the snapshot. */
  logged = 0;
  /** Sequence number of the last committed update. */
  lastSeq = 0;
  /** Who writes under each client id of the document (see `updateAuthorize`). */
  clientAuthors = new Map<number, string>();
  /** Bytes the document is made of, as its stored snapshot and updates add up (for the size limit). */
  bytes = 0;
  /** The lease this room writes under (several servers), or null (one server). */
  fence: DocFence | null = null;
  /** Another server took the plan over: this room is being dropped and writes nothing more. */
  fenced = false;
  compacting: Promise<void> | null = null;
  idleTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly planId: string,
    encoder: DocEncoder | null = null,
  ) {
    this.fullState = new FullState(this.doc, encoder);
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
   * The messages answering a peer's state vector (everything it lacks), as the document is in
   * memory now — send them once `DocHub.whenDurable(room, room.applied)`, read right after, says
   * that much is on disk. A peer that has nothing of this document gets the cached encoding of
   * the whole (`FullState`); otherwise the difference is encoded from the document (at 5,000
   * rows ≈ 0.4–2 ms, where `Y.diffUpdate` of the cached encoding takes ≈ 90 ms).
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array[] {
    if (this.stateVectorCoversNothing(stateVector)) return this.fullState.messages();
    return [syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector))];
  }

  /**
   * About how many bytes `syncStep2For(stateVector)` will be, known without encoding: the size
   * of the cached whole-document answer for a full-state request, else 0 (a difference is cheap).
   */
  syncStep2SizeHint(stateVector: Uint8Array): number {
    return this.stateVectorCoversNothing(stateVector) ? this.fullState.bytes : 0;
  }

  private stateVectorCoversNothing(stateVector: Uint8Array): boolean {
    return stateVectorCoversNothing(stateVector, this.doc.store.clients);
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

export class DocHub {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly early = new Map<string, { promise: Promise<EarlyFullState | null> }>();
  private readonly dirtyRooms = new Set<Room>();
  private commitScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly acceptListeners = new Set<(accepted: AcceptedUpdate) => void>();
  private readonly encoder: DocEncoder | null;

  /**
   * `encoder` encodes whole documents off the event loop (by default a thread of its own; null:
   * on it); `ownership` says which plans this server may hold (absent: all, one server).
   */
  constructor(
    private readonly store: DocStore,
    private readonly metrics: Metrics,
    private readonly options: DocHubOptions = DOC_HUB_DEFAULTS,
    encoder?: DocEncoder | null,
    private readonly ownership: PlanOwnership | null = null,
  ) {
    this.encoder = encoder === undefined ? docEncoderThreaded() : encoder;
    if (ownership) this.ownerOf = (planId) => this.ownerFind(planId);
    ownership?.onLost((planId) => {
      const room = this.rooms.get(planId);
      if (room) this.roomFenced(room);
    });
  }

  /**
   * Several servers only (absent on one): where a plan is served — here (its room loaded, or
   * loadable now that this server took the lease), or the owner's address; null for no such plan.
   */
  readonly ownerOf?: (planId: string) => Promise<{ url: string } | 'here' | null>;

  private async ownerFind(planId: string): Promise<{ url: string } | 'here' | null> {
    try {
      const room = await this.room(planId);
      if (!room) return null;
      this.unloadLater(room);
      return 'here';
    } catch (error) {
      if (error instanceof PlanOwnedElsewhere) return { url: error.url };
      throw error;
    }
  }

  /** Resolves once the store and the encoder can serve (the server waits for it before it listens). */
  async ready(): Promise<void> {
    await Promise.all([this.store.ready(), this.encoder?.ready()]);
  }

  /** The loaded room of a plan, loading it from the store if needed; null for an unknown plan. */
  async room(planId: string): Promise<Room | null> {
    const loaded = this.rooms.get(planId);
    if (loaded) return loaded;
    let promise = this.loading.get(planId);
    if (!promise) {
      promise = this.roomLoad(planId);
      this.loading.set(planId, promise);
      void promise.finally(() => this.loading.delete(planId)).catch(() => {});
    }
    return promise;
  }

  /**
   * Runs `fn` on the live document of a plan (loading it for the call if needed). With several
   * servers, a read never moves a plan: a plan not loaded here is read as committed, from the
   * store (`fn` must only read it then).
   */
  async withDoc<T>(planId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.ownership && !this.rooms.has(planId)) {
      const loaded = await this.store.load(planId);
      if (!loaded) throw new Error(`unknown plan ${planId}`);
      const doc = new Y.Doc({ gc: true });
      try {
        Y.applyUpdateV2(doc, loaded.state);
        return fn(doc);
      } finally {
        doc.destroy();
      }
    }
    const room = await this.room(planId);
    if (!room) throw new Error(`unknown plan ${planId}`);
    try {
      return fn(room.doc);
    } finally {
      this.unloadLater(room);
    }
  }

  /**
   * While a large plan is loading, the answer to a full-state request as soon as the encoding
   * thread has it (before the room is whole: what was loaded is on disk); resolves to null when
   * there is no such answer (a small plan, or a failure), and is null when the plan is not loading.
   */
  fullStateWhileLoading(planId: string): Promise<EarlyFullState | null> | null {
    return this.early.get(planId)?.promise ?? null;
  }

  /**
   * Loads a plan without blocking the event loop for long: the store reads and folds it in its
   * thread; the encoding thread encodes it whole (the answer for late joiners, given out at once
   * through `fullStateWhileLoading`) and cuts it into chunks, applied here one per event-loop
   * turn (Yjs integrates a document on the thread that holds it). The room is in no one's hands
   * until it is whole.
   */
  private async roomLoad(planId: string): Promise<Room | null> {
    let early!: (value: EarlyFullState | null) => void;
    this.early.set(planId, { promise: new Promise((resolve) => (early = resolve)) });
    try {
      return await this.roomLoadSteps(planId, early);
    } finally {
      early(null);
      this.early.delete(planId);
    }
  }

  private async roomLoadSteps(planId: string, early: (value: EarlyFullState | null) => void): Promise<Room | null> {
    let fence: DocFence | null = null;
    if (this.ownership) {
      const owner = await this.ownership.claim(planId);
      if (!owner) return null;
      if (!owner.mine) throw new PlanOwnedElsewhere(planId, owner.url);
      fence = owner.fence;
    }
    let state = await this.store.load(planId);
    if (!state) {
      if (fence) await this.ownership?.release(planId);
      return null;
    }
    const room = new Room(planId, this.encoder);
    room.fence = fence;
    let chunks: Uint8Array[] | null = null;
    if (this.encoder) {
      // The state's bytes are handed to the encoding thread; should it fail, they are read again.
      try {
        const begun = await this.encoder.loadBegin(state.state);
        room.fullState.startFrom(begun.key, begun.message);
        // Given to newcomers whose documents are empty (what a fresh client asks with), for plans
        // large enough that loading takes a while; a small one is whole in a few milliseconds, and
        // its newcomers are answered by the room (then "synced" also means the server is ready).
        if (begun.message.byteLength >= EARLY_ANSWER_MIN_BYTES) {
          early({ messages: [begun.message], coversNothing: (sv) => stateVectorCoversNothing(sv, NO_CLIENTS) });
        }
        chunks = await this.encoder.loadChunks(begun.key);
      } catch (error) {
        console.error('phuluc: could not prepare a plan off the event loop (loaded in one go)', error);
        state = await this.store.load(planId);
        if (!state) return null;
      }
    }
    if (chunks) {
      for (const chunk of chunks) {
        Y.transact(room.doc, () => Y.applyUpdate(room.doc, chunk), 'load');
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else {
      const whole = state.state;
      Y.transact(room.doc, () => Y.applyUpdateV2(room.doc, whole), 'load');
    }
    if (room.doc.store.pendingStructs || room.doc.store.pendingDs) {
      room.fullState.stop();
      room.doc.destroy();
      throw new Error(`plan ${planId}: the stored document is not whole`);
    }
    room.fullState.follow();
    const raced = this.rooms.get(planId);
    if (raced) {
      room.fullState.stop();
      room.doc.destroy();
      return raced;
    }
    room.logged = state.tailLength;
    room.lastSeq = state.lastSeq;
    room.clientAuthors = state.clientAuthors;
    room.clientAuthors.set(room.doc.clientID, SERVER_AUTHOR);
    room.bytes = state.bytes;
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

  /**
   * `applyLocal` on a plan's document, loading it if needed; false for an unknown plan or no
   * change. Resolves once the change is on disk.
   */
  async applyLocalTo(planId: string, fn: (doc: Y.Doc) => void, entry: Omit<DocLogEntry, 'planId' | 'data'>): Promise<boolean> {
    const room = await this.room(planId);
    if (!room) return false;
    try {
      if (!this.applyLocal(room, fn, entry)) return false;
      await this.whenDurable(room, room.applied);
      return true;
    } finally {
      this.unloadLater(room);
    }
  }

  /** Records an update the permission check refused (a failure to record it is logged, never thrown). */
  recordRefusal(entry: DocLogRejection): void {
    this.store.reject(entry).catch((error: unknown) => console.error('phuluc: could not record a refused update', error));
  }

  /** Resolves once the first `count` updates applied to the room are on disk. */
  whenDurable(room: Room, count: number): Promise<void> {
    if (room.durable >= count) return Promise.resolve();
    return new Promise((resolve) => {
      room.durableWaiters.push({ count, resolve });
      if (room.pending.length > 0) this.commitSoon(room);
    });
  }

  /** Queues an applied update to be committed, then relayed to everyone but `origin`. */
  private queue(room: Room, update: Uint8Array, origin: RoomPeer | null, entry: Omit<DocLogEntry, 'planId' | 'data'>): void {
    room.pending.push({ entry: { ...entry, planId: room.planId, data: update, ...(room.fence ? { fence: room.fence } : {}) }, origin });
    room.applied += 1;
    room.bytes += update.byteLength;
    if (entry.userId !== null) for (const client of entry.clients ?? []) if (!room.clientAuthors.has(client)) room.clientAuthors.set(client, entry.userId);
    this.commitSoon(room);
  }

  /** Marks a room as having updates to commit, and commits at the end of this event-loop turn. */
  private commitSoon(room: Room): void {
    this.dirtyRooms.add(room);
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      this.commit();
    });
  }

  /**
   * Hands the store one commit: every room's waiting updates, unless that room has a commit in
   * flight (its updates then wait for the next one). When it lands, each room's updates are
   * relayed (one merged message per room) and whoever waited for them is told; when it fails,
   * they go back in front of the queue and are tried again shortly.
   */
  private commit(): void {
    const rooms = [...this.dirtyRooms].filter((r) => r.committing === null);
    for (const room of rooms) {
      this.dirtyRooms.delete(room);
      room.committing = room.pending;
      room.pending = [];
    }
    const batch = rooms.flatMap((r) => r.committing ?? []);
    if (batch.length === 0) {
      for (const room of rooms) room.committing = null;
      return;
    }
    const stop = this.metrics.persistSeconds.startTimer();
    this.store.append(batch.map((p) => p.entry)).then(
      (seqs) => {
        stop();
        this.metrics.updatesPersisted.inc(batch.length);
        let at = 0;
        for (const room of rooms) {
          const committed = room.committing ?? [];
          room.committing = null;
          at += committed.length;
          if (committed.length === 0 || room.fenced) continue;
          room.lastSeq = Math.max(room.lastSeq, seqs[at - 1] ?? 0);
          room.durable += committed.length;
          room.logged += committed.length;
          this.relay(room, committed);
          this.durableTell(room);
          this.compactLater(room);
          if (room.pending.length > 0) this.commitSoon(room);
        }
      },
      (error: unknown) => {
        if (error instanceof DocStoreFencedError) {
          // Another server owns these plans now: their updates are dropped (nobody was told they
          // were saved; their clients send them again to the new owner). The others go again now.
          const fenced = new Set(error.planIds);
          for (const room of rooms) {
            if (!fenced.has(room.planId)) continue;
            room.committing = null;
            this.roomFenced(room);
          }
          for (const room of rooms) {
            if (fenced.has(room.planId)) continue;
            room.pending = [...(room.committing ?? []), ...room.pending];
            room.committing = null;
            this.commitSoon(room);
          }
          return;
        }
        console.error('phuluc: could not persist updates, will retry', error);
        for (const room of rooms) {
          room.pending = [...(room.committing ?? []), ...room.pending];
          room.committing = null;
          this.dirtyRooms.add(room);
        }
        if (!this.retryTimer) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.commit();
          }, COMMIT_RETRY_MS);
        }
      },
    );
  }

  private durableTell(room: Room): void {
    const waiters = room.durableWaiters;
    let told = 0;
    while (told < waiters.length && (waiters[told] as { count: number }).count <= room.durable) told += 1;
    if (told === 0) return;
    room.durableWaiters = waiters.slice(told);
    for (const w of waiters.slice(0, told)) w.resolve();
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
      void this.compact(room);
      return;
    }
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      void this.compact(room);
    }, this.options.compactWhenIdleMs);
    room.idleTimer.unref();
  }

  /**
   * Has the store fold the room's log, as far as it is on disk, into a snapshot (off the event
   * loop; updates keep being committed meanwhile). One compaction per room at a time.
   */
  compact(room: Room): Promise<void> {
    if (room.compacting) return room.compacting;
    const folded = room.logged;
    if (folded === 0) return Promise.resolve();
    room.compacting = this.store
      .compact(room.planId, room.lastSeq)
      .then(
        () => {
          room.logged -= folded;
        },
        (error: unknown) => console.error('phuluc: compaction failed (the log is kept)', error),
      )
      .finally(() => {
        room.compacting = null;
      });
    return room.compacting;
  }

  private unloadLater(room: Room): void {
    if (room.peers.size > 0 || this.closed) return;
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      void this.unload(room);
    }, this.options.unloadAfterMs);
    room.unloadTimer.unref();
  }

  /** Drops a room nobody uses, once everything of it is on disk and compacted. */
  private async unload(room: Room): Promise<void> {
    if (room.peers.size > 0 || this.rooms.get(room.planId) !== room) return;
    await this.whenDurable(room, room.applied);
    await this.compact(room);
    // Someone may have come back, or written, while this waited.
    if (room.peers.size > 0 || room.unloadTimer || room.pending.length > 0 || room.committing || this.rooms.get(room.planId) !== room) return;
    this.roomDrop(room);
  }

  private roomDrop(room: Room): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    if (this.rooms.get(room.planId) === room) this.rooms.delete(room.planId);
    this.dirtyRooms.delete(room);
    room.fullState.stop();
    room.awareness.destroy();
    room.doc.destroy();
    this.metrics.docsLoaded.set(this.rooms.size);
    if (room.fence && !room.fenced) void this.ownership?.release(room.planId);
  }

  /**
   * Drops a room whose lease another server took: its connections are closed (they reconnect,
   * reaching the new owner, and send again what was not saved), what it had not committed is
   * forgotten, and nothing of it is written any more.
   */
  private roomFenced(room: Room): void {
    if (room.fenced) return;
    room.fenced = true;
    room.pending = [];
    for (const peer of [...room.peers]) peer.close(new SyncError('ownerMoved'));
    room.peers.clear();
    this.metrics.plansFenced.inc();
    this.roomDrop(room);
  }

  /** Resolves once every update applied so far, in every room, is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => this.whenDurable(room, room.applied)));
  }

  /** Number of loaded rooms. */
  get size(): number {
    return this.rooms.size;
  }

  /**
   * Closes every connection, waits (a while) for what is not on disk yet, compacts and drops
   * every room. What could not be written is said in the log: no client was told it was saved,
   * and each keeps it and sends it again when it reconnects.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const room of this.rooms.values()) for (const peer of room.peers) peer.close(new SyncError('serverClosing'));
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      this.flush().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), CLOSE_FLUSH_MS);
      }),
    ]);
    clearTimeout(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (gaveUp) {
      const lost = [...this.rooms.values()].reduce((n, r) => n + r.pending.length + (r.committing?.length ?? 0), 0);
      console.error(`phuluc: closing with ${lost} updates not on disk (their clients still have them)`);
    }
    await Promise.all([...this.rooms.values()].map((room) => this.compact(room)));
    for (const room of [...this.rooms.values()]) this.roomDrop(room);
    await this.encoder?.close();
  }
}
