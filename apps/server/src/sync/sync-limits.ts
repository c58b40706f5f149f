/** Limits of the sync endpoint (per connection and per user). */
export interface SyncLimits {
  /** Largest message accepted; larger ones close the connection with 4413. */
  maxMessageBytes: number;
  /** Open connections one user may have at once. */
  maxConnectionsPerUser: number;
  /** Token bucket for incoming messages: sustained rate per second and burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** A peer that does not read its messages is dropped past this many buffered bytes. */
  maxBufferedBytes: number;
  /** Ping interval; a peer that misses a pong is dropped. */
  pingIntervalMs: number;
  /**
   * How often each connection's session and role are checked again: a logout, an expired
   * session or a changed role closes the connection (the client reconnects with its rights).
   */
  recheckIntervalMs: number;
  /**
   * Awareness (presence) client ids one connection may speak for. The stock client uses one
   * (its document's client id); a few more cover a reconnect and tabs that relay each other's
   * presence. Entries for further ids are dropped (see awareness-identity.ts).
   */
  maxAwarenessIdsPerConnection: number;
  /**
   * What the server may send in answer to one user's own requests (sync step 2, presence
   * lists), across all their connections: a token bucket per user refilled at this many bytes
   * per second, holding at most `sendBurstBytes`. The burst lets several tabs load a
   * 5,000-row plan (≈ 4 MiB each) at once; spending it closes the asking connection with 4429.
   */
  sendBytesPerSecond: number;
  sendBurstBytes: number;
  /**
   * Each answer costs at least this much of the budget: even a tiny answer walks the document,
   * so a loop of cheap requests is throttled too.
   */
  sendMinChargeBytes: number;
}

export const SYNC_LIMITS: SyncLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxConnectionsPerUser: 12,
  messagesPerSecond: 100,
  messageBurst: 500,
  maxBufferedBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
  recheckIntervalMs: 15_000,
  maxAwarenessIdsPerConnection: 4,
  sendBytesPerSecond: 1024 * 1024,
  sendBurstBytes: 32 * 1024 * 1024,
  sendMinChargeBytes: 64 * 1024,
};
