/**
 * Test support for the API, store and CLI tests: a fresh data directory with a real SQLite
 * file, the units seeded, a context whose documents are read from disk, accounts with a cheap
 * password hash, and the real fixtures of the repository's `fixtures/` folder. Test-only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableImportText } from '@phuluc/domain';
import type { Hono } from 'hono';
import type { ApiEnv } from '../api/http.ts';
import { createApp } from '../app.ts';
import { type MemberRole, membershipSet } from '../auth/memberships.ts';
import { passwordHash } from '../auth/passwords.ts';
import { type AppContext, docReaderFromStore } from '../context.ts';
import { fixturePath } from '../fixtures.ts';
import { configCreate, type ServerConfig } from '../env.ts';
import { metricsCreate } from '../metrics.ts';
import { planCreate, type PlanRecord } from '../store/plans.ts';
import { storageOpen } from '../store/storage.ts';
import { unitsDirectory } from '../store/units.ts';
import { type UserRecord, userCreate } from '../store/users.ts';

export { fixturePath };

/** A fixture's text. */
export function fixtureRead(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** The password of every test account. */
export const TEST_PASSWORD = 'mật-khẩu-thử-1';
/** scrypt at a cost tests can afford (the stored parameters make verification use it too). */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 } as const;
let testHash: Promise<string> | undefined;

/** A context on a fresh temporary data directory; `cleanup` closes and deletes it. */
export interface TestContext {
  ctx: AppContext;
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * Creates a test context (units seeded, no account, no plan) on a SQLite file, or on the
 * PostgreSQL database `config.databaseUrl` names.
 */
export async function testContextCreate(config: Partial<ServerConfig> = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'phuluc-api-'));
  const full = configCreate({ dataDir: dir, ...config });
  const storage = await storageOpen(full);
  const store = await storage.docStore('shared');
  const ctx: AppContext = {
    config: full,
    sql: storage.sql,
    store,
    docs: docReaderFromStore(store),
    units: await unitsDirectory(storage.sql),
    metrics: metricsCreate(),
  };
  return {
    ctx,
    dir,
    async cleanup() {
      await store.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds an account with TEST_PASSWORD; with `plan`, a membership in it. */
export async function testUserAdd(
  ctx: AppContext,
  input: { username: string; name?: string; admin?: boolean; plan?: { id: string; role: MemberRole; unitId?: string | null } },
): Promise<UserRecord> {
  testHash ??= passwordHash(TEST_PASSWORD, TEST_PASSWORD_COST);
  const user = await userCreate(ctx.sql, {
    username: input.username,
    name: input.name ?? input.username,
    role: input.admin ? 'admin' : 'user',
    passwordHash: await testHash,
  });
  if (input.plan) await membershipSet(ctx.sql, { userId: user.id, planId: input.plan.id, role: input.plan.role, unitId: input.plan.unitId ?? null });
  return user;
}

/** The Tân Thanh plan imported from its fixture. */
export function testPlanTanThanh(ctx: AppContext): Promise<PlanRecord> {
  const imported = tableImportText(fixtureRead('tan-thanh-2026-tasks.tsv'), { format: 'tsv' });
  if (!imported.ok) throw new Error(imported.reason);
  return planCreate(ctx.sql, ctx.units, { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table: imported.value.table });
}

/** Logs in through the API; returns the session token. */
export async function testLogin(app: Hono<ApiEnv>, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** `Authorization: Bearer` headers for a token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** The app of a context. */
export function testApp(ctx: AppContext, now?: () => number): Hono<ApiEnv> {
  return createApp(ctx, { now });
}
