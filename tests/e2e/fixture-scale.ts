/**
 * A large appendix table for scale tests: the "tasks, detailed" layout (same header as the
 * Tân Thạnh fixture), sections I, II, III… and varied Vietnamese rows, as TSV text that
 * `phuluc plan create --from` imports like a pasted Word/Excel table.
 */

const HEADER = [
  'STT',
  'Nhiệm vụ cụ thể',
  'Chi tiết nhiệm vụ',
  'Người/Đơn vị chủ trì',
  'Thời gian thực hiện',
  'Sản phẩm/Kết quả đầu ra',
  'Cơ quan hướng dẫn/kiểm tra',
  'Theo dõi',
  'Ghi chú',
];

const SECTIONS = ['CHÍNH QUYỀN SỐ', 'KINH TẾ SỐ', 'XÃ HỘI SỐ', 'HẠ TẦNG SỐ', 'DỮ LIỆU SỐ', 'AN TOÀN THÔNG TIN MẠNG', 'NHÂN LỰC SỐ', 'CHUYỂN ĐỔI SỐ TRONG Y TẾ, GIÁO DỤC', 'THÔNG TIN, TUYÊN TRUYỀN', 'KIỂM TRA, GIÁM SÁT'];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

const VERBS = ['Triển khai', 'Nâng cấp', 'Duy trì', 'Số hóa', 'Tổ chức', 'Rà soát', 'Xây dựng', 'Tuyên truyền về', 'Hướng dẫn', 'Kiểm tra'];
const OBJECTS = [
  'hệ thống văn phòng điện tử',
  'dữ liệu hộ tịch',
  'trang thông tin điện tử xã',
  'dịch vụ công trực tuyến toàn trình',
  'thanh toán không dùng tiền mặt',
  'tài khoản định danh điện tử VNeID',
  'camera an ninh tại các ấp',
  'sàn thương mại điện tử cho nông sản',
  'kỹ năng số cho người dân',
  'hạ tầng mạng nội bộ',
  'chữ ký số cho cán bộ, công chức',
  'cơ sở dữ liệu đất đai',
];
const DETAILS = [
  'Phân công công chức phụ trách; tổng hợp và báo cáo định kỳ hằng tháng.',
  'Khảo sát hiện trạng, đề xuất phương án và dự toán kinh phí thực hiện.',
  'Tập huấn cho cán bộ, công chức và người dân; hướng dẫn cài đặt, sử dụng.',
  'Cập nhật thường xuyên, bảo đảm dữ liệu "đúng, đủ, sạch, sống".',
  'Phối hợp với doanh nghiệp viễn thông; ưu tiên các ấp vùng sâu, vùng xa.',
  'Kiểm tra, đánh giá kết quả; khen thưởng tập thể, cá nhân tiêu biểu.',
];
const LEADS = ['Văn phòng HĐND và UBND xã', 'Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'Trung tâm Phục vụ hành chính công', 'Công an xã'];
const TIMES = ['Quý I/2026', 'Quý II/2026', 'Quý I–IV/2026', 'Thường xuyên', 'Tháng 6/2026', 'Quý III–IV/2026', 'Tháng 10/2026'];
const OUTPUTS = ['Báo cáo kết quả', 'Kế hoạch được ban hành', '100% hồ sơ được số hóa', 'Hệ thống vận hành ổn định', '≥ 80% người dân được hướng dẫn', 'Danh sách cập nhật'];
const SUPERVISORS = ['Sở KH&CN', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Công an tỉnh', ''];
const MONITORS = ['Phòng Văn hóa - Xã hội', 'Văn phòng HĐND và UBND xã', ''];

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

/** TSV text of a tasks-detailed table with `rows` task rows spread over ten sections. */
export function scaleTableTsv(rows: number): string {
  const lines = [HEADER.join('\t')];
  const perSection = Math.ceil(rows / SECTIONS.length);
  let made = 0;
  for (let s = 0; s < SECTIONS.length && made < rows; s++) {
    lines.push([`${ROMAN[s]}. ${SECTIONS[s]}`, ...HEADER.slice(1).map(() => '')].join('\t'));
    for (let n = 1; n <= perSection && made < rows; n++, made++) {
      const i = made;
      lines.push(
        [
          String(n),
          `${pick(VERBS, i)} ${pick(OBJECTS, i * 7 + s)} (mục ${made + 1})`,
          pick(DETAILS, i * 5 + 1),
          pick(LEADS, i * 3 + s),
          pick(TIMES, i),
          pick(OUTPUTS, i * 11),
          pick(SUPERVISORS, i * 13),
          pick(MONITORS, i),
          i % 17 === 0 ? 'Ưu tiên thực hiện sớm' : '',
        ].join('\t'),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
