/** WebSocket close codes of the sync endpoint, named once (the web app reads the same numbers). */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  serverError: 1011,
  badMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  unknownPlan: 4404,
  outOfSync: 4409,
  tooLarge: 4413,
  tooMany: 4429,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** A close reason fits in 123 bytes of UTF-8: cut Vietnamese text at a character boundary. */
export function closeReasonFit(reason: string): string {
  const bytes = new TextEncoder();
  let out = reason;
  while (bytes.encode(out).length > 123) out = out.slice(0, -1);
  return out;
}
