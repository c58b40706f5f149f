/**
 * What the review view needs besides the document: the people of a plan, so comments and
 * review states (which keep only a user id) show a name and a unit.
 * `GET /api/plans/:planId/members` — for every member of the plan.
 */
import { type Member, membersResponseSchema, unitById } from '@phuluc/domain';
import { Hono } from 'hono';
import { membershipsOfPlan } from '../auth/memberships.ts';
import { type ApiDeps, type ApiEnv, jsonReply, sessionRequired } from '../api/http.ts';
import { planAccess } from '../api/plan-routes.ts';

/** The review routes. */
export function reviewRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/plans/:planId/members', sessionRequired(deps));

  app.get('/plans/:planId/members', async (c) => {
    const { plan } = await planAccess(deps, c.get('user'), c.req.param('planId'));
    const members: Member[] = (await membershipsOfPlan(deps.ctx.sql, plan.id)).map((m) => ({
      id: m.userId,
      name: m.name,
      role: m.role,
      unit: m.unitId ? { id: m.unitId, name: unitById(deps.ctx.units, m.unitId)?.name ?? m.unitId } : null,
    }));
    return jsonReply(c, membersResponseSchema, { members });
  });

  return app;
}
