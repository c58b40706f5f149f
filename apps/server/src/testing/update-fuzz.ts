/**
 * Differential fuzzing of the server's update check. Random updates are made the way clients
 * make them (the domain's helpers, raw map and text writes, concurrent branches, stale
 * replicas) and then tampered with the way an attacker could (delete set stripped, widened or
 * duplicated, another person's client id). Each is decided by `updateAuthorize`; for every
 * update it accepts, the plan before and after applying it is compared as plain data, and every
 * difference must be one the sender's role may make — a second, independent statement of
 * DESIGN.md's table of rights. A refusal is always safe; an accepted update that changes what
 * its sender may not change is a violation.
 */
import { readFileSync } from 'node:fs';
import {
  type Actor,
  planCommentSchema,
  planDocCellText,
  planDocCommentAdd,
  planDocCommentResolve,
  planDocCreate,
  planDocDeleteRow,
  planDocImportTable,
  planDocInsertRow,
  planDocMoveRow,
  planDocRenameColumn,
  planDocReviewSet,
  planDocSetCell,
  planDocSetMeta,
  planDocSetOwners,
  planDocSetTableTitle,
  planDocRandomSource,
  planReviewSchema,
  REVIEW_STATES,
  tableImportText,
  unitDirectoryDefault,
  unitsLeading,
} from '@phuluc/domain';
import { randomSeeded } from '@phuluc/domain/testing/random';
import * as Y from 'yjs';
import { fixturePath } from '../fixtures.ts';
import { updateAuthorize } from '../sync/update-authorize.ts';
import { type DeleteRanges, updateAddDeletes, updateStripDeletes } from './update-craft.ts';

// ---------------------------------------------------------------------------------------------
// Randomness


