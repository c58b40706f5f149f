/**
 * English strings of the cell editors (`editor.*`), typed against vi/editor.ts: a key missing or
 * extra here is a type error.
 */
import type { editorVi } from '../vi/editor.ts';

export const editorEn: Record<keyof typeof editorVi, string> = {
  'editor.input': 'Content of the selected cell',
  'editor.keys': '{submit}: save, move down · {newline}: new line in the cell · Tab: save, move right · {cancel}: cancel',
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
  'editor.units.group': 'Group',
  'editor.units.groupTitle': 'A group of units, not one unit: kept as typed',
  'editor.units.matchTitle': '“{typed}” matches the unit “{name}” of the directory (the cell keeps what was typed)',
  'editor.units.canonical': 'Use standard names',
  'editor.units.canonicalTitle': 'Rewrite with the directory’s standard names: {names}',
  'editor.units.ownersLoss': '{units} will no longer lead this row and will no longer be able to edit it.',
  'editor.units.ownersLossOwn': 'Your unit ({unit}) will no longer lead this row.',
  'editor.units.unmatched': '{parts} matches no unit of the directory.',
  'editor.units.confirmQuestion': 'Save anyway?',
  'editor.units.confirm': 'Confirm',
  'editor.units.keepEditing': 'Keep editing',
};
