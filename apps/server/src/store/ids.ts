/** Random identifiers for rows the server creates (users, plans, versions). */
import { randomBytes } from 'node:crypto';
import { idFromBytes } from '@phuluc/domain';

/** A random url-safe id of 16 characters (95 bits), starting with a letter (see `idFromBytes`). */
export function idCreate(): string {
  return idFromBytes(randomBytes(16));
}
