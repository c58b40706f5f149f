/**
 * English strings of the «Nội dung chưa được ghi» dialog: text that could not be written, kept
 * for the person (`kept.*`), typed against vi/kept.ts: a key missing or extra here is a type error.
 */
import type { keptVi } from '../vi/kept.ts';

export const keptEn: Record<keyof typeof keptVi, string> = {
  'kept.title': 'Text not written',
  'kept.editor.rowDeleted': 'The row you were editing ({row}) was just deleted by someone else. The editor closed; what you typed was written nowhere — copy it if you need it.',
  'kept.editor.columnRemoved': 'The column “{column}” you were editing was just removed. The editor closed; what you typed was written nowhere — copy it if you need it.',
  'kept.editor.readOnly': 'You may no longer edit {row}. {reason} The editor closed; nothing typed after that was written — the cell as it was is below, copy it if you need it.',
  'kept.refused': 'The server refused one of your changes: {reason}. The changes you may still make were written again; the text below you may no longer write — copy it so it is not lost.',
  'kept.refusedAgain': 'The server refused your changes again: {reason}. To avoid a loop nothing is written again automatically; your edits are below — copy them and enter them again if needed.',
  'kept.dropped': '{count} other actions (deleting, moving rows, assigning units) are no longer allowed and were not made.',
  'kept.copy': 'Copy',
  'kept.copied': 'Copied to the clipboard.',
  'kept.copyFailed': 'Could not copy automatically: select the text and press Ctrl+C.',
  'kept.close': 'Close',
  'kept.label.section': 'Section title',
  'kept.label.comment': 'Comment',
  'kept.label.newRow': 'new row',
  'kept.label.progress': 'Progress {period} — {field}',
  'kept.label.progress.result': 'Result',
  'kept.label.progress.evidence': 'Evidence',
  'kept.label.progress.difficulties': 'Difficulties and proposals',
  'kept.label.progress.value': 'Value achieved',
  'kept.recovered': 'Wrote {count} of your changes again after the server refused one.',
};
