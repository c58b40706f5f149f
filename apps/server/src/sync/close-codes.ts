/**
 * The one place that says how a sync error travels: the WebSocket close code of each
 * `SyncError` code (the codes themselves are the domain's `SYNC_CLOSE_CODES`), and how its
 * reason is cut to fit a close frame.
 */
import { SYNC_CLOSE_CODES as CLOSE_CODES, type SyncCloseCode as CloseCode } from '@phuluc/domain';
import type { WebSocket } from 'ws';
import type { SyncError, SyncErrorCode } from './sync-error.ts';

export { CLOSE_CODES, type CloseCode };

/** The close code of each sync error code. */
export const CLOSE_CODE_BY_CODE = {
  badMessage: CLOSE_CODES.badMessage,
  badSyncStep: CLOSE_CODES.badMessage,
  badMessageType: CLOSE_CODES.badMessage,
  badPresence: CLOSE_CODES.badMessage,
  messageTooLarge: CLOSE_CODES.tooLarge,
  tooManyMessages: CLOSE_CODES.tooMany,
  slowConsumer: CLOSE_CODES.tooMany,
  sendBudgetSpent: CLOSE_CODES.tooMany,
  unauthenticated: CLOSE_CODES.unauthenticated,
  sessionExpired: CLOSE_CODES.unauthenticated,
  unknownPlan: CLOSE_CODES.unknownPlan,
  tooManyConnections: CLOSE_CODES.tooMany,
  rightsChanged: CLOSE_CODES.rightsChanged,
  membershipEnded: CLOSE_CODES.forbidden,
  updateTooLarge: CLOSE_CODES.tooLarge,
  updateUnreadable: CLOSE_CODES.badMessage,
  updateUnplaceable: CLOSE_CODES.badMessage,
  updateRewritesContent: CLOSE_CODES.badMessage,
  subdocument: CLOSE_CODES.badMessage,
  outOfSync: CLOSE_CODES.outOfSync,
  deletesUnknown: CLOSE_CODES.outOfSync,
  cellTooLarge: CLOSE_CODES.tooLarge,
  planTooLarge: CLOSE_CODES.tooLarge,
  foreignClient: CLOSE_CODES.forbidden,
  forbidden: CLOSE_CODES.forbidden,
  serverError: CLOSE_CODES.serverError,
  serverClosing: CLOSE_CODES.goingAway,
  ownerMoved: CLOSE_CODES.goingAway,
  ownerUnreachable: CLOSE_CODES.goingAway,
} as const satisfies Record<SyncErrorCode, CloseCode>;

/** A close reason fits in 123 bytes of UTF-8: cut Vietnamese text at a character boundary. */
export function closeReasonFit(reason: string): string {
  const bytes = new TextEncoder();
  let out = reason;
  while (bytes.encode(out).length > 123) out = out.slice(0, -1);
  return out;
}

/** Closes `ws` telling the client why: the close code of `error.code`, its message cut to fit. */
export function wsCloseWith(ws: Pick<WebSocket, 'close'>, error: SyncError): void {
  ws.close(CLOSE_CODE_BY_CODE[error.code], closeReasonFit(error.message));
}
