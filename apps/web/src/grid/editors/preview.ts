/**
 * The live preview under a cell editor: what the domain's parser understood of the text being
 * typed ("Quý II → Quý IV/2026", "1.250" (million VND), "≥ 50%") or the Vietnamese reason it could
 * not. Parsing and describing are the domain's; this only picks the parser for a field kind.
 */
import {
  type FieldKind,
  frequencyDescribe,
  frequencyParse,
  measureUnitDescribe,
  measureUnitParse,
  moneyParse,
  numberFormat,
  numberParse,
  periodDescribe,
  periodParse,
  targetDescribe,
  targetParse,
} from '@phuluc/domain';

/** A preview: `ok` with what was understood, `error` with the reason, `empty` for an empty cell. */
export type EditorPreview =
  | { state: 'ok'; described: string }
  | { state: 'error'; reason: string }
  | { state: 'empty'; hint: string };

/** Whether a field kind has a preview panel. */
export function previewKindHas(kind: FieldKind): boolean {
  return kind === 'period' || kind === 'money' || kind === 'target' || kind === 'frequency' || kind === 'measureUnit';
}

/** The preview of `text` in a cell of `kind`, or null for kinds without one (text, units). */
export function editorPreview(kind: FieldKind, text: string, planYear: number): EditorPreview | null {
  if (!previewKindHas(kind)) return null;
  const empty = text.trim() === '';
  const result = previewParse(kind, text, planYear);
  if (result === null) return null;
  if (result.ok) return { state: 'ok', described: result.described };
  return empty ? { state: 'empty', hint: result.reason } : { state: 'error', reason: result.reason };
}

type Parsed = { ok: true; described: string } | { ok: false; reason: string };

function previewParse(kind: FieldKind, text: string, planYear: number): Parsed | null {
  switch (kind) {
    case 'period': {
      const r = periodParse(text, { planYear });
      return r.ok ? { ok: true, described: periodDescribe(r.value) } : r;
    }
    case 'money': {
      const r = moneyParse(text);
      return r.ok ? { ok: true, described: numberFormat(r.value) } : r;
    }
    case 'target': {
      const r = targetParse(text);
      return r.ok ? { ok: true, described: targetDescribe(r.value) } : r;
    }
    case 'frequency': {
      const r = frequencyParse(text);
      return r.ok ? { ok: true, described: frequencyDescribe(r.value) } : r;
    }
    case 'measureUnit': {
      const r = measureUnitParse(text);
      return r.ok ? { ok: true, described: measureUnitDescribe(r.value) } : r;
    }
    case 'text':
    case 'units':
      return null;
  }
}

/**
 * The text a money cell is written as when the edit is committed: a plain number in the
 * Vietnamese format ("1250" → "1.250", "56.5"-style mistakes are left for the validator);
 * anything else as typed.
 */
export function moneyCommitText(text: string): string {
  const parsed = numberParse(text);
  return parsed.ok ? numberFormat(parsed.value) : text;
}
