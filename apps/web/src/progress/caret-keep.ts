/**
 * A form field showing text others may change while the person is in it (a progress report's
 * texts are written into the live document as people type): when its value changes under the
 * person, the caret stays by the same characters instead of jumping to the end.
 */
import { textDiff } from '@phuluc/domain';
import { type RefObject, useLayoutEffect, useRef } from 'react';

/** Where a caret at `caret` in `before` belongs in `after` (one replacement apart, as `textDiff` finds it). */
export function caretAfterChange(before: string, after: string, caret: number): number {
  const diff = textDiff(before, after);
  if (!diff) return caret;
  if (caret <= diff.index) return caret;
  if (caret >= diff.index + diff.deleteCount) return caret + diff.insert.length - diff.deleteCount;
  // Inside the replaced text: after what replaced it.
  return diff.index + diff.insert.length;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps the caret of the focused `ref` field by its characters when `value` changes from
 * elsewhere. Returns `remember`, to call from the field's onSelect (and onChange): the field's
 * text and selection as the person last left them. While the person types (an input method's
 * composition included: Telex, VNI) the form shows their own text until it is written
 * (`ProgressDraft`), so the value does not change under them and nothing is moved.
 */
export function useCaretKeep(ref: RefObject<Field | null>, value: string): () => void {
  const last = useRef<{ value: string; start: number; end: number } | null>(null);
  const remember = (): void => {
    const field = ref.current;
    if (field) last.current = { value: field.value, start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0 };
  };
  useLayoutEffect(() => {
    const field = ref.current;
    const before = last.current;
    if (!field || !before || before.value === value || document.activeElement !== field) return;
    const start = caretAfterChange(before.value, value, before.start);
    const end = caretAfterChange(before.value, value, before.end);
    field.setSelectionRange(start, end);
    last.current = { value, start, end };
  }, [ref, value]);
  return remember;
}
