/** `GET /api/units`: the unit directory (for pickers and the lead column's autocomplete). */
import { unitsResponseSchema } from '@phuluc/domain';
import { Hono } from 'hono';
import { unitsList } from '../store/units.ts';
import { type ApiDeps, type ApiEnv, jsonReply, sessionRequired } from './http.ts';

/** The unit routes, mounted under /api. */
export function unitRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/units', sessionRequired(deps), async (c) => jsonReply(c, unitsResponseSchema, { units: await unitsList(deps.ctx.sql) }));
  return app;
}
