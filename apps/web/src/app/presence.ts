/**
 * Who is online in a plan, from the awareness states. The server writes each state's `user`
 * from the session ({ userId, name, unit, role, color }), so it can be trusted for display.
 */

export interface PresencePerson {
  userId: string;
  name: string;
  /** The unit's name, or null (reviewers, viewers). */
  unit: string | null;
  role: string;
  color: string;
  /** Awareness client ids of this person (one per open tab). */
  clientIds: number[];
}

function personOf(state: unknown): Omit<PresencePerson, 'clientIds'> | null {
  if (!state || typeof state !== 'object') return null;
  const user = (state as { user?: unknown }).user;
  if (!user || typeof user !== 'object') return null;
  const u = user as Record<string, unknown>;
  if (typeof u.userId !== 'string' || typeof u.name !== 'string') return null;
  return {
    userId: u.userId,
    name: u.name,
    unit: typeof u.unit === 'string' && u.unit !== '' ? u.unit : null,
    role: typeof u.role === 'string' ? u.role : '',
    color: typeof u.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(u.color) ? u.color : '#5b6770',
  };
}

/** The other people online (one entry per person however many tabs), in a stable order by name. */
export function presencePeople(states: ReadonlyMap<number, unknown>, selfClientId: number, selfUserId: string | null): PresencePerson[] {
  const byUser = new Map<string, PresencePerson>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const person = personOf(state);
    if (!person || person.userId === selfUserId) continue;
    const known = byUser.get(person.userId);
    if (known) known.clientIds.push(clientId);
    else byUser.set(person.userId, { ...person, clientIds: [clientId] });
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.userId.localeCompare(b.userId));
}

/** Two letters for an avatar: the first letters of the first and the last word ("Nguyễn Thị Hoa" → "NH"). */
export function presenceInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (w: string) => [...w][0]?.toLocaleUpperCase('vi') ?? '';
  return last ? `${letter(first)}${letter(last)}` : [...first].slice(0, 2).join('').toLocaleUpperCase('vi');
}
