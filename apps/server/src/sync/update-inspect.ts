/**
 * Inspection of an incoming Yjs update before it is applied: which plan locations it writes
 * and deletes, whether it depends on content the server lacks (a causal gap), and what a new
 * row is created with. Read-only against the server's document (no clone, no split of items);
 * cost grows with the size of the update, not of the plan.
 */
import { PLAN_ROOTS, type PlanChange, type PlanDocLocation, planDocLocate, planDocRowInfo, planDocRowTableId } from '@phuluc/domain';
import * as Y from 'yjs';

export type Inspection =
  | { ok: true; changes: PlanChange[]; empty: boolean }
  | { ok: false; code: 'corrupt' | 'gap' | 'unsupported'; reason: string };

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
  return structs[Y.findIndexSS(structs, id.clock)] as AnyStruct | undefined;
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
      result = this.placementUnder(this.lookup(parent), item.parentSub);
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

  private placementUnder(owner: AnyStruct | undefined, key: string | null): Placement {
    if (!owner) return { kind: 'gap' };
    if (!(owner instanceof Y.Item)) return { kind: 'gone' };
    if (!(owner.content instanceof Y.ContentType)) return { kind: 'corrupt' };
    if (!(owner.parent instanceof Y.AbstractType)) return { kind: 'new', owner, key };
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
        // Inside a new row every key is part of the row's creation.
        const rowCreated = loc.area === 'tables' && loc.part === 'rows' && loc.rowId !== undefined && loc.field === undefined;
        return { location: loc, inNewRow: owner.inNewRow || rowCreated };
      }
      default:
        return null;
    }
  }

  private newOwnerLocation(owner: Y.Item): { location: PlanDocLocation; inNewRow: boolean } | null {
    const known = this.newLocations.get(owner);
    if (known) return known;
    const located = this.locate(this.placement(owner));
    if (located) this.newLocations.set(owner, located);
    return located;
  }
}

/** True when one of the item's ancestors is deleted by the same update. */
function insideDeleted(item: Y.Item, deletedTypes: ReadonlySet<Y.Item>): boolean {
  for (let up = (item.parent as Y.AbstractType<unknown>)._item; up; up = (up.parent as Y.AbstractType<unknown>)._item) {
    if (deletedTypes.has(up)) return true;
  }
  return false;
}

function rootLocate(doc: Y.Doc, name: string, key: string | null): PlanDocLocation {
  // A root of the layout nothing was ever written in (no review yet in a loaded plan) is not in
  // `doc.share` until asked for: asking adds it without changing the document.
  const type = doc.share.get(name) ?? ((PLAN_ROOTS as readonly string[]).includes(name) ? doc.getMap(name) : undefined);
  if (!type) return { area: 'unknown' };
  return planDocLocate(type as Y.AbstractType<unknown>, key);
}

function contentValue(item: Y.Item): unknown {
  const c = item.content;
  if (c instanceof Y.ContentAny) return c.arr.length === 1 ? c.arr[0] : c.arr;
  return undefined;
}

/**
 * Inspects `update` (v1) against `doc`. Returns the changes it makes, or why it must be
 * refused: corrupt bytes, a causal gap, or content Phuluc never writes (sub-documents).
 */
