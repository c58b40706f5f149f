/** English strings of next year's plan from this one (`nextYear.*`), typed against vi/nextYear.ts. */
import type { nextYearVi } from '../vi/nextYear.ts';

export const nextYearEn: Record<keyof typeof nextYearVi, string> = {
  'nextYear.open': 'Create the {year} plan from this one',
};
