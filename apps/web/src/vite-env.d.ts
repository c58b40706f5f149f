/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'on' in the end-to-end build (`vite build --mode e2e`), 'off' otherwise: see vite.config.ts. */
  readonly VITE_PHULUC_TEST_HOOKS: 'on' | 'off';
}
