/**
 * Text the person typed that could not be written — an editor closed because its row was deleted
 * or their right to write it was lost, edits the server refused and that they may no longer make —
 * kept for them to copy until they close the notice. Kept per plan and person in localStorage, so
 * a reload before they copied it loses nothing; at most `KEPT_MAX` notices.
 */
import type { StringKey } from '../i18n/strings.ts';

/** One piece of kept text and where it was meant to go. */
export interface KeptItem {
  /** The table's title. */
  table: string;
  /** The row as people cite it ("dòng II.3"), or "" when unknown. */
  row: string;
  /** The column's header label ("Ghi chú"). */
  field: string;
  text: string;
}

/** One notice: why, and what was kept. */
export interface KeptNotice {
  id: string;
  /** When it happened (ms since the epoch). */
  at: number;
  message: KeptMessage;
  /** A further line (what else was not done). */
  note?: KeptMessage;
  items: KeptItem[];
}

/** A message for the person, translated when shown. */
export interface KeptMessage {
  key: StringKey;
  params?: Record<string, string | number>;
}

const KEPT_MAX = 20;
const memory = new Map<string, KeptNotice[]>();
const listeners = new Map<string, Set<() => void>>();
/** Notices added in this page (copied to the clipboard once), as opposed to ones read back after a reload. */
const fresh = new Set<string>();

/** The storage key of one person's kept notices for one plan. */
export function keptEditsKey(planId: string, userId: string): string {
  return `phuluc.kept.${planId}.${userId}`;
}

function storageRead(key: string): KeptNotice[] {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as KeptNotice[]).filter((n) => typeof n?.id === 'string' && Array.isArray(n.items)) : [];
  } catch {
    return [];
  }
}

function storageWrite(key: string, notices: readonly KeptNotice[]): void {
  try {
    if (notices.length === 0) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(notices));
  } catch {
    // Storage full or unavailable: the notices stay in memory for this page.
  }
}

/** The notices not yet closed, oldest first. */
export function keptEditsList(key: string): readonly KeptNotice[] {
  let list = memory.get(key);
  if (!list) {
    list = storageRead(key);
    memory.set(key, list);
  }
  return list;
}

function emit(key: string, next: KeptNotice[]): void {
  memory.set(key, next);
  storageWrite(key, next);
  for (const cb of listeners.get(key) ?? []) cb();
}

const sameContent = (a: KeptNotice, b: KeptNotice): boolean =>
  JSON.stringify([a.message, a.note, a.items]) === JSON.stringify([b.message, b.note, b.items]);

/** Keeps a notice; one with no items, or the same as one already kept, is not kept again. */
export function keptEditsAdd(key: string, notice: KeptNotice): void {
  if (notice.items.length === 0) return;
  const current = keptEditsList(key);
  if (current.some((n) => n.id === notice.id || sameContent(n, notice))) return;
  fresh.add(notice.id);
  emit(key, [...current, notice].slice(-KEPT_MAX));
}

/** The person closed the notices: forget them. */
export function keptEditsDismiss(key: string, ids: readonly string[]): void {
  const drop = new Set(ids);
  const current = keptEditsList(key);
  if (!current.some((n) => drop.has(n.id))) return;
  emit(key, current.filter((n) => !drop.has(n.id)));
}

/** Calls `cb` when the notices of `key` change; returns the unsubscribe function. */
export function keptEditsSubscribe(key: string, cb: () => void): () => void {
  let set = listeners.get(key);
  if (!set) {
    set = new Set();
    listeners.set(key, set);
  }
  set.add(cb);
  return () => set.delete(cb);
}

/** True once for a notice added in this page: it is put on the clipboard then, not after a reload. */
export function keptEditsTakeFresh(id: string): boolean {
  return fresh.delete(id);
}

/** All the kept text as one piece to copy: each item's place on a line, then its text. */
export function keptEditsText(notices: readonly KeptNotice[]): string {
  const items = notices.flatMap((n) => n.items);
  if (items.length === 1) return items[0]?.text ?? '';
  return items.map((i) => `${keptItemPlace(i)}\n${i.text}`).join('\n\n');
}

/** Where an item was meant to go: "Bảng … · dòng II.3 · «Ghi chú»". */
export function keptItemPlace(item: KeptItem): string {
  return [item.table, item.row, `«${item.field}»`].filter((part) => part !== '').join(' · ');
}
