/**
 * Next year's plan from this one (`progress/next-year.ts`):
 *
 *   GET  /api/plans/:planId/next-year   → `nextYearPreviewSchema` (coordinator or admin)
 *   POST /api/plans/:planId/next-year   `nextYearCreateBodySchema` → 201 `nextYearCreateResponseSchema`
 */
import { z } from 'zod';
import { planCreateResponseSchema } from './plans.ts';

/** `POST /api/plans/:planId/next-year`'s body: the left-out rows to keep, and optional new names. */
export const nextYearCreateBodySchema = z.object({
  include: z.array(z.string().min(1).max(100)).max(10_000).default([]),
  commune: z.string().trim().min(1).max(100).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  /** Create even though the commune has a plan of that year already. */
  force: z.boolean().optional(),
});
/** The Vietnamese names of its fields, for validation messages. */
export const NEXT_YEAR_CREATE_BODY_LABELS = {
  include: 'Dòng giữ lại',
  commune: 'Tên xã',
  title: 'Tên kế hoạch',
  force: 'Tạo thêm',
} as const;

/** The new plan and its tables (as `POST /api/plans` answers, with no import notes). */
export const nextYearCreateResponseSchema = planCreateResponseSchema.omit({ notes: true });
