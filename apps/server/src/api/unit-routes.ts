/** `GET /api/units`: the unit directory (for pickers and the lead column's autocomplete). */
import { Hono } from 'hono';
import { unitsList } from '../store/units.ts';
import { type ApiDeps, type ApiEnv, sessionRequired } from './http.ts';

/** The unit routes, mounted under /api. */
export function unitRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/units', sessionRequired(deps), (c) => c.json({ units: unitsList(deps.ctx.db) }));
  return app;
}
