/**
 * The units ("đơn vị") known to this server, stored so an admin can extend them later. First
 * start seeds them from the domain's directory; the in-memory `UnitDirectory` (matching,
 * splitting) is built from the stored rows.
 */
import { type Unit, type UnitDirectory, type UnitScope, unitDirectoryCreate, unitDirectoryDefault } from '@phuluc/domain';
import type { Sql } from './sql.ts';

interface UnitRow {
  id: string;
  name: string;
  scope: UnitScope;
  aliases: string;
}

/** Stores the units of `dir` that are not stored yet (by id); returns how many were added. */
export function unitsSeed(db: Sql, dir: UnitDirectory): Promise<number> {
  return db.transaction(async (tx) => {
    const { p: base } = (await tx.get<{ p: number }>('SELECT coalesce(max(position), -1) + 1 AS p FROM units')) as { p: number };
    let added = 0;
    for (const [i, unit] of dir.units.entries()) {
      added += await tx.run('INSERT INTO units (id, name, scope, aliases, position) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        unit.id,
        unit.name,
        unit.scope,
        JSON.stringify(unit.aliases),
        base + i,
      ]);
    }
    return added;
  });
}

/** The stored units, in directory order. */
export async function unitsList(db: Sql): Promise<Unit[]> {
  const rows = await db.all<UnitRow>('SELECT id, name, scope, aliases FROM units ORDER BY position');
  return rows.map((row) => ({ id: row.id, name: row.name, scope: row.scope, aliases: JSON.parse(row.aliases) as string[] }));
}

/** The directory built from the stored units. */
export async function unitsDirectory(db: Sql): Promise<UnitDirectory> {
  return unitDirectoryCreate(await unitsList(db));
}

/** Seeds the shipped directory into a database that has no unit yet (first start); returns how many were added. */
export async function unitsSeedIfEmpty(db: Sql): Promise<number> {
  const { n } = (await db.get<{ n: number }>('SELECT count(*) AS n FROM units')) as { n: number };
  return n === 0 ? unitsSeed(db, unitDirectoryDefault()) : 0;
}
