/**
 * Inspection of an incoming Yjs update before it is applied: which plan locations it writes
 * and deletes, whether it depends on content the server lacks (a causal gap), and what a new
 * row is created with. Read-only against the server's document (no clone, no split of items);
 * cost grows with the size of the update, not of the plan.
 */
import {
  PLAN_LIMITS,
  PLAN_ROOTS,
  type PlanChange,
  type PlanDocLocation,
  planCommentSchema,
  planDocLocate,
  planDocRowInfo,
  planDocReadMeta,
  progressTextLimit,
} from '@phuluc/domain';
import * as Y from 'yjs';
import { SyncError, type SyncErrorCode } from './sync-error.ts';

export type Inspection =
  | {
      ok: true;
      changes: PlanChange[];
      empty: boolean;
      /** The client ids the update writes new content under (whose author it claims to be). */
      clients: number[];
    }
  | { ok: false; error: SyncError };

/** An inspection that refuses the update. */
function refused(code: SyncErrorCode, detail?: string): Inspection {
  return { ok: false, error: new SyncError(code, { detail }) };
}

type AnyStruct = Y.Item | Y.GC | Y.Skip;

/** The delete set of a decoded update (yjs does not export its type). */
interface DeleteSetLike {
  clients: Map<number, Array<{ clock: number; len: number }>>;
}

/** Structs of the update by client, ordered by clock, for containment look-ups. */
class UpdateIndex {
  private readonly byClient = new Map<number, AnyStruct[]>();

  constructor(structs: readonly AnyStruct[]) {
    for (const s of structs) {
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(s);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  find(id: Y.ID): AnyStruct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid] as AnyStruct;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  clients(): IterableIterator<[number, AnyStruct[]]> {
    return this.byClient.entries();
  }
}

/** The struct of the server document containing `id`, or undefined when the server lacks it. */
function storeFind(doc: Y.Doc, id: Y.ID): AnyStruct | undefined {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
  const structs = doc.store.clients.get(id.client);
  if (!structs) return undefined;
  return structs[Y.findIndexSS(structs, id.clock)];
}

function typeIsDeleted(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/** Where a struct of the update lands: a location, or "gone" (inside deleted content). */
type Placement =
  | { kind: 'store'; type: Y.AbstractType<unknown>; key: string | null }
  | { kind: 'root'; name: string; key: string | null }
  | { kind: 'new'; owner: Y.Item; key: string | null }
  | { kind: 'gone' }
  | { kind: 'gap' }
  | { kind: 'corrupt' };

class Inspector {
  private readonly index: UpdateIndex;
  private readonly placements = new Map<Y.Item, Placement>();
  private readonly newLocations = new Map<Y.Item, { location: PlanDocLocation; inNewRow: boolean }>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly AnyStruct[],
  ) {
    this.index = new UpdateIndex(structs);
  }

  gapReason(): string | null {
    for (const [client, list] of this.index.clients()) {
      const state = Y.getState(this.doc.store, client);
      let expected = list[0]?.id.clock ?? 0;
      if (expected > state) return `thiếu dữ liệu trước (client ${client}, clock ${expected} > ${state})`;
      for (const s of list) {
        if (s.id.clock !== expected) return `cập nhật không liền mạch (client ${client})`;
        if (s instanceof Y.Skip && s.id.clock + s.length > state) return `cập nhật có khoảng trống (client ${client})`;
        expected = s.id.clock + s.length;
      }
    }
    return null;
  }

  /** Is this struct new to the server (not already integrated)? */
  isNew(s: AnyStruct): boolean {
    return s.id.clock + s.length > Y.getState(this.doc.store, s.id.client);
  }

  /**
   * A struct the server has the beginning of is integrated from where the server's copy stops,
   * right after the server's item at (client, state − 1), whatever origin the struct names: that
   * item must be in the place the struct says it is in, or Yjs would link the rest into another
   * list (a text's characters inside a comment list) and corrupt the document.
   */
  continuesWhereItsClientStopped(s: Y.Item, p: Placement): boolean {
    const state = Y.getState(this.doc.store, s.id.client);
    if (s.id.clock >= state) return true;
    const left = storeFind(this.doc, Y.createID(s.id.client, state - 1));
    if (!(left instanceof Y.Item) || !(left.parent instanceof Y.AbstractType)) return false;
    if (p.kind === 'store') return left.parent === p.type && left.parentSub === p.key;
    if (p.kind === 'root') return left.parent === this.doc.share.get(p.name) && left.parentSub === p.key;
    if (p.kind === 'gone') return typeIsDeleted(left.parent) || (left.parent as Y.AbstractType<unknown>)._item?.deleted === true;
    return false;
  }

  /** The server type a placement ends in: its own, or the one the new types around it are created in. */
  storeTypeOf(p: Placement, depth = 0): Y.AbstractType<unknown> | undefined {
    if (p.kind === 'store') return p.type;
    if (p.kind === 'root') return this.doc.share.get(p.name) as Y.AbstractType<unknown> | undefined;
    if (p.kind === 'new' && depth < 64) return this.storeTypeOf(this.placement(p.owner), depth + 1);
    return undefined;
  }

  /** The struct containing `id`: the server's integrated one first, else the update's. */
  lookup(id: Y.ID): AnyStruct | undefined {
    return storeFind(this.doc, id) ?? this.index.find(id);
  }

  placement(item: Y.Item, depth = 0): Placement {
    const known = this.placements.get(item);
    if (known) return known;
    if (depth > 64) return { kind: 'corrupt' };
    let result: Placement;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      result = { kind: 'root', name: parent, key: item.parentSub };
    } else if (parent instanceof Y.ID) {
      result = this.placementUnder(this.lookup(parent), item.parentSub, depth);
    } else if (parent instanceof Y.AbstractType) {
      // Already integrated (a struct of the server document).
      result = typeIsDeleted(parent) ? { kind: 'gone' } : { kind: 'store', type: parent, key: item.parentSub };
    } else {
      // No parent info: it sits next to its origin (or right origin) and shares its parent.
      const neighbourId = item.origin ?? item.rightOrigin;
      const neighbour = neighbourId ? this.lookup(neighbourId) : undefined;
      if (!neighbour) result = { kind: neighbourId ? 'gap' : 'corrupt' };
      else if (!(neighbour instanceof Y.Item)) result = { kind: 'gone' };
      else result = this.placement(neighbour, depth + 1);
    }
    this.placements.set(item, result);
    return result;
  }

