/** Accounts: who can log in, their display name and global role. Passwords are stored hashed only. */
import type { GlobalRole } from '@phuluc/domain';
import { z } from 'zod';
import type { Database } from './db.ts';
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
export function userCreate(
  db: Database,
  input: { username: string; name: string; role: GlobalRole; passwordHash: string; now?: number },
): UserRecord {
  const user: UserRecord = {
    id: idCreate(),
    username: input.username,
    name: input.name,
    role: input.role,
    passwordHash: input.passwordHash,
    createdAt: input.now ?? Date.now(),
    disabledAt: null,
  };
  if (userByUsername(db, input.username)) throw new UsernameTakenError(input.username);
  db.prepare(
    'INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (@id, @username, @name, @role, @passwordHash, @createdAt)',
  ).run(user);
  return user;
}

/** The account with this username (case-insensitive), if any. */
export function userByUsername(db: Database, username: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row && userFromRow(row);
}

/** A person as the activity feed names them: their name, and their unit in one plan (null without one). */
export interface UserInPlan {
  name: string;
  unitId: string | null;
}

/** The names of these accounts and their units in the plan; ids of deleted accounts are left out. */
export function usersInPlan(db: Database, planId: string, userIds: Iterable<string>): Map<string, UserInPlan> {
  const get = db.prepare('SELECT u.name, m.unit_id FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.plan_id = ? WHERE u.id = ?');
  const found = new Map<string, UserInPlan>();
  for (const id of new Set(userIds)) {
    const row = get.get(planId, id) as { name: string; unit_id: string | null } | undefined;
    if (row) found.set(id, { name: row.name, unitId: row.unit_id });
  }
  return found;
}

/** Replaces an account's password hash. */
export function userPasswordSet(db: Database, userId: string, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}

/** Number of accounts (0 on a fresh database). */
export function usersCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Every account, by username. */
export function usersList(db: Database): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(userFromRow);
}
