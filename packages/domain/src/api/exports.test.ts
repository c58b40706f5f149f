import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportDecide, exportFormatIsOfficial } from './exports.ts';

describe('what validation does to an export', () => {
  it('names Word and PDF as the official formats, and only them', () => {
    expect(EXPORT_FORMATS.filter(exportFormatIsOfficial)).toEqual(['docx', 'pdf']);
  });

  it('exports every format of a table without errors, as a draft only when asked', () => {
    for (const format of EXPORT_FORMATS) {
      expect(exportDecide(format, { hasErrors: false, draftAsked: false })).toEqual({ kind: 'file', draft: false });
      expect(exportDecide(format, { hasErrors: false, draftAsked: true })).toEqual({ kind: 'file', draft: true });
    }
  });

  it('refuses the official formats of a table with errors unless a draft is asked for', () => {
    for (const format of ['docx', 'pdf'] as const) {
      expect(exportDecide(format, { hasErrors: true, draftAsked: false })).toEqual({ kind: 'refused' });
      expect(exportDecide(format, { hasErrors: true, draftAsked: true })).toEqual({ kind: 'file', draft: true });
    }
  });

  it('never refuses the data formats of a table with errors: they come marked as a draft', () => {
    for (const format of ['xlsx', 'csv', 'json'] as const) {
      expect(exportDecide(format, { hasErrors: true, draftAsked: false })).toEqual({ kind: 'file', draft: true });
    }
  });
});
