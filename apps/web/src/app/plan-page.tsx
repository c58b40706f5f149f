/**
 * A plan: header (title, commune and year, save state, who is online, the person, language,
 * logout), one tab per table of the document (titles live), the grid of the active table, and
 * notices. The document is opened through plan-connection.ts; if the server refuses a change
 * (4403) the local copy is set aside there and a new connection is opened here, which writes
 * again what may be written; text that may not be written any more is kept for the person in
 * the «Nội dung chưa được ghi» dialog (kept-edits-dialog.tsx), as is an open editor's text when
 * its row goes away under it.
 */
import { type Actor, type UnitDirectory, unitDirectoryCreate, unitDirectoryDefault } from '@phuluc/domain';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/strings.ts';
import { keptEditsAdd, keptEditsKey, type KeptNotice } from '../sync/kept-edits.ts';
import { type PlanConnection, planConnectionOpen, type RecoveryResult } from '../sync/plan-connection.ts';
import { API_UNREACHABLE, ApiFailure, type ApiPlanDetail, type ApiUser, apiPlan, apiUnits } from './api.ts';
import { GridSlot } from './grid-slot.tsx';
import { LangSwitch } from './lang-switch.tsx';
import { LogoutButton } from './logout-button.tsx';
import { usePlanMeta, useTableTabs } from './plan-doc-hooks.ts';
import { ReportReminderNotice } from '../progress/report-reminder.tsx';
import { TrackingView } from '../progress/tracking-view.tsx';
import { roleKey } from './plan-list-page.tsx';
import { PresenceAvatars, usePresence } from './presence-avatars.tsx';
import { linkClick, navigate, PATHS } from './router.ts';
import { SaveStateBadge, useSaveState } from './save-state-badge.tsx';
import { useSessionOffline } from './session.ts';
import { testHooksInstall } from './test-hooks.ts';
import { toast } from './toasts.tsx';
import { VersionsButton } from './versions-panel.tsx';
import { ExportMenu } from './export-menu.tsx';
import { CommentInbox } from '../review/comment-inbox.tsx';
import { ReviewProvider } from '../review/review-context.tsx';
import { ReviewPage } from './review-page.tsx';
import { ImportButton } from './import-dialog.tsx';
import { KeptEditsDialog } from './kept-edits-dialog.tsx';

type DetailState = { status: 'loading' } | { status: 'ready'; detail: ApiPlanDetail } | { status: 'failed'; message: string };

const detailCacheKey = (planId: string, userId: string) => `phuluc.plan.${planId}.${userId}`;

/** The plan's API answer, kept so the page still opens from IndexedDB when the server is unreachable. */
function detailCached(planId: string, userId: string): ApiPlanDetail | null {
  try {
    const raw = window.localStorage.getItem(detailCacheKey(planId, userId));
    return raw ? (JSON.parse(raw) as ApiPlanDetail) : null;
  } catch {
    return null;
  }
}

let unitsPromise: Promise<UnitDirectory> | null = null;

/** The unit directory from the server (once per tab); the shipped one if the server cannot say. */
function unitsLoad(): Promise<UnitDirectory> {
  unitsPromise ??= apiUnits().then(
    (units) => unitDirectoryCreate(units),
    () => {
      unitsPromise = null;
      return unitDirectoryDefault();
    },
  );
  return unitsPromise;
}

/**
 * `view`: the grid of the active table, the review overview ("Tổng quan duyệt", /ke-hoach/:id/duyet)
 * or the year-round tracking ("Theo dõi", /ke-hoach/:id/theo-doi, at `periodId` or the current period).
 */
