/**
 * Who else has the plan open, compact enough for the plan's one-line header: a stack of
 * coloured avatars with initials (name and unit in each one's tooltip and for screen readers),
 * «+N» past the first few, and how many people there are.
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useT } from '../i18n/strings.ts';
import { type PresencePerson, presenceInitials, presencePeople } from './presence.ts';

const SHOWN = 4;

function samePeople(a: readonly PresencePerson[], b: readonly PresencePerson[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.userId === q.userId && p.name === q.name && p.unit === q.unit && p.color === q.color && p.role === q.role;
  });
}

/** The other people online, re-read when someone arrives or leaves (not when they move their cursor). */
export function usePresence(awareness: Awareness | null, selfUserId: string): PresencePerson[] {
  const [people, setPeople] = useState<PresencePerson[]>([]);
  useEffect(() => {
    if (!awareness) {
      setPeople([]);
      return;
    }
    const read = () => {
      const next = presencePeople(awareness.getStates(), awareness.clientID, selfUserId);
      setPeople((prev) => (samePeople(prev, next) ? prev : next));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, selfUserId]);
  return people;
}

export function PresenceAvatars({ people }: { people: readonly PresencePerson[] }) {
  const t = useT();
  if (people.length === 0) return null;
  const shown = people.slice(0, SHOWN);
  const more = people.length - shown.length;
  const labelOf = (p: PresencePerson): string => (p.unit ? `${p.name} — ${p.unit}` : p.name);
  return (
    <div className="presence-stack" title={people.map(labelOf).join('\n')}>
      <ul className="presence" aria-label={t('app.presence.label')} data-testid="presence">
        {shown.map((p) => (
          <li key={p.userId} className="presence-person" title={labelOf(p)} data-user-id={p.userId}>
            <span className="avatar" style={{ backgroundColor: p.color }} aria-hidden="true">
              {presenceInitials(p.name)}
            </span>
            <span className="presence-text visually-hidden">
              <span className="presence-name">{p.name}</span>
              {p.unit ? <span className="presence-unit">{p.unit}</span> : null}
            </span>
          </li>
        ))}
        {more > 0 ? (
          <li className="presence-more" title={people.slice(SHOWN).map(labelOf).join('\n')}>
            {t('app.presence.more', { count: more })}
          </li>
        ) : null}
      </ul>
      <span className="presence-count" data-testid="presence-count">
        {t('app.presence.count', { count: people.length })}
      </span>
    </div>
  );
}
