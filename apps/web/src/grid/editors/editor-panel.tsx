/**
 * The small panel under a cell being edited: the units picker (chips and suggestions from the
 * directory) or the live preview of what a period, money, target, frequency or measure-unit cell
 * was understood as. It never takes the focus: the textarea above keeps every key (the panel's
 * keys are offered to it first through `keyRef`), and clicks on it do not blur the textarea.
 */
import { type Actor, type FieldKind, type UnitDirectory, rowOwnersLossForLead, unitById } from '@phuluc/domain';
import { type MutableRefObject, type ReactNode, useLayoutEffect, useState } from 'react';
import { useT } from '../../i18n/strings.ts';
import type { KeyInfo, KeyMove } from './cell-keys.ts';
import { editorPreview } from './preview.ts';
import {
  unitsBackspace,
  unitsCanonicalText,
  unitsChips,
  unitsFragment,
  unitsFragmentKeptOnEnter,
  unitsFragmentNamesUnits,
  unitsNotCanonical,
  unitsPick,
  unitsRemove,
  unitsSuggest,
} from './units-edit.ts';

/** What a panel may do to the edit in progress. */
export interface EditorApi {
  /** Replaces the text (written to the cell with the smallest diff) and puts the caret. */
  replace: (text: string, caret: number) => void;
  /** Ends the edit as Enter or Tab would. */
  commit: (move: KeyMove) => void;
  /** Whether the textarea has a non-empty selection. */
  hasSelection: () => boolean;
}

/** The row whose lead is being edited by someone who may set it: its owners follow the lead once committed. */
export interface LeadOwnersContext {
  actor: Actor;
  /** The row's owners now. */
  owners: readonly string[];
}

/** A panel's key handler: true when it used the key (the textarea then ignores it). */
export type PanelKeyHandler = (e: KeyInfo) => boolean;

export interface EditorPanelProps {
  kind: FieldKind;
  text: string;
  caret: number;
  /** Something was typed in this edit (until then the units panel does not search). */
  typed: boolean;
  units: UnitDirectory;
  planYear: number;
  api: EditorApi;
  keyRef: MutableRefObject<PanelKeyHandler | null>;
  /** Id prefix for the suggestion list (the textarea points at it with aria-controls). */
  listId: string;
  /** The highlighted option's id, for the textarea's aria-activedescendant. */
  onActiveOption: (id: string | null) => void;
  /** Set while a lead cell is edited by someone who may set it (the owners that would be lost are shown first). */
  leadOwners?: LeadOwnersContext | null;
}

/** The panel for a field kind, or null when the kind has none (plain text). */
export function EditorPanel(props: EditorPanelProps): ReactNode {
  if (props.kind === 'units') return <UnitsPanel {...props} />;
  return <PreviewPanel {...props} />;
}

function PreviewPanel({ kind, text, planYear, keyRef }: EditorPanelProps): ReactNode {
  const t = useT();
  useLayoutEffect(() => {
    keyRef.current = null;
  }, [keyRef]);
  const preview = editorPreview(kind, text, planYear);
  if (preview === null) return null;
  return (
    <div className="cell-editor-panel" role="status" aria-live="polite" data-testid="cell-editor-preview">
      {preview.state === 'ok' ? (
        <span className="cell-editor-preview-ok">
          {t('editor.preview.understood', {
            value: kind === 'money' ? t('editor.preview.money', { value: preview.described }) : preview.described,
          })}
        </span>
      ) : preview.state === 'error' ? (
        <span className="cell-editor-preview-error">{preview.reason}</span>
      ) : (
        <span className="cell-editor-hint">{preview.hint}</span>
      )}
    </div>
  );
}

interface ListState {
  /** The query this state belongs to: typing something else resets it. */
  query: string;
  index: number;
  /** The person moved in the list with the arrows (Enter then adds and goes on). */
  explicit: boolean;
  /** The whole directory was opened with ↓ on an empty fragment. */
  openAll: boolean;
  dismissed: boolean;
}

/** The commit held back until the person confirms that owners may be dropped. */
interface AskState {
  /** The text the question was asked about: typing something else withdraws it. */
  text: string;
  move: KeyMove;
}

