/** Random identifiers for rows the server creates (users, plans). */
import { randomBytes } from 'node:crypto';

/** A random url-safe id of 16 characters (96 bits). */
export function idCreate(): string {
  return randomBytes(12).toString('base64url');
}
