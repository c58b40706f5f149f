/**
 * Plan memberships: a user's role in one plan (coordinator, editor of a unit, reviewer,
 * viewer). A global admin is 'admin' on every plan without a membership row.
 */
import type { PlanRole } from '@phuluc/domain';
import type { Sql } from '../store/sql.ts';

/** The roles a membership row can hold ('admin' is global, never stored per plan). */
export const MEMBER_ROLES = ['coordinator', 'editor', 'reviewer', 'viewer'] as const satisfies readonly PlanRole[];
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A user's rights in one plan. `unitId` is the editor's unit (others may have one too, for display). */
export interface Membership {
  role: PlanRole;
  unitId: string | null;
}

/**
 * The user's role in a plan: 'admin' for a global admin, else their membership; null when the
 * plan does not exist, is deleted, or the user is not a member (or is disabled).
 */
export async function membershipFor(db: Sql, userId: string, planId: string): Promise<Membership | null> {
  const row = await db.get<{ global_role: 'admin' | 'user'; disabled_at: number | null; role: MemberRole | null; unit_id: string | null }>(
    `SELECT u.role AS global_role, u.disabled_at, m.role, m.unit_id
       FROM users u
       JOIN plans p ON p.id = ? AND p.deleted_at IS NULL
       LEFT JOIN memberships m ON m.user_id = u.id AND m.plan_id = p.id
      WHERE u.id = ?`,
    [planId, userId],
  );
  if (!row || row.disabled_at !== null) return null;
  if (row.global_role === 'admin') return { role: 'admin', unitId: row.unit_id };
  if (!row.role) return null;
  return { role: row.role, unitId: row.unit_id };
}

/** Gives a user a role in a plan, replacing the one they had there. */
export async function membershipSet(
  db: Sql,
  input: { userId: string; planId: string; role: MemberRole; unitId: string | null; now?: number },
): Promise<void> {
  await db.run(
    `INSERT INTO memberships (user_id, plan_id, role, unit_id, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id, plan_id) DO UPDATE SET role = excluded.role, unit_id = excluded.unit_id`,
    [input.userId, input.planId, input.role, input.unitId, input.now ?? Date.now()],
  );
}

/** Removes a user from a plan; returns whether they were a member. */
export async function membershipDelete(db: Sql, userId: string, planId: string): Promise<boolean> {
  return (await db.run('DELETE FROM memberships WHERE user_id = ? AND plan_id = ?', [userId, planId])) > 0;
}

/** One member of a plan with their account's names. */
export interface PlanMember {
  userId: string;
  username: string;
  name: string;
  role: MemberRole;
  unitId: string | null;
}

/** The members of a plan, by role then username. */
export function membershipsOfPlan(db: Sql, planId: string): Promise<PlanMember[]> {
  return db.all<PlanMember>(
    `SELECT m.user_id AS "userId", u.username, u.name, m.role, m.unit_id AS "unitId"
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.plan_id = ? ORDER BY m.role, u.username`,
    [planId],
  );
}
