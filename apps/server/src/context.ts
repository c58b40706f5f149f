/**
 * What every part of the server is handed: configuration, the database, the live documents,
 * the unit directory and the metrics. Built once by `serverStart` (tests build their own).
 */
import type { UnitDirectory } from '@phuluc/domain';
import * as Y from 'yjs';
import type { ServerConfig } from './env.ts';
import type { Metrics } from './metrics.ts';
import type { Database } from './store/db.ts';
import { DocLog, type DocLogEntry } from './store/doc-log.ts';

/** Read access to plan documents: the API needs nothing more of the sync layer's document hub. */
export interface DocReader {
  /** Runs `fn` on the live document of a plan (loading it if needed). */
  withDoc: <T>(planId: string, fn: (doc: Y.Doc) => T) => Promise<T>;
  /** Commits the updates applied in memory but not yet on disk (the hub's; absent when there are none). */
  flush?: () => void;
  /**
   * A change the server makes itself (an import): `fn` writes to the document in one
   * transaction; the update is persisted with `entry` and, by the hub, relayed to everyone
   * connected. False for an unknown plan or when `fn` changed nothing.
   */
  applyLocalTo?: (planId: string, fn: (doc: Y.Doc) => void, entry: Omit<DocLogEntry, 'planId' | 'data'>) => Promise<boolean>;
}

/** The server's shared state. `D` is the document hub's type (the sync layer's `DocHub`). */
export interface AppContext<D extends DocReader = DocReader> {
  config: ServerConfig;
  db: Database;
  docs: D;
  units: UnitDirectory;
  metrics: Metrics;
}

/**
 * A DocReader that loads each document from disk on every call — snapshot (v2) plus the update
 * log's tail (v1) — and keeps nothing in memory. For tests and tools; the running server uses
 * the sync layer's hub, which holds the live documents.
 */
export function docReaderFromDisk(db: Database): DocReader {
  const snapshotGet = db.prepare('SELECT data, upto_seq FROM doc_snapshots WHERE plan_id = ?');
  const tailGet = db.prepare('SELECT data FROM doc_updates WHERE plan_id = ? AND seq > ? ORDER BY seq');
  return {
    async withDoc<T>(planId: string, fn: (doc: Y.Doc) => T): Promise<T> {
      const doc = new Y.Doc({ gc: true });
      try {
        const snapshot = snapshotGet.get(planId) as { data: Buffer; upto_seq: number } | undefined;
        if (snapshot) Y.applyUpdateV2(doc, snapshot.data);
        for (const row of tailGet.all(planId, snapshot?.upto_seq ?? 0) as Array<{ data: Buffer }>) Y.applyUpdate(doc, row.data);
        return fn(doc);
      } finally {
        doc.destroy();
      }
    },
    async applyLocalTo(planId, fn, entry) {
      const update = await this.withDoc(planId, (doc) => {
        if (doc.store.clients.size === 0) return null; // no such plan
        const updates: Uint8Array[] = [];
        const origin = {};
        doc.on('update', (u: Uint8Array, o: unknown) => {
          if (o === origin) updates.push(u);
        });
        doc.transact(() => fn(doc), origin);
        return updates.length === 0 ? null : Y.mergeUpdates(updates);
      });
      if (!update) return false;
      new DocLog(db).append([{ ...entry, planId, data: update }]);
      return true;
    },
  };
}
