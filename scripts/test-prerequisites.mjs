#!/usr/bin/env node
// What the tests need beside Node and npm, checked before `npm test` runs anything:
//   Debian's Chromium at /usr/bin/chromium (or $PHULUC_CHROMIUM): the end-to-end tests drive it
//     (never `playwright install`);
//   LibreOffice (soffice), poppler (pdftotext, pdfinfo, pdffonts, pdftoppm), fonts-liberation
//     (metric-compatible Times New Roman) and Carlito (metric-compatible Calibri, the unit of an
//     XLSX's column widths, as LibreOffice ships it): the export tests read DOCX/XLSX/PDF back
//     as a clerk's programs would.
// Missing ones are installed with apt-get when running as root (CI); otherwise this prints what
// is missing and the one command that installs it, and exits 1.
//
//   node scripts/test-prerequisites.mjs      (npm test and .ci/run call it)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, command)));
}

/** The Debian packages, in the apt-get runs that install them (the browser with its recommends). */
const APT_GROUPS = [
  { args: ['install', '-y'], packages: ['chromium'] },
  {
    args: ['install', '-y', '--no-install-recommends'],
    packages: ['libreoffice-writer', 'libreoffice-calc', 'poppler-utils', 'fonts-liberation', 'fonts-crosextra-carlito'],
  },
];

/** Each prerequisite: what it is, how it is found, and the package that provides it. */
const PREREQUISITES = [
  {
    what: `Chromium (${process.env.PHULUC_CHROMIUM ?? '/usr/bin/chromium'})`,
    found: () => executable(process.env.PHULUC_CHROMIUM ?? '/usr/bin/chromium'),
    package: 'chromium',
  },
  { what: 'LibreOffice Writer (soffice)', found: () => onPath('soffice'), package: 'libreoffice-writer' },
  { what: 'poppler (pdftotext)', found: () => onPath('pdftotext'), package: 'poppler-utils' },
  {
    what: 'fonts-liberation (Liberation Serif)',
    found: () => existsSync('/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf') || fontInstalled('Liberation Serif'),
    package: 'fonts-liberation',
  },
  { what: 'fonts-crosextra-carlito (Carlito)', found: () => fontInstalled('Carlito'), package: 'fonts-crosextra-carlito' },
];

function fontInstalled(family) {
  const res = spawnSync('fc-list', [family], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim() !== '';
}

/** The apt-get runs that install the groups holding `packages` (whole groups, as CI installs them). */
function aptRuns(packages) {
  return APT_GROUPS.filter((group) => group.packages.some((p) => packages.includes(p)));
}

/** The one shell command that installs `packages` on Debian or Ubuntu. */
function installCommand(packages, sudo) {
  const s = sudo ? 'sudo ' : '';
  return [`${s}apt-get update`, ...aptRuns(packages).map((run) => `${s}apt-get ${[...run.args, ...run.packages].join(' ')}`)].join(' && ');
}

function missingNow() {
  return PREREQUISITES.filter((p) => !p.found());
}

/** Checks the prerequisites, installing them as root with apt-get; returns an exit status. */
export function testPrerequisitesEnsure() {
  let missing = missingNow();
  if (missing.length === 0) return 0;
  const packages = [...new Set(missing.map((p) => p.package))];
  const root = process.getuid?.() === 0;
  if (root && onPath('apt-get')) {
    console.log(`== installing what the tests need: ${missing.map((p) => p.what).join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ...aptRuns(packages).map((run) => [...run.args, ...run.packages])]) {
      const res = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (res.status !== 0) {
        console.error(`apt-get ${args.join(' ')} failed (exit ${res.status ?? res.signal}).`);
        return 1;
      }
    }
    missing = missingNow();
    if (missing.length === 0) return 0;
  }
  console.error(
    [
      'The tests need programs this machine does not have:',
      ...missing.map((p) => `  - ${p.what}`),
      '',
      'Install them (Debian or Ubuntu) with:',
      '',
      `  ${installCommand(packages, !root)}`,
      '',
      ...(process.env.PHULUC_CHROMIUM || missing.every((p) => p.package !== 'chromium')
        ? []
        : ['(or point PHULUC_CHROMIUM at another Chromium binary)', '']),
      'then run `npm test` again.',
    ].join('\n'),
  );
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(testPrerequisitesEnsure());
