import { describe, it, expect, afterEach } from 'vitest';
import * as Y from 'yjs';
import { fixtureTable } from './plan-doc-fixtures.test-helper.ts';
import {
  planDocAddColumn,
  planDocCellText,
  planDocColumns,
  planDocCreate,
  planDocDeleteRow,
  planDocImportTable,
  planDocInsertRow,
  planDocMoveRow,
  planDocOrderedRowIds,
  planDocRandomSource,
  planDocReadTable,
  planDocRemoveColumn,
  planDocRenameColumn,
  planDocResizeColumn,
  planDocRowInfo,
  planDocSetCell,
  planDocSetOwners,
} from './plan-doc.ts';
import type { RowPosition } from './plan-doc.ts';
import { randomSeeded as prng } from './random-seeded.test-helper.ts';


const REMOTE = 'remote';
const TAN_THANH = fixtureTable('tan-thanh-2026-tasks.tsv', 'tasks-detailed');
const UNITS = ['vp', 'vhxh', 'ca', 'kt', 'hcc'];
const WORDS = ['Quý II/2026', ' báo cáo', '≥ 80%', 'chữ ký số', ' – ', 'Ngân sách xã', '😀', 'ư', 'ệ'];

interface Replica {
  doc: Y.Doc;
  /** This replica's own updates since the last exchange. */
  outbox: Uint8Array[];
}

function replicasStart(count: number, base: Y.Doc): Replica[] {
  const state = Y.encodeStateAsUpdate(base);
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1; // fixed ids: concurrent map writes resolve the same way on every run
    Y.applyUpdate(doc, state, REMOTE);
    const replica: Replica = { doc, outbox: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) replica.outbox.push(update);
    });
    return replica;
  });
}

/** Every replica receives every other replica's updates, one by one, in a random order. */
function replicasExchange(replicas: Replica[], random: () => number): void {
  for (const target of replicas) {
    const incoming = replicas.filter((r) => r !== target).flatMap((r) => r.outbox);
    for (let i = incoming.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [incoming[i], incoming[j]] = [incoming[j] as Uint8Array, incoming[i] as Uint8Array];
    }
    for (const update of incoming) Y.applyUpdate(target.doc, update, REMOTE);
  }
  for (const replica of replicas) replica.outbox = [];
}

interface Round {
  inserted: Set<string>;
  deleted: Set<string>;
}

/** One person's random edits; `keep` rows are not moved, deleted or typed into by chance. */
function editsRandom(doc: Y.Doc, tableId: string, random: () => number, count: number, who: number, keep: ReadonlySet<string>, round: Round): void {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const position = (ids: readonly string[]): RowPosition | undefined => {
    const r = random();
    if (r < 0.2 || ids.length === 0) return undefined;
    return r < 0.6 ? { after: pick(ids) } : { before: pick(ids) };
  };
  for (let n = 0; n < count; n += 1) {
    const ids = planDocOrderedRowIds(doc, tableId);
    const columns = planDocColumns(doc, tableId);
    const rowId = pick(ids);
    const op = random();
    if (op < 0.15) {
      const row = random() < 0.2 ? { kind: 'section' as const, label: `MỤC ${who}.${n}` } : { kind: 'item' as const, cells: { task: `Việc ${who}.${n}` }, owners: [pick(UNITS) ?? 'vp'] };
      round.inserted.add(planDocInsertRow(doc, tableId, row, position(ids)));
    } else if (op < 0.3 && rowId && !keep.has(rowId)) {
      const target = position(ids.filter((id) => id !== rowId)) ?? {};
      planDocMoveRow(doc, tableId, rowId, target);
    } else if (op < 0.36 && rowId && !keep.has(rowId)) {
      planDocDeleteRow(doc, tableId, rowId);
      round.deleted.add(rowId);
    } else if (op < 0.75 && rowId && !keep.has(rowId)) {
      const isSection = planDocRowInfo(doc, tableId, rowId)?.kind === 'section';
      const field = isSection ? 'label' : (pick(columns)?.field ?? 'task');
      const before = planDocCellText(doc, tableId, rowId, field)?.toString() ?? '';
      // Positions between code units would split an emoji; pick a code point boundary.
      const points = Array.from(before);
      const at = Math.floor(random() * (points.length + 1));
      const cut = random() < 0.3 ? Math.floor(random() * 4) : 0;
      const after = [...points.slice(0, at), random() < 0.8 ? (pick(WORDS) ?? '') : '', ...points.slice(at + cut)].join('');
      planDocSetCell(doc, tableId, rowId, field, after);
    } else if (op < 0.85 && rowId && planDocRowInfo(doc, tableId, rowId)?.kind === 'item') {
      planDocSetOwners(doc, tableId, rowId, UNITS.filter(() => random() < 0.4));
    } else if (op < 0.9) {
      planDocAddColumn(doc, tableId, { field: `custom:c${who}-${n}-${Math.floor(random() * 1e6)}`, label: `Cột ${who}`, width: 20 }, Math.floor(random() * columns.length));
    } else if (op < 0.95) {
      const column = pick(columns);
      if (column) planDocRenameColumn(doc, tableId, column.field, `${column.label}*`);
    } else {
      const column = pick(columns);
      if (column?.field.startsWith('custom:') && random() < 0.5) planDocRemoveColumn(doc, tableId, column.field);
      else if (column) planDocResizeColumn(doc, tableId, column.field, 10 + Math.floor(random() * 40));
    }
  }
}

