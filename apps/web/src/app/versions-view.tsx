/**
 * A saved version, read-only (/ke-hoach/:planId/phien-ban/:versionId[?bang=]): its frozen
 * document is fetched once and shown with the same grid as the live plan, as seen by a viewer
 * (every cell read-only, no row or column tools), under a banner naming the version. The
 * document is local to this page: nothing connects it to the live plan. Its tables export like
 * the live ones, and it compares with the live plan in one click.
 */
import { type Actor, type UnitDirectory, unitDirectoryCreate, unitDirectoryDefault } from '@phuluc/domain';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useLang, useT } from '../i18n/strings.ts';
import { ApiFailure, type ApiUser, apiUnits } from './api.ts';
import { blobDownload } from './export-api.ts';
import { GridSlot } from './grid-slot.tsx';
import { LangSwitch } from './lang-switch.tsx';
import { LogoutButton } from './logout-button.tsx';
import { linkClick, navigate, PATHS } from './router.ts';
import { toast } from './toasts.tsx';
import {
  type ApiVersionDetail,
  apiVersion,
  apiVersionDoc,
  apiVersionExport,
  VERSION_EXPORT_FORMATS,
  type VersionExportFormat,
  VERSION_LIVE,
  versionExportUrl,
  versionTime,
} from './versions-api.ts';
import './versions.css';

type State =
  | { status: 'loading' }
  | { status: 'ready'; detail: ApiVersionDetail; doc: Y.Doc; awareness: Awareness; units: UnitDirectory }
  | { status: 'failed'; message: string };

