/**
 * Transaction origins of this browser tab. Every local edit is made with `LOCAL_ORIGIN`, so
 * `Y.UndoManager({ trackedOrigins: new Set([LOCAL_ORIGIN]) })` undoes only one's own changes,
 * never another person's.
 */
export const LOCAL_ORIGIN: Readonly<{ name: string }> = Object.freeze({ name: 'phuluc-local' });
