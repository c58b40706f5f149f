/**
 * Next year's plan from this one, as the web app calls it (see apps/server/src/api/next-year-routes.ts):
 * the preview, and the creation of the new plan.
 */
import { type NextYearPreview, nextYearCreateResponseSchema, nextYearPreviewSchema } from '@phuluc/domain';
import type { z } from 'zod';
import { request } from '../app/api.ts';

const nextYearPath = (planId: string): string => `/api/plans/${encodeURIComponent(planId)}/next-year`;

/** The preview of next year's plan (coordinator or admin). */
export function apiNextYearPreview(planId: string): Promise<NextYearPreview> {
  return request('GET', nextYearPath(planId), nextYearPreviewSchema);
}

/** Creates next year's plan, keeping the left-out rows in `include`; `force` makes a second plan of the year. */
export function apiNextYearCreate(
  planId: string,
  body: { include: string[]; force?: boolean },
): Promise<z.output<typeof nextYearCreateResponseSchema>> {
  return request('POST', nextYearPath(planId), nextYearCreateResponseSchema, body);
}
