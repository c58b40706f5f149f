/** English strings of a period's report: department and consolidated (`report.*`), typed against vi/report.ts. */
import type { reportVi } from '../vi/report.ts';

export const reportEn: Record<keyof typeof reportVi, string> = {
  'report.loading': 'Preparing the report…',
};
