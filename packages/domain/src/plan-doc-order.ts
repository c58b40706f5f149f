/**
 * Order of rows (and of tables) by fractional index keys (`fractional-indexing`): each entry
 * carries its own key, ties are broken by id. Placing an entry writes only its own key, so
 * concurrent moves of one row end with one position (the map key's last writer wins) and never
 * with two copies.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { PlanDocError, randomBytes } from './plan-doc-layout.ts';

/** An entry of an ordered map: its id and its order key ("" when it has none). */
export interface OrderEntry {
  id: string;
  order: string;
}

/** Where to put a row: right before or after another one; neither appends at the end. */
export type RowPosition = { before?: string; after?: string };

/** Compares by key, then by id: every replica sorts the same entries the same way. */
export function orderCompare(a: OrderEntry, b: OrderEntry): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

const KEY_SHAPE = /^[A-Za-z][0-9A-Za-z]*$/;

/**
 * True when `key` is an order key `fractional-indexing` accepts (base 62, an integer part as long
 * as its head letter says, no trailing "0"). The server checks every `order` write with it: the
 * helpers cannot place rows next to a malformed key (they skip over it).
 */
export function orderKeyIsValid(key: unknown): key is string {
  if (typeof key !== 'string' || !KEY_SHAPE.test(key)) return false;
  const head = key.charCodeAt(0);
  const intLength = head >= 97 ? head - 97 + 2 : 90 - head + 2;
  if (key.length < intLength) return false;
  if (key === `A${'0'.repeat(26)}`) return false; // the smallest integer has nothing below it
  return !(key.length > intLength && key.endsWith('0'));
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Two random digits appended to fresh keys: two people inserting at the same spot at the same
 * moment then get different keys instead of a tie, and a later insert between their rows needs
 * to move nobody else. Kept only when the keys stay in order and below `hi`.
 */
function orderJitter(keys: string[], hi: string | null): string[] {
  const [a = 0, b = 0] = randomBytes(2);
  const suffix = `${DIGITS[a % 62]}${DIGITS[1 + (b % 61)]}`; // a key may not end with "0"
  const jittered = keys.map((k) => k + suffix);
  for (let i = 1; i < jittered.length; i += 1) {
    if ((jittered[i - 1] as string) >= (jittered[i] as string)) return keys;
  }
  const last = jittered[jittered.length - 1];
  if (hi !== null && last !== undefined && last >= hi) return keys;
  return jittered;
}

/** Keys for entries placed at `index` of `sorted`, plus entries that had to move with them. */
export interface OrderPlacement {
  keys: string[];
  /** Entries after the insertion point that tied with the one before it; almost always empty. */
  rekeyed: OrderEntry[];
}

/**
 * `count` ascending keys that sort between `sorted[index - 1]` and `sorted[index]` (`sorted` in
 * `orderCompare` order, without the entries being placed). Malformed keys are skipped over.
 * When the two neighbours tie (two people inserted there at once and the jitter collided), no key
 * fits between them: the tied entries after the insertion point get new keys too (`rekeyed`).
 */
export function orderPlace(sorted: readonly OrderEntry[], index: number, count: number): OrderPlacement {
  let lo: string | null = null;
  for (let i = index - 1; i >= 0 && lo === null; i -= 1) {
    const key = sorted[i]?.order;
    if (orderKeyIsValid(key)) lo = key;
  }
  let hiIndex = index;
  while (hiIndex < sorted.length && !orderKeyIsValid(sorted[hiIndex]?.order)) hiIndex += 1;
  const hi = sorted[hiIndex]?.order ?? null;

  if (lo === null || hi === null || lo < hi) {
    const keys = count === 1 ? [generateKeyBetween(lo, hi)] : generateNKeysBetween(lo, hi, count);
    return { keys: orderJitter(keys, hi), rekeyed: [] };
  }

  // lo === hi: the entries from the insertion point that share this key move up with ours.
  const rekeyed: OrderEntry[] = [];
  let next: string | null = null;
  for (let i = index; i < sorted.length; i += 1) {
    const entry = sorted[i] as OrderEntry;
    if (!orderKeyIsValid(entry.order)) continue;
    if (entry.order === lo) rekeyed.push(entry);
    else {
      next = entry.order;
      break;
    }
  }
  const keys = generateNKeysBetween(lo, next, count + rekeyed.length);
  return {
    keys: keys.slice(0, count),
    rekeyed: rekeyed.map((entry, i) => ({ id: entry.id, order: keys[count + i] as string })),
  };
}

/**
 * Index in `sorted` (which must not contain the entry being placed) where `position` puts it.
 * With both anchors the entry goes right after `after` (`before` serves when `after` is gone);
 * an anchor that no longer exists throws `row-missing`.
 */
export function orderIndexOf(sorted: readonly OrderEntry[], position: RowPosition | undefined): number {
  const find = (id: string): number => sorted.findIndex((e) => e.id === id);
  if (position?.after !== undefined) {
    const i = find(position.after);
    if (i >= 0) return i + 1;
    if (position.before === undefined) throw anchorMissing(position.after);
  }
  if (position?.before !== undefined) {
    const i = find(position.before);
    if (i >= 0) return i;
    throw anchorMissing(position.before);
  }
  return sorted.length;
}

function anchorMissing(id: string): PlanDocError {
  return new PlanDocError('row-missing', `Không tìm thấy "${id}" (có thể vừa bị xóa) để đặt vị trí cạnh nó.`);
}
