/**
 * English strings of exports (the export menu) (`export.*`), typed against vi/export.ts: a key
 * missing or extra here is a type error.
 */
import type { exportVi } from '../vi/export.ts';

export const exportEn: Record<keyof typeof exportVi, string> = {
  'export.button': 'Export',
  'export.title': 'Export the appendix',
  'export.hint': 'Exports the open table.',
  'export.official.title': 'Official appendix',
  'export.official.hint': 'Word and PDF are the appendix of the plan to be signed: they export once the table has no errors, otherwise as a draft.',
  'export.official.blocked': 'The table has errors: only a draft can be exported.',
  'export.data.title': 'Data',
  'export.data.hint': 'To fix, check and move to other software: always exported, even while the table has errors (the file name then says «dự thảo»).',
  'export.csv.hint': 'CSV is for exchanging data between programs (UTF-8). Numbers are written the Vietnamese way: «1.640» is one thousand six hundred and forty — to open and calculate in Excel, choose Excel (.xlsx).',
  'export.started': 'Exporting {format}…',
  'export.formats': 'Formats',
  'export.format.docx': 'Word (.docx)',
  'export.format.xlsx': 'Excel (.xlsx)',
  'export.format.pdf': 'PDF',
  'export.format.csv': 'CSV (data exchange)',
  'export.format.json': 'JSON',
  'export.draft': 'Draft (marked «DỰ THẢO» on every page)',
  'export.done': 'Downloaded «{file}».',
  'export.close': 'Close',
  'export.noTable': 'There is no table to export yet.',
  'export.refused.title': 'The table still has {count} errors, so it cannot be exported as final:',
  'export.refused.row': 'Row {row}: {message}',
  'export.refused.more': '… and {count} more errors.',
  'export.refused.hint': 'Fix the errors and export again, or export a draft. Excel, CSV and JSON export right away.',
  'export.refused.draft': 'Export a draft {format}',
  'export.refused.toast': 'Not exported: the table has {count} errors.',
};
