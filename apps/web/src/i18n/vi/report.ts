/** Vietnamese strings of a period's report: department and consolidated (`report.*`). */
export const reportVi = {
  'report.loading': 'Đang chuẩn bị báo cáo…',
};
