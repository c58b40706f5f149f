/** The login form: labelled fields, the server's Vietnamese error, the wait after too many attempts. */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLang, useT } from '../i18n/strings.ts';
import { API_UNREACHABLE, ApiFailure, apiLogin } from './api.ts';
import { LangSwitch } from './lang-switch.tsx';
import { navigate, PATHS } from './router.ts';
import { sessionSet } from './session.ts';

export function LoginPage({ next, notice }: { next: string | null; notice?: string | null }) {
  const t = useT();
  const lang = useLang();
  const ids = { user: useId(), pass: useId(), error: useId() };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('app.login.title')} — ${t('app.name')}`;
    userRef.current?.focus();
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(t('app.login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await apiLogin(username.trim(), password);
      sessionSet(user);
      navigate(next ?? PATHS.plans, { replace: true });
    } catch (failure) {
      setPassword('');
      setError(loginErrorText(failure, t, lang));
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <form className="login-card" onSubmit={(event) => void submit(event)} noValidate aria-describedby={error ? ids.error : undefined}>
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1 className="login-title">{t('app.login.title')}</h1>
        {notice && !error ? <p className="form-notice">{notice}</p> : null}
        <div className="field">
          <label htmlFor={ids.user}>{t('app.login.username')}</label>
          <input ref={userRef} id={ids.user} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.pass}>{t('app.login.password')}</label>
          <input id={ids.pass} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {error ? (
          <p id={ids.error} className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary login-submit" disabled={busy}>
          {busy ? t('app.login.submitting') : t('app.login.submit')}
        </button>
      </form>
    </main>
  );
}

/** The server's messages are Vietnamese: shown as they are in Vietnamese; known codes have an English text. */
function loginErrorText(failure: unknown, t: ReturnType<typeof useT>, lang: string): string {
  if (!(failure instanceof ApiFailure)) return t('app.error.generic');
  if (failure.status === API_UNREACHABLE) return t('app.error.network');
  if (failure.code === 'badCredentials') return t('app.login.badCredentials');
  if (failure.status === 429) return lang === 'vi' && failure.message ? failure.message : t('app.error.tooMany');
  return lang === 'vi' && failure.message ? failure.message : t('app.error.generic');
}
