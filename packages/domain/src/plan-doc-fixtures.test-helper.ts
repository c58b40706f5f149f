/**
 * Test-only: the real fixture tables as `TableModel`s (a deliberately plain reader — header rows
 * repeated at page breaks skipped, "I. CHÍNH QUYỀN SỐ" rows as sections — not the importer), and
 * the update-walking the server does to find where each change of an update lands.
 */
import * as Y from 'yjs';
import { fixtureRows } from './fixtures.test-helper.ts';
import { planDocLocate } from './plan-doc-locate.ts';
import type { PlanDocLocation } from './plan-doc-locate.ts';
import type { TableModel } from './table-model.ts';
import { TEMPLATES, templateColumnsForYear, templateTitleForYear } from './templates.ts';
import type { TemplateId } from './templates.ts';

/** Each fixture and the template it is laid out by. */
export const FIXTURE_TEMPLATES: ReadonlyArray<[string, TemplateId]> = [
  ['tan-thanh-2026-tasks.tsv', 'tasks-detailed'],
  ['xuan-loc-2026-indicators.tsv', 'indicators'],
  ['tan-ky-2026-tasks.tsv', 'tasks-basic'],
  ['tan-ky-2026-recurring.tsv', 'recurring'],
  ['tan-ky-2026-kpi.tsv', 'kpi'],
];

/** A fixture as a table, with the numbers its STT column shows (to compare with computed ones). */
export function fixtureTable(name: string, template: TemplateId): TableModel {
  const [header = [], ...body] = fixtureRows(name);
  const numbered = TEMPLATES[template].numbering.label !== null;
  const columns = templateColumnsForYear(template, 2026);
  const rows: TableModel['rows'] = [];
  for (const cells of body) {
    if (cells.join('\t') === header.join('\t')) continue;
    const first = cells[0] ?? '';
    const section = /^([IVX]+|[A-Z])\.\s+(.+)$/.exec(first);
    if (section && cells.slice(1).every((c) => c.trim() === '')) {
      rows.push({ kind: 'section', number: section[1], label: section[2] ?? '' });
      continue;
    }
    const values = numbered ? cells.slice(1) : cells;
    const record: Record<string, string> = {};
    columns.forEach((column, i) => (record[column.field] = values[i] ?? ''));
    rows.push({ kind: 'item', number: numbered ? first : '', cells: record });
  }
  return {
    title: templateTitleForYear(template, 2026),
    template,
    numbering: { ...TEMPLATES[template].numbering },
    numberWidth: TEMPLATES[template].numberWidth,
    columns,
    rows,
  };
}

function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | undefined {
  const struct: unknown = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : undefined;
}

/** The type an item is written in and its key, as the server finds them. */
function itemPlace(doc: Y.Doc, item: Y.Item): { type: Y.AbstractType<unknown>; key: string | null } | undefined {
  const parent: unknown = item.parent;
  if (typeof parent === 'string') return { type: doc.share.get(parent) as Y.AbstractType<unknown>, key: item.parentSub };
  if (parent instanceof Y.ID) {
    const container = itemAt(doc, parent);
    return container?.content instanceof Y.ContentType ? { type: container.content.type as Y.AbstractType<unknown>, key: item.parentSub } : undefined;
  }
  if (parent instanceof Y.AbstractType) return { type: parent as Y.AbstractType<unknown>, key: item.parentSub };
  // No parent written: it is the parent (and key) of the item it was inserted next to.
  const neighbour = (item.origin && itemAt(doc, item.origin)) || (item.rightOrigin && itemAt(doc, item.rightOrigin));
  return neighbour ? itemPlace(doc, neighbour) : undefined;
}

/**
 * Where every insertion and deletion of `update` lands in `doc`, applying the update on the way
 * (deletions are looked up before, insertions after, as a server with both at hand would).
 */
export function updateLocations(doc: Y.Doc, update: Uint8Array): PlanDocLocation[] {
  const decoded = Y.decodeUpdate(update);
  const out: PlanDocLocation[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      while (clock < range.clock + range.len) {
        const item = itemAt(doc, Y.createID(client, clock));
        if (!item) break;
        const place = itemPlace(doc, item);
        out.push(place ? planDocLocate(place.type, place.key) : { area: 'unknown' });
        clock = item.id.clock + item.length;
      }
    }
  }
  Y.applyUpdate(doc, update);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const place = itemPlace(doc, struct);
    out.push(place ? planDocLocate(place.type, place.key) : { area: 'unknown' });
  }
  return out;
}

/** The single update a change makes to `doc` (fails the test if it makes several or none). */
export function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array): void => void updates.push(u);
  doc.on('update', listen);
  try {
    change();
  } finally {
    doc.off('update', listen);
  }
  if (updates.length !== 1) throw new Error(`expected one update, got ${updates.length}`);
  return updates[0] as Uint8Array;
}

/** A copy of `doc`'s current state (the server's replica before the update arrives). */
export function docCopy(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
