/**
 * `phuluc store copy` as a person runs it: a real process, a real SQLite data directory (the
 * demo commune) and, when one answers, a fresh PostgreSQL database to copy it into.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeedIfEmpty } from '../demo/demo-seed.ts';
import { pgUrlRedacted } from '../store/pg.ts';
import { TEST_PASSWORD_COST, testContextCreate } from '../testing/api-context.ts';
import { pgTestAvailable, type PgTestDatabase, pgTestDatabase } from '../testing/pg-test-database.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
const available = await pgTestAvailable();
let scratch: string;

/** Runs the CLI; PHULUC_DATA_DIR points at a directory no command here may touch, and no database is configured. */
function phuluc(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PHULUC_DATA_DIR: join(scratch, 'khong-dung') };
  delete env.PHULUC_DATABASE_URL;
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'phuluc-store-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('phuluc store: the arguments', () => {
  it('copy without --to prints the usage and exits 2', () => {
    const res = phuluc(['store', 'copy', '--from', scratch]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('Cách dùng:');
    expect(res.stderr).toContain('phuluc store copy --from THƯ_MỤC_DỮ_LIỆU --to postgres://');
  });

  it('a subcommand other than copy, or none, prints the usage and exits 2', () => {
    for (const args of [['store'], ['store', 'move', '--from', scratch, '--to', 'postgres://127.0.0.1/x']]) {
      const res = phuluc(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toContain('Cách dùng:');
    }
  });

  it('copy to an address that is not postgres:// exits 2, naming it', () => {
    for (const to of ['sqlite:///var/lib/phuluc', '/var/lib/postgresql']) {
      const res = phuluc(['store', 'copy', '--from', scratch, '--to', to]);
      expect(res.code, to).toBe(2);
      expect(res.stderr, to).toContain(`--to phải là một địa chỉ postgres://…, không phải «${to}».`);
    }
    expect(existsSync(join(scratch, 'khong-dung'))).toBe(false);
  });
});

describe.skipIf(!available)('phuluc store copy into PostgreSQL', () => {
  let target: PgTestDatabase;
  let data: string;
  let units = 0;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await pgTestDatabase();
    if (!db) throw new Error('PostgreSQL went away');
    target = db;
    const t = await testContextCreate();
    data = t.dir;
    cleanup = t.cleanup;
    await demoSeedIfEmpty(t.ctx, { passwordCost: TEST_PASSWORD_COST });
    units = (await t.ctx.sql.get<{ n: number }>('SELECT count(*) AS n FROM units'))?.n ?? 0;
  });
  afterAll(async () => {
    await cleanup();
    await target.drop();
  });

  it('copies the demo commune, prints the Vietnamese summary without the password, and exits 0', () => {
    const res = phuluc(['store', 'copy', '--from', data, '--to', target.url]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toEqual([
      `Đã chép ${data} sang ${pgUrlRedacted(target.url)}: users 6, units ${units}, plans 1, memberships 5, sessions 0, doc_snapshots 1, doc_updates 0, doc_clients 0, audit 1, versions 0.`,
      'Đã so sánh tài liệu của 1 kế hoạch: giống hệt nhau.',
      '',
    ]);
    const password = new URL(target.url).password;
    if (password) expect(res.stdout).not.toContain(password);
  });

  it('leaves a database the other commands read: the demo plan, with its table', () => {
    const res = phuluc(['plan', 'list', '--database', target.url, '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject([{ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, tables: 1 }]);
  });

  it('refuses to copy a second time into the same database, exits 1 and prints nothing on stdout', () => {
    const res = phuluc(['store', 'copy', '--from', data, '--to', target.url, '--json']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('Cơ sở dữ liệu PostgreSQL đích đã có tài khoản hoặc kế hoạch');
  });

  it('refuses a --from that holds no data, exits 1 and creates nothing there', () => {
    const missing = join(scratch, 'go-nham');
    const res = phuluc(['store', 'copy', '--from', missing, '--to', target.url]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Không có dữ liệu SQLite để chép');
    expect(existsSync(missing)).toBe(false);
  });
});
