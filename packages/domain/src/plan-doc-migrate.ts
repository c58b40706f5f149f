/**
 * Bringing an older plan document up to the current layout. The server runs `planDocMigrate`
 * when it loads a document, before anyone syncs, so a migration runs once, in one place (two
 * clients migrating at once could each create the same new Y types and overwrite each other).
 */
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { PLAN_SCHEMA_VERSION, PlanDocError, progressPeriodsEnsure, rootMap, rowsMapOf } from './plan-doc-layout.ts';
import { orderKeyIsValid } from './plan-doc-order.ts';

/** Upgrades a document from the version it is keyed by to the next one (inside a transaction). */
export type PlanDocMigration = (doc: Y.Doc) => void;

/**
 * The migrations, keyed by the version they upgrade from.
 * 0 → 1: documents written before the layout had a version: stamps it, and gives every table
 * without a valid `order` key one (after the ordered ones, by id) so tables sort the same everywhere.
 * 1 → 2: every item row gets its (empty) map of progress reports, as rows created since do.
 */
export const PLAN_DOC_MIGRATIONS: Readonly<Record<number, PlanDocMigration>> = {
  0: (doc) => {
    const tables = rootMap(doc, 'tables');
    const unordered: string[] = [];
    let last: string | null = null;
    tables.forEach((table, id) => {
      if (!(table instanceof Y.Map)) return;
      const order: unknown = table.get('order');
      if (!orderKeyIsValid(order)) unordered.push(id);
      else if (last === null || order > last) last = order;
    });
    unordered.sort();
    const keys = generateNKeysBetween(last, null, unordered.length);
    unordered.forEach((id, i) => (tables.get(id) as Y.Map<unknown>).set('order', keys[i]));
  },
  1: (doc) => {
    rootMap(doc, 'tables').forEach((table) => {
      const rows = table instanceof Y.Map ? rowsMapOf(table) : undefined;
      rows?.forEach((row, rowId) => {
        if (row instanceof Y.Map && row.get('kind') === 'item') progressPeriodsEnsure(doc, rowId);
      });
    });
  },
};

/**
 * Runs the migrations from the document's `meta.schemaVersion` (0 when absent) up to `target`
 * (the current version), in one transaction with origin 'migration', and stamps the version.
 * An empty document (no meta, no tables) is not a plan yet and is left alone. A document newer
 * than this code throws `schema-too-new`: editing it with older rules could damage it.
 */
export function planDocMigrate(
  doc: Y.Doc,
  migrations: Readonly<Record<number, PlanDocMigration>> = PLAN_DOC_MIGRATIONS,
  target: number = PLAN_SCHEMA_VERSION,
): { from: number; to: number } {
  const meta = rootMap(doc, 'meta');
  const raw = meta.get('schemaVersion');
  if (raw === undefined && meta.size === 0 && rootMap(doc, 'tables').size === 0) return { from: 0, to: 0 };
  const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  if (from > target) {
    throw new PlanDocError(
      'schema-too-new',
      `Kế hoạch được lưu bằng phiên bản mới hơn (lược đồ ${from}, phần mềm này hỗ trợ đến ${target}); hãy cập nhật Phuluc.`,
    );
  }
  if (from === target) return { from, to: target };
  doc.transact(() => {
    for (let version = from; version < target; version += 1) {
      const migration = migrations[version];
      if (!migration) throw new Error(`plan document migration from version ${version} is missing`);
      migration(doc);
    }
    meta.set('schemaVersion', target);
  }, 'migration');
  return { from, to: target };
}
