/**
 * Where a comment or a reply is written: a textarea that grows with its text. The app's one
 * Enter rule (grid/editors/cell-keys.ts, the same as in a cell being edited): Enter sends,
 * Shift+Enter and Alt+Enter start a new line; Esc cancels a reply. Vietnamese input methods
 * (Telex, VNI) compose letters with keys — an Enter that ends a composition only ends it, it
 * never sends.
 */
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { KEY_HINTS, keyEnterAction, keyIsComposition } from '../grid/editors/cell-keys.ts';
import type { TFunction } from '../i18n/strings.ts';

export interface CommentComposerProps {
  t: TFunction;
  placeholder: string;
  submitLabel: string;
  onSubmit: (text: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** The longest comment accepted (a paragraph or two; the document is shared by everyone). */
export const COMMENT_MAX_CHARS = 4000;

export function CommentComposer({ t, placeholder, submitLabel, onSubmit, onCancel, autoFocus }: CommentComposerProps) {
  const [text, setText] = useState('');
  const composing = useRef(false);
  const id = useId();
  const trimmed = text.trim();
  const tooLong = text.length > COMMENT_MAX_CHARS;

  const send = (): void => {
    if (!trimmed || tooLong) return;
    onSubmit(trimmed);
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    // keyCode 229: the key went to the input method (some browsers end a composition with it).
    const info = { key: e.key, keyCode: e.keyCode, isComposing: e.nativeEvent.isComposing, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey };
    if (composing.current || keyIsComposition(info)) return;
    const enter = keyEnterAction(info);
    if (enter?.kind === 'submit') {
      e.preventDefault();
      send();
    } else if (enter?.kind === 'newline') {
      // Shift+Enter makes a new line by itself; Alt+Enter does not in every browser.
      e.preventDefault();
      const ta = e.currentTarget;
      ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
      setText(ta.value);
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="rv-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        {placeholder}
      </label>
      <textarea
        id={id}
        className="rv-composer-input"
        value={text}
        rows={Math.min(6, Math.max(2, text.split('\n').length))}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={tooLong || undefined}
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        onKeyDown={onKeyDown}
        data-testid="comment-input"
      />
      <div className="rv-composer-foot">
        <span className={`rv-hint${tooLong ? ' rv-hint--error' : ''}`}>{tooLong ? t('review.comment.tooLong', { max: COMMENT_MAX_CHARS }) : t('review.comment.keys', KEY_HINTS)}</span>
        {onCancel ? (
          <button type="button" className="button button-small button-quiet" onClick={onCancel}>
            {t('review.comment.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button button-small button-primary" disabled={!trimmed || tooLong}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
