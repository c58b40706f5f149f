/**
 * Where in the plan's layout a change lands. The server walks the structs of an incoming update
 * (`Y.decodeUpdate`) to the Y type each one is written in, and asks this module what that type is:
 * the meta, a table's title or columns, a row's order, owners or cell. Its permission check and
 * its audit both read the answer.
 */
import * as Y from 'yjs';
import { TABLE_PARTS } from './plan-doc-layout.ts';
import type { TablePart } from './plan-doc-layout.ts';
import { planDocProgressLocate } from './plan-doc-progress.ts';

/** A place in the plan document; the fields present say how deep the change is. */
export type PlanDocLocation =
  | { area: 'meta'; key?: string }
  | {
      area: 'tables';
      tableId?: string;
      part?: TablePart;
      rowId?: string;
      /** Row key: 'order' | 'owners' | 'kind' | 'createdBy' | a cell field | 'label'. */
      field?: string;
    }
  | { area: 'comments'; rowId?: string }
  | { area: 'reviews'; rowId?: string }
  | {
      area: 'progress';
      rowId?: string;
      /** A reporting period id as written ("2026-03"); whether it parses is the permission check's. */
      periodId?: string;
      /** A record's key ('status', 'result', ...), as written. */
      key?: string;
      /** True inside the record's text at `key` (characters), not a write of the key itself. */
      inText?: boolean;
    }
  | { area: 'unknown' };

const UNKNOWN: PlanDocLocation = { area: 'unknown' };

function isTablePart(key: string): key is TablePart {
  return (TABLE_PARTS as readonly string[]).includes(key);
}

/**
 * Maps the type a change is written in (`key`: the `parentSub` of the written item, i.e. the map
 * key, or null/undefined inside a text or an array) to its place in the layout, by walking
 * `_item.parent` / `_item.parentSub` up to the root's name. Anything the layout does not have —
 * another root, a type nested where none belongs, a type of the wrong kind — is `unknown`, which
 * the server refuses. `below`: types an incoming update creates inside `type` (the server does not
 * have them yet), from the outermost, each with the key it is set at, `key` being written in the last.
 */
export function planDocLocate(
  type: Y.AbstractType<unknown>,
  key?: string | null,
  below: ReadonlyArray<{ key: string | null; type: Y.AbstractType<unknown> }> = [],
): PlanDocLocation {
  // path: the map keys from the root down to `type` (null for a step inside an array or text);
  // kinds: the type found at each step, to check it is the kind the layout puts there.
  const path: Array<string | null> = [];
  const kinds: Array<Y.AbstractType<unknown>> = [];
  let current: Y.AbstractType<unknown> = type;
  for (;;) {
    const item = current._item;
    if (item === null) break;
    if (!(item.parent instanceof Y.AbstractType)) return UNKNOWN;
    path.unshift(item.parentSub);
    kinds.unshift(current);
    current = item.parent as Y.AbstractType<unknown>;
    if (path.length > 4) return UNKNOWN; // deeper than any place in the layout
  }
  for (const step of below) {
    path.push(step.key);
    kinds.push(step.type);
  }
  if (path.length > 4) return UNKNOWN;
  const doc = current.doc;
  if (!doc) return UNKNOWN;
  let root: string | undefined;
  for (const [name, shared] of doc.share) {
    if (shared === current) root = name;
  }
  const k = key ?? undefined;

  switch (root) {
    case 'meta':
      return path.length === 0 ? { area: 'meta', key: k } : UNKNOWN;
    case 'comments':
      if (path.length === 0) return { area: 'comments', rowId: k };
      if (path.length === 1 && path[0] !== null && kinds[0] instanceof Y.Array) return { area: 'comments', rowId: path[0] };
      return UNKNOWN;
    case 'reviews':
      return path.length === 0 ? { area: 'reviews', rowId: k } : UNKNOWN;
    case 'tables':
      return tablesLocate(path, kinds, k);
    case 'progress':
      return planDocProgressLocate(path, kinds, k);
    default:
      return UNKNOWN;
  }
}

function tablesLocate(path: ReadonlyArray<string | null>, kinds: ReadonlyArray<Y.AbstractType<unknown>>, key: string | undefined): PlanDocLocation {
  const [tableId, part, rowId, field] = path;
  if (path.length === 0) return { area: 'tables', tableId: key };
  if (tableId === null || tableId === undefined || !(kinds[0] instanceof Y.Map)) return UNKNOWN;
  if (path.length === 1) {
    // A write of the table map's own keys.
    if (key === undefined) return { area: 'tables', tableId };
    return isTablePart(key) ? { area: 'tables', tableId, part: key } : UNKNOWN;
  }
  const type = kinds[1];
  if (path.length === 2) {
    if (part === 'title' && type instanceof Y.Text) return { area: 'tables', tableId, part };
    if (part === 'columns' && type instanceof Y.Array) return { area: 'tables', tableId, part };
    if (part === 'rows' && type instanceof Y.Map) return { area: 'tables', tableId, part, rowId: key };
    return UNKNOWN;
  }
  if (part !== 'rows' || rowId === null || rowId === undefined || !(type instanceof Y.Map) || !(kinds[2] instanceof Y.Map)) {
    return UNKNOWN;
  }
  if (path.length === 3) return { area: 'tables', tableId, part, rowId, field: key };
  // path.length === 4: inside a cell's Y.Text.
  if (field === null || field === undefined || !(kinds[3] instanceof Y.Text)) return UNKNOWN;
  return { area: 'tables', tableId, part, rowId, field };
}
