/**
 * The "Đã lưu / Đang đồng bộ… / Mất kết nối" state of a plan connection, as a pure state machine
 * (no socket, no DOM) so it can be tested on its own.
 *
 * The server's saved-ack (message type 4): the client sends [4, n]; the server answers [4, n]
 * once everything the connection sent before it is on disk. So after local changes the tracker
 * asks for an ack and shows "syncing" until the ack for its latest request arrives. At most one
 * request is in flight: changes made meanwhile are covered by the next request, sent when the
 * ack arrives — one request per round trip however fast someone types.
 */

export type SaveState = 'saved' | 'syncing' | 'offline';

export class SaveTracker {
  private connected = false;
  /** A connection was made or failed at least once: before that, "syncing" (opening), not "offline". */
  private tried = false;
  private synced = false;
  /** Local changes (or a fresh sync exchange) not yet covered by an ack request. */
  private dirty = false;
  private requested = 0;
  private acked = 0;
  private inFlight = false;
  private seq = 0;
  private last: SaveState;
  private readonly listeners = new Set<(s: SaveState) => void>();

  /** `send(n)` writes the ack request [4, n] on the socket (called only while connected). */
  constructor(private readonly send: (n: number) => void) {
    this.last = this.state();
  }

  state(): SaveState {
    if (!this.connected) return this.tried ? 'offline' : 'syncing';
    if (!this.synced || this.dirty || this.inFlight || this.acked < this.requested) return 'syncing';
    return 'saved';
  }

  subscribe(cb: (s: SaveState) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** The socket opened. */
  opened(): void {
    this.connected = true;
    this.tried = true;
    this.synced = false;
    this.emit();
  }

  /** The socket closed or could not open. Requests in flight are lost: ask again after reconnecting. */
  disconnected(): void {
    this.tried = true;
    this.connected = false;
    this.synced = false;
    if (this.inFlight || this.acked < this.requested) this.dirty = true;
    this.inFlight = false;
    this.emit();
  }

  /** The server's sync step 2 arrived: the document is up to date with the server. */
  syncedWithServer(): void {
    this.synced = true;
    this.emit();
  }

  /**
   * A change the server may not have: a local edit, content loaded from IndexedDB, or our reply
   * to the server's sync step 1 (which carries edits made offline). Call `flush()` once the
   * change has been written to the socket.
   */
  changed(): void {
    this.dirty = true;
    this.emit();
  }

  /** Sends an ack request for everything sent so far, unless one is in flight already. */
  flush(): void {
    if (!this.connected || this.inFlight || !this.dirty) return;
    this.dirty = false;
    this.inFlight = true;
    this.seq += 1;
    this.requested = this.seq;
    this.send(this.seq);
    this.emit();
  }

  /** The server's ack [4, n]. */
  ackReceived(n: number): void {
    if (n !== this.requested || !this.inFlight) return; // a stale ack from before a reconnect
    this.inFlight = false;
    this.acked = n;
    if (this.dirty) this.flush();
    this.emit();
  }

  private emit(): void {
    const now = this.state();
    if (now === this.last) return;
    this.last = now;
    for (const cb of this.listeners) cb(now);
  }
}
