/**
 * The directory of units as shipped: the exact text of `fixtures/units.tsv` (canonical name,
 * scope, the spellings seen in real plans), embedded because the domain package reads no files
 * (it runs in the browser too). A test keeps it byte for byte equal to the fixture.
 */
export const UNITS_SEED_TSV: string = [
  'canonical\tscope\taliases seen in real plans (separated by " | ")',
  'Văn phòng HĐND và UBND xã\tcommune\tVăn phòng HĐND và UBND xã | Văn phòng HĐND- UBND xã | Văn phòng HĐND - UBND | Văn phòng HĐND-UBND | Văn phòng HĐND&UBND | VP HĐND-UBND | Văn phòng UBND | Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã',
  'Phòng Văn hóa - Xã hội\tcommune\tPhòng Văn hóa – Xã hội xã | Phòng Văn hóa - Xã hội xã | Phòng Văn hoá - Xã hội | Phòng VH-XH | Phòng VH- XH | Phòng VHXH | Phòng VHXXH | Phòng Văn hóa – Xã hội',
  'Phòng Kinh tế\tcommune\tPhòng Kinh tế xã | Phòng KT | Phòng Kinh tế',
  'Trung tâm Phục vụ hành chính công\tcommune\tTrung tâm phục vụ Hành chính công xã | Trung tâm Phục vụ HCC | Trung tâm PV HCC | TT DV HCC | Trung tâm dịch vụ HCC | Trung tâm Phục vụ hành chính công xã',
  'Trung tâm Dịch vụ sự nghiệp công\tcommune\tTrung tâm Dịch vụ công | Trung tâm DV SNC | TT DV SNC | Trung tâm dịch vụ Sự nghiệp công | Trung tâm Dịch vụ sự nghiệp công xã',
  'Trung tâm Văn hóa, Thông tin, Thể thao\tcommune\tTrung tâm Văn hóa, Thông tin, Thể thao và Bảo tồn thiên nhiên núi Chứa Chan',
  'Công an xã\tcommune\tCông an | Công an xã',
  'Ban Chỉ huy Quân sự xã\tcommune\tBan Chỉ huy Quân sự xã',
  'Trạm Y tế xã\tcommune\tTrạm y tế | Trạm Y tế | Trạm Y tế xã',
  'Các trường học\tcommune\tCác trường học trên địa bàn | Các trường phổ thông trên địa bàn | Các trường học thuộc UBND trên địa bàn | Các cơ sở trường học trên địa bàn | Các trường Tiểu học, THCS',
  'Ủy ban nhân dân xã\tcommune\tUBND xã',
  'Ủy ban MTTQ Việt Nam xã\tcommune\tMTTQ và các tổ chức đoàn thể | Ủy ban Mặt trận tổ quốc, đoàn thể | UBMTTQ | Hội đoàn thể',
  'Đoàn Thanh niên xã\tcommune\tXã đoàn | Đoàn Thanh niên xã',
  'Hội Liên hiệp Phụ nữ xã\tcommune\tHội LHPN xã',
  'Tổ công nghệ số cộng đồng\tcommune\tTổ CDS cộng đồng | Tổ chuyển đổi số cộng đồng | Tổ Công nghệ số cộng đồng | Tổ CNSCĐ',
  'Thôn, ấp\tcommune\tThôn | các thôn | Ban Nhân dân các ấp',
  'Sở Khoa học và Công nghệ\tprovince\tSở KH&CN | Sở Khoa học và Công nghệ',
  'Văn phòng UBND tỉnh\tprovince\tVP UBND tỉnh | VPUBND tỉnh',
  'Công an tỉnh\tprovince\tCông an tỉnh',
  'Sở Văn hóa, Thể thao và Du lịch\tprovince\tsở VH TT &DL tỉnh',
  'Sở Nội vụ\tprovince\tSở Nội vụ',
  'Sở Công Thương\tprovince\tSở Công Thương',
  'Sở Y tế\tprovince\tSở Y tế',
  'Sở Giáo dục và Đào tạo\tprovince\tSở Giáo dục và Đào tạo',
  'Ngân hàng Nhà nước chi nhánh tỉnh\tprovince\tNHNN chi nhánh tỉnh',
  'Các doanh nghiệp viễn thông\toutside\tCác đơn vị viễn thông | Các doanh nghiệp viễn thông | nhà mạng',
  'Các ngân hàng\toutside\tngân hàng | Ngân hàng/đơn vị trung gian | các Ngân hàng trên địa bàn',
  'Bưu điện\toutside\tbưu chính | Bưu điện',
  'Các cơ quan, đơn vị liên quan\tgroup\tCác cơ quan, đơn vị liên quan | Các cơ quan, đơn vị có liên quan | Các phòng chuyên môn | Các cơ quan, đơn vị, trực thuộc UBND xã | Các phòng, trung tâm',
  '',
].join('\n');

/**
 * Spellings seen in real plans that the shared units.tsv does not list yet, by unit id. They are
 * added to the shipped directory on top of the seed.
 */
export const UNITS_EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // Xuân Lộc 2026 writes the group without "liên quan" (30 rows of its indicator table).
  'cac-co-quan-don-vi-lien-quan': ['Các cơ quan, đơn vị'],
};
