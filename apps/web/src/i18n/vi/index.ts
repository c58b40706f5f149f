/** Every Vietnamese string of the web UI (the default language), one file per feature. */
import { appVi } from './app.ts';
import { gridVi } from './grid.ts';
import { editorVi } from './editor.ts';
import { versionVi } from './version.ts';
import { importVi } from './import.ts';
import { reviewVi } from './review.ts';
import { exportVi } from './export.ts';
import { keptVi } from './kept.ts';
import { nextYearVi } from './nextYear.ts';
import { reportVi } from './report.ts';
import { trackingVi } from './tracking.ts';

export const vi = {
  ...appVi,
  ...gridVi,
  ...editorVi,
  ...versionVi,
  ...importVi,
  ...reviewVi,
  ...exportVi,
  ...keptVi,
  ...nextYearVi,
  ...reportVi,
  ...trackingVi,
};
