/** Vietnamese strings of year-round tracking: progress per row and period, the matrix, the timeline (`tracking.*`). */
export const trackingVi = {
  'tracking.tab': 'Theo dõi',
  'tracking.tabTitle': 'Tiến độ thực hiện từng nhiệm vụ theo kỳ báo cáo',
  'tracking.loading': 'Đang tải tiến độ…',
};
