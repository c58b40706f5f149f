/**
 * The sync endpoint's one error type: why a connection is closed or an update refused. Its
 * `code` comes from the domain's `SYNC_ERRORS` and says nothing about WebSockets; the close
 * code is looked up at the edge (`CLOSE_CODE_BY_CODE` in close-codes.ts).
 */
import { type SyncErrorCode, syncErrorMessage } from '@phuluc/domain';

export type { SyncErrorCode };

/** A refusal with a code; `message` is what the client is told (the close reason). */
export class SyncError extends Error {
  readonly code: SyncErrorCode;
  /** What exactly went wrong, when the code alone does not say (see `syncErrorMessage`). */
  readonly detail: string | undefined;

  constructor(code: SyncErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    super(syncErrorMessage(code, options.detail), { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.detail = options.detail;
  }
}

/**
 * Any thrown value as a SyncError: a SyncError stays itself, anything else becomes `fallback`
 * (keeping the original as `cause` for the log, never for the client).
 */
export function syncErrorFrom(error: unknown, fallback: SyncErrorCode): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError(fallback, { cause: error });
}
