/**
 * Whether the end-to-end tests' hooks (test-hooks-window.ts) are on this page, and their
 * installation. They exist only in development and in the end-to-end build (`vite build --mode
 * e2e`, see vite.config.ts): in the production build `TEST_HOOKS_BUILT` is false, the branch that
 * loads them is dropped and so is their module. Where they exist they are exposed in development,
 * or once the app was opened with `?test` in the URL (remembered in this browser's localStorage).
 */
import type { PlanConnection } from '../sync/plan-connection.ts';

const FLAG = 'phuluc.testHooks';

/** Replaced at build time (vite.config.ts): false in the production build. */
const TEST_HOOKS_BUILT = import.meta.env.DEV || import.meta.env.VITE_PHULUC_TEST_HOOKS === 'on';

/** Whether this page exposes the hooks: never in a production build. */
export function testHooksEnabled(): boolean {
  if (!TEST_HOOKS_BUILT) return false;
  try {
    if (new URLSearchParams(window.location.search).has('test')) window.localStorage.setItem(FLAG, '1');
    return import.meta.env.DEV || window.localStorage.getItem(FLAG) === '1';
  } catch {
    return import.meta.env.DEV;
  }
}

/**
 * Exposes the open plan to the tests when enabled (once their module has loaded: the tests wait
 * for it); returns the function that withdraws it.
 */
export function testHooksInstall(planId: string, conn: PlanConnection): () => void {
  if (!TEST_HOOKS_BUILT || !testHooksEnabled()) return () => {};
  let withdrawn = false;
  let withdraw = (): void => {};
  void import('./test-hooks-window.ts').then(({ testHooksExpose }) => {
    if (!withdrawn) withdraw = testHooksExpose(planId, conn);
  });
  return () => {
    withdrawn = true;
    withdraw();
  };
}