export function updateInspect(doc: Y.Doc, update: Uint8Array): Inspection {
  let decoded: { structs: AnyStruct[]; ds: DeleteSetLike };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: AnyStruct[]; ds: DeleteSetLike };
  } catch {
    return { ok: false, code: 'corrupt', reason: 'Cập nhật hỏng, không đọc được.' };
  }
  const inspector = new Inspector(doc, decoded.structs);
  const gap = inspector.gapReason();
  if (gap) return { ok: false, code: 'gap', reason: `Cập nhật phụ thuộc dữ liệu máy chủ chưa có: ${gap}.` };

  const changes: PlanChange[] = [];
  const newRows = new Map<Y.Item, { kind: unknown; owners: unknown; createdBy: unknown }>();
  const pendingRowCreations: Array<{ item: Y.Item; change: PlanChange }> = [];

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item) || !inspector.isNew(s)) continue;
    if (s.content instanceof Y.ContentDoc) return { ok: false, code: 'unsupported', reason: 'Kế hoạch không dùng tài liệu con.' };
    const p = inspector.placement(s);
    if (p.kind === 'gap') return { ok: false, code: 'gap', reason: 'Cập nhật phụ thuộc dữ liệu máy chủ chưa có.' };
    if (p.kind === 'corrupt') return { ok: false, code: 'corrupt', reason: 'Cập nhật hỏng: không xác định được vị trí.' };
    if (p.kind === 'gone') continue;
    if (s.content instanceof Y.ContentDeleted) continue; // created and deleted at once: no effect
    const located = inspector.locate(p);
    if (!located) return { ok: false, code: 'gap', reason: 'Cập nhật phụ thuộc dữ liệu máy chủ chưa có.' };
    // Values written into a new row tell what the row is created with.
    if (p.kind === 'new' && (p.key === 'kind' || p.key === 'owners' || p.key === 'createdBy')) {
      const row = newRows.get(p.owner) ?? { kind: undefined, owners: undefined, createdBy: undefined };
      row[p.key] = contentValue(s);
      newRows.set(p.owner, row);
    }
    const change = changeFor(doc, located.location, 'write', located.inNewRow);
    if (located.location.area === 'reviews') change.value = contentValue(s);
    const loc = located.location;
    if (!located.inNewRow && loc.area === 'tables' && loc.part === 'rows' && loc.rowId && loc.field === undefined && s.content instanceof Y.ContentType) {
      pendingRowCreations.push({ item: s, change });
    }
    changes.push(change);
  }
  for (const { item, change } of pendingRowCreations) {
    change.newRow = newRows.get(item) ?? { kind: undefined, owners: undefined, createdBy: undefined };
  }

  // Deletions: only of content the server has and still shows. Deleting a row (or a table)
  // deletes everything inside it too; that content is covered by the check of the row itself.
  const deleted: Y.Item[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let clock = range.clock; clock < end; ) {
        const s = inspector.lookup(Y.createID(client, clock));
        if (!s) return { ok: false, code: 'gap', reason: 'Cập nhật xoá nội dung máy chủ chưa có.' };
        clock = s.id.clock + s.length;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        if (!(s.parent instanceof Y.AbstractType)) continue; // created in this update: already seen above
        if (typeIsDeleted(s.parent)) continue;
        deleted.push(s);
      }
    }
  }
  const deletedTypes = new Set(deleted.filter((s) => s.content instanceof Y.ContentType));
  for (const s of deleted) {
    if (insideDeleted(s, deletedTypes)) continue;
    const location = planDocLocate(s.parent as Y.AbstractType<unknown>, s.parentSub);
    changes.push(changeFor(doc, location, 'delete', false));
  }
  return { ok: true, changes, empty: changes.length === 0 };
}

function changeFor(doc: Y.Doc, location: PlanDocLocation, op: 'write' | 'delete', inNewRow: boolean): PlanChange {
  let rowOwners: readonly string[] | null = null;
  let rowKind: 'section' | 'item' | null = null;
  if (!inNewRow) {
    if (location.area === 'tables' && location.tableId && location.rowId) {
      const info = planDocRowInfo(doc, location.tableId, location.rowId);
      if (info) ({ owners: rowOwners, kind: rowKind } = info);
    } else if (location.area === 'reviews' && location.rowId) {
      const tableId = planDocRowTableId(doc, location.rowId);
      const info = tableId ? planDocRowInfo(doc, tableId, location.rowId) : null;
      if (info) ({ owners: rowOwners, kind: rowKind } = info);
    }
  }
  return { location, op, rowOwners, rowKind, inNewRow };
}
