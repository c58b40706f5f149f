/**
 * The HTTP API's one error type, and the one place that says how its codes travel over HTTP.
 * The codes and their default Vietnamese messages are the domain's (`API_ERRORS`): a code says
 * what went wrong, `HTTP_STATUS_BY_CODE` turns it into a status at the edge (`app.ts`). Responses
 * look like `{ error: { code, message } }` and never carry a stack trace. The sync endpoint has
 * its own: `SyncError` (sync/sync-error.ts), sent as a close code (sync/close-codes.ts).
 */
import { API_ERRORS, type ApiErrorBody, type ApiErrorCode } from '@phuluc/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export { API_ERRORS, type ApiErrorBody, type ApiErrorCode };

/** The HTTP status of each code. */
export const HTTP_STATUS_BY_CODE = {
  badRequest: 400,
  validation: 400,
  unauthenticated: 401,
  badCredentials: 401,
  forbidden: 403,
  crossSite: 403,
  notFound: 404,
  planNotFound: 404,
  tableNotFound: 404,
  versionNotFound: 404,
  conflict: 409,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  importFailed: 422,
  exportHasErrors: 422,
  rateLimited: 429,
  storeUnavailable: 503,
  planOwnerUnavailable: 503,
  internal: 500,
} as const satisfies Record<ApiErrorCode, ContentfulStatusCode>;

/** The code of a status Hono answers by itself (malformed requests, body limits). */
export const CODE_BY_HTTP_STATUS: Readonly<Partial<Record<number, ApiErrorCode>>> = {
  400: 'badRequest',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'notFound',
  413: 'payloadTooLarge',
  429: 'rateLimited',
};

/** A failure with a code a client can act on; `message` is Vietnamese and safe to show. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** Seconds to wait before retrying (rate limits). */
  readonly retryAfter: number | undefined;

  constructor(code: ApiErrorCode, message?: string, options: { cause?: unknown; retryAfter?: number } = {}) {
    super(message ?? API_ERRORS[code].message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.retryAfter = options.retryAfter;
  }

  /** The response body. */
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/**
 * Any thrown value as an ApiError: an ApiError stays itself, anything else becomes `internal`
 * (keeping the original as `cause` for the log, never for the client).
 */
export function apiErrorFrom(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('internal', undefined, { cause: error });
}