export function VersionPage({
  user,
  planId,
  versionId,
  tableId,
  onUnauthenticated,
}: {
  user: ApiUser;
  planId: string;
  versionId: string;
  tableId: string | null;
  onUnauthenticated: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    let loaded: { doc: Y.Doc; awareness: Awareness } | null = null;
    const units = apiUnits().then(unitDirectoryCreate, () => unitDirectoryDefault());
    Promise.all([apiVersion(planId, versionId), apiVersionDoc(planId, versionId), units]).then(
      ([detail, doc, dir]) => {
        // A presence of its own, never sent anywhere: the grid wants one.
        const awareness = new Awareness(doc);
        loaded = { doc, awareness };
        if (!live) {
          awareness.destroy();
          doc.destroy();
          return;
        }
        setState({ status: 'ready', detail, doc, awareness, units: dir });
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiFailure && error.status === 401) onUnauthenticated();
        else setState({ status: 'failed', message: error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network') });
      },
    );
    return () => {
      live = false;
      loaded?.awareness.destroy();
      loaded?.doc.destroy();
    };
    // `t` and the callback word failures only.
  }, [planId, versionId]);

  const detail = state.status === 'ready' ? state.detail : null;
  const tabs = detail?.tables ?? [];
  const activeId = tabs.some((tab) => tab.id === tableId) ? tableId : (tabs[0]?.id ?? null);
  const versionName = detail?.version.name ?? '';

  useEffect(() => {
    document.title = versionName ? `${t('version.view.banner', { name: versionName })} — ${t('app.name')}` : t('app.name');
  }, [versionName, t]);

  // Everyone reads a version as a viewer: the grid then offers no editing at all.
  const actor: Actor = useMemo(() => ({ userId: user.id, role: 'viewer', unitId: null }), [user.id]);
  const onNotice = useCallback((message: string) => toast(message), []);
  const [exporting, setExporting] = useState<VersionExportFormat | null>(null);
  const [refused, setRefused] = useState<{ tableId: string; format: VersionExportFormat; message: string } | null>(null);

  /** Downloads the table; a final export refused for errors offers the draft instead. */
  const download = async (table: string, format: VersionExportFormat, draft: boolean) => {
    if (exporting) return;
    setExporting(format);
    setRefused(null);
    try {
      const result = await apiVersionExport(planId, versionId, table, format, draft);
      if (!result.ok) {
        setRefused({ tableId: table, format, message: result.message });
        return;
      }
      blobDownload(result.blob, result.fileName);
    } catch (error) {
      toast(error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network'), 'error');
    } finally {
      setExporting(null);
    }
  };
  const back = PATHS.plan(planId, activeId ?? undefined);
  const compare = PATHS.compare(planId, { tableId: activeId, from: versionId, to: VERSION_LIVE });

  if (state.status === 'failed') {
    return (
      <div className="page">
        <main className="page-main">
          <p className="form-error" role="alert">
            {state.message}
          </p>
          <a href={back} onClick={(e) => linkClick(e, back)}>
            {t('version.view.back')}
          </a>
        </main>
      </div>
    );
  }

  return (
    <div className="page plan-page version-page">
      <header className="plan-header">
        <div className="plan-heading">
          <a className="back-link" href={back} onClick={(e) => linkClick(e, back)}>
            {t('version.view.back')}
          </a>
          <h1 className="plan-title">{detail?.meta.title || t('app.loading')}</h1>
          {detail ? <p className="plan-sub">{t('app.plan.communeYear', { commune: detail.meta.commune, year: detail.meta.year })}</p> : null}
        </div>
        <div className="plan-user">
          <span className="user-name">{user.name}</span>
          <LangSwitch />
          <LogoutButton />
        </div>
      </header>

      {detail ? (
        <div className="version-banner" role="status" data-testid="version-banner">
          <strong>{t('version.view.banner', { name: versionName })}</strong>
          <span className="version-banner-when">
            {detail.version.createdBy
              ? t('version.view.savedBy', { time: versionTime(detail.version.createdAt, lang), name: detail.version.createdBy.name })
              : t('version.view.savedAt', { time: versionTime(detail.version.createdAt, lang) })}
          </span>
          <span className="version-banner-actions">
            {activeId ? (
              <span className="version-exports">
                <span>{t('version.view.export')}</span>
                {VERSION_EXPORT_FORMATS.map((format) => (
                  <a
                    key={format}
                    className="button version-export"
                    href={versionExportUrl(planId, versionId, activeId, format)}
                    title={t('version.view.exportTitle', { format: format.toUpperCase() })}
                    aria-disabled={exporting !== null}
                    onClick={(e) => {
                      e.preventDefault();
                      void download(activeId, format, false);
                    }}
                  >
                    {format.toUpperCase()}
                  </a>
                ))}
              </span>
            ) : null}
            <a className="button" href={compare} onClick={(e) => linkClick(e, compare)}>
              {t('version.view.compare')}
            </a>
          </span>
        </div>
      ) : null}

      {refused ? (
        <div className="version-refused" role="alert">
          <span>{refused.message}</span>
          <button type="button" className="button" onClick={() => void download(refused.tableId, refused.format, true)}>
            {t('version.view.exportDraft', { format: refused.format.toUpperCase() })}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setRefused(null)} aria-label={t('version.panel.close')}>
            ✕
          </button>
        </div>
      ) : null}

      {tabs.length > 0 ? (
        <div className="table-tabs" role="tablist" aria-label={t('app.plan.tables')}>
          {tabs.map((tab, index) => {
            const selected = tab.id === activeId;
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
                onClick={() => navigate(PATHS.version(planId, versionId, tab.id), { replace: true })}
              >
                {tab.title || t('app.plan.untitledTable', { n: index + 1 })}
              </button>
            );
          })}
        </div>
      ) : null}

      <div className="plan-body" role={activeId ? 'tabpanel' : undefined} id={activeId ? `panel-${activeId}` : undefined} aria-labelledby={activeId ? `tab-${activeId}` : undefined}>
        {state.status === 'loading' ? (
          <p className="muted plan-loading">{t('version.view.loading')}</p>
        ) : !activeId ? (
          <p className="muted plan-loading">{t('version.view.noTables')}</p>
        ) : (
          <GridSlot
            key={activeId}
            doc={state.doc}
            tableId={activeId}
            actor={actor}
            units={state.units}
            awareness={state.awareness}
            planYear={state.detail.meta.year || new Date().getFullYear()}
            onNotice={onNotice}
          />
        )}
      </div>
    </div>
  );
}
