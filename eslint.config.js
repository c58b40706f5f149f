// Lint: TypeScript rules everywhere, and the architecture's import boundaries (STYLE.md §2).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'url', 'worker_threads', 'zlib'];

/**
 * The layers, declared once: for each folder, the sibling folders (and packages) it must never
 * import. Higher layers may import lower ones, never the reverse; a violation fails lint.
 */
const LAYERS = [
  // web: the sync connection knows no screen; the grid knows no review screen and no page.
  { folder: 'apps/web/src/sync', forbidden: ['grid', 'review', 'app'] },
  { folder: 'apps/web/src/grid', forbidden: ['review', 'app'] },
  { folder: 'apps/web/src/i18n', forbidden: ['grid', 'review', 'app', 'sync'] },
  // server: storage knows neither the sync protocol nor HTTP; exports and imports are pure
  // document ⇄ file code; the sync pipeline knows no HTTP route.
  { folder: 'apps/server/src/store', forbidden: ['sync', 'api', 'auth', 'review', 'exports', 'imports', 'cli', 'demo'], packages: ['hono', 'hono/*', '@hono/*', 'ws', 'y-protocols/*'] },
  { folder: 'apps/server/src/exports', forbidden: ['sync', 'api', 'store', 'auth', 'review', 'cli'] },
  { folder: 'apps/server/src/imports', forbidden: ['sync', 'api', 'store', 'auth', 'review', 'cli'] },
  { folder: 'apps/server/src/auth', forbidden: ['sync', 'api', 'review', 'cli'] },
  { folder: 'apps/server/src/sync', forbidden: ['api', 'cli', 'demo'] },
];

/** The lint rule of one layer (kept with the app-wide restrictions of its package). */
function layerRule({ folder, forbidden, packages = [] }, shared) {
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-helper.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...shared,
            ...forbidden.map((name) => ({ group: [`../${name}/*`, `../${name}`], message: `${folder} must not import ${name}/ (layers: eslint.config.js).` })),
            ...(packages.length > 0 ? [{ group: packages, message: `${folder} must not import ${packages.join(', ')} (layers: eslint.config.js).` }] : []),
          ],
        },
      ],
    },
  };
}

const WEB_SHARED = [{ group: ['@phuluc/server', '@phuluc/server/*', '**/apps/server/**'], message: 'web and server never import each other.' }];
const SERVER_SHARED = [
  { group: ['@phuluc/web', '@phuluc/web/*', '**/apps/web/**'], message: 'web and server never import each other.' },
  { group: ['**/packages/domain/src/**'], message: 'import @phuluc/domain through its exports.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/dist-e2e/**', '**/.turbo/**', 'data/**', '**/test-results/**', '**/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-checked rules on every TypeScript file that belongs to a package's project.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*/*/vitest.config.ts', '*/*/vitest.faults.config.ts', '*/vitest.config.ts', 'bench/browser/serve-snapshot.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A `default:` branch is an exhaustive answer on purpose (unknown values read defensively).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      // Y.Text and Error have their own toString.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText', 'Text'] }],
      // Commands and hooks are async by their interface even when one of them awaits nothing.
      '@typescript-eslint/require-await': 'off',
      // Callbacks and props are declared as function-typed properties, so passing them around
      // (destructured props, store.subscribe) is safe and `unbound-method` can stay on.
      '@typescript-eslint/method-signature-style': ['error', 'property'],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // domain runs in the browser and in Node alike: zod, yjs, fractional-indexing and lib0's diff only.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-helper.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(zod|yjs|fractional-indexing|lib0/diff)$|\\./|\\.\\./)',
              message: 'domain imports zod, yjs, fractional-indexing and lib0/diff only: no I/O, DOM, React, Hono or app code.',
            },
            { group: [...NODE_BUILTINS], message: 'domain does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'localStorage', 'indexedDB', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: WEB_SHARED }],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: SERVER_SHARED }],
    },
  },
  ...LAYERS.map((layer) => layerRule(layer, layer.folder.startsWith('apps/web') ? WEB_SHARED : SERVER_SHARED)),
);
