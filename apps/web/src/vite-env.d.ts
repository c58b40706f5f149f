/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'on' in the end-to-end build (`vite build --mode e2e`), 'off' otherwise: see vite.config.ts. */
  readonly VITE_PHULUC_TEST_HOOKS: 'on' | 'off';
  /** 'on' in built apps (both builds), 'off' in development: see vite.config.ts and offline/. */
  readonly VITE_PHULUC_SERVICE_WORKER: 'on' | 'off';
}
