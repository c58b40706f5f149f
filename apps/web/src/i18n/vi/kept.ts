/**
 * Vietnamese strings of the «Nội dung chưa được ghi» dialog: text that could not be written,
 * kept for the person (`kept.*`).
 */
export const keptVi = {
  'kept.title': 'Nội dung chưa được ghi',
  'kept.editor.rowDeleted': 'Dòng bạn đang sửa ({row}) vừa bị người khác xóa. Ô đang sửa đã đóng; nội dung bạn đã gõ không được ghi vào đâu cả — hãy chép lại nếu cần.',
  'kept.editor.columnRemoved': 'Cột «{column}» bạn đang sửa vừa bị xóa. Ô đang sửa đã đóng; nội dung bạn đã gõ không được ghi vào đâu cả — hãy chép lại nếu cần.',
  'kept.editor.readOnly': 'Bạn không còn quyền sửa {row}. {reason} Ô đang sửa đã đóng; phần bạn gõ sau đó không được ghi — nội dung ô lúc đó ở dưới, hãy chép lại nếu cần.',
  'kept.refused': 'Máy chủ đã từ chối một thay đổi của bạn: {reason}. Những thay đổi bạn vẫn được phép làm đã được ghi lại; nội dung dưới đây bạn không còn được ghi — hãy chép lại để không mất.',
  'kept.refusedAgain': 'Máy chủ lại từ chối thay đổi của bạn: {reason}. Để không lặp lại, ứng dụng không tự ghi lại nữa; nội dung bạn đã sửa ở dưới — hãy chép lại rồi nhập lại nếu cần.',
  'kept.dropped': '{count} thao tác khác (xóa, di chuyển dòng, giao đơn vị) không còn được phép nên không thực hiện.',
  'kept.copy': 'Sao chép',
  'kept.copied': 'Đã chép vào bộ nhớ tạm.',
  'kept.copyFailed': 'Không chép tự động được: hãy chọn nội dung rồi nhấn Ctrl+C.',
  'kept.close': 'Đóng',
  'kept.label.section': 'Tên mục',
  'kept.label.comment': 'Bình luận',
  'kept.label.newRow': 'dòng mới thêm',
  'kept.label.progress': 'Tiến độ {period} — {field}',
  'kept.label.progress.result': 'Kết quả thực hiện',
  'kept.label.progress.evidence': 'Minh chứng',
  'kept.label.progress.difficulties': 'Khó khăn, vướng mắc, kiến nghị',
  'kept.label.progress.value': 'Giá trị đạt được',
  'kept.recovered': 'Đã ghi lại {count} thay đổi của bạn sau khi máy chủ từ chối một thay đổi.',
};
