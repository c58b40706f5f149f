import { describe, expect, it } from 'vitest';
import { versionExportUrl, versionTime } from './versions-api.ts';

describe('versionExportUrl', () => {
  it('names the version, the table and the format, and asks for a draft only when told', () => {
    expect(versionExportUrl('p 1', 'v1', 't/1', 'docx')).toBe('/api/plans/p%201/versions/v1/tables/t%2F1/export?format=docx');
    expect(versionExportUrl('p1', 'v1', 't1', 'pdf', true)).toBe('/api/plans/p1/versions/v1/tables/t1/export?format=pdf&draft=1');
  });
});

describe('versionTime', () => {
  it('shows the hour and the day, so two versions of the same name tell apart', () => {
    const at = Date.UTC(2026, 2, 28, 7, 5);
    expect(versionTime(at, 'vi')).toMatch(/\d{2}:\d{2}/);
    expect(versionTime(at, 'vi')).toMatch(/2026/);
    expect(versionTime(at + 60_000, 'vi')).not.toBe(versionTime(at, 'vi'));
  });
});