afterEach(() => planDocRandomSource(null));

// A property run: about 1 s per seed on an idle machine, several times that on a busy one.
describe('replicas editing the same plan at once', { timeout: 120_000 }, () => {
  it.each([1, 2, 3, 4, 5])('converge to one table with no lost or duplicated row (seed %i)', (seed) => {
    const random = prng(seed);
    planDocRandomSource((bytes) => {
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
    });
    const base = new Y.Doc();
    base.clientID = 100;
    planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: '', planNumber: '', issuedOn: '' }, base);
    const tableId = planDocImportTable(base, TAN_THANH);
    const replicas = replicasStart(4, base);
    const expectedRows = new Set(planDocOrderedRowIds(base, tableId));
    const [first, second, third, fourth] = replicas as [Replica, Replica, Replica, Replica];

    for (let roundNo = 0; roundNo < 3; roundNo += 1) {
      const round: Round = { inserted: new Set(), deleted: new Set() };
      const ids = planDocOrderedRowIds(first.doc, tableId);
      const items = ids.filter((id) => planDocRowInfo(first.doc, tableId, id)?.kind === 'item');
      const moved = items[Math.floor(random() * items.length)] as string;
      const typed = items.find((id) => id !== moved) as string;
      const anchor = ids.find((id) => id !== moved && id !== typed) as string;
      const keep = new Set([moved, typed, anchor]);

      // Everyone moves the same row, each to a different place.
      replicas.forEach((r, i) => {
        const others = ids.filter((id) => id !== moved);
        planDocMoveRow(r.doc, tableId, moved, i % 2 ? { after: others[Math.floor(random() * others.length)] } : { before: others[Math.floor(random() * others.length)] });
      });
      // Two people type into one cell at once, at different places.
      const cell = planDocCellText(first.doc, tableId, typed, 'task')?.toString() ?? '';
      const marks = [`«${roundNo}a»`, `«${roundNo}b»`];
      const [atA, atB] = [Math.floor(random() * cell.length), Math.floor(random() * cell.length)];
      planDocSetCell(first.doc, tableId, typed, 'task', cell.slice(0, atA) + marks[0] + cell.slice(atA));
      planDocSetCell(second.doc, tableId, typed, 'task', cell.slice(0, atB) + marks[1] + cell.slice(atB));
      // Two people insert a row at the same spot at once.
      const twins = [third, fourth].map((r) => planDocInsertRow(r.doc, tableId, { kind: 'item', cells: { task: 'Cùng chỗ' } }, { after: anchor }));
      twins.forEach((id) => (round.inserted.add(id), keep.add(id)));

      replicas.forEach((r, i) => editsRandom(r.doc, tableId, random, 15, i, keep, round));
      const movedKeys = replicas.map((r) => planDocRowInfo(r.doc, tableId, moved)?.order);

      replicasExchange(replicas, random);

      for (const id of round.inserted) expectedRows.add(id);
      for (const id of round.deleted) expectedRows.delete(id);
      const tables = replicas.map((r) => planDocReadTable(r.doc, tableId));
      for (const r of replicas) {
        expect(r.doc.store.pendingStructs).toBeNull();
        expect(tables[0]).toEqual(planDocReadTable(r.doc, tableId));
        expect(Y.encodeStateVector(r.doc)).toEqual(Y.encodeStateVector(first.doc));
      }
      const order = planDocOrderedRowIds(first.doc, tableId);
      expect(new Set(order).size).toBe(order.length);
      expect([...order].sort()).toEqual([...expectedRows].sort());
      expect(order.filter((id) => id === moved)).toHaveLength(1);
      expect(movedKeys).toContain(planDocRowInfo(first.doc, tableId, moved)?.order);
      const merged = planDocCellText(first.doc, tableId, typed, 'task')?.toString() ?? '';
      for (const mark of marks) expect(merged).toContain(mark);
      expect(merged.length).toBe(cell.length + marks[0]!.length + marks[1]!.length);
      for (const twin of twins) expect(order.indexOf(twin)).toBeGreaterThan(order.indexOf(anchor));
    }

    // A late joiner loading the merged state reads the same table.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(first.doc));
    expect(planDocReadTable(late, tableId)).toEqual(planDocReadTable(first.doc, tableId));
  });
});
