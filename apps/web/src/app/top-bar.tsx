/** The bar at the top of the plan list: the app's name, who is signed in, language, logout. */
import type { ReactNode } from 'react';
import { useT } from '../i18n/strings.ts';
import type { ApiUser } from './api.ts';
import { LangSwitch } from './lang-switch.tsx';
import { LogoutButton } from './logout-button.tsx';
import { linkClick, PATHS } from './router.ts';

export function TopBar({ user, children }: { user: ApiUser; children?: ReactNode }) {
  const t = useT();
  return (
    <header className="top-bar">
      <a className="brand" href={PATHS.plans} onClick={(e) => linkClick(e, PATHS.plans)}>
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </a>
      <div className="top-bar-middle">{children}</div>
      <div className="top-bar-end">
        <span className="user-name" title={t('app.user.signedInAs', { name: user.name })}>
          {user.name}
        </span>
        <LangSwitch />
        <LogoutButton />
      </div>
    </header>
  );
}
