/**
 * Registers the service worker (service-worker.ts, built to /sw.js) in built apps, so a reload
 * without network still opens the app. Not in development (`vite`): Vite serves modules one by
 * one there, and a kept shell would hide changes. A browser without service workers (or a page
 * that is not a secure context) simply goes without.
 */
export function serviceWorkerRegister(): void {
  if (import.meta.env.VITE_PHULUC_SERVICE_WORKER !== 'on' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works as before, online; only a reload offline is lost.
    });
  });
}
