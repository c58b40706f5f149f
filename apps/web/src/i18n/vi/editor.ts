/** Vietnamese strings of the cell editors (`editor.*`). */
export const editorVi = {
  'editor.input': 'Nội dung ô đang chọn',
  'editor.readOnlyCell': 'Ô chỉ đọc: {reason}',
  'editor.preview.understood': 'Hiểu là: {value}',
  'editor.preview.money': '{value} triệu đồng',
  'editor.units.chosen': 'Đơn vị đã chọn',
  'editor.units.free': 'Ngoài danh mục',
  'editor.units.freeTitle': 'Không có trong danh mục đơn vị: được giữ nguyên như đã gõ',
  'editor.units.remove': 'Bỏ {name}',
  'editor.units.suggestions': 'Gợi ý đơn vị',
  'editor.units.noMatch': 'Không có đơn vị nào khớp «{query}» — nội dung gõ sẽ được giữ nguyên.',
  'editor.units.keys': 'Enter: chọn và lưu · ↓ rồi Enter: thêm nhiều đơn vị · Backspace: bỏ đơn vị cuối · Esc: hủy',
  'editor.units.empty': 'Gõ tên đơn vị (không cần dấu), ví dụ “phong kinh te”.',
};
