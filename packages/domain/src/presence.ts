/**
 * Presence: who is in a plan, as the awareness states carry it. The server writes each state's
 * `user` from the session (`presenceUserSchema`), so nobody can appear as someone else; clients
 * add their own fields (cell, selection, editing, view) beside it and read others' `user` with
 * `presenceUserRead`, which keeps only what meets the contract.
 */
import { z } from 'zod';
import { PLAN_ROLES } from './permissions.ts';

/** The colours people are shown in (cursors, avatars). */
export const PRESENCE_COLORS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#6a4c93', '#2a9d8f', '#e76f51', '#3d5a80', '#8d6a9f', '#588157'] as const;

/** The colour shown for a person whose colour is malformed. */
export const PRESENCE_COLOR_NEUTRAL = '#5b6770';

/** A colour safe to put in CSS: `#rgb` to `#rrggbbaa`, nothing else. */
export const presenceColorSchema = z.string().regex(/^#[0-9a-fA-F]{3,8}$/);

/** A stable colour for a key: a user id (the server's choice), or a client id when nothing better is known. */
export function presenceColorFor(key: string | number): string {
  let h = 0;
  if (typeof key === 'number') h = Math.abs(Math.trunc(key));
  else for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length] as string;
}

/** The identity the server writes into every awareness state's `user`. */
export const presenceUserSchema = z.object({
  userId: z.string().min(1),
  name: z.string(),
  /** The unit's name, or null (reviewers, viewers). */
  unit: z.string().min(1).nullable(),
  role: z.enum(PLAN_ROLES),
  color: presenceColorSchema,
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** `user` as read from another client's state: each field when it meets the contract, else null; nothing else. */
const presenceUserReadSchema = z.object({
  userId: presenceUserSchema.shape.userId.nullable().catch(null),
  name: presenceUserSchema.shape.name.nullable().catch(null),
  unit: presenceUserSchema.shape.unit.catch(null),
  role: presenceUserSchema.shape.role.nullable().catch(null),
  color: presenceUserSchema.shape.color.nullable().catch(null),
});
export type PresenceUserRead = z.infer<typeof presenceUserReadSchema>;

/**
 * Reads the `user` of an awareness state defensively (any client may write anything into its
 * own state, and a state may be seen before the server rewrote it): null when it is not an
 * object; otherwise every field of `presenceUserSchema`, null where malformed, extra fields dropped.
 */
export function presenceUserRead(raw: unknown): PresenceUserRead | null {
  const read = presenceUserReadSchema.safeParse(raw);
  return read.success ? read.data : null;
}
