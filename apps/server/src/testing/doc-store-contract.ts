/**
 * What every DocStore must do, as tests any implementation runs (the SQLite store in threads,
 * the inline one; the PostgreSQL store): a plan's document is its
 * snapshot plus the updates appended after it, in order, with sequence numbers that only grow;
 * compaction keeps the document as it was and the appends made meanwhile; a failed append
 * writes nothing. Test-only.
 */
import { planDocCellText, planDocOrderedRowIds, planDocTableIds } from '@phuluc/domain';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocLogEntry, DocStore } from '../store/doc-store.ts';

/** A store on a fresh plan (the Tân Thanh fixture) and how to dispose of both. */
export interface ContractSetup {
  store: DocStore;
  planId: string;
  /** The audit actions recorded for the plan, oldest first (read from the store's backing data). */
  auditActions: () => Promise<string[]>;
  cleanup: () => Promise<void>;
}

/** A replica of a stored plan that types into a note cell: each `type` is one update to log. */
export interface DocReplica {
  doc: Y.Doc;
  /** The note cell's text in the replica. */
  note: () => string;
  type: (text: string) => DocLogEntry;
}

/** A replica of the plan as `store` holds it, typing as `userId` into the second row's note. */
export async function docReplica(store: DocStore, planId: string, userId: string): Promise<DocReplica> {
  const loaded = await store.load(planId);
  if (!loaded) throw new Error('no plan');
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, loaded.state);
  const tableId = planDocTableIds(doc)[0] as string;
  const rowId = planDocOrderedRowIds(doc, tableId)[1] as string;
  return {
    doc,
    note: () => planDocCellText(doc, tableId, rowId, 'note')?.toString() ?? '',
    type(text) {
      const updates: Uint8Array[] = [];
      const listen = (u: Uint8Array): void => void updates.push(u);
      doc.on('update', listen);
      const cell = planDocCellText(doc, tableId, rowId, 'note');
      cell?.insert(cell.length, text);
      doc.off('update', listen);
      return { planId, data: updates[0] as Uint8Array, userId, at: 1, changes: [{ tableId, rowId, field: 'note' }], clients: [doc.clientID] };
    },
  };
}

export function docStoreContract(name: string, setUp: () => Promise<ContractSetup>): void {
  describe(`${name}: the DocStore contract`, () => {
    let s: ContractSetup;
    beforeEach(async () => {
      s = await setUp();
    });
    afterEach(async () => {
      await s.cleanup();
    });

    const replica = (): Promise<DocReplica> => docReplica(s.store, s.planId, 'u-1');

    const stateOf = async (): Promise<Y.Doc> => {
      const loaded = await s.store.load(s.planId);
      const doc = new Y.Doc();
      Y.applyUpdateV2(doc, loaded?.state ?? new Uint8Array());
      return doc;
    };

    it('knows no unknown plan', async () => {
      expect(await s.store.load('khong-co-ke-hoach')).toBeNull();
    });

    it('appends in order with growing sequence numbers, and loads them back with who writes under which client', async () => {
      const r = await replica();
      const before = (await s.store.load(s.planId))?.lastSeq ?? 0;
      const first = await s.store.append([r.type('Một'), r.type(' hai')]);
      const second = await s.store.append([r.type(' ba')]);
      expect([...first, ...second]).toEqual([before + 1, before + 2, before + 3]);
      const loaded = await s.store.load(s.planId);
      expect(loaded).toMatchObject({ lastSeq: before + 3, tailLength: 3 });
      expect(loaded?.clientAuthors.get(r.doc.clientID)).toBe('u-1');
      expect(Y.encodeStateVector(await stateOf())).toEqual(Y.encodeStateVector(r.doc));
      expect((await s.auditActions()).slice(-3)).toEqual(['update', 'update', 'update']);
    });

    it('commits concurrent appends, all of them', async () => {
      const r = await replica();
      const entries = Array.from({ length: 30 }, (_, i) => r.type(`[${i}]`));
      const seqs = (await Promise.all(entries.map((e) => s.store.append([e])))).flat();
      expect(new Set(seqs).size).toBe(30);
      expect(Y.encodeStateVector(await stateOf())).toEqual(Y.encodeStateVector(r.doc));
    });

    it('compacts to the same document, keeping what is appended meanwhile', async () => {
      const r = await replica();
      const seqs = await s.store.append(Array.from({ length: 20 }, (_, i) => r.type(`<${i}>`)));
      const upto = seqs[seqs.length - 1] as number;
      const [compacted, later] = await Promise.all([s.store.compact(s.planId, upto), s.store.append([r.type(' sau')])]);
      void compacted;
      expect(later?.[0]).toBeGreaterThan(upto);
      const loaded = await s.store.load(s.planId);
      expect(loaded).toMatchObject({ lastSeq: later?.[0], tailLength: 1 });
      expect(Y.encodeStateVector(await stateOf())).toEqual(Y.encodeStateVector(r.doc));
      // The next append still numbers after everything.
      expect((await s.store.append([r.type('!')]))[0]).toBe((later?.[0] ?? 0) + 1);
    });

    it('refuses a whole batch when one entry cannot be written, and writes none of it', async () => {
      const r = await replica();
      const before = await s.store.load(s.planId);
      const good = r.type('tốt');
      await expect(s.store.append([good, { ...good, data: null as unknown as Uint8Array }])).rejects.toThrow();
      const after = await s.store.load(s.planId);
      expect(after?.lastSeq).toBe(before?.lastSeq);
      // And the store goes on.
      expect(await s.store.append([good])).toEqual([(before?.lastSeq ?? 0) + 1]);
    });

    it('keeps named versions: saved with an audit row, listed newest first, read back as saved, only through their plan', async () => {
      const first = await s.store.versionSave({ planId: s.planId, name: 'Dự thảo lần 1', createdBy: null, snapshot: new Uint8Array([1, 2, 3]), at: 1000 });
      const second = await s.store.versionSave({ planId: s.planId, name: 'Trình ký', createdBy: null, snapshot: new Uint8Array([4, 5]), at: 2000 });
      expect(first).toMatchObject({ planId: s.planId, name: 'Dự thảo lần 1', createdAt: 1000, size: 3 });
      expect((await s.store.versionsList(s.planId)).map((v) => v.id)).toEqual([second.id, first.id]);
      expect(await s.store.versionGet(s.planId, first.id)).toEqual(first);
      expect(await s.store.versionSnapshot(s.planId, second.id)).toEqual(new Uint8Array([4, 5]));
      expect(await s.store.versionGet('khong-co-ke-hoach', first.id)).toBeUndefined();
      expect(await s.store.versionSnapshot('khong-co-ke-hoach', first.id)).toBeUndefined();
      expect((await s.auditActions()).slice(-2)).toEqual(['version.create', 'version.create']);
    });

    it('records a refusal in the audit trail', async () => {
      await s.store.reject({ planId: s.planId, userId: 'u-1', at: 1, reason: 'không được sửa', changes: [] });
      expect((await s.auditActions()).at(-1)).toBe('rejected');
    });
  });
}