function UnitsPanel({ text, caret, typed, units, api, keyRef, listId, onActiveOption, leadOwners }: EditorPanelProps): ReactNode {
  const t = useT();
  const [storedAsk, setAsk] = useState<AskState | null>(null);
  const asking = storedAsk !== null && storedAsk.text === text ? storedAsk : null;
  const loss = leadOwners ? rowOwnersLossForLead(leadOwners.actor, units, text, leadOwners.owners) : null;
  const nameOf = (id: string): string => unitById(units, id)?.name ?? id;
  const notCanonical = unitsNotCanonical(units, text);
  const fragment = typed ? unitsFragment(text, caret) : { start: caret, end: caret, query: '' };
  const [stored, setList] = useState<ListState>({ query: '', index: -1, explicit: false, openAll: false, dismissed: false });
  const list: ListState =
    stored.query === fragment.query ? stored : { query: fragment.query, index: -1, explicit: false, openAll: false, dismissed: false };

  const shown = !list.dismissed && (fragment.query !== '' || list.openAll);
  const suggestions = shown ? unitsSuggest(units, text, fragment) : [];
  // A typed fragment highlights its best match; Enter takes it and commits, like a spreadsheet's
  // autocomplete — unless a name was written out ("Phòng Kinh tế xã"): it stays as typed.
  const implicit = suggestions.length > 0 && fragment.query !== '' && !unitsFragmentKeptOnEnter(units, fragment);
  const highlighted = list.explicit ? list.index : implicit ? 0 : -1;
  const active = highlighted >= 0 && highlighted < suggestions.length ? suggestions[highlighted] : undefined;
  // Units the fragment being typed already names are shown too: the person sees what it matched.
  const fragmentNames = unitsFragmentNamesUnits(units, fragment);
  const chips = unitsChips(units, text).filter(
    (c) => fragment.query === '' || fragmentNames || c.end <= fragment.start || c.start >= fragment.end,
  );

  const pick = (index: number, more: boolean, move?: KeyMove): void => {
    const unit = suggestions[index];
    if (!unit) return;
    const edit = unitsPick(units, text, fragment, unit, more);
    api.replace(edit.text, edit.caret);
    if (move !== undefined) api.commit(move);
  };

  const activeId = active ? `${listId}-${highlighted}` : null;
  useLayoutEffect(() => {
    onActiveOption(activeId);
  }, [activeId, onActiveOption]);
  useLayoutEffect(() => () => onActiveOption(null), [onActiveOption]);

  /** Enter or Tab with nothing to pick: commits, or first asks when owners would be lost. */
  const commitAsking = (move: KeyMove): boolean => {
    if (asking) {
      setAsk(null);
      api.commit(asking.move);
      return true;
    }
    if (!loss?.confirm) return false;
    setAsk({ text, move });
    return true;
  };

  useLayoutEffect(() => {
    keyRef.current = (e) => {
      const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
      const n = suggestions.length;
      if (asking && e.key === 'Escape') {
        setAsk(null);
        return true;
      }
      switch (e.key) {
        case 'ArrowDown':
          if (!plain) return false;
          if (n === 0) {
            if (fragment.query !== '') return false;
            setList({ ...list, openAll: true, dismissed: false, explicit: true, index: 0 });
            return true;
          }
          setList({ ...list, explicit: true, index: list.explicit ? Math.min(list.index + 1, n - 1) : 0 });
          return true;
        case 'ArrowUp':
          if (!plain || !list.explicit || n === 0) return false;
          if (list.index <= 0) setList({ ...list, explicit: false, index: -1, openAll: false });
          else setList({ ...list, index: list.index - 1 });
          return true;
        case 'Enter':
          if (!plain || e.shiftKey) return false;
          if (!active) return commitAsking('down');
          if (list.explicit) pick(highlighted, true);
          else pick(highlighted, false, 'down');
          return true;
        case 'Tab':
          if (!plain || e.shiftKey) return false;
          if (!active) return commitAsking('right');
          pick(highlighted, false, 'right');
          return true;
        case 'Escape':
          if (!shown || !(list.explicit || list.openAll)) return false;
          setList({ ...list, dismissed: true, explicit: false, index: -1, openAll: false });
          return true;
        case 'Backspace': {
          if (!plain || e.shiftKey || api.hasSelection()) return false;
          const edit = unitsBackspace(units, text, caret);
          if (!edit) return false;
          api.replace(edit.text, edit.caret);
          return true;
        }
        default:
          return false;
      }
    };
    return () => {
      keyRef.current = null;
    };
  });

  const keepFocus = (e: React.MouseEvent): void => e.preventDefault();

  return (
    <div className="cell-editor-panel cell-editor-units" onMouseDown={keepFocus} data-testid="cell-editor-units">
      {chips.length > 0 && (
        <ul className="units-chips" aria-label={t('editor.units.chosen')}>
          {chips.map((chip) => {
            const name = chip.kind === 'unit' ? chip.name : chip.text;
            const title =
              chip.kind === 'unit'
                ? t('editor.units.matchTitle', { typed: chip.text, name: chip.name })
                : chip.kind === 'group'
                  ? t('editor.units.groupTitle')
                  : t('editor.units.freeTitle');
            return (
              <li
                key={`${chip.start}:${name}`}
                className={`units-chip units-chip-${chip.kind}`}
                title={title}
                data-testid="units-chip"
                data-kind={chip.kind}
              >
                <span>{name}</span>
                {chip.kind === 'free' && <small>{t('editor.units.free')}</small>}
                {chip.kind === 'group' && <small>{t('editor.units.group')}</small>}
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={t('editor.units.remove', { name })}
                  onMouseDown={keepFocus}
                  onClick={() => {
                    const edit = unitsRemove(text, chip);
                    api.replace(edit.text, edit.caret);
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {suggestions.length > 0 ? (
        <ul className="units-suggestions" role="listbox" id={listId} aria-label={t('editor.units.suggestions')}>
          {suggestions.map((unit, i) => (
            <li
              key={unit.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlighted}
              className={i === highlighted ? 'units-suggestion units-suggestion-active' : 'units-suggestion'}
              onMouseDown={keepFocus}
              onClick={() => pick(i, true)}
            >
              {unit.name}
            </li>
          ))}
        </ul>
      ) : fragment.query !== '' ? (
        <div className="cell-editor-hint">{t('editor.units.noMatch', { query: fragment.query })}</div>
      ) : chips.length === 0 ? (
        <div className="cell-editor-hint">{t('editor.units.empty')}</div>
      ) : null}
      {notCanonical.length > 0 && (
        <div className="units-canonical">
          <button
            type="button"
            tabIndex={-1}
            data-testid="units-canonical"
            title={t('editor.units.canonicalTitle', { names: notCanonical.map((c) => `«${c.text}» → «${c.name}»`).join(', ') })}
            onMouseDown={keepFocus}
            onClick={() => {
              const canonical = unitsCanonicalText(units, text);
              api.replace(canonical, canonical.length);
            }}
          >
            {t('editor.units.canonical')}
          </button>
        </div>
      )}
      {loss && (
        <div className="units-owners-loss" role="alert" data-testid="units-owners-loss">
          {loss.own && leadOwners?.actor.unitId ? <p>{t('editor.units.ownersLossOwn', { unit: nameOf(leadOwners.actor.unitId) })}</p> : null}
          {loss.dropped.some((id) => id !== leadOwners?.actor.unitId) ? (
            <p>
              {t('editor.units.ownersLoss', {
                units: loss.dropped
                  .filter((id) => id !== leadOwners?.actor.unitId)
                  .map(nameOf)
                  .join(', '),
              })}
            </p>
          ) : null}
          {loss.unmatched.length > 0 ? <p>{t('editor.units.unmatched', { parts: loss.unmatched.map((p) => `«${p}»`).join(', ') })}</p> : null}
          {asking ? (
            <div className="units-owners-ask">
              <span>{t('editor.units.confirmQuestion')}</span>
              <button type="button" tabIndex={-1} data-testid="units-owners-confirm" onMouseDown={keepFocus} onClick={() => commitAsking(asking.move)}>
                {t('editor.units.confirm')}
              </button>
              <button type="button" tabIndex={-1} data-testid="units-owners-keep" onMouseDown={keepFocus} onClick={() => setAsk(null)}>
                {t('editor.units.keepEditing')}
              </button>
            </div>
          ) : null}
        </div>
      )}
      <div className="cell-editor-keys">{t('editor.units.keys')}</div>
    </div>
  );
}
