/**
 * «Nội dung chưa được ghi»: the modal dialog that shows text the app could not write (an editor
 * closed under the person's hands, edits the server refused), with where it was meant to go and
 * the text itself to copy. A new notice is put on the clipboard at once when the browser allows
 * it. Being modal, it also takes the keys: someone typing on without having noticed types into
 * the dialog's read-only text, never into another cell. It stays (also across a reload) until
 * closed.
 */
import { type ReactNode, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useT } from '../i18n/strings.ts';
import { keptEditsDismiss, keptEditsKey, keptEditsList, keptEditsSubscribe, keptEditsTakeFresh, keptEditsText, keptItemPlace } from '../sync/kept-edits.ts';
import './kept-edits-dialog.css';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` (the clipboard API, else the selected text area and the older command). */
async function textCopy(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function KeptEditsDialog({ planId, userId }: { planId: string; userId: string }): ReactNode {
  const t = useT();
  const key = keptEditsKey(planId, userId);
  const subscribe = useCallback((cb: () => void) => keptEditsSubscribe(key, cb), [key]);
  const snapshot = useCallback(() => keptEditsList(key), [key]);
  const notices = useSyncExternalStore(subscribe, snapshot, snapshot);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstText = useRef<HTMLTextAreaElement>(null);
  const returnTo = useRef<Element | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const titleId = useId();
  const open = notices.length > 0;

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog || dialog.open) return;
    returnTo.current = document.activeElement;
    dialog.showModal();
    // The text, selected: Ctrl+C copies it, and keys typed on land here, read-only.
    firstText.current?.focus();
    firstText.current?.select();
  }, [open]);

  useEffect(() => {
    const added = notices.filter((n) => keptEditsTakeFresh(n.id));
    if (added.length === 0) return;
    setCopy('idle');
    void textCopy(keptEditsText(notices), null).then((ok) => setCopy(ok ? 'copied' : 'failed'));
  }, [notices]);

  const close = (): void => {
    keptEditsDismiss(key, notices.map((n) => n.id));
    dialogRef.current?.close();
    setCopy('idle');
    const back = returnTo.current;
    returnTo.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    else document.querySelector<HTMLElement>('[data-testid="cell-input"]')?.focus({ preventScroll: true });
  };

  if (!open) return null;
  let first = true;
  return (
    <dialog
      ref={dialogRef}
      className="modal kept-dialog"
      aria-labelledby={titleId}
      data-testid="kept-edits"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id={titleId} className="kept-title">
        {t('kept.title')}
      </h2>
      <div className="kept-body">
        {notices.map((notice) => (
          <section key={notice.id} className="kept-notice">
            <p className="kept-message">{t(notice.message.key, notice.message.params)}</p>
            {notice.note ? <p className="kept-note">{t(notice.note.key, notice.note.params)}</p> : null}
            <ul className="kept-items">
              {notice.items.map((item, i) => {
                const place = keptItemPlace(item);
                const ref = first ? firstText : undefined;
                first = false;
                return (
                  <li key={i} className="kept-item">
                    <span className="kept-place">{place}</span>
                    <textarea
                      ref={ref}
                      className="kept-text"
                      readOnly
                      value={item.text}
                      aria-label={place}
                      rows={Math.min(6, Math.max(2, item.text.split('\n').length))}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <div className="kept-foot">
        <p className="kept-copy-state" role="status">
          {copy === 'copied' ? t('kept.copied') : copy === 'failed' ? t('kept.copyFailed') : ''}
        </p>
        <button type="button" className="button" onClick={() => void textCopy(keptEditsText(notices), firstText.current).then((ok) => setCopy(ok ? 'copied' : 'failed'))}>
          {t('kept.copy')}
        </button>
        <button type="button" className="button button-primary" onClick={close}>
          {t('kept.close')}
        </button>
      </div>
    </dialog>
  );
}
