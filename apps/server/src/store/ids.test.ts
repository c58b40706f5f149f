/** Server ids (users, plans, versions) that a command line never takes for an option. */
import { describe, expect, it } from 'vitest';
import { idCreate } from './ids.ts';

describe('server ids', () => {
  it('never start with "-" among many, and are url-safe, 16 characters and distinct', () => {
    const ids = Array.from({ length: 20_000 }, () => idCreate());
    expect(ids.filter((id) => !/^[A-Za-z][A-Za-z0-9_-]{15}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
