/**
 * The server's one error type. Every failure a client can see carries a `code` from
 * `API_ERRORS`; this table is the one place mapping a code to its HTTP status and its default
 * Vietnamese message (the sync endpoint's close codes are in `sync/close-codes.ts`). Responses
 * look like `{ error: { code, message } }` and never carry a stack trace.
 */

export const API_ERRORS = {
  badRequest: { status: 400, message: 'Yêu cầu không hợp lệ.' },
  validation: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  unauthenticated: { status: 401, message: 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.' },
  badCredentials: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  forbidden: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  crossSite: { status: 403, message: 'Yêu cầu đến từ một trang web khác nên đã bị từ chối.' },
  notFound: { status: 404, message: 'Không tìm thấy.' },
  planNotFound: { status: 404, message: 'Không tìm thấy kế hoạch.' },
  tableNotFound: { status: 404, message: 'Không tìm thấy bảng trong kế hoạch.' },
  versionNotFound: { status: 404, message: 'Không tìm thấy phiên bản của kế hoạch.' },
  conflict: { status: 409, message: 'Dữ liệu đã tồn tại.' },
  payloadTooLarge: { status: 413, message: 'Dữ liệu gửi lên quá lớn.' },
  unsupportedMediaType: { status: 415, message: 'Kiểu nội dung gửi lên không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).' },
  importFailed: { status: 422, message: 'Không đọc được bảng trong tệp.' },
  exportHasErrors: { status: 422, message: 'Bảng còn lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo.' },
  rateLimited: { status: 429, message: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.' },
  internal: { status: 500, message: 'Lỗi máy chủ. Vui lòng thử lại sau.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;
export type ApiErrorStatus = (typeof API_ERRORS)[ApiErrorCode]['status'];

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

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

  /** The HTTP status of this error. */
  get status(): ApiErrorStatus {
    return API_ERRORS[this.code].status;
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
