/** The app: who is signed in, and which screen the path asks for. */
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/strings.ts';
import { LoginPage } from './login-page.tsx';
import { PlanListPage } from './plan-list-page.tsx';
import { PlanPage } from './plan-page.tsx';
import { ReportPage } from '../progress/report-page.tsx';
import { ComparePage } from './versions-compare.tsx';
import { VersionPage } from './versions-view.tsx';
import { linkClick, loginPath, navigate, PATHS, useRoute } from './router.ts';
import { sessionRefresh, sessionSet, useSession } from './session.ts';
import { Toasts } from './toasts.tsx';

export function App() {
  const t = useT();
  const route = useRoute();
  const user = useSession();
  const [loginNotice, setLoginNotice] = useState<string | null>(null);

  useEffect(() => {
    void sessionRefresh();
  }, []);

  /** The session ended (expired, logged out elsewhere): back to the login page, then here again. */
  const onUnauthenticated = useCallback(() => {
    setLoginNotice(t('app.login.sessionExpired'));
    sessionSet(null);
    navigate(loginPath(`${window.location.pathname}${window.location.search}`), { replace: true });
  }, [t]);

  // Redirects: home → plans; a page that needs a session → login; login with a session → plans.
  useEffect(() => {
    if (user === undefined) return;
    if (route.name === 'home') navigate(user ? PATHS.plans : PATHS.login, { replace: true });
    else if (!user && (route.name === 'plans' || route.name === 'plan' || route.name === 'review' || route.name === 'version' || route.name === 'compare' || route.name === 'tracking' || route.name === 'report')) navigate(loginPath(`${window.location.pathname}${window.location.search}`), { replace: true });
    else if (user && route.name === 'login') navigate(route.next ?? PATHS.plans, { replace: true });
  }, [route, user]);

  let screen;
  if (user === undefined) screen = <p className="muted page-loading">{t('app.loading')}</p>;
  else if (route.name === 'login' || !user) screen = <LoginPage next={route.name === 'login' ? route.next : null} notice={loginNotice} />;
  else if (route.name === 'plans' || route.name === 'home') screen = <PlanListPage user={user} onUnauthenticated={onUnauthenticated} />;
  else if (route.name === 'plan') screen = <PlanPage key={route.planId} user={user} planId={route.planId} tableId={route.tableId} onUnauthenticated={onUnauthenticated} />;
  // The same PlanPage (same key, same place): switching between the grid and the review overview keeps the connection.
  else if (route.name === 'review') screen = <PlanPage key={route.planId} user={user} planId={route.planId} tableId={route.tableId} onUnauthenticated={onUnauthenticated} view="review" />;
  else if (route.name === 'tracking') screen = <PlanPage key={route.planId} user={user} planId={route.planId} tableId={null} periodId={route.periodId} onUnauthenticated={onUnauthenticated} view="tracking" />;
  else if (route.name === 'report') screen = <ReportPage key={`${route.planId}:${route.periodId}`} user={user} planId={route.planId} periodId={route.periodId} unitId={route.unitId} onUnauthenticated={onUnauthenticated} />;
  else if (route.name === 'version') screen = <VersionPage key={route.versionId} user={user} planId={route.planId} versionId={route.versionId} tableId={route.tableId} onUnauthenticated={onUnauthenticated} />;
  else if (route.name === 'compare') screen = <ComparePage key={route.planId} user={user} planId={route.planId} tableId={route.tableId} from={route.from} to={route.to} onUnauthenticated={onUnauthenticated} />;
  else
    screen = (
      <main className="page-main">
        <h1>{t('app.notFound.title')}</h1>
        <a href={PATHS.plans} onClick={(e) => linkClick(e, PATHS.plans)}>
          {t('app.notFound.back')}
        </a>
      </main>
    );

  return (
    <>
      {screen}
      <Toasts />
    </>
  );
}
