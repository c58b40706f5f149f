/**
 * WebSocket close codes of the sync endpoint, named once (the web app reads the same numbers).
 * The stock y-websocket client (3.x) gives up on 4400–4499 and reconnects on anything else:
 * final refusals use the 44xx range, "reconnect now" cases the 45xx range.
 */
export const CLOSE_CODES = {
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
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** A close reason fits in 123 bytes of UTF-8: cut Vietnamese text at a character boundary. */
export function closeReasonFit(reason: string): string {
  const bytes = new TextEncoder();
  let out = reason;
  while (bytes.encode(out).length > 123) out = out.slice(0, -1);
  return out;
}
