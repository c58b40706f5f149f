/** Vietnamese strings of next year's plan from this one (`nextYear.*`). */
export const nextYearVi = {
  'nextYear.open': 'Tạo kế hoạch năm {year} từ kế hoạch này',
};
