/** English strings of year-round tracking: progress per row and period, the matrix, the timeline (`tracking.*`), typed against vi/tracking.ts. */
import type { trackingVi } from '../vi/tracking.ts';

export const trackingEn: Record<keyof typeof trackingVi, string> = {
  'tracking.tab': 'Tracking',
  'tracking.tabTitle': 'Progress of every task by reporting period',
  'tracking.loading': 'Loading progress…',
};
