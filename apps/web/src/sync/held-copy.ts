/**
 * The local copy of a plan set aside when the server refused an update: everything this browser
 * had (as one Yjs update), kept in its own IndexedDB database until the edits it holds have been
 * written again and acknowledged by the server (see refusal-recovery.ts). The plan's own
 * IndexedDB copy can then start afresh from the server without losing anything, also if the tab
 * is closed half way. A copy is also kept in memory, for a browser whose IndexedDB fails.
 */
import * as Y from 'yjs';

/** One set-aside copy. */
export interface HeldCopy {
  update: Uint8Array;
  /** The server's reason for the refusal. */
  reason: string;
  /** Refusals in a row without an acknowledgement between them: from 2 on, nothing is written again. */
  attempt: number;
  at: number;
  /**
   * Its edits have been written again into the plan (and its IndexedDB copy): they must never be
   * written a second time — the server's copy then holds them already, by another client, and
   * merging the two would double them.
   */
  applied: boolean;
}

const DB_NAME = 'phuluc-held';
const STORE = 'copies';
const memory = new Map<string, HeldCopy>();

function dbOpen(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
}

function dbRun<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return dbOpen().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = run(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error('indexedDB transaction failed'));
        };
        tx.onabort = tx.onerror;
      }),
  );
}

/** The key of one person's copy of one plan. */
export function heldCopyKey(planId: string, userId: string): string {
  return `${planId}:${userId}`;
}

/** The set-aside copy, or null. */
export async function heldCopyGet(key: string): Promise<HeldCopy | null> {
  try {
    const stored = await dbRun<unknown>('readonly', (store) => store.get(key));
    if (stored && typeof stored === 'object' && (stored as HeldCopy).update instanceof Uint8Array) return stored as HeldCopy;
  } catch {
    // IndexedDB unavailable: the memory copy, if any.
  }
  return memory.get(key) ?? null;
}

/**
 * Sets a copy aside. A copy already there is an earlier refusal not yet settled, and the attempt
 * is counted. If its edits were written again, the new copy (which holds them as written again)
 * replaces it; if not, it is merged in, so its edits are not lost either. Resolves once it is
 * durable (or only in memory, when IndexedDB fails).
 */
export async function heldCopyPut(key: string, copy: Omit<HeldCopy, 'attempt' | 'applied'>): Promise<HeldCopy> {
  const earlier = await heldCopyGet(key);
  const value: HeldCopy = earlier
    ? { ...copy, update: earlier.applied ? copy.update : Y.mergeUpdates([earlier.update, copy.update]), attempt: earlier.attempt + 1, applied: false }
    : { ...copy, attempt: 1, applied: false };
  memory.set(key, value);
  try {
    await dbRun('readwrite', (store) => store.put(value, key));
  } catch {
    // Kept in memory for this tab.
  }
  return value;
}

/** Records that the copy's edits have been written again. */
export async function heldCopyApplied(key: string): Promise<void> {
  const earlier = await heldCopyGet(key);
  if (!earlier) return;
  const value: HeldCopy = { ...earlier, applied: true };
  memory.set(key, value);
  try {
    await dbRun('readwrite', (store) => store.put(value, key));
  } catch {
    // Kept in memory for this tab.
  }
}

/** Adds what was typed after the copy was set aside (the same refusal: the attempt is not counted again). */
export async function heldCopyAppend(key: string, update: Uint8Array): Promise<void> {
  const earlier = await heldCopyGet(key);
  if (!earlier) return;
  const value: HeldCopy = { ...earlier, update: Y.mergeUpdates([earlier.update, update]) };
  memory.set(key, value);
  try {
    await dbRun('readwrite', (store) => store.put(value, key));
  } catch {
    // Kept in memory for this tab.
  }
}

/** Forgets the copy: its edits are written again and acknowledged, or shown to the person. */
export async function heldCopyDelete(key: string): Promise<void> {
  memory.delete(key);
  try {
    await dbRun('readwrite', (store) => store.delete(key));
  } catch {
    // Nothing to forget.
  }
}