  private placementUnder(owner: AnyStruct | undefined, key: string | null, depth: number): Placement {
    if (!owner) return { kind: 'gap' };
    if (!(owner instanceof Y.Item)) return { kind: 'gone' };
    if (!(owner.content instanceof Y.ContentType)) return { kind: 'corrupt' };
    if (!(owner.parent instanceof Y.AbstractType)) {
      // Inside a type this update creates: nowhere when that type itself lands nowhere.
      const up = this.placement(owner, depth + 1);
      return up.kind === 'gone' ? up : { kind: 'new', owner, key };
    }
    const type = owner.content.type;
    return typeIsDeleted(type) ? { kind: 'gone' } : { kind: 'store', type, key };
  }

  /** The plan location a placement denotes, and whether it lies in a row this update creates. */
  locate(p: Placement): { location: PlanDocLocation; inNewRow: boolean } | null {
    switch (p.kind) {
      case 'store':
        return { location: planDocLocate(p.type, p.key), inNewRow: false };
      case 'root':
        return { location: rootLocate(this.doc, p.name, p.key), inNewRow: false };
      case 'new': {
        const owner = this.newOwnerLocation(p.owner);
        if (!owner) return null;
        const loc = owner.location;
        // Progress records are checked key by key, also inside the maps the update creates.
        if (loc.area === 'progress') return { location: this.newProgressLocate(p) ?? { area: 'unknown' }, inNewRow: false };
        // Inside a new row every key is part of the row's creation.
        const rowCreated = loc.area === 'tables' && loc.part === 'rows' && loc.rowId !== undefined && loc.field === undefined;
        return { location: loc, inNewRow: owner.inNewRow || rowCreated };
      }
      default:
        return null;
    }
  }

