/** What the data commands (user, plan) share: opening the data directory and reading a password from stdin. */
import { type UnitDirectory, unitById, unitFind, unitSearch } from '@phuluc/domain';
import { configFromEnv } from '../env.ts';
import { type Database, dbOpen } from '../store/db.ts';
import { unitsDirectory, unitsSeedIfEmpty } from '../store/units.ts';
import { CliError } from './cli-error.ts';

/** The options every data command takes. */
export const STORE_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** An open data directory: the database (migrated, units seeded) and the unit directory. */
export interface CliStore {
  db: Database;
  units: UnitDirectory;
  dataDir: string;
  close: () => void;
}

/** Opens `--data DIR` (default PHULUC_DATA_DIR or ./data), creating it on first use. */
export function cliStoreOpen(dataDir: string | undefined): CliStore {
  const config = configFromEnv(process.env, dataDir === undefined ? {} : { dataDir });
  let db: Database;
  try {
    db = dbOpen(config.dataDir);
  } catch (error) {
    throw new CliError(`Không mở được dữ liệu tại ${config.dataDir}: ${(error as Error).message}`, 1);
  }
  unitsSeedIfEmpty(db);
  return { db, units: unitsDirectory(db), dataDir: config.dataDir, close: () => db.close() };
}

/** A unit given by id or by any spelling of its name; an unknown one is a CliError with suggestions. */
export function cliUnitResolve(units: UnitDirectory, text: string): { id: string; name: string } {
  const unit = unitById(units, text.trim()) ?? unitFind(units, text);
  if (unit) return { id: unit.id, name: unit.name };
  const near = unitSearch(units, text, 5).map((u) => `  ${u.id}  (${u.name})`);
  throw new CliError(`Không tìm thấy đơn vị «${text}».${near.length ? `\nCó phải là:\n${near.join('\n')}` : ''}`);
}

/** Reads a password from standard input (all of it, without the final line break). */
export async function cliPasswordRead(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Nhập mật khẩu rồi nhấn Enter, sau đó Ctrl+D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
