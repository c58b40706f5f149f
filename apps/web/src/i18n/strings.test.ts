import { describe, expect, it } from 'vitest';
import { appEn } from './en/app.ts';
import { editorEn } from './en/editor.ts';
import { exportEn } from './en/export.ts';
import { gridEn } from './en/grid.ts';
import { importEn } from './en/import.ts';
import { keptEn } from './en/kept.ts';
import { nextYearEn } from './en/nextYear.ts';
import { reportEn } from './en/report.ts';
import { trackingEn } from './en/tracking.ts';
import { reviewEn } from './en/review.ts';
import { versionEn } from './en/version.ts';
import { STRINGS, stringsFor } from './strings.ts';
import { appVi } from './vi/app.ts';
import { editorVi } from './vi/editor.ts';
import { exportVi } from './vi/export.ts';
import { gridVi } from './vi/grid.ts';
import { importVi } from './vi/import.ts';
import { keptVi } from './vi/kept.ts';
import { nextYearVi } from './vi/nextYear.ts';
import { reportVi } from './vi/report.ts';
import { trackingVi } from './vi/tracking.ts';
import { reviewVi } from './vi/review.ts';
import { versionVi } from './vi/version.ts';

const FEATURES: ReadonlyArray<[prefix: string, vi: object, en: object]> = [
  ['app', appVi, appEn],
  ['grid', gridVi, gridEn],
  ['editor', editorVi, editorEn],
  ['version', versionVi, versionEn],
  ['import', importVi, importEn],
  ['review', reviewVi, reviewEn],
  ['export', exportVi, exportEn],
  ['kept', keptVi, keptEn],
  ['nextYear', nextYearVi, nextYearEn],
  ['report', reportVi, reportEn],
  ['tracking', trackingVi, trackingEn],
];

describe('the string files', () => {
  it.each(FEATURES)('%s: every key starts with the feature, so no two files define the same key', (prefix, vi, en) => {
    expect(Object.keys(vi).filter((key) => !key.startsWith(`${prefix}.`))).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('all end up in each language, and nothing else', () => {
    const total = FEATURES.reduce((sum, [, vi]) => sum + Object.keys(vi).length, 0);
    expect(Object.keys(STRINGS.vi)).toHaveLength(total);
    expect(Object.keys(STRINGS.en)).toHaveLength(total);
  });

  it('are read by the translator, with parameters filled in', () => {
    expect(stringsFor('vi')('app.plan.untitledTable', { n: 2 })).toBe('Bảng 2');
    expect(stringsFor('en')('app.plan.untitledTable', { n: 2 })).toBe('Table 2');
  });
});
