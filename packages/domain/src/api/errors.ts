/**
 * The failures the HTTP API answers with: one table of codes, each with its default Vietnamese
 * message. A code says what went wrong, never how it travels: the server maps it to an HTTP
 * status in one place (`HTTP_STATUS_BY_CODE` in apps/server/src/errors.ts). Every error answer
 * is `{ error: { code, message } }` (`apiErrorBodySchema`).
 */
import { z } from 'zod';

export const API_ERRORS = {
  badRequest: { message: 'Yêu cầu không hợp lệ.' },
  validation: { message: 'Dữ liệu gửi lên không hợp lệ.' },
  unauthenticated: { message: 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.' },
  badCredentials: { message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  forbidden: { message: 'Bạn không có quyền thực hiện thao tác này.' },
  crossSite: { message: 'Yêu cầu đến từ một trang web khác nên đã bị từ chối.' },
  notFound: { message: 'Không tìm thấy.' },
  planNotFound: { message: 'Không tìm thấy kế hoạch.' },
  tableNotFound: { message: 'Không tìm thấy bảng trong kế hoạch.' },
  versionNotFound: { message: 'Không tìm thấy phiên bản của kế hoạch.' },
  conflict: { message: 'Dữ liệu đã tồn tại.' },
  payloadTooLarge: { message: 'Dữ liệu gửi lên quá lớn.' },
  unsupportedMediaType: { message: 'Kiểu nội dung gửi lên không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).' },
  importFailed: { message: 'Không đọc được bảng trong tệp.' },
  exportHasErrors: { message: 'Bảng còn lỗi nên chưa xuất được bản chính thức. Hãy sửa các lỗi, hoặc xuất bản dự thảo.' },
  rateLimited: { message: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.' },
  storeUnavailable: { message: 'Máy chủ chưa ghi được dữ liệu xuống đĩa. Thay đổi của bạn vẫn được giữ; vui lòng thử lại sau ít phút.' },
  /** Several servers: the plan's owner does not answer, or the plan is moving to another server. */
  planOwnerUnavailable: { message: 'Chưa liên lạc được máy chủ đang giữ kế hoạch (kế hoạch có thể đang được chuyển). Vui lòng thử lại sau vài giây.' },
  internal: { message: 'Lỗi máy chủ. Vui lòng thử lại sau.' },
} as const satisfies Record<string, { message: string }>;

/** A code of `API_ERRORS`. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** Every code, for `z.enum`. */
export const API_ERROR_CODES = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];

/** True when `value` is a code of `API_ERRORS`. */
export function apiErrorCodeIs(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}

/** The body of every error answer; the message is Vietnamese and safe to show as it is. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
