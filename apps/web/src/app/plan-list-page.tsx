/** The plans the person may open: commune, year, number of tables, their role (and unit). */
import type { PlanRole } from '@phuluc/domain';
import { useEffect, useState } from 'react';
import { type StringKey, useT } from '../i18n/strings.ts';
import { API_UNREACHABLE, ApiFailure, type ApiPlanSummary, type ApiUser, apiPlans } from './api.ts';
import { linkClick, PATHS } from './router.ts';
import { TopBar } from './top-bar.tsx';

export function roleKey(role: PlanRole): StringKey {
  return `app.role.${role}`;
}

export function PlanListPage({ user, onUnauthenticated }: { user: ApiUser; onUnauthenticated: () => void }) {
  const t = useT();
  const [plans, setPlans] = useState<ApiPlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('app.plans.title')} — ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    let live = true;
    apiPlans().then(
      (list) => live && setPlans(list),
      (failure: unknown) => {
        if (!live) return;
        if (failure instanceof ApiFailure && failure.status === 401) onUnauthenticated();
        else setError(failure instanceof ApiFailure && failure.status !== API_UNREACHABLE ? failure.message : t('app.error.network'));
      },
    );
    return () => {
      live = false;
    };
  }, [onUnauthenticated, t]);

  return (
    <div className="page">
      <TopBar user={user} />
      <main className="page-main plan-list">
        <h1>{t('app.plans.title')}</h1>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : plans === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : plans.length === 0 ? (
          <p className="muted">{t('app.plans.empty')}</p>
        ) : (
          <table className="plan-table">
            <thead>
              <tr>
                <th scope="col">{t('app.plans.plan')}</th>
                <th scope="col">{t('app.plans.commune')}</th>
                <th scope="col">{t('app.plans.year')}</th>
                <th scope="col">{t('app.plans.tables')}</th>
                <th scope="col">{t('app.plans.role')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <td className="plan-title-cell">
                    <a href={PATHS.plan(plan.id)} onClick={(e) => linkClick(e, PATHS.plan(plan.id))}>
                      {plan.title}
                    </a>
                  </td>
                  <td data-label={t('app.plans.commune')}>
                    {plan.commune}
                    {plan.province ? <span className="muted">, {plan.province}</span> : null}
                  </td>
                  <td data-label={t('app.plans.year')}>{plan.year}</td>
                  <td data-label={t('app.plans.tables')}>{plan.tables}</td>
                  <td data-label={t('app.plans.role')}>
                    <span className={`role-badge role-${plan.myRole}`}>{t(roleKey(plan.myRole))}</span>
                    {plan.myUnit ? <span className="unit-name">{plan.myUnit.name}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
