/**
 * The units ("đơn vị") known to this server, stored so an admin can extend them later. First
 * start seeds them from the domain's directory; the in-memory `UnitDirectory` (matching,
 * splitting) is built from the stored rows.
 */
import { type Unit, type UnitDirectory, type UnitScope, unitDirectoryCreate, unitDirectoryDefault } from '@phuluc/domain';
import type { Database } from './db.ts';

interface UnitRow {
  id: string;
  name: string;
  scope: UnitScope;
  aliases: string;
}

/** Stores the units of `dir` that are not stored yet (by id); returns how many were added. */
export function unitsSeed(db: Database, dir: UnitDirectory): number {
  const insert = db.prepare('INSERT OR IGNORE INTO units (id, name, scope, aliases, position) VALUES (?, ?, ?, ?, ?)');
  let added = 0;
  db.transaction(() => {
    const base = (db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM units').get() as { p: number }).p;
    dir.units.forEach((unit, i) => {
      added += insert.run(unit.id, unit.name, unit.scope, JSON.stringify(unit.aliases), base + i).changes;
    });
  })();
  return added;
}

/** The stored units, in directory order. */
export function unitsList(db: Database): Unit[] {
  const rows = db.prepare('SELECT id, name, scope, aliases FROM units ORDER BY position').all() as UnitRow[];
  return rows.map((row) => ({ id: row.id, name: row.name, scope: row.scope, aliases: JSON.parse(row.aliases) as string[] }));
}

/** The directory built from the stored units. */
export function unitsDirectory(db: Database): UnitDirectory {
  return unitDirectoryCreate(unitsList(db));
}

/** Seeds the shipped directory into a database that has no unit yet (first start); returns how many were added. */
export function unitsSeedIfEmpty(db: Database): number {
  const { n } = db.prepare('SELECT count(*) AS n FROM units').get() as { n: number };
  return n === 0 ? unitsSeed(db, unitDirectoryDefault()) : 0;
}
