/** What the data commands (user, plan) share: opening the storage and reading a password from stdin. */
import { type UnitDirectory, unitById, unitFind, unitSearch } from '@phuluc/domain';
import { configFromEnv } from '../env.ts';
import type { DocStore } from '../store/doc-store.ts';
import type { Sql } from '../store/sql.ts';
import { storageOpen } from '../store/storage.ts';
import { unitsDirectory } from '../store/units.ts';
import { CliError } from './cli-error.ts';

/** The options every data command takes. */
export const STORE_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Open storage: the records (migrated, units seeded), the unit directory and the documents. */
export interface CliStore {
  sql: Sql;
  docs: DocStore;
  units: UnitDirectory;
  /** Where the data is, for messages. */
  where: string;
  close: () => Promise<void>;
}

/**
 * Opens the storage: PostgreSQL with `--database URL` (or PHULUC_DATABASE_URL), else the SQLite
 * file of `--data DIR` (default PHULUC_DATA_DIR or ./data), created on first use.
 */
export async function cliStoreOpen(options: { data?: string | undefined; database?: string | undefined }): Promise<CliStore> {
  const config = configFromEnv(process.env, {
    ...(options.data === undefined ? {} : { dataDir: options.data }),
    ...(options.database === undefined ? {} : { databaseUrl: options.database }),
  });
  let storage;
  try {
    storage = await storageOpen(config);
  } catch (error) {
    throw new CliError(`Không mở được dữ liệu tại ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}: ${(error as Error).message}`, 1);
  }
  const docs = await storage.docStore('shared');
  return {
    sql: storage.sql,
    docs,
    units: await unitsDirectory(storage.sql),
    where: storage.where,
    async close() {
      await docs.close();
      await storage.close();
    },
  };
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