  /**
   * The location of a write inside types this update creates under the `progress` root: the keys
   * of the new types from the server's type down, each with its type, located as one path.
   */
  private newProgressLocate(p: Placement & { kind: 'new' }): PlanDocLocation | null {
    const below: Array<{ key: string | null; type: Y.AbstractType<unknown> }> = [];
    let at: Placement = p;
    while (at.kind === 'new') {
      const owner: Y.Item = at.owner;
      if (!(owner.content instanceof Y.ContentType) || below.length > 8) return null;
      // The key from the owner's placement: a struct that overwrites a key names only its origin
      // (the value it replaces), and its own parentSub is then not in the update.
      const up = this.placement(owner);
      if (up.kind !== 'new' && up.kind !== 'store' && up.kind !== 'root') return null;
      below.unshift({ key: up.key, type: owner.content.type });
      at = up;
    }
    const base = at.kind === 'store' ? at.type : at.kind === 'root' ? rootType(this.doc, at.name) : undefined;
    return base ? planDocLocate(base, p.key, below) : null;
  }

  private newOwnerLocation(owner: Y.Item): { location: PlanDocLocation; inNewRow: boolean } | null {
    const known = this.newLocations.get(owner);
    if (known) return known;
    const located = this.locate(this.placement(owner));
    if (located) this.newLocations.set(owner, located);
    return located;
  }
}

/** True when `type` is, or lies inside, one of the removed types. */
function typeInside(type: Y.AbstractType<unknown>, removed: ReadonlySet<Y.Item>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (removed.has(item)) return true;
  }
  return false;
}

/** True when one of the item's ancestors is deleted by the same update. */
function insideDeleted(item: Y.Item, deletedTypes: ReadonlySet<Y.Item>): boolean {
  for (let up = (item.parent as Y.AbstractType<unknown>)._item; up; up = (up.parent as Y.AbstractType<unknown>)._item) {
    if (deletedTypes.has(up)) return true;
  }
  return false;
}

/**
 * A root of the layout by name. One nothing was ever written in (no review yet in a loaded plan)
 * is not in `doc.share` until asked for: asking adds it without changing the document.
 */
function rootType(doc: Y.Doc, name: string): Y.AbstractType<unknown> | undefined {
  return (doc.share.get(name) ?? ((PLAN_ROOTS as readonly string[]).includes(name) ? doc.getMap(name) : undefined)) as Y.AbstractType<unknown> | undefined;
}

function rootLocate(doc: Y.Doc, name: string, key: string | null): PlanDocLocation {
  const type = rootType(doc, name);
  if (!type) return { area: 'unknown' };
  return planDocLocate(type, key);
}

/** What a write under the `progress` root puts (see `PlanChange.content`). */
function progressContentOf(content: Y.Item['content']): NonNullable<PlanChange['content']> {
  if (content instanceof Y.ContentAny) return 'value';
  if (content instanceof Y.ContentString) return 'chars';
  if (content instanceof Y.ContentType) return content.type instanceof Y.Text ? 'text' : content.type instanceof Y.Map ? 'map' : 'other';
  return 'other';
}

function contentValue(item: Y.Item): unknown {
  const c = item.content;
  if (c instanceof Y.ContentAny) return c.arr.length === 1 ? c.arr[0] : c.arr;
  return undefined;
}

/** The plain values an item holds from `from` to `to` (offsets in the item): comment entries. */
function contentValues(item: Y.Item, from = 0, to = item.length): unknown[] {
  const c = item.content;
  return c instanceof Y.ContentAny ? c.arr.slice(from, to) : [];
}

/** The map a placement writes a key of, when it is a map the server already has. */
function placementMap(doc: Y.Doc, p: Placement): Y.AbstractType<unknown> | undefined {
  if (p.kind === 'store') return p.type;
  if (p.kind === 'root') return doc.share.get(p.name) as Y.AbstractType<unknown> | undefined;
  return undefined;
}

/** True when `type` is the `comments` root (its keys are rows' comment lists). */
function isCommentsRoot(doc: Y.Doc, type: Y.AbstractType<unknown> | null): boolean {
  return type !== null && type._item === null && doc.share.get('comments') === type;
}

