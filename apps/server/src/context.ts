/**
 * What every part of the server is handed: configuration, the records, the live documents,
 * the unit directory and the metrics. Built once by `serverStart` (tests build their own).
 */
import type { UnitDirectory } from '@phuluc/domain';
import * as Y from 'yjs';
import type { RedisLink } from './cluster/redis-link.ts';
import type { ServerConfig } from './env.ts';
import type { Metrics } from './metrics.ts';
import type { DocLogEntry, DocStore } from './store/doc-store.ts';
import type { Sql } from './store/sql.ts';

/** Read access to plan documents: the API needs nothing more of the sync layer's document hub. */
export interface DocReader {
  /** Runs `fn` on the live document of a plan (loading it if needed). */
  withDoc: <T>(planId: string, fn: (doc: Y.Doc) => T) => Promise<T>;
  /** Resolves once the updates applied in memory are on disk (the hub's; absent when there are none). */
  flush?: () => Promise<void>;
  /**
   * A change the server makes itself (an import): `fn` writes to the document in one
   * transaction; the update is persisted with `entry` and, by the hub, relayed to everyone
   * connected; resolves once it is on disk. False for an unknown plan or when `fn` changed nothing.
   */
  applyLocalTo?: (planId: string, fn: (doc: Y.Doc) => void, entry: Omit<DocLogEntry, 'planId' | 'data'>) => Promise<boolean>;
  /**
   * Several servers: where a plan's live document is (here, or the owner's address; null for no
   * such plan). Absent: always here.
   */
  ownerOf?: (planId: string) => Promise<{ url: string } | 'here' | null>;
}

/** The server's shared state. `D` is the document hub's type (the sync layer's `DocHub`). */
export interface AppContext<D extends DocReader = DocReader> {
  config: ServerConfig;
  /** The records: accounts, sessions, plans, memberships, units, audit (SQLite or PostgreSQL). */
  sql: Sql;
  /** Redis, with several servers (what moves between them and may be lost); null without. */
  redis?: RedisLink | null;
  /** Where documents and their versions are kept (the live ones go through `docs`). */
  store: DocStore;
  docs: D;
  units: UnitDirectory;
  metrics: Metrics;
}

/**
 * A DocReader that loads each document from the store on every call and keeps nothing in
 * memory. For the CLI and tests; the running server uses the sync layer's hub, which holds the
 * live documents (and goes through the same store).
 */
export function docReaderFromStore(store: DocStore): DocReader {
  return {
    async withDoc<T>(planId: string, fn: (doc: Y.Doc) => T): Promise<T> {
      const loaded = await store.load(planId);
      const doc = new Y.Doc({ gc: true });
      try {
        if (loaded) Y.applyUpdateV2(doc, loaded.state);
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
      await store.append([{ ...entry, planId, data: update }]);
      return true;
    },
  };
}