export function PlanPage({
  user,
  planId,
  tableId,
  onUnauthenticated,
  view = 'grid',
  periodId = null,
}: {
  user: ApiUser;
  planId: string;
  tableId: string | null;
  onUnauthenticated: () => void;
  view?: 'grid' | 'review' | 'tracking';
  periodId?: string | null;
}) {
  const t = useT();
  const [detailState, setDetailState] = useState<DetailState>({ status: 'loading' });
  const [units, setUnits] = useState<UnitDirectory | null>(null);
  const [conn, setConn] = useState<PlanConnection | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [notFound, setNotFound] = useState(false);
  /** Bumped when the server says my rights changed: the plan's detail (my role) is read again. */
  const [detailVersion, setDetailVersion] = useState(0);
  const onUnauthRef = useRef(onUnauthenticated);
  onUnauthRef.current = onUnauthenticated;
  /** Who I am in this plan now (read by the connection when it writes again what a refusal set aside). */
  const actorRef = useRef<Actor | null>(null);

  // The plan's meta and my role in it.
  useEffect(() => {
    let live = true;
    // A re-read keeps the page (and its connection) as it is until the answer arrives.
    setDetailState((prev) => (prev.status === 'ready' && detailVersion > 0 ? prev : { status: 'loading' }));
    apiPlan(planId).then(
      (detail) => {
        if (!live) return;
        try {
          window.localStorage.setItem(detailCacheKey(planId, user.id), JSON.stringify(detail));
        } catch {
          // storage full: only offline opening suffers
        }
        setDetailState({ status: 'ready', detail });
      },
      (failure: unknown) => {
        if (!live) return;
        if (failure instanceof ApiFailure && failure.status === 401) {
          onUnauthRef.current();
          return;
        }
        const cached = failure instanceof ApiFailure && failure.status === API_UNREACHABLE ? detailCached(planId, user.id) : null;
        if (cached) setDetailState({ status: 'ready', detail: cached });
        else if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 403)) setDetailState({ status: 'failed', message: failure.status === 404 ? t('app.plan.notFound') : failure.message });
        else setDetailState({ status: 'failed', message: failure instanceof ApiFailure && failure.status !== API_UNREACHABLE ? failure.message : t('app.error.network') });
      },
    );
    return () => {
      live = false;
    };
    // `t` only words the failure: a language switch must not reload the plan.
  }, [planId, user.id, detailVersion]);

  useEffect(() => {
    let live = true;
    void unitsLoad().then((dir) => live && setUnits(dir));
    return () => {
      live = false;
    };
  }, []);

  const ready = detailState.status === 'ready';

  // The document: opened once the server has said we may see the plan; reopened after a refusal.
  useEffect(() => {
    if (!ready) return;
    setLoaded(false);
    setNotFound(false);
    const opened = planConnectionOpen(
      planId,
      { userId: user.id },
      {
        onUnauthenticated: () => onUnauthRef.current(),
        onRefused: (reason) => {
          toast(reason ? t('app.plan.forbidden', { reason: reasonTrim(reason) }) : t('app.plan.forbiddenNoReason'), 'error');
          setGeneration((g) => g + 1);
        },
        onRecovered: (result) => {
          const notice = recoveryNotice(result);
          if (notice) keptEditsAdd(keptEditsKey(planId, user.id), notice);
          else if (result.dropped > 0) toast(t('kept.dropped', { count: result.dropped }), 'error');
          if (result.written > 0) toast(t('kept.recovered', { count: result.written }));
        },
        actor: () => actorRef.current,
        onNotFound: () => setNotFound(true),
        onRightsChanged: () => setDetailVersion((v) => v + 1),
      },
    );
    setConn(opened);
    let live = true;
    void opened.whenLoaded.then(() => live && setLoaded(true));
    const withdraw = testHooksInstall(planId, opened);
    return () => {
      live = false;
      withdraw();
      opened.destroy();
      setConn((c) => (c === opened ? null : c));
    };
    // `t` words notices only: a language switch must not reopen the document.
  }, [ready, planId, user.id, generation]);

  const detail = detailState.status === 'ready' ? detailState.detail : null;
  const doc = conn?.doc ?? null;
  const liveMeta = usePlanMeta(loaded ? doc : null);
  const docTabs = useTableTabs(loaded ? doc : null);
  const tabs = loaded && docTabs.length > 0 ? docTabs : (detail?.tables.map((tab) => ({ id: tab.id, title: tab.title })) ?? []);
  const activeId = tabs.some((tab) => tab.id === tableId) ? tableId : (tabs[0]?.id ?? null);
  const saveState = useSaveState(conn);
  const people = usePresence(conn?.awareness ?? null, user.id);
  const offline = useSessionOffline();

  const title = liveMeta?.title || detail?.plan.title || '';
  const commune = liveMeta?.commune || detail?.plan.commune || '';
  const year = liveMeta?.year || detail?.plan.year || 0;

  useEffect(() => {
    document.title = title ? `${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);

  const actor: Actor | null = useMemo(() => (detail ? { userId: user.id, role: detail.myRole, unitId: detail.myUnit?.id ?? null } : null), [detail, user.id]);
  actorRef.current = actor;
  const onNotice = useCallback((message: string) => toast(message), []);
  const onKept = useCallback((notice: KeptNotice) => keptEditsAdd(keptEditsKey(planId, user.id), notice), [planId, user.id]);

  const selectTab = (id: string) => navigate(PATHS.plan(planId, id), { replace: true });

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    selectTab(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  };

  if (detailState.status === 'failed' || notFound) {
    return (
      <div className="page">
        <main className="page-main">
          <p className="form-error" role="alert">
            {notFound ? t('app.plan.notFound') : detailState.status === 'failed' ? detailState.message : ''}
          </p>
          <a href={PATHS.plans} onClick={(e) => linkClick(e, PATHS.plans)}>
            {t('app.plan.back')}
          </a>
        </main>
      </div>
    );
  }

  const reviewing = view === 'review';
  const tracking = view === 'tracking';
  const panelOf = reviewing ? 'review' : tracking ? 'tracking' : null;
  return (
    <ReviewProvider planId={planId} doc={loaded && conn ? conn.doc : null} actor={actor} units={units} syncedOnce={conn ? conn.syncedOnce : syncedNever} onReviewPage={reviewing}>
    <div className="page plan-page">
      {/* One line (a 1366×768 laptop keeps its height for the table): back, title, save state, who is online, menus, the person. */}
      <header className="plan-header">
        <a className="back-link" href={PATHS.plans} onClick={(e) => linkClick(e, PATHS.plans)} aria-label={t('app.plan.backLabel')} title={t('app.plan.backLabel')}>
          ←
        </a>
        <div className="plan-heading">
          <h1 className="plan-title" title={title || undefined}>
            {title || t('app.loading')}
          </h1>
          {commune ? <p className="plan-sub">{t('app.plan.communeYear', { commune, year })}</p> : null}
        </div>
        <div className="plan-status">
          <SaveStateBadge state={saveState} />
          <PresenceAvatars people={people} />
          <CommentInbox />
          <VersionsButton planId={planId} tableId={activeId} role={detail?.myRole ?? null} />
          <ImportButton planId={planId} role={detail?.myRole ?? null} onImported={(id) => navigate(PATHS.plan(planId, id), { replace: true })} />
          <ExportMenu planId={planId} tableId={activeId} />
        </div>
        <div className="plan-user">
          <span className="user-chip" title={t('app.user.signedInAs', { name: user.name })}>
            <span className="user-name">{user.name}</span>
            {offline ? (
              <span className="user-offline" title={t('app.user.offlineTitle')} data-testid="session-offline">
                {t('app.user.offline')}
              </span>
            ) : null}
            {detail ? (
              <span className="user-role">
                {t(roleKey(detail.myRole))}
                {detail.myUnit ? ` · ${detail.myUnit.name}` : ''}
              </span>
            ) : null}
          </span>
          <LangSwitch />
          <LogoutButton />
        </div>
      </header>

      {tabs.length > 0 ? (
        <div className="table-tabs" role="tablist" aria-label={t('app.plan.tables')}>
          {tabs.map((tab, index) => {
            const selected = tab.id === activeId && !panelOf;
            return (
              <button
                key={tab.id}
                id={`tab-${tab.id}`}
                type="button"
                role="tab"
                className="table-tab"
                aria-selected={selected}
                aria-controls={`panel-${tab.id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => selectTab(tab.id)}
                onKeyDown={(e) => onTabKey(e, index)}
              >
                {tab.title || t('app.plan.untitledTable', { n: index + 1 })}
              </button>
            );
          })}
          <button
            id="tab-review"
            type="button"
            role="tab"
            className="table-tab rv-tab-link"
            aria-selected={reviewing}
            aria-controls="panel-review"
            tabIndex={reviewing ? 0 : -1}
            title={t('review.tabTitle')}
            onClick={() => navigate(PATHS.review(planId, activeId))}
          >
            {t('review.tab')}
          </button>
          <button
            id="tab-tracking"
            type="button"
            role="tab"
            className="table-tab rv-tab-link"
            aria-selected={tracking}
            aria-controls="panel-tracking"
            tabIndex={tracking ? 0 : -1}
            title={t('tracking.tabTitle')}
            onClick={() => navigate(PATHS.tracking(planId))}
          >
            {t('tracking.tab')}
          </button>
        </div>
      ) : null}

      <div
        className="plan-body"
        role={activeId ? 'tabpanel' : undefined}
        id={panelOf ? `panel-${panelOf}` : activeId ? `panel-${activeId}` : undefined}
        aria-labelledby={panelOf ? `tab-${panelOf}` : activeId ? `tab-${activeId}` : undefined}
      >
        {!ready || !conn || !loaded || !units || !actor ? (
          <p className="muted plan-loading">{t('app.plan.loadingDoc')}</p>
        ) : reviewing ? (
          <ReviewPage
            planId={planId}
            doc={conn.doc}
            awareness={conn.awareness}
            units={units}
            planYear={year || new Date().getFullYear()}
            selfUserId={user.id}
            tableId={activeId}
          />
        ) : tracking ? (
          <TrackingView planId={planId} doc={conn.doc} actor={actor} units={units} planYear={year || new Date().getFullYear()} periodId={periodId} />
        ) : !activeId ? (
          <p className="muted plan-loading">{t('app.plan.noTables')}</p>
        ) : (
          <GridSlot
            key={`${activeId}:${generation}`}
            doc={conn.doc}
            tableId={activeId}
            actor={actor}
            units={units}
            awareness={conn.awareness}
            planYear={year || new Date().getFullYear()}
            onNotice={onNotice}
            onKept={onKept}
          />
        )}
      </div>
      <KeptEditsDialog planId={planId} userId={user.id} />
      {conn && loaded && units && actor ? <ReportReminderNotice planId={planId} doc={conn.doc} actor={actor} units={units} planYear={year || new Date().getFullYear()} /> : null}
    </div>
    </ReviewProvider>
  );
}

const syncedNever = (): boolean => false;

/** The server's reason without its final full stop (it is quoted inside a sentence). */
function reasonTrim(reason: string): string {
  return reason.replace(/[.。]\s*$/, '');
}

/** What the person is shown after a refusal: the text they may no longer write, and what else was not done. */
function recoveryNotice(result: RecoveryResult): KeptNotice | null {
  if (result.kept.length === 0) return null;
  const at = Date.now();
  const reason = reasonTrim(result.reason);
  return {
    id: `refused-${at}`,
    at,
    message: { key: result.again ? 'kept.refusedAgain' : 'kept.refused', params: { reason } },
    ...(result.dropped > 0 ? { note: { key: 'kept.dropped', params: { count: result.dropped } } } : {}),
    items: result.kept,
  };
}