/** The live comment with `id` in a row's comment list, if any. */
function commentLive(doc: Y.Doc, rowId: string, id: string): unknown {
  const list = doc.getMap('comments').get(rowId);
  if (!(list instanceof Y.Array)) return undefined;
  for (const value of list.toArray()) {
    const parsed = planCommentSchema.safeParse(value);
    if (parsed.success && parsed.data.id === id) return value;
  }
  return undefined;
}

/** What a comment or review key names: a row (live or deleted) and its table, a table, or nothing. */
function subjectOf(doc: Y.Doc, id: string): { kind: 'table' } | { kind: 'row'; tableId: string } | null {
  const tables = doc.getMap('tables');
  if (tables.get(id) instanceof Y.Map) return { kind: 'table' };
  for (const [tableId, table] of tables) {
    const rows = table instanceof Y.Map ? (table as Y.Map<unknown>).get('rows') : undefined;
    if (rows instanceof Y.Map && rows._map.has(id)) return { kind: 'row', tableId };
  }
  return null;
}

/** Counts what an update adds to each text, to refuse a cell grown past the limit. */
class TextGrowth {
  private readonly added = new Map<object, number>();

  add(key: object, current: number, chars: number, limit: number = PLAN_LIMITS.cellChars): boolean {
    const total = (this.added.get(key) ?? current) + chars;
    this.added.set(key, total);
    return total <= limit;
  }
}

/** The update's own delete set, to tell what it creates and deletes at once (no effect). */
class UpdateDeletes {
  private readonly sorted = new Map<number, Array<{ clock: number; len: number }>>();

  constructor(private readonly ds: DeleteSetLike) {}

  /** True when every clock from `from` (inclusive) to `to` (exclusive) of `client` is deleted. */
  covers(client: number, from: number, to: number): boolean {
    const ranges = this.ds.clients.get(client);
    if (!ranges) return false;
    let list = this.sorted.get(client);
    if (!list) this.sorted.set(client, (list = [...ranges].sort((a, b) => a.clock - b.clock)));
    let at = from;
    for (const r of list) {
      if (r.clock > at) break;
      at = Math.max(at, r.clock + r.len);
      if (at >= to) return true;
    }
    return at >= to;
  }
}

/** A deleted piece of server content: the item, and which part of it the delete covers. */
interface Removal {
  item: Y.Item;
  from: number;
  to: number;
}

/**
 * Inspects `update` (v1) against `doc`. Returns the changes it makes, or why it must be
 * refused: corrupt bytes, a causal gap, content Phuluc never writes (sub-documents), or a text
 * grown past the limit. A key written in a map the server has is also a removal of the value
 * there now: Yjs deletes the overwritten item when it integrates the new one, delete set or not.
 */
