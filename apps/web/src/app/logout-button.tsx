/** Signs out (the session ends on the server too) and returns to the login page. */
import { useState } from 'react';
import { useT } from '../i18n/strings.ts';
import { apiLogout } from './api.ts';
import { navigate, PATHS } from './router.ts';
import { sessionSet } from './session.ts';

export function LogoutButton() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        // Offline: the cookie stays until it expires, but this tab forgets the person.
        void apiLogout()
          .catch(() => undefined)
          .then(() => {
            sessionSet(null);
            navigate(PATHS.login, { replace: true });
          });
      }}
    >
      {t('app.logout')}
    </button>
  );
}
