/**
 * English strings of the cell editors (`editor.*`), typed against vi/editor.ts: a key missing or
 * extra here is a type error.
 */
import type { editorVi } from '../vi/editor.ts';

export const editorEn: Record<keyof typeof editorVi, string> = {
  'editor.input': 'Content of the selected cell',
  'editor.readOnlyCell': 'Read-only cell: {reason}',
  'editor.preview.understood': 'Understood as: {value}',
  'editor.preview.money': '{value} million VND',
  'editor.units.chosen': 'Chosen units',
  'editor.units.free': 'Not in the directory',
  'editor.units.freeTitle': 'Not in the unit directory: kept as typed',
  'editor.units.remove': 'Remove {name}',
  'editor.units.suggestions': 'Suggested units',
  'editor.units.noMatch': 'No unit matches “{query}” — the text is kept as typed.',
  'editor.units.keys': 'Enter: pick and save · ↓ then Enter: add several units · Backspace: remove last unit · Esc: cancel',
  'editor.units.empty': 'Type a unit name (diacritics optional), e.g. “phong kinh te”.',
};
