/**
 * Login sessions. A session is a random 32-byte token given to the client once (cookie
 * `phuluc_session`, or `{ token }` for non-browser clients); the database keeps only its
 * SHA-256, so a stolen database file opens no session. Sessions expire after their lifetime
 * without use: each use slides the expiry forward.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Sql } from '../store/sql.ts';
import type { GlobalRole } from '../store/users.ts';

export type { GlobalRole } from '../store/users.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'phuluc_session';

/** The logged-in person behind a request or a connection. */
export interface SessionUser {
  userId: string;
  username: string;
  name: string;
  role: GlobalRole;
  /** When the session expires unless used again (ms since epoch). */
  expiresAt: number;
}

/** The expiry is written back only when it moves by more than this, not on every request. */
const SLIDE_WRITE_MS = 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 of a token, hex: the key of the session row. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session for a user; the token is returned here and nowhere else. */
export async function sessionCreate(
  db: Sql,
  userId: string,
  options: { ttlMs: number; now?: number; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: number }> {
  const now = options.now ?? Date.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + options.ttlMs;
  await db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ttl_ms, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    sessionTokenHash(token),
    userId,
    now,
    expiresAt,
    options.ttlMs,
    options.ip ?? null,
    options.userAgent?.slice(0, 300) ?? null,
  ]);
  return { token, expiresAt };
}

interface SessionJoinRow {
  user_id: string;
  username: string;
  name: string;
  role: GlobalRole;
  disabled_at: number | null;
  expires_at: number;
  ttl_ms: number;
}

/**
 * The user of a valid session token, sliding its expiry forward; null for an unknown,
 * malformed or expired token or a disabled account (an expired row is deleted on the way).
 */
export async function sessionFromToken(db: Sql, token: string, now: number = Date.now()): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = sessionTokenHash(token);
  const row = await db.get<SessionJoinRow>(
    `SELECT s.user_id, s.expires_at, s.ttl_ms, u.username, u.name, u.role, u.disabled_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    [hash],
  );
  if (!row) return null;
  if (row.expires_at <= now) {
    await db.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
    return null;
  }
  if (row.disabled_at !== null) return null;
  let expiresAt = row.expires_at;
  if (now + row.ttl_ms - expiresAt > SLIDE_WRITE_MS) {
    expiresAt = now + row.ttl_ms;
    await db.run('UPDATE sessions SET expires_at = ? WHERE token_hash = ?', [expiresAt, hash]);
  }
  return { userId: row.user_id, username: row.username, name: row.name, role: row.role, expiresAt };
}

/** Ends one session (logout). */
export async function sessionDelete(db: Sql, token: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE token_hash = ?', [sessionTokenHash(token)]);
}

/** Ends every session of a user (password change). */
export function sessionsDeleteForUser(db: Sql, userId: string): Promise<number> {
  return db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
}

/** Deletes expired sessions; returns how many. */
export function sessionsPurgeExpired(db: Sql, now: number = Date.now()): Promise<number> {
  return db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
}

/**
 * The session token a request carries: `Authorization: Bearer …`, else `?token=…` when `query`
 * is given, else the `phuluc_session` cookie. An explicit token wins over the cookie the browser
 * sends along anyway. Only the sync endpoint passes its query: WebSocket clients cannot set
 * headers, while on the API a token in the URL would end up in logs, history and Referer headers.
 */
export function sessionTokenFromRequest(headers: Headers | IncomingHttpHeaders, query: URLSearchParams | null = null): string | null {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : (value ?? null);
  };
  const authorization = get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const fromQuery = query?.get('token');
  if (fromQuery) return fromQuery;
  return cookieValue(get('cookie'), SESSION_COOKIE);
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw.replace(/^"(.*)"$/, '$1')) || null;
    } catch {
      return null;
    }
  }
  return null;
}
