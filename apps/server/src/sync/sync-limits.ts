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
}

export const SYNC_LIMITS: SyncLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxConnectionsPerUser: 12,
  messagesPerSecond: 100,
  messageBurst: 500,
  maxBufferedBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
  recheckIntervalMs: 15_000,
};
