/**
 * The demo commune for `phuluc serve --demo` on an empty database: the plan of Tân Thanh
 * (Tuyên Quang) 2026 imported from its real appendix table, its departments' progress reports so
 * far this year, and one account per role with a random password, returned once for printing and
 * never stored in clear.
 */
import { readFileSync } from 'node:fs';
import { AUDIT_ACTIONS, tableImportText, unitFind } from '@phuluc/domain';
import { type MemberRole, membershipSet } from '../auth/memberships.ts';
import { passwordGenerate, passwordHash } from '../auth/passwords.ts';
import type { AppContext } from '../context.ts';
import { fixturePath } from '../fixtures.ts';
import { demoProgressWrite } from './demo-progress.ts';
import { auditAppend } from '../store/audit.ts';
import { planCreate } from '../store/plans.ts';
import { UsernameTakenError, userCreate, usersCount } from '../store/users.ts';

/** The Tân Thanh table, read from the repository's `fixtures/tan-thanh-2026-tasks.tsv`. */
export function demoTableText(): string {
  return readFileSync(fixturePath('tan-thanh-2026-tasks.tsv'), 'utf8');
}

/** One demo account, with its password in clear (shown once). */
export interface DemoAccount {
  username: string;
  name: string;
  role: 'admin' | MemberRole;
  unitId: string | null;
  unitName: string | null;
  password: string;
}

/** What the demo created. */
export interface DemoSeed {
  planId: string;
  accounts: DemoAccount[];
}

/** The year of the demo plan (its table is a 2026 plan). */
export const DEMO_YEAR = 2026;

/** The demo accounts: username, display name, role, and unit (any spelling the directory knows). */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; name: string; role: 'admin' | MemberRole; unit: string | null }> = [
  { username: 'admin', name: 'Quản trị hệ thống', role: 'admin', unit: null },
  { username: 'vhxh', name: 'Phòng Văn hóa - Xã hội', role: 'coordinator', unit: 'Phòng Văn hóa - Xã hội' },
  { username: 'vanphong', name: 'Văn phòng HĐND và UBND xã', role: 'editor', unit: 'Văn phòng HĐND và UBND xã' },
  { username: 'hcc', name: 'Trung tâm Phục vụ hành chính công', role: 'editor', unit: 'Trung tâm Phục vụ hành chính công' },
  { username: 'kinhte', name: 'Phòng Kinh tế', role: 'editor', unit: 'Phòng Kinh tế' },
  { username: 'lanhdao', name: 'Phó Chủ tịch UBND xã', role: 'reviewer', unit: 'Ủy ban nhân dân xã' },
];

/**
 * Seeds the demo when the database has no account yet; null when it already has data.
 * `passwordCost` lowers the scrypt cost for tests.
 */
export async function demoSeedIfEmpty(
  ctx: Pick<AppContext, 'sql' | 'units'>,
  options: { now?: number; passwordCost?: { N: number; r: number; p: number } } = {},
): Promise<DemoSeed | null> {
  const now = options.now ?? Date.now();
  if ((await usersCount(ctx.sql)) > 0) return null;
  const imported = tableImportText(demoTableText(), { format: 'tsv' });
  if (!imported.ok) throw new Error(`demo table does not import: ${imported.reason}`);

  const prepared = await Promise.all(
    DEMO_ACCOUNTS.map(async (spec) => {
      const unit = spec.unit === null ? undefined : unitFind(ctx.units, spec.unit);
      if (spec.unit !== null && !unit) throw new Error(`demo unit not in the directory: ${spec.unit}`);
      const password = passwordGenerate();
      return { spec, unit, password, hash: await passwordHash(password, options.passwordCost) };
    }),
  );

  let planId: string;
  try {
    planId = await ctx.sql.transaction(async (tx) => {
      const users: Array<Awaited<ReturnType<typeof userCreate>>> = [];
      for (const { spec, hash } of prepared) {
        users.push(await userCreate(tx, { username: spec.username, name: spec.name, role: spec.role === 'admin' ? 'admin' : 'user', passwordHash: hash, now }));
      }
      const admin = users[0];
      // The year so far: the departments' progress reports up to the period being reported now
      // (editors for their units, the focal department for its own; the last editor is behind).
      const reporters = prepared.flatMap(({ spec, unit }, i) => {
        const user = users[i];
        return (spec.role === 'editor' || spec.role === 'coordinator') && unit && user ? [{ unitId: unit.id, userId: user.id }] : [];
      });
      const today = new Date(now).toISOString().slice(0, 10);
      const plan = await planCreate(
        tx,
        ctx.units,
        {
          commune: 'Tân Thanh',
          province: 'Tuyên Quang',
          year: DEMO_YEAR,
          table: imported.value.table,
          createdBy: admin?.id ?? null,
          now,
          docWrite: (doc) => void demoProgressWrite(doc, DEMO_YEAR, reporters, today),
        },
        (inner, created) => auditAppend(inner, { planId: created.id, userId: admin?.id ?? null, action: AUDIT_ACTIONS.planCreate, at: now }),
      );
      for (const [i, { spec, unit }] of prepared.entries()) {
        const user = users[i];
        if (!user || spec.role === 'admin') continue;
        await membershipSet(tx, { userId: user.id, planId: plan.id, role: spec.role, unitId: unit?.id ?? null, now });
      }
      return plan.id;
    });
  } catch (error) {
    // Another instance seeded the same database at the same moment: its demo stands.
    if (error instanceof UsernameTakenError) return null;
    throw error;
  }

  return {
    planId,
    accounts: prepared.map(({ spec, unit, password }) => ({
      username: spec.username,
      name: spec.name,
      role: spec.role,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
      password,
    })),
  };
}

/** The accounts as a table for the terminal: username, role, unit, password. */
export function demoAccountsTable(accounts: readonly DemoAccount[]): string {
  const head = ['Tên đăng nhập', 'Vai trò', 'Đơn vị', 'Mật khẩu'];
  const rows = accounts.map((a) => [a.username, a.role, a.unitName ?? '—', a.password]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
