/**
 * Test harness for the sync endpoint: a real server on 127.0.0.1:0 with a fresh data
 * directory, the Tân Thanh plan imported from the fixture, one account per role, and stock
 * `y-websocket` clients. Everything it starts, `close()` stops.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDocOrderedRowIds, planDocRowInfo, tableImportText } from '@phuluc/domain';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { membershipSet, type MemberRole } from '../auth/memberships.ts';
import { passwordHash } from '../auth/passwords.ts';
import { sessionCreate } from '../auth/sessions.ts';
import { FIXTURES_DIR } from '../fixtures.ts';
import { serverStart } from '../server.ts';
import type { DocStore } from '../store/doc-store.ts';
import { planCreate } from '../store/plans.ts';
import { syncClientOpen } from './sync-client.ts';
import { userCreate } from '../store/users.ts';

/** The repository's `fixtures/` folder. */
export { FIXTURES_DIR };

export const UNIT = {
  vhxh: 'phong-van-hoa-xa-hoi',
  kinhTe: 'phong-kinh-te',
  vanPhong: 'van-phong-hdnd-va-ubnd-xa',
  hcc: 'trung-tam-phuc-vu-hanh-chinh-cong',
} as const;

type Person = 'admin' | 'coordinator' | 'kinhTe' | 'vanPhong' | 'hcc' | 'reviewer' | 'viewer' | 'outsider';

const PEOPLE: Record<Person, { name: string; member: { role: MemberRole; unit: string | null } | null; admin?: boolean }> = {
  admin: { name: 'Quản trị', member: null, admin: true },
  coordinator: { name: 'Chị Lan (VH-XH)', member: { role: 'coordinator', unit: UNIT.vhxh } },
  kinhTe: { name: 'Anh Minh (Kinh tế)', member: { role: 'editor', unit: UNIT.kinhTe } },
  vanPhong: { name: 'Chị Hoa (Văn phòng)', member: { role: 'editor', unit: UNIT.vanPhong } },
  hcc: { name: 'Anh Tuấn (HCC)', member: { role: 'editor', unit: UNIT.hcc } },
  reviewer: { name: 'Phó Chủ tịch', member: { role: 'reviewer', unit: null } },
  viewer: { name: 'Người xem', member: { role: 'viewer', unit: null } },
  outsider: { name: 'Người ngoài', member: null },
};

export interface Harness {
  url: string;
  wsUrl: string;
  dataDir: string;
  planId: string;
  tableId: string;
  tokens: Record<Person, string>;
  userIds: Record<Person, string>;
  server: Awaited<ReturnType<typeof serverStart>>;
  /** The first row owned by that unit alone. */
  rowOwnedBy: (unitId: string) => string;
  client: (person: Person, options?: { token?: string; planId?: string }) => Client;
  close: () => Promise<void>;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  synced: () => Promise<void>;
  destroy: () => void;
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a server with the Tân Thanh plan and one account per role (set up directly in its database). */
export async function harnessStart(
  options: { dataDir?: string; databaseUrl?: string; docStore?: (dataDir: string) => DocStore } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'phuluc-sync-'));
  const server = await serverStart({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: options.databaseUrl ?? null,
    ...(options.docStore ? { docStore: options.docStore } : {}),
  });
  const { sql: db, units } = server.ctx;
  const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const plan = await planCreate(db, units, { commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, table: imported.value.table });
  const hash = await passwordHash('mật-khẩu-thử', { N: 1024, r: 8, p: 1 });
  const tokens = {} as Record<Person, string>;
  const userIds = {} as Record<Person, string>;
  for (const [person, p] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
    const user = await userCreate(db, { username: person.toLowerCase(), name: p.name, role: p.admin ? 'admin' : 'user', passwordHash: hash });
    if (p.member) await membershipSet(db, { userId: user.id, planId: plan.id, role: p.member.role, unitId: p.member.unit });
    tokens[person] = (await sessionCreate(db, user.id, { ttlMs: 3_600_000 })).token;
    userIds[person] = user.id;
  }
  const tableId = await server.ctx.docs.withDoc(plan.id, (doc) => doc.getMap('tables').keys().next().value as string);
  const soleOwner = await server.ctx.docs.withDoc(plan.id, (doc) => {
    const byUnit = new Map<string, string>();
    for (const id of planDocOrderedRowIds(doc, tableId)) {
      const info = planDocRowInfo(doc, tableId, id);
      if (info?.kind === 'item' && info.owners.length === 1 && !byUnit.has(info.owners[0] as string)) byUnit.set(info.owners[0] as string, id);
    }
    return byUnit;
  });
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const clients = new Set<Client>();

  const harness: Harness = {
    url: server.url,
    wsUrl,
    dataDir,
    planId: plan.id,
    tableId,
    tokens,
    userIds,
    server,
    rowOwnedBy(unitId) {
      const found = soleOwner.get(unitId);
      if (!found) throw new Error(`no row owned by ${unitId} alone`);
      return found;
    },
    client(person, opts = {}) {
      const opened = syncClientOpen(wsUrl, opts.planId ?? plan.id, opts.token ?? tokens[person]);
      const client: Client = {
        ...opened,
        synced: () => waitFor(() => opened.provider.synced, 5000, `${person} to sync`),
        destroy() {
          opened.destroy();
          clients.delete(client);
        },
      };
      clients.add(client);
      return client;
    },
    async close() {
      for (const c of [...clients]) c.destroy();
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
