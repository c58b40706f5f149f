/**
 * What the sync endpoint and its clients must agree on beyond the y-websocket protocol: the
 * message types (Phuluc adds one, the saved acknowledgement) and the WebSocket close codes.
 * The stock y-websocket client (3.x) gives up on 4400–4499 and reconnects on anything else:
 * final refusals use the 44xx range, "reconnect now" cases the 45xx range.
 */

/** Message types: y-websocket's four, and [4, n] "saved": answered once all before it is on disk. */
export const SYNC_MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  savedAck: 4,
} as const;

/** Close codes of the sync endpoint. */
export const SYNC_CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  serverError: 1011,
  badMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  unknownPlan: 4404,
  tooLarge: 4413,
  tooMany: 4429,
  /** The person's role or unit changed: reconnect to get the new rights. */
  rightsChanged: 4503,
  /** The update depended on content the server lacks: reconnecting resynchronises. */
  outOfSync: 4509,
} as const;
export type SyncCloseCode = (typeof SYNC_CLOSE_CODES)[keyof typeof SYNC_CLOSE_CODES];
