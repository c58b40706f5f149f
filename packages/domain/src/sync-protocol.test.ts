import { describe, expect, it } from 'vitest';
import { SYNC_ERRORS, syncErrorMessage } from './sync-protocol.ts';

describe('syncErrorMessage', () => {
  it('is the code’s message when there is no detail', () => {
    expect(syncErrorMessage('outOfSync')).toBe('Cập nhật phụ thuộc dữ liệu máy chủ chưa có.');
  });

  it('tells a detail after the message, ending the sentence once', () => {
    expect(syncErrorMessage('outOfSync', 'cập nhật không liền mạch (client 7)')).toBe(
      'Cập nhật phụ thuộc dữ liệu máy chủ chưa có: cập nhật không liền mạch (client 7).',
    );
    expect(syncErrorMessage('badMessageType', '9')).toBe('Loại thông điệp không hợp lệ: 9.');
  });

  it('tells the permission check’s reason instead of the general refusal', () => {
    expect(syncErrorMessage('forbidden', 'Dòng này thuộc đơn vị khác.')).toBe('Dòng này thuộc đơn vị khác.');
    expect(syncErrorMessage('forbidden')).toBe(SYNC_ERRORS.forbidden.message);
  });
});
