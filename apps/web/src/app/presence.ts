/**
 * Who is online in a plan, from the awareness states. The server writes each state's `user`
 * from the session (the domain's `presenceUserSchema`), so it can be trusted for display once
 * read with `presenceUserRead`: a state without a user id and a name is nobody.
 */
import { PRESENCE_COLOR_NEUTRAL, type PresenceUser, presenceUserRead } from '@phuluc/domain';

/** One person online: their identity (role null when unreadable) and their tabs. */
export interface PresencePerson extends Omit<PresenceUser, 'role'> {
  role: PresenceUser['role'] | null;
  /** Awareness client ids of this person (one per open tab). */
  clientIds: number[];
}

function personOf(state: unknown): Omit<PresencePerson, 'clientIds'> | null {
  if (!state || typeof state !== 'object') return null;
  const user = presenceUserRead((state as { user?: unknown }).user);
  if (!user || user.userId === null || user.name === null) return null;
  return { userId: user.userId, name: user.name, unit: user.unit, role: user.role, color: user.color ?? PRESENCE_COLOR_NEUTRAL };
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
