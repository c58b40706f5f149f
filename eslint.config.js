// Lint: TypeScript rules everywhere, and the architecture's import boundaries (STYLE.md §2).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'url', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/dist-e2e/**', '**/.turbo/**', 'data/**', '**/test-results/**', '**/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['@phuluc/server', '@phuluc/server/*', '**/apps/server/**'], message: 'web and server never import each other.' }] }],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@phuluc/web', '@phuluc/web/*', '**/apps/web/**'], message: 'web and server never import each other.' }, { group: ['**/packages/domain/src/**'], message: 'import @phuluc/domain through its exports.' }] }],
    },
  },
);
