/** Accounts: who can log in, their display name and global role. Passwords are stored hashed only. */
import type { GlobalRole } from '@phuluc/domain';
import { z } from 'zod';
import type { Sql } from './sql.ts';
import { idCreate } from './ids.ts';

export type { GlobalRole };

/** Usernames: 2–40 latin letters, digits, dot, dash, underscore (typed on any keyboard, no diacritics). */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, 'Tên đăng nhập gồm 2–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.');

/** Display names: what colleagues see next to a cell ("Nguyễn Văn A", "Phòng Kinh tế"). */
export const displayNameSchema = z.string().trim().min(1, 'Tên hiển thị không được để trống.').max(120, 'Tên hiển thị quá dài.');

/** A stored account. */
export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: GlobalRole;
  passwordHash: string;
  createdAt: number;
  disabledAt: number | null;
}

interface UserRow {
  id: string;
  username: string;
  name: string;
  role: GlobalRole;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** Thrown by `userCreate` for a username already taken; the caller says so in its own words (the message is Vietnamese). */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`Tên đăng nhập «${username}» đã có người dùng.`);
    this.name = 'UsernameTakenError';
  }
}

/** Creates an account; a username already taken (in any case) throws `UsernameTakenError`. */
export async function userCreate(
  db: Sql,
  input: { username: string; name: string; role: GlobalRole; passwordHash: string; now?: number },
): Promise<UserRecord> {
  const user: UserRecord = {
    id: idCreate(),
    username: input.username,
    name: input.name,
    role: input.role,
    passwordHash: input.passwordHash,
    createdAt: input.now ?? Date.now(),
    disabledAt: null,
  };
  // The unique index on lower(username) decides a race between two creations.
  const added = await db.run(
    'INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    [user.id, user.username, user.name, user.role, user.passwordHash, user.createdAt],
  );
  if (added === 0) throw new UsernameTakenError(input.username);
  return user;
}

/** The account with this username (case-insensitive), if any. */
export async function userByUsername(db: Sql, username: string): Promise<UserRecord | undefined> {
  const row = await db.get<UserRow>('SELECT * FROM users WHERE lower(username) = lower(?)', [username]);
  return row && userFromRow(row);
}

/** A person as the activity feed names them: their name, and their unit in one plan (null without one). */
export interface UserInPlan {
  name: string;
  unitId: string | null;
}

/** The names of these accounts and their units in the plan; ids of deleted accounts are left out. */
export async function usersInPlan(db: Sql, planId: string, userIds: Iterable<string>): Promise<Map<string, UserInPlan>> {
  const found = new Map<string, UserInPlan>();
  for (const id of new Set(userIds)) {
    const row = await db.get<{ name: string; unit_id: string | null }>(
      'SELECT u.name, m.unit_id FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.plan_id = ? WHERE u.id = ?',
      [planId, id],
    );
    if (row) found.set(id, { name: row.name, unitId: row.unit_id });
  }
  return found;
}

/** Replaces an account's password hash. */
export async function userPasswordSet(db: Sql, userId: string, passwordHash: string): Promise<void> {
  await db.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, userId]);
}

/** Number of accounts (0 on a fresh database). */
export async function usersCount(db: Sql): Promise<number> {
  return ((await db.get<{ n: number }>('SELECT count(*) AS n FROM users')) as { n: number }).n;
}

/** Every account, by username. */
export async function usersList(db: Sql): Promise<UserRecord[]> {
  return (await db.all<UserRow>('SELECT * FROM users ORDER BY username')).map(userFromRow);
}
