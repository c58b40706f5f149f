/**
 * A kill during compaction loses nothing: a child process writes to a large plan through the
 * SQLite document store (appends one after another, a compaction every 40 of them, running in
 * the store's reader thread while appends go on in its writer thread) and gets SIGKILL while a
 * compaction is under way. The plan then loads whole, with every update the child had seen
 * reach the disk, and the store keeps working on it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDocOrderedRowIds, planDocTableIds, tableImportText } from '@phuluc/domain';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../fixtures.ts';
import { dbOpen } from './db.ts';
import { docStoreSqlite } from './doc-store-sqlite.ts';
import { planCreate } from './plans.ts';
import { sqlSqlite } from './sql-sqlite.ts';
import { unitsDirectory, unitsSeedIfEmpty } from './units.ts';

const CHILD = join(import.meta.dirname, '../testing/store-writer-child.mjs');
const ROWS = 3000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data directory with one plan of ROWS rows grown from the Tân Thanh fixture. */
async function planOnDisk(): Promise<{ dataDir: string; planId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'phuluc-compaction-'));
  dirs.push(dataDir);
  const imported = tableImportText(readFileSync(join(FIXTURES_DIR, 'tan-thanh-2026-tasks.tsv'), 'utf8'));
  if (!imported.ok) throw new Error(imported.reason);
  const source = imported.value.table;
  const table = { ...source, rows: Array.from({ length: ROWS }, (_, i) => source.rows[i % source.rows.length] as (typeof source.rows)[number]) };
  const db = sqlSqlite(dbOpen(dataDir));
  try {
    await unitsSeedIfEmpty(db);
    return { dataDir, planId: (await planCreate(db, await unitsDirectory(db), { commune: 'Tân Thanh', year: 2026, table })).id };
  } finally {
    await db.close();
  }
}

/** Runs the writer child until `kill(lines)` says so; returns what it printed. */
async function writerRun(dataDir: string, planId: string, kill: (lines: readonly string[]) => boolean): Promise<string[]> {
  const child: ChildProcess = spawn(process.execPath, [CHILD, '--data', dataDir, '--plan', planId], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let errors = '';
  let partial = '';
  child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the writer never reached the kill point: ${lines.slice(-5).join(' | ')} ${errors}`)), 150_000);
    child.stdout?.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (kill(lines)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the writer exited (${code}): ${errors}`));
    });
  });
  await exited;
  return lines;
}

const durableCount = (lines: readonly string[]): number => lines.filter((l) => l.startsWith('durable ')).length;

describe('a kill during compaction', () => {
  it('loses nothing that was on disk, and the plan loads whole afterwards', async () => {
    const { dataDir, planId } = await planOnDisk();
    let killedMidCompaction = 0;
    let expected = 0;
    // Killed at different moments of a compaction: as it starts, and a little into it.
    for (const afterDurable of [0, 3, 10, 25]) {
      const lines = await writerRun(dataDir, planId, (seen) => {
        const started = seen.findLastIndex((l) => l.startsWith('compacting '));
        return started >= 0 && durableCount(seen.slice(started)) >= afterDurable;
      });
      const started = lines.findLastIndex((l) => l.startsWith('compacting '));
      if (!lines.slice(started).some((l) => l.startsWith('compacted '))) killedMidCompaction += 1;
      expected += durableCount(lines);

      const store = docStoreSqlite(dataDir);
      const loaded = await store.load(planId);
      await store.close();
      if (!loaded) throw new Error('the plan is gone');
      const doc = new Y.Doc();
      Y.applyUpdateV2(doc, loaded.state);
      expect(doc.store.pendingStructs).toBeNull();
      const probe = doc.getArray<number>('probe').toArray();
      // Every update reported on disk is there, once, in order (an update in flight at the kill may be too).
      expect(probe.slice(0, expected)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expected = probe.length;
      const tableId = planDocTableIds(doc)[0] ?? '';
      expect(planDocOrderedRowIds(doc, tableId)).toHaveLength(ROWS);
    }
    // The kills did land inside compactions (not only between them).
    expect(killedMidCompaction).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
