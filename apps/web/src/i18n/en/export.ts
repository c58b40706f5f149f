/**
 * English strings of exports (the export menu) (`export.*`), typed against vi/export.ts: a key
 * missing or extra here is a type error.
 */
import type { exportVi } from '../vi/export.ts';

export const exportEn: Record<keyof typeof exportVi, string> = {
  'export.button': 'Export',
  'export.title': 'Export the appendix',
  'export.hint': 'Exports the open table exactly as the appendix of the plan.',
  'export.formats': 'Formats',
  'export.format.docx': 'Word (.docx)',
  'export.format.xlsx': 'Excel (.xlsx)',
  'export.format.pdf': 'PDF',
  'export.format.csv': 'CSV',
  'export.format.json': 'JSON',
  'export.draft': 'Draft (marked «DỰ THẢO» on every page)',
  'export.working': 'Exporting…',
  'export.done': 'Downloaded «{file}».',
  'export.close': 'Close',
  'export.noTable': 'There is no table to export yet.',
  'export.refused.title': 'The table still has {count} errors, so it cannot be exported as final:',
  'export.refused.row': 'Row {row}: {message}',
  'export.refused.more': '… and {count} more errors.',
  'export.refused.hint': 'Fix the errors and export again, or export a draft.',
  'export.refused.draft': 'Export a draft {format}',
  'export.refused.toast': 'Not exported: the table has {count} errors.',
};