class Dice {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('nothing to pick from');
    return list[this.int(list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// The people and the plan

const KINH_TE = 'phong-kinh-te';
const VAN_PHONG = 'van-phong-hdnd-va-ubnd-xa';
const VHXH = 'phong-van-hoa-xa-hoi';
const UNITS = [KINH_TE, VAN_PHONG, VHXH, 'trung-tam-phuc-vu-hanh-chinh-cong'];

/** Everyone who sends updates in the fuzz, one per role (two editors of different units). */
export const FUZZ_ACTORS: readonly Actor[] = [
  { userId: 'u-admin', role: 'admin', unitId: null },
  { userId: 'u-coord', role: 'coordinator', unitId: VHXH },
  { userId: 'u-kt', role: 'editor', unitId: KINH_TE },
  { userId: 'u-vp', role: 'editor', unitId: VAN_PHONG },
  { userId: 'u-lead', role: 'reviewer', unitId: null },
  { userId: 'u-view', role: 'viewer', unitId: null },
];

const TEXTS = ['Quý II/2026', 'Thường xuyên', 'Phòng Kinh tế', 'Văn phòng HĐND và UBND xã', 'sửa', '', 'Báo cáo kết quả', 'x'];

/** The Tân Thanh plan with comments and review states from several people. */
export function fuzzBaseDoc(): Y.Doc {
  const units = unitDirectoryDefault();
  const imported = tableImportText(readFileSync(fixturePath('tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch CĐS 2026', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, imported.value.table, { ownersOf: (row) => unitsLeading(units, row.cells.lead ?? '') });
  const rows = [...(doc.getMap('tables').get(tableId) as Y.Map<Y.Map<unknown>>).get('rows')!.keys()];
  rows.slice(0, 12).forEach((rowId, i) => {
    const author = FUZZ_ACTORS[i % FUZZ_ACTORS.length] as Actor;
    planDocCommentAdd(doc, rowId, { author: author.userId, text: `Ý kiến ${i}`, at: '2026-03-01T08:00:00Z', id: `c${i}` });
    if (i % 3 === 0) planDocReviewSet(doc, rowId, { state: 'approved', by: 'u-lead', at: '2026-03-02T08:00:00Z' });
  });
  return doc;
}

// ---------------------------------------------------------------------------------------------
// The plan as plain data, and what changed

interface RowView {
  /** Identity of the row's Y.Map: an overwritten row is another row. */
  item: string;
  kind: string;
  owners: string[];
  keys: Map<string, string>;
}

interface PlanView {
  meta: string;
  roots: string;
  tableShells: Map<string, string>;
  rows: Map<string, RowView>;
  /** Row ids known to any table (live or deleted): comments may name them. */
  knownRows: Set<string>;
  comments: Map<string, Map<string, unknown>>;
  reviews: Map<string, unknown>;
}

function json(value: unknown): string {
  return JSON.stringify(value instanceof Y.AbstractType ? { type: value.constructor.name, value: value.toJSON() as unknown } : value);
}

/** Reads the whole plan as plain values (the sharpest view of what an update changed). */
export function fuzzView(doc: Y.Doc): PlanView {
  const view: PlanView = {
    meta: json(doc.getMap('meta')),
    roots: [...doc.share.keys()].filter((k) => !['meta', 'tables', 'comments', 'reviews'].includes(k) && (doc.share.get(k)?._start || doc.share.get(k)?._map.size)).join(','),
    tableShells: new Map(),
    rows: new Map(),
    knownRows: new Set(),
    comments: new Map(),
    reviews: new Map(),
  };
  for (const [tableId, table] of doc.getMap<unknown>('tables')) {
    if (!(table instanceof Y.Map)) {
      view.tableShells.set(tableId, json(table));
      continue;
    }
    const shell: Record<string, string> = {};
    for (const [key, value] of table as Y.Map<unknown>) if (key !== 'rows') shell[key] = json(value);
    const rows: unknown = table.get('rows');
    shell.rowsType = rows instanceof Y.Map ? 'map' : json(rows);
    view.tableShells.set(tableId, JSON.stringify(shell));
    if (!(rows instanceof Y.Map)) continue;
    for (const key of rows._map.keys()) view.knownRows.add(key);
    for (const [rowId, row] of rows) {
      if (!(row instanceof Y.Map)) {
        view.rows.set(`${tableId}/${rowId}`, { item: 'plain', kind: 'none', owners: [], keys: new Map([['', json(row)]]) });
        continue;
      }
      const keys = new Map<string, string>();
      for (const [key, value] of row as Y.Map<unknown>) keys.set(key, json(value));
      const owners: unknown = row.get('owners');
      view.rows.set(`${tableId}/${rowId}`, {
        item: row._item ? `${row._item.id.client}:${row._item.id.clock}` : '',
        // As the plan reads it: a row without a readable kind is an item.
        kind: row.get('kind') === 'section' ? 'section' : 'item',
        owners: Array.isArray(owners) ? owners.filter((o): o is string => typeof o === 'string') : [],
        keys,
      });
    }
  }
  for (const [rowId, list] of doc.getMap('comments')) {
    const entries = new Map<string, unknown>();
    if (list instanceof Y.Array) {
      const seen = new Map<string, number>();
      for (const value of list.toArray() as unknown[]) {
        const parsed = planCommentSchema.safeParse(value);
        // Unreadable entries are told apart by content and by how many came before alike.
        const junk = `#junk:${json(value)}`;
        const n = (seen.get(junk) ?? 0) + 1;
        seen.set(junk, n);
        entries.set(parsed.success ? parsed.data.id : `${junk}#${n}`, value);
      }
    } else {
      entries.set('#not-a-list', list);
    }
    view.comments.set(rowId, entries);
  }
  for (const [id, value] of doc.getMap('reviews')) view.reviews.set(id, value);
  return view;
}

/** One difference between two views, in words, with what decides whether it is allowed. */
type Difference =
  | { kind: 'structure'; what: string }
  | { kind: 'row-added'; row: RowView }
  | { kind: 'row-removed'; row: RowView }
  | { kind: 'row-key'; row: RowView; key: string }
  | { kind: 'comment-added'; rowId: string; id: string; value: unknown }
  | { kind: 'comment-removed'; rowId: string; id: string; value: unknown }
  | { kind: 'comment-changed'; rowId: string; id: string; before: unknown; after: unknown }
  | { kind: 'review'; id: string; after: unknown };

function differences(before: PlanView, after: PlanView): Difference[] {
  const out: Difference[] = [];
  if (before.meta !== after.meta) out.push({ kind: 'structure', what: 'meta' });
  if (before.roots !== after.roots) out.push({ kind: 'structure', what: `roots ${after.roots}` });
  for (const id of new Set([...before.tableShells.keys(), ...after.tableShells.keys()])) {
    if (before.tableShells.get(id) !== after.tableShells.get(id)) out.push({ kind: 'structure', what: `table ${id}` });
  }
  for (const id of new Set([...before.rows.keys(), ...after.rows.keys()])) {
    const a = before.rows.get(id);
    const b = after.rows.get(id);
    if (a && !b) out.push({ kind: 'row-removed', row: a });
    else if (!a && b) out.push({ kind: 'row-added', row: b });
    else if (a && b && a.item !== b.item) out.push({ kind: 'row-removed', row: a }, { kind: 'row-added', row: b });
    else if (a && b) {
      for (const key of new Set([...a.keys.keys(), ...b.keys.keys()])) {
        if (a.keys.get(key) !== b.keys.get(key)) out.push({ kind: 'row-key', row: a, key });
      }
    }
  }
  for (const rowId of new Set([...before.comments.keys(), ...after.comments.keys()])) {
    const a = before.comments.get(rowId) ?? new Map<string, unknown>();
    const b = after.comments.get(rowId) ?? new Map<string, unknown>();
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(id);
      const y = b.get(id);
      if (x !== undefined && y === undefined) out.push({ kind: 'comment-removed', rowId, id, value: x });
      else if (x === undefined && y !== undefined) out.push({ kind: 'comment-added', rowId, id, value: y });
      else if (json(x) !== json(y)) out.push({ kind: 'comment-changed', rowId, id, before: x, after: y });
    }
  }
  for (const id of new Set([...before.reviews.keys(), ...after.reviews.keys()])) {
    if (json(before.reviews.get(id)) !== json(after.reviews.get(id))) out.push({ kind: 'review', id, after: after.reviews.get(id) });
  }
  return out;
}

const RESERVED = new Set(['lead', 'owners', 'kind', 'createdBy']);

function ownsRow(actor: Actor, row: RowView): boolean {
  return actor.role === 'editor' && actor.unitId !== null && row.kind === 'item' && row.owners.includes(actor.unitId);
}

function rowOfId(view: PlanView, rowId: string): RowView | undefined {
  for (const [key, row] of view.rows) if (key.endsWith(`/${rowId}`)) return row;
  return undefined;
}

/** Why a difference is not the actor's to make, or null when it is (the independent rules). */
function differenceForbidden(actor: Actor, d: Difference, before: PlanView, after: PlanView): string | null {
  const manager = actor.role === 'admin' || actor.role === 'coordinator';
  switch (d.kind) {
    case 'structure':
      return manager ? null : `structure changed (${d.what})`;
    case 'row-added':
      if (manager) return null;
      return actor.role === 'editor' && d.row.kind === 'item' && d.row.owners.length === 1 && d.row.owners[0] === actor.unitId ? null : 'row added';
    case 'row-removed':
      if (manager) return null;
      return actor.role === 'editor' && d.row.kind === 'item' && d.row.owners.length === 1 && d.row.owners[0] === actor.unitId ? null : 'row removed';
    case 'row-key':
      if (manager) return null;
      return ownsRow(actor, d.row) && !RESERVED.has(d.key) ? null : `row key ${d.key} changed`;
    case 'comment-added': {
      if (actor.role === 'viewer') return 'comment added by a viewer';
      const parsed = planCommentSchema.safeParse(d.value);
      if (!parsed.success) return 'malformed comment added';
      if (parsed.data.author !== actor.userId) return 'comment added in another name';
      // On a row the plan has (or the same update creates).
      return before.knownRows.has(d.rowId) || after.knownRows.has(d.rowId) ? null : 'comment on no row';
    }
    case 'comment-removed': {
      if (actor.role === 'viewer') return 'comment removed by a viewer';
      if (manager) return null;
      const parsed = planCommentSchema.safeParse(d.value);
      return parsed.success && parsed.data.author === actor.userId ? null : "someone else's comment removed";
    }
    case 'comment-changed': {
      if (actor.role === 'viewer') return 'comment changed by a viewer';
      const a = planCommentSchema.safeParse(d.before);
      const b = planCommentSchema.safeParse(d.after);
      if (!a.success || !b.success) return manager ? null : 'malformed comment changed';
      if (JSON.stringify({ ...a.data, resolved: null }) !== JSON.stringify({ ...b.data, resolved: null })) return 'comment text or author changed';
      if (manager || actor.role === 'reviewer' || a.data.author === actor.userId) return null;
      const row = rowOfId(before, d.rowId);
      return row && ownsRow(actor, row) ? null : "someone else's comment resolved";
    }
    case 'review': {
      if (actor.role === 'viewer') return 'review by a viewer';
      const row = rowOfId(before, d.id);
      if (!before.knownRows.has(d.id) && !before.tableShells.has(d.id)) return 'review of nothing';
      if (d.after === undefined) {
        if (manager || actor.role === 'reviewer') return null;
        return row && ownsRow(actor, row) ? null : 'review removed';
      }
      const parsed = planReviewSchema.safeParse(d.after);
      if (!parsed.success) return 'malformed review';
      if (parsed.data.by !== actor.userId) return 'review in another name';
      if (parsed.data.reason !== undefined) return 'review with a server reason';
      if (manager || actor.role === 'reviewer') return null;
      return parsed.data.state === 'pending' && row && ownsRow(actor, row) ? null : 'review state set by an editor';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Making updates

type Op = (d: Y.Doc, actor: Actor, dice: Dice) => void;

function tablesOf(d: Y.Doc): Array<[string, Y.Map<unknown>]> {
  return [...d.getMap('tables').entries()].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
}

function rowsOf(d: Y.Doc, dice: Dice): { tableId: string; rows: Y.Map<unknown>; ids: string[] } {
  const [tableId, table] = dice.pick(tablesOf(d));
  const rows = table.get('rows') as Y.Map<unknown>;
  return { tableId, rows, ids: [...rows.keys()] };
}

function someone(actor: Actor, dice: Dice): string {
  return dice.chance(0.7) ? actor.userId : dice.pick(FUZZ_ACTORS).userId;
}

function someOwners(actor: Actor, dice: Dice): string[] {
  switch (dice.int(4)) {
    case 0:
      return actor.unitId ? [actor.unitId] : [];
    case 1:
      return [dice.pick(UNITS)];
    case 2:
      return [dice.pick(UNITS), dice.pick(UNITS)];
    default:
      return [];
  }
}

function commentIds(d: Y.Doc): Array<{ rowId: string; comment: { id: string; author: string } }> {
  const out: Array<{ rowId: string; comment: { id: string; author: string } }> = [];
  for (const [rowId, list] of d.getMap('comments')) {
    if (!(list instanceof Y.Array)) continue;
    for (const value of list.toArray()) {
      const parsed = planCommentSchema.safeParse(value);
      if (parsed.success) out.push({ rowId, comment: parsed.data });
    }
  }
  return out;
}

const FIELDS = ['task', 'detail', 'lead', 'timeframe', 'output', 'note', 'label', 'supervisor', 'monitor'];

/** The ways a client changes a plan, through the domain's helpers or raw Yjs calls. */
const OPS: Record<string, Op> = {
  cellSet: (d, _a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    planDocSetCell(d, tableId, dice.pick(ids), dice.pick(FIELDS), dice.pick(TEXTS) + (dice.chance(0.5) ? ' mới' : ''));
  },
  textEdit: (d, _a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    const text = planDocCellText(d, tableId, dice.pick(ids), dice.pick(FIELDS));
    if (!text) return;
    if (text.length > 0 && dice.chance(0.4)) text.delete(dice.int(text.length), 1 + dice.int(3));
    else text.insert(dice.int(text.length + 1), dice.pick(TEXTS) || 'a');
  },
  textHuge: (d, _a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    planDocCellText(d, tableId, dice.pick(ids), 'note')?.insert(0, 'x'.repeat(25_000));
  },
  rowInsert: (d, a, dice) => {
    const { tableId } = rowsOf(d, dice);
    const kind = dice.chance(0.8) ? 'item' : 'section';
    planDocInsertRow(d, tableId, kind === 'item' ? { kind, owners: someOwners(a, dice), createdBy: someone(a, dice), cells: { task: 'Nhiệm vụ mới', lead: dice.pick(TEXTS) } } : { kind, label: 'MỤC MỚI' });
  },
  rowDelete: (d, _a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    planDocDeleteRow(d, tableId, dice.pick(ids));
  },
  rowMove: (d, _a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    const [row, anchor] = [dice.pick(ids), dice.pick(ids)];
    if (row !== anchor) planDocMoveRow(d, tableId, row, dice.chance(0.5) ? { before: anchor } : { after: anchor });
  },
  ownersSet: (d, a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    planDocSetOwners(d, tableId, dice.pick(ids), someOwners(a, dice));
  },
  rowOverwrite: (d, a, dice) => {
    const { rows, ids } = rowsOf(d, dice);
    const row = new Y.Map<unknown>();
    rows.set(dice.pick(ids), row);
    row.set('kind', 'item');
    row.set('owners', someOwners(a, dice));
    row.set('order', 'a0');
    row.set('task', new Y.Text('thay thế'));
  },
  rowKeyRaw: (d, a, dice) => {
    const { rows, ids } = rowsOf(d, dice);
    const row = rows.get(dice.pick(ids));
    if (!(row instanceof Y.Map)) return;
    const key = dice.pick(['owners', 'kind', 'createdBy', 'order', 'lead', 'note', 'label', 'zz']);
    const value = dice.pick<unknown>([someOwners(a, dice), 'item', 'section', 'a1', new Y.Text('ghi đè'), 42]);
    row.set(key, value);
  },
  rowKeyDelete: (d, _a, dice) => {
    const { rows, ids } = rowsOf(d, dice);
    const row = rows.get(dice.pick(ids));
    if (row instanceof Y.Map) row.delete(dice.pick(['owners', 'kind', 'order', 'note', 'lead']));
  },
  commentAdd: (d, a, dice) => {
    const { ids } = rowsOf(d, dice);
    const existing = commentIds(d);
    const reuse = existing.length > 0 && dice.chance(0.2) ? dice.pick(existing) : undefined;
    planDocCommentAdd(d, reuse?.rowId ?? (dice.chance(0.9) ? dice.pick(ids) : 'khong-co-dong'), {
      author: reuse && dice.chance(0.5) ? reuse.comment.author : someone(a, dice),
      text: 'Đề nghị bổ sung',
      ...(reuse ? { id: reuse.comment.id } : {}),
    });
  },
  commentResolve: (d, _a, dice) => {
    const existing = commentIds(d);
    if (existing.length === 0) return;
    const { rowId, comment } = dice.pick(existing);
    planDocCommentResolve(d, rowId, comment.id, dice.chance(0.7));
  },
  commentDelete: (d, _a, dice) => {
    const lists = [...d.getMap('comments').values()].filter((l): l is Y.Array<unknown> => l instanceof Y.Array && l.length > 0);
    if (lists.length === 0) return;
    const list = dice.pick(lists);
    list.delete(dice.int(list.length), 1);
  },
  commentListWipe: (d, _a, dice) => {
    const keys = [...d.getMap('comments').keys()];
    if (keys.length === 0) return;
    if (dice.chance(0.5)) d.getMap('comments').set(dice.pick(keys), new Y.Array());
    else d.getMap('comments').delete(dice.pick(keys));
  },
  reviewSet: (d, a, dice) => {
    const { tableId, ids } = rowsOf(d, dice);
    const target = dice.chance(0.85) ? dice.pick(ids) : dice.chance(0.5) ? tableId : 'khong-co';
    planDocReviewSet(d, target, { state: dice.pick(REVIEW_STATES), by: someone(a, dice), at: '2026-04-01T00:00:00Z', ...(dice.chance(0.1) ? { reason: 'edited' as const } : {}) });
  },
  reviewDelete: (d, _a, dice) => {
    const keys = [...d.getMap('reviews').keys()];
    if (keys.length > 0) d.getMap('reviews').delete(dice.pick(keys));
  },
  metaSet: (d, _a, dice) => planDocSetMeta(d, { planNumber: `${dice.int(100)}/KH-UBND` }),
  structure: (d, _a, dice) => {
    const [tableId] = dice.pick(tablesOf(d));
    if (dice.chance(0.5)) planDocRenameColumn(d, tableId, 'note', `Ghi chú ${dice.int(9)}`);
    else planDocSetTableTitle(d, tableId, `Bảng ${dice.int(9)}`);
  },
  foreignRoot: (d, _a, dice) => d.getMap('khac').set('x', dice.int(9)),
};

const OP_NAMES = Object.keys(OPS);

/** Applies 1–3 random operations to `d` as `actor`; returns their names. */
function opsApply(d: Y.Doc, actor: Actor, dice: Dice): string[] {
  const names: string[] = [];
  const n = 1 + dice.int(3);
  for (let i = 0; i < n; i += 1) {
    const name = dice.pick(OP_NAMES);
    if (name === 'textHuge' && !dice.chance(0.1)) continue;
    try {
      d.transact(() => (OPS[name] as Op)(d, actor, dice));
      names.push(name);
    } catch {
      // A helper refusing a bad position or a missing row is a client's own business.
    }
  }
  return names;
}

/** A client's replica of `state`, writing under `clientId`. */
function replicaOf(state: Uint8Array, clientId: number): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  // Set after loading: Yjs picks a new id when loaded content already uses its own.
  d.clientID = clientId;
  return d;
}

function updateFrom(d: Y.Doc, fn: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array): void => void updates.push(u);
  d.on('update', listen);
  fn();
  d.off('update', listen);
  return updates.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(updates);
}

/** Delete ranges over random content of the server's document (any author's). */
function randomDeletes(server: Y.Doc, dice: Dice): DeleteRanges {
  const ranges: DeleteRanges = new Map();
  const clients = [...server.store.clients.keys()];
  for (let i = 0; i < 1 + dice.int(3); i += 1) {
    const client = dice.pick(clients);
    const state = Y.getState(server.store, client);
    if (state === 0) continue;
    const clock = dice.int(state);
    ranges.set(client, [...(ranges.get(client) ?? []), { clock, len: 1 + dice.int(Math.min(20, state - clock)) }]);
  }
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// The run

export interface FuzzViolation {
  seed: number;
  caseIndex: number;
  actor: string;
  ops: string[];
  tamper: string;
  problem: string;
}

export interface FuzzReport {
  cases: number;
  accepted: number;
  refused: Record<string, number>;
  /** Accepted / refused updates per operation that went into them. */
  byOp: Record<string, { accepted: number; refused: number }>;
  violations: FuzzViolation[];
}

const TAMPERS = ['none', 'none', 'none', 'none', 'strip-deletes', 'strip-deletes', 'more-deletes', 'doubled-deletes', 'concurrent', 'stale', 'forged-client'] as const;

/** Runs `cases` random updates (or until `deadline`, a Date.now() value) from `seed`. */
export function fuzzRun(options: { seed: number; cases: number; deadline?: number; resetEvery?: number }): FuzzReport {
  const dice = new Dice(randomSeeded(options.seed));
  planDocRandomSource((bytes) => {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = dice.int(256);
  });
  const report: FuzzReport = { cases: 0, accepted: 0, refused: {}, byOp: {}, violations: [] };
  try {
    const base = Y.encodeStateAsUpdate(fuzzBaseDoc());
    let server = new Y.Doc();
    Y.applyUpdate(server, base);
    let authors = new Map<number, string>();
    const history: Uint8Array[] = [];
    const clientOf = new Map(FUZZ_ACTORS.map((a, i) => [a.userId, 1000 + i]));
    for (let i = 0; i < options.cases && (options.deadline === undefined || Date.now() < options.deadline); i += 1) {
      if (i % (options.resetEvery ?? 150) === 0 && i > 0) {
        server = new Y.Doc();
        Y.applyUpdate(server, base);
        authors = new Map();
        history.length = 0;
      }
      const actor = dice.pick(FUZZ_ACTORS);
      const state = Y.encodeStateAsUpdate(server);
      history.push(state);
      if (history.length > 8) history.shift();
      const tamper = dice.pick(TAMPERS);
      const ownClient = clientOf.get(actor.userId) as number;
      const others = [...authors].filter(([, user]) => user !== actor.userId).map(([client]) => client);
      const clientId = tamper === 'forged-client' && others.length > 0 ? dice.pick(others) : ownClient;
      const replica = replicaOf(tamper === 'stale' ? dice.pick(history) : state, clientId);
      const ops: string[] = [];
      let update = updateFrom(replica, () => ops.push(...opsApply(replica, actor, dice)));
      if (tamper === 'concurrent') {
        const branch = replicaOf(state, ownClient + 100);
        const second = updateFrom(branch, () => ops.push(...opsApply(branch, actor, dice)));
        update = Y.mergeUpdates([update, second]);
      }
      if (tamper === 'strip-deletes') update = updateStripDeletes(update);
      if (tamper === 'more-deletes') update = updateAddDeletes(update, randomDeletes(server, dice));
      if (tamper === 'doubled-deletes') update = updateAddDeletes(update, updateAddDecoded(update));
      report.cases += 1;

      const decision = updateAuthorize(server, update, actor, authors);
      const tally = (key: 'accepted' | 'refused'): void => {
        for (const op of new Set(ops)) {
          const entry = (report.byOp[op] ??= { accepted: 0, refused: 0 });
          entry[key] += 1;
        }
      };
      if (!decision.ok) {
        report.refused[decision.error.code] = (report.refused[decision.error.code] ?? 0) + 1;
        tally('refused');
        continue;
      }
      report.accepted += 1;
      tally('accepted');
      const before = fuzzView(server);
      Y.applyUpdate(server, update);
      const violation = (problem: string): void => {
        report.violations.push({ seed: options.seed, caseIndex: i, actor: `${actor.role}:${actor.userId}`, ops, tamper, problem });
      };
      if (server.store.pendingStructs || server.store.pendingDs) {
        violation('accepted update left content pending');
        server = new Y.Doc();
        Y.applyUpdate(server, base);
        authors = new Map();
        continue;
      }
      for (const client of decision.clients) if (!authors.has(client)) authors.set(client, actor.userId);
      const after = fuzzView(server);
      for (const d of differences(before, after)) {
        const problem = differenceForbidden(actor, d, before, after);
        if (problem) violation(`${problem}: ${JSON.stringify(d).slice(0, 300)}`);
      }
    }
  } finally {
    planDocRandomSource(null);
  }
  return report;
}

/** The update's own delete set, to add it a second time. */
function updateAddDecoded(update: Uint8Array): DeleteRanges {
  const decoded = Y.decodeUpdate(update) as unknown as { ds: { clients: DeleteRanges } };
  return decoded.ds.clients;
}
