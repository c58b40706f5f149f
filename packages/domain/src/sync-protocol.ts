/**
 * What the sync endpoint and its clients must agree on beyond the y-websocket protocol: the
 * message types (Phuluc adds one, the saved acknowledgement), the WebSocket close codes and why a
 * connection is closed (`SYNC_ERRORS`).
 * The stock y-websocket client (3.x) gives up on 4400–4499 and reconnects on anything else:
 * final refusals use the 44xx range, "reconnect now" cases the 45xx range.
 */
import { API_ERRORS } from './api/errors.ts';
import { planLimitCellMessage } from './plan-limits.ts';

export { SYNC_MESSAGE } from './sync-message.ts';

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

/** Shared by the two codes a rights check closes with (4503 reconnect, 4403 when no longer a member). */
const RIGHTS_CHANGED_MESSAGE = 'Quyền của bạn trong kế hoạch đã thay đổi.';

/**
 * Why the sync endpoint closes a connection or refuses an update: one table of codes, each
 * with its message (Vietnamese where a person may read it: the web app shows the reason of a
 * refusal). A code says what went wrong, never how it travels: the server maps it to a
 * WebSocket close code in one place (`CLOSE_CODE_BY_CODE` in apps/server/src/sync/close-codes.ts).
 * A detail (`syncErrorMessage`) is told after the message (`message: detail.`), or, for
 * `forbidden`, instead of it: the permission check's reason is a sentence of its own.
 */
export const SYNC_ERRORS = {
  // The frames themselves.
  badMessage: { message: 'Thông điệp không hợp lệ.' },
  badSyncStep: { message: 'Loại thông điệp đồng bộ không hợp lệ.' },
  badMessageType: { message: 'Loại thông điệp không hợp lệ.' },
  badPresence: { message: 'Thông tin hiện diện không hợp lệ.' },
  messageTooLarge: { message: 'Thông điệp quá lớn.' },
  tooManyMessages: { message: 'Gửi quá nhiều thông điệp.' },
  slowConsumer: { message: 'slow consumer' },
  sendBudgetSpent: { message: 'Yêu cầu tải lại dữ liệu quá nhiều lần; vui lòng thử lại sau ít phút.' },
  // Who may connect.
  unauthenticated: { message: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.' },
  sessionExpired: { message: 'Phiên đăng nhập đã hết hạn hoặc đã đăng xuất.' },
  unknownPlan: { message: API_ERRORS.planNotFound.message },
  tooManyConnections: { message: 'Quá nhiều kết nối cùng lúc.' },
  rightsChanged: { message: RIGHTS_CHANGED_MESSAGE },
  membershipEnded: { message: RIGHTS_CHANGED_MESSAGE },
  // An update refused, whole.
  updateTooLarge: { message: 'Cập nhật quá lớn.' },
  updateUnreadable: { message: 'Cập nhật hỏng, không đọc được.' },
  updateUnplaceable: { message: 'Cập nhật hỏng: không xác định được vị trí.' },
  updateRewritesContent: { message: 'Cập nhật hỏng: nội dung đã có bị ghi lại ở chỗ khác.' },
  subdocument: { message: 'Kế hoạch không dùng tài liệu con.' },
  outOfSync: { message: 'Cập nhật phụ thuộc dữ liệu máy chủ chưa có.' },
  deletesUnknown: { message: 'Cập nhật xoá nội dung máy chủ chưa có.' },
  cellTooLarge: { message: planLimitCellMessage() },
  planTooLarge: { message: 'Kế hoạch đã quá dung lượng cho phép.' },
  foreignClient: { message: 'Cập nhật ghi dưới mã máy khách của người khác.' },
  forbidden: { message: 'Bạn không có quyền thực hiện thay đổi này.' },
  // The server itself.
  serverError: { message: 'server error' },
  serverClosing: { message: 'server closing' },
  /** Another server holds the plan now (several servers): reconnecting reaches it. */
  ownerMoved: { message: 'Kế hoạch đang được chuyển sang máy chủ khác; đang kết nối lại.' },
  /** The server holding the plan does not answer (several servers): reconnecting tries again. */
  ownerUnreachable: { message: 'Chưa kết nối được máy chủ giữ kế hoạch; đang thử lại.' },
} as const satisfies Record<string, { message: string }>;

/** A code of `SYNC_ERRORS`. */
export type SyncErrorCode = keyof typeof SYNC_ERRORS;

/**
 * The message of `code`, with `detail` (what exactly: the missing content, the message type,
 * the permission check's reason) when there is one.
 */
export function syncErrorMessage(code: SyncErrorCode, detail?: string): string {
  const message = SYNC_ERRORS[code].message;
  if (detail === undefined) return message;
  if (code === 'forbidden') return detail;
  return `${message.replace(/\.$/, '')}: ${detail}.`;
}
