/**
 * The contracts of the session routes: `POST /api/auth/login`, `POST /api/auth/logout`,
 * `GET /api/me`, and the `{ ok: true }` answer other routes share.
 */
import { z } from 'zod';

/** Global roles: an admin manages users, units and plans; everyone else's rights come from plan memberships. */
export const GLOBAL_ROLES = ['admin', 'user'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

/** `POST /api/auth/login`'s body. */
export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(100),
  // Length-capped so a megabyte "password" cannot tie up scrypt.
  password: z.string().min(1).max(200),
});
/** The Vietnamese names of its fields, for validation messages. */
export const LOGIN_BODY_LABELS = { username: 'Tên đăng nhập', password: 'Mật khẩu' } as const;

/** A signed-in person as the API shows them. */
export const apiUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(GLOBAL_ROLES),
});
export type ApiUser = z.infer<typeof apiUserSchema>;

/** `POST /api/auth/login`'s answer: the session token (for clients without cookies), who, and until when. */
export const loginResponseSchema = z.object({ token: z.string(), user: apiUserSchema, expiresAt: z.number() });

/** `GET /api/me`'s answer. */
export const meResponseSchema = z.object({ user: apiUserSchema, expiresAt: z.number() });

/** The answer of a route that only says it did it (logout, delete). */
export const okResponseSchema = z.object({ ok: z.literal(true) });
