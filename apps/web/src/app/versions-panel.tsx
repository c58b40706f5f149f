/**
 * The "Phiên bản" button of the plan page and the panel it opens: the coordinator saves the plan
 * under a name ("Dự thảo lần 1", "Trình ký"); everyone sees the saved versions (newest first,
 * with time and author, as two may share a name), opens one read-only, or compares two of them
 * (or one with the live plan).
 */
import { type PlanRole, permissionIsManager, VERSION_NAME_MAX } from '@phuluc/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLang, useT } from '../i18n/strings.ts';
import { ApiFailure } from './api.ts';
import { linkClick, navigate, PATHS } from './router.ts';
import { useDisclosure } from './disclosure.ts';
import { toast } from './toasts.tsx';
import { type ApiVersion, apiVersionCreate, apiVersions, VERSION_LIVE, versionTime } from './versions-api.ts';
import './versions.css';

type ListState = { status: 'loading' } | { status: 'ready'; versions: ApiVersion[] } | { status: 'failed'; message: string };

/** The button and its panel. `role` is my role in the plan (null until known). */
export function VersionsButton({ planId, tableId, role }: { planId: string; tableId: string | null; role: PlanRole | null }) {
  const t = useT();
  const { open, panelId, buttonRef, close, toggle } = useDisclosure();
  return (
    <div className="versions-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button versions-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
      >
        {t('version.button')}
      </button>
      {open ? (
        <VersionsPanel
          id={panelId}
          planId={planId}
          tableId={tableId}
          canSave={role !== null && permissionIsManager({ userId: '', role, unitId: null })}
          onClose={close}
        />
      ) : null}
    </div>
  );
}

function VersionsPanel({ id, planId, tableId, canSave, onClose }: { id: string; planId: string; tableId: string | null; canSave: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(VERSION_LIVE);
  const nameRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    apiVersions(planId).then(
      (versions) => {
        if (!live) return;
        setList({ status: 'ready', versions });
        setFrom((f) => f || versions[0]?.id || '');
      },
      (error: unknown) => live && setList({ status: 'failed', message: error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network') }),
    );
    return () => {
      live = false;
    };
    // `t` words the failure only.
  }, [planId, reload]);

  useEffect(() => {
    (canSave ? nameRef.current : panelRef.current)?.focus();
  }, [canSave]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || saving) return;
    setSaving(true);
    try {
      const version = await apiVersionCreate(planId, trimmed);
      toast(t('version.save.done', { name: version.name }));
      setName('');
      setFrom(version.id);
      setReload((r) => r + 1);
    } catch (error) {
      toast(error instanceof ApiFailure && error.status !== 0 ? error.message : t('app.error.network'), 'error');
    } finally {
      setSaving(false);
    }
  };

  const versions = list.status === 'ready' ? list.versions : [];
  const sideLabel = (v: ApiVersion) => `${v.name} — ${versionTime(v.createdAt, lang)}`;

  return (
    <section
      ref={panelRef}
      id={id}
      className="versions-panel"
      role="dialog"
      aria-label={t('version.panel.title')}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="versions-panel-head">
        <h2>{t('version.panel.title')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label={t('version.panel.close')}>
          ✕
        </button>
      </header>

      {canSave ? (
        <form className="versions-save" onSubmit={(e) => void save(e)}>
          <label htmlFor={`${id}-name`}>{t('version.save.label')}</label>
          <div className="versions-save-row">
            <input
              ref={nameRef}
              id={`${id}-name`}
              value={name}
              maxLength={VERSION_NAME_MAX}
              placeholder={t('version.save.placeholder')}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button button-primary" disabled={saving || name.trim() === ''}>
              {saving ? t('version.save.saving') : t('version.save.submit')}
            </button>
          </div>
          <p className="muted versions-hint">{t('version.save.hint')}</p>
        </form>
      ) : null}

      {list.status === 'loading' ? <p className="muted">{t('version.list.loading')}</p> : null}
      {list.status === 'failed' ? (
        <p className="form-error" role="alert">
          {list.message}
        </p>
      ) : null}
      {list.status === 'ready' && versions.length === 0 ? <p className="muted">{t('version.list.empty')}</p> : null}
      {versions.length > 0 ? (
        <ul className="versions-list" aria-label={t('version.panel.title')}>
          {versions.map((v) => {
            const view = PATHS.version(planId, v.id, tableId);
            const compare = PATHS.compare(planId, { tableId, from: v.id, to: VERSION_LIVE });
            return (
              <li key={v.id} className="versions-item" data-version-id={v.id}>
                <div className="versions-item-text">
                  <span className="versions-name">{v.name}</span>
                  <span className="muted versions-when">{t('version.list.by', { time: versionTime(v.createdAt, lang), name: v.createdBy?.name ?? '—' })}</span>
                </div>
                <div className="versions-item-actions">
                  <a className="button" href={view} onClick={(e) => linkClick(e, view)} aria-label={`${t('version.open')} «${v.name}»`}>
                    {t('version.open')}
                  </a>
                  <a className="button" href={compare} onClick={(e) => linkClick(e, compare)} aria-label={`${t('version.compareLive')}: «${v.name}»`}>
                    {t('version.compareLive')}
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}

      {versions.length > 0 ? (
        <form
          className="versions-compare-pick"
          onSubmit={(e) => {
            e.preventDefault();
            if (from && to) navigate(PATHS.compare(planId, { tableId, from, to }));
          }}
        >
          <h3>{t('version.compare.heading')}</h3>
          <label>
            <span>{t('version.compare.from')}</span>
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {sideLabel(v)}
                </option>
              ))}
              <option value={VERSION_LIVE}>{t('version.live')}</option>
            </select>
          </label>
          <label>
            <span>{t('version.compare.to')}</span>
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              <option value={VERSION_LIVE}>{t('version.live')}</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {sideLabel(v)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t('version.compare.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
