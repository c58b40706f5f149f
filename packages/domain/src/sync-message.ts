/**
 * The message types of the sync protocol: y-websocket's four, and [4, n] "saved", answered once
 * all before it is on disk. Alone in its module (no imports), so the server's worker threads can
 * load it without the rest of the domain (`@phuluc/domain/sync-message`).
 */
export const SYNC_MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  savedAck: 4,
} as const;