export function updateInspect(doc: Y.Doc, update: Uint8Array): Inspection {
  if (update.byteLength > PLAN_LIMITS.updateBytes) return refused('updateTooLarge');
  let decoded: { structs: AnyStruct[]; ds: DeleteSetLike };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refused('updateUnreadable');
  }
  const inspector = new Inspector(doc, decoded.structs);
  const gap = inspector.gapReason();
  if (gap) return refused('outOfSync', gap);

  const changes: PlanChange[] = [];
  const newRows = new Map<Y.Item, { kind: unknown; owners: unknown; createdBy: unknown }>();
  const pendingRowCreations: Array<{ item: Y.Item; change: PlanChange }> = [];
  const removals: Removal[] = [];
  const overwritten = new Set<Y.Item>();
  const growth = new TextGrowth();
  const selfDeleted = new UpdateDeletes(decoded.ds);
  /** The server type each write lands in, to drop writes into what the same update removes. */
  const writtenIn = new Map<PlanChange, Placement>();
  const clients = new Set<number>();

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || !inspector.isNew(s)) continue;
    clients.add(s.id.client);
    if (s.content instanceof Y.ContentDoc) return refused('subdocument');
    const p = inspector.placement(s);
    if (p.kind === 'gap') return refused('outOfSync');
    if (p.kind === 'corrupt') return refused('updateUnplaceable');
    if (!inspector.continuesWhereItsClientStopped(s, p)) {
      return refused('updateRewritesContent');
    }
    if (p.kind === 'gone') continue;
    // The value at this key now is overwritten: checked as its removal. Also when the new value
    // is itself deleted at once (Yjs still integrates it, and it still replaces what was there).
    const map = p.key !== null ? placementMap(doc, p) : undefined;
    const current = map && p.key !== null ? map._map.get(p.key) : undefined;
    if (current && !current.deleted && !overwritten.has(current)) {
      overwritten.add(current);
      removals.push({ item: current, from: 0, to: current.length });
    }
    // Created and deleted at once: no effect of its own.
    if (s.content instanceof Y.ContentDeleted || selfDeleted.covers(s.id.client, s.id.clock, s.id.clock + s.length)) continue;
    const located = inspector.locate(p);
    if (!located) return refused('outOfSync');
    // Text grows: a cell, a section title or a table title stays under the limit.
    if (s.content instanceof Y.ContentString) {
      const key = p.kind === 'store' ? p.type : p.kind === 'new' ? p.owner : s;
      const current = p.kind === 'store' && p.type instanceof Y.Text ? p.type.length : 0;
      const limit = located.location.area === 'progress' && located.location.key !== undefined ? progressTextLimit(located.location.key) : undefined;
      if (!growth.add(key, current, s.length, limit)) return refused('cellTooLarge');
    }
    // Values written into a new row tell what the row is created with.
    if (p.kind === 'new' && (p.key === 'kind' || p.key === 'owners' || p.key === 'createdBy')) {
      const row = newRows.get(p.owner) ?? { kind: undefined, owners: undefined, createdBy: undefined };
      row[p.key] = contentValue(s);
      newRows.set(p.owner, row);
    }
    const loc = located.location;
    const writesBefore = changes.length;
    if (loc.area === 'comments') {
      const commentList = p.kind === 'root' || (p.kind === 'store' && isCommentsRoot(doc, p.type));
      if (commentList) {
        changes.push({ ...changeFor(doc, loc, 'write', located.inNewRow), commentList: true });
        const list = s.content instanceof Y.ContentType ? s.content.type : null;
        if (!(list instanceof Y.Array)) changes.push(commentChange(doc, loc, 'write', s.content)); // not a list: refused as malformed
      } else {
        // Anything but plain values (text landing in a list by its neighbours) is a malformed comment.
        const values = s.content instanceof Y.ContentAny ? contentValues(s).filter((_v, i) => !selfDeleted.covers(s.id.client, s.id.clock + i, s.id.clock + i + 1)) : [s.content];
        for (const value of values) changes.push(commentChange(doc, loc, 'write', value));
      }
      for (const change of changes.slice(writesBefore)) writtenIn.set(change, p);
      continue;
    }
    const change = changeFor(doc, loc, 'write', located.inNewRow);
    if (loc.area === 'reviews') change.value = contentValue(s);
    if (loc.area === 'progress') {
      change.content = progressContentOf(s.content);
      if (change.content === 'value') change.value = contentValue(s);
    }
    if (!located.inNewRow && loc.area === 'tables' && loc.part === 'rows' && loc.rowId && loc.field === undefined && s.content instanceof Y.ContentType) {
      pendingRowCreations.push({ item: s, change });
    }
    changes.push(change);
    writtenIn.set(change, p);
  }
  const created = new Map<string, PlanChange['newRow']>();
  for (const { item, change } of pendingRowCreations) {
    change.newRow = newRows.get(item) ?? { kind: undefined, owners: undefined, createdBy: undefined };
    if (change.location.area === 'tables' && change.location.rowId) created.set(change.location.rowId, change.newRow);
  }
  // A row's comment list, and an item row's (empty) map of progress reports, are created with
  // the row, in the same update; they are checked as the row's. Reports inside that map are not:
  // a row is reported once it exists.
  for (const change of changes) {
    const loc = change.location;
    const rowId = loc.area === 'comments' || (loc.area === 'progress' && loc.periodId === undefined) ? loc.rowId : undefined;
    if (change.subject !== null || !rowId || !created.has(rowId)) continue;
    const row = created.get(rowId);
    const owners = row?.owners;
    change.subject = 'row';
    change.rowOwners = Array.isArray(owners) ? owners.filter((o): o is string => typeof o === 'string') : [];
    if (loc.area === 'progress') change.rowKind = row?.kind === 'item' ? 'item' : 'section';
  }

  // Deletions: only of content the server has and still shows.
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let clock = range.clock; clock < end; ) {
        const s = inspector.lookup(Y.createID(client, clock));
        if (!s) return refused('deletesUnknown');
        const from = clock - s.id.clock;
        clock = s.id.clock + s.length;
        if (!(s instanceof Y.Item) || s.deleted || overwritten.has(s)) continue;
        if (!(s.parent instanceof Y.AbstractType)) continue; // created in this update: already seen above
        if (typeIsDeleted(s.parent)) continue;
        removals.push({ item: s, from, to: Math.min(end, clock) - s.id.clock });
      }
    }
  }
  // Removing a row (or a table) removes everything inside it too: that content is covered by
  // the check of the row itself.
  const removedTypes = new Set(removals.filter((r) => r.item.content instanceof Y.ContentType).map((r) => r.item));
  // What lands inside a type the same update removes is removed with it: no effect of its own
  // (a resolve written into a comment list the update wipes does not keep the comment).
  if (removedTypes.size > 0) {
    for (let i = changes.length - 1; i >= 0; i -= 1) {
      const placed = writtenIn.get(changes[i] as PlanChange);
      const type = placed && inspector.storeTypeOf(placed);
      if (type && typeInside(type, removedTypes)) changes.splice(i, 1);
    }
  }
  for (const { item, from, to } of removals) {
    if (insideDeleted(item, removedTypes)) continue;
    const parent = item.parent as Y.AbstractType<unknown>;
    const location = planDocLocate(parent, item.parentSub);
    if (location.area !== 'comments') {
      changes.push(changeFor(doc, location, 'delete', false));
    } else if (isCommentsRoot(doc, parent)) {
      // A whole comment list: each of its comments goes with it.
      changes.push({ ...changeFor(doc, location, 'delete', false), commentList: true });
      const list = item.content instanceof Y.ContentType ? item.content.type : null;
      if (list instanceof Y.Array) for (const value of list.toArray()) changes.push(commentChange(doc, location, 'delete', value));
    } else {
      for (const value of contentValues(item, from, to)) changes.push(commentChange(doc, location, 'delete', value));
    }
  }
  return { ok: true, changes, empty: changes.length === 0, clients: [...clients] };
}

