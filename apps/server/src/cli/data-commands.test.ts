/** `phuluc plan …` and `phuluc user …` as a person runs them: a real process on a real data directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipFor } from '../auth/memberships.ts';
import { passwordVerify } from '../auth/passwords.ts';
import { dbOpen } from '../store/db.ts';
import type { Sql } from '../store/sql.ts';
import { sqlSqlite } from '../store/sql-sqlite.ts';
import { userByUsername } from '../store/users.ts';
import { fixturePath } from '../testing/api-context.ts';

const BIN = fileURLToPath(new URL('../../bin/phuluc.mjs', import.meta.url));
let data: string;
let planId = '';

function phuluc(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [BIN, ...args, '--data', data], { input, encoding: 'utf8', timeout: 20_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function inDb<T>(fn: (db: Sql) => Promise<T>): Promise<T> {
  const db = sqlSqlite(dbOpen(data));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'phuluc-cli-'));
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('phuluc plan', () => {
  it('create --from FILE imports the table and prints only the plan id', () => {
    const res = phuluc(['plan', 'create', '--commune', 'Tân Thanh', '--province', 'Tuyên Quang', '--year', '2026', '--from', fixturePath('tan-thanh-2026-tasks.tsv')]);
    expect(res.stderr).not.toMatch(/Error|at /);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^[A-Za-z][\w-]{15}\n$/);
    planId = res.stdout.trim();
  });

  it('list --json lists the plan with its table', () => {
    const res = phuluc(['plan', 'list', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual([
      { id: planId, commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh', tables: 1 },
    ]);
  });

  it('create refuses a year that is not a year', () => {
    const res = phuluc(['plan', 'create', '--commune', 'Tân Kỳ', '--year', 'hai nghìn']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Năm không hợp lệ: hai nghìn');
  });
});

describe('phuluc user', () => {
  it('add reads the password from stdin and makes an editor of a unit given by any spelling', async () => {
    const res = phuluc(
      ['user', 'add', '--username', 'kinhte', '--name', 'Phòng Kinh tế', '--role', 'editor', '--unit', 'Phòng KT', '--plan', planId, '--password-stdin', '--json'],
      'mật-khẩu-kinh-tế\n',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ username: 'kinhte', role: 'editor', planId, unitName: 'Phòng Kinh tế' });
    const { user, membership } = await inDb(async (db) => {
      const u = await userByUsername(db, 'kinhte');
      return { user: u, membership: u && (await membershipFor(db, u.id, planId)) };
    });
    expect(membership?.role).toBe('editor');
    expect(await passwordVerify('mật-khẩu-kinh-tế', user?.passwordHash ?? '')).toBe(true);
  });

  it('add refuses an editor without a unit, an unknown unit, a taken username and a short password', async () => {
    const noUnit = phuluc(['user', 'add', '--username', 'vp', '--name', 'VP', '--role', 'editor', '--plan', planId, '--password-stdin'], 'mat-khau-dai\n');
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toContain('cần --unit');
    const unknown = phuluc(['user', 'add', '--username', 'vp', '--name', 'VP', '--role', 'editor', '--unit', 'Phòng Kinh', '--plan', planId, '--password-stdin'], 'mat-khau-dai\n');
    expect(unknown.stderr).toContain('Không tìm thấy đơn vị «Phòng Kinh»');
    expect(unknown.stderr).toContain('Phòng Kinh tế');
    const taken = phuluc(['user', 'add', '--username', 'KinhTe', '--name', 'X', '--role', 'viewer', '--plan', planId, '--password-stdin'], 'mat-khau-dai\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('đã có người dùng');
    const short = phuluc(['user', 'add', '--username', 'lanhdao', '--name', 'Lãnh đạo', '--role', 'reviewer', '--plan', planId, '--password-stdin'], 'ngan\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('Mật khẩu: Mật khẩu phải có ít nhất 8 ký tự.');
    expect(await inDb((db) => userByUsername(db, 'lanhdao'))).toBeUndefined();
  });

  it('grant takes a plan id that starts with a dash, as --plan=ID and as --plan ID', () => {
    for (const plan of [['--plan=-gdDZOpg0000000'], ['--plan', '-gdDZOpg0000000']]) {
      const res = phuluc(['user', 'grant', 'kinhte', '--role', 'viewer', ...plan]);
      expect(res.stderr).toContain('Không có kế hoạch mã -gdDZOpg0000000');
      expect(res.code).toBe(1);
    }
  });

  it('passwd replaces the password', async () => {
    const res = phuluc(['user', 'passwd', 'kinhte', '--password-stdin'], 'mật-khẩu-mới-2026\n');
    expect(res.code).toBe(0);
    const hash = await inDb(async (db) => (await userByUsername(db, 'kinhte'))?.passwordHash ?? '');
    expect(await passwordVerify('mật-khẩu-mới-2026', hash)).toBe(true);
    expect(await passwordVerify('mật-khẩu-kinh-tế', hash)).toBe(false);
  });
});
