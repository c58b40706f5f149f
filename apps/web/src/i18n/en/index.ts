/** Every English string of the web UI, one file per feature (each typed against its Vietnamese twin). */
import { appEn } from './app.ts';
import { gridEn } from './grid.ts';
import { editorEn } from './editor.ts';
import { versionEn } from './version.ts';
import { importEn } from './import.ts';
import { reviewEn } from './review.ts';
import { exportEn } from './export.ts';
import { keptEn } from './kept.ts';
import { nextYearEn } from './nextYear.ts';
import { reportEn } from './report.ts';
import { trackingEn } from './tracking.ts';

export const en = {
  ...appEn,
  ...gridEn,
  ...editorEn,
  ...versionEn,
  ...importEn,
  ...reviewEn,
  ...exportEn,
  ...keptEn,
  ...nextYearEn,
  ...reportEn,
  ...trackingEn,
};