/** A change of one comment entry: the comment written (and the one it replaces) or deleted. */
function commentChange(doc: Y.Doc, location: PlanDocLocation, op: 'write' | 'delete', value: unknown): PlanChange {
  const change: PlanChange = { ...changeFor(doc, location, op, false), value };
  if (op === 'write' && location.area === 'comments' && location.rowId) {
    const parsed = planCommentSchema.safeParse(value);
    const previous = parsed.success ? commentLive(doc, location.rowId, parsed.data.id) : undefined;
    if (previous !== undefined) change.previous = previous;
  }
  return change;
}

function changeFor(doc: Y.Doc, location: PlanDocLocation, op: 'write' | 'delete', inNewRow: boolean): PlanChange {
  let rowOwners: readonly string[] | null = null;
  let rowKind: 'section' | 'item' | null = null;
  const change: PlanChange = { location, op, rowOwners, rowKind, inNewRow };
  if (inNewRow) return change;
  if (location.area === 'tables' && location.tableId && location.rowId) {
    const info = planDocRowInfo(doc, location.tableId, location.rowId);
    if (info) ({ owners: rowOwners, kind: rowKind } = info);
  } else if ((location.area === 'reviews' || location.area === 'comments' || location.area === 'progress') && location.rowId) {
    const subject = subjectOf(doc, location.rowId);
    change.subject = subject?.kind ?? null;
    if (location.area === 'progress') {
      const year = planDocReadMeta(doc).year;
      if (year > 0) change.planYear = year;
    }
    const info = subject?.kind === 'row' ? planDocRowInfo(doc, subject.tableId, location.rowId) : null;
    if (info) ({ owners: rowOwners, kind: rowKind } = info);
  } else if (location.area === 'reviews' || location.area === 'comments' || location.area === 'progress') {
    change.subject = null;
  }
  return { ...change, rowOwners, rowKind };
}
